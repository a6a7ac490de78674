import { LanguageSwitch } from '../components/language-switch.js';
import { useT } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { hrefFor, type Route } from '../router.js';
import { UserMenu } from './user-menu.js';
import { WorkspaceSwitch } from './workspace-switch.js';

type Section = 'profiles' | 'segments' | 'models' | 'ingest' | 'settings';

const SECTIONS: ReadonlyArray<{ section: Section; label: MessageKey }> = [
  { section: 'profiles', label: 'nav.profiles' },
  { section: 'segments', label: 'nav.segments' },
  { section: 'models', label: 'nav.models' },
  { section: 'ingest', label: 'nav.ingest' },
  { section: 'settings', label: 'nav.settings' },
];

function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'login':
    case 'profiles':
    case 'profile':
      return 'profiles';
    case 'segment':
      // Model segments (`lifecycle:new`) are opened from the models page.
      return route.id.includes(':') ? 'models' : 'segments';
    case 'segments':
    case 'segmentNew':
    case 'segmentEdit':
    case 'lists':
      return 'segments';
    case 'models':
      return 'models';
    case 'ingest':
      return 'ingest';
    case 'settings':
      return 'settings';
  }
}

export function TopBar({ route }: { route: Route }) {
  const t = useT();
  const current = sectionOf(route);
  return (
    <header className="top-bar">
      <a className="brand" href={hrefFor({ name: 'profiles' })}>
        {t('app.name')}
      </a>
      <nav aria-label={t('nav.label')}>
        {SECTIONS.map(({ section, label }) => (
          <a
            key={section}
            href={hrefFor({ name: section })}
            aria-current={section === current ? 'page' : undefined}
            data-testid={`nav-${section}`}
          >
            {t(label)}
          </a>
        ))}
      </nav>
      <div className="top-bar-end">
        <WorkspaceSwitch />
        <LanguageSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
