import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n-provider.js';
import { useSession } from '../session/session-context.js';

export function UserMenu() {
  const t = useT();
  const { user, logout } = useSession();
  const menu = useRef<HTMLDetailsElement>(null);

  // <details> only closes from its own summary; a menu should also close on a click elsewhere.
  useEffect(() => {
    const close = (e: MouseEvent) => {
      const el = menu.current;
      if (el?.open && e.target instanceof Node && !el.contains(e.target)) el.open = false;
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, []);

  return (
    <details ref={menu} className="user-menu" data-testid="user-menu">
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
