import { useT } from '../i18n/i18n-provider.js';
import { useSession } from '../session/session-context.js';

export function UserMenu() {
  const t = useT();
  const { user, logout } = useSession();
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary aria-label={t('user.menu')}>{user.name || user.email}</summary>
      <div className="menu">
        <p className="muted">{t('user.signedInAs', { email: user.email })}</p>
        <button type="button" onClick={() => void logout()} data-testid="logout">
          {t('user.logout')}
        </button>
      </div>
    </details>
  );
}
