import { LanguageSwitch } from '../components/language-switch.js';
import { useT } from '../i18n/i18n-provider.js';
import { hrefFor, type Route } from '../router.js';
import { UserMenu } from './user-menu.js';
import { WorkspaceSwitch } from './workspace-switch.js';

export function TopBar({ route }: { route: Route }) {
  const t = useT();
  const section = route.name === 'ingest' ? 'ingest' : 'profiles';
  return (
    <header className="top-bar">
      <a className="brand" href={hrefFor({ name: 'profiles' })}>
        {t('app.name')}
      </a>
      <nav aria-label={t('nav.label')}>
        <a
          href={hrefFor({ name: 'profiles' })}
          aria-current={section === 'profiles' ? 'page' : undefined}
          data-testid="nav-profiles"
        >
          {t('nav.profiles')}
        </a>
        <a
          href={hrefFor({ name: 'ingest' })}
          aria-current={section === 'ingest' ? 'page' : undefined}
          data-testid="nav-ingest"
        >
          {t('nav.ingest')}
        </a>
      </nav>
      <div className="top-bar-end">
        <WorkspaceSwitch />
        <LanguageSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
