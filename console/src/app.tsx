import { useCallback, useEffect, useMemo, useState } from 'react';
import { authApi } from './api/api.js';
import { setUnauthorizedHandler } from './api/api-client.js';
import type { Session, Workspace } from './api/api-contract.js';
import { useT } from './i18n/i18n-provider.js';
import { LoginPage } from './pages/login-page.js';
import { navigate, parseHash } from './router.js';
import { SessionContext, type SessionValue } from './session/session-context.js';
import { chooseWorkspace, rememberWorkspace } from './session/workspace-choice.js';
import { Shell } from './shell/shell.js';

type Auth =
  | { status: 'checking' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; session: Session; workspaceId: string | null };

export function App() {
  const t = useT();
  const [auth, setAuth] = useState<Auth>({ status: 'checking' });

  const signIn = useCallback((session: Session) => {
    setAuth({ status: 'signedIn', session, workspaceId: chooseWorkspace(session.workspaces) });
    if (parseHash(window.location.hash).name === 'login') navigate({ name: 'profiles' });
  }, []);

  useEffect(() => {
    // An expired session keeps the current hash, so signing in again returns to the same page.
    setUnauthorizedHandler(() => setAuth({ status: 'signedOut' }));
    authApi.me().then(signIn, () => setAuth({ status: 'signedOut' }));
  }, [signIn]);

  const session = useMemo<SessionValue | null>(() => {
    if (auth.status !== 'signedIn') return null;
    const setWorkspaces = (workspaces: Workspace[]) =>
      setAuth((a) => {
        if (a.status !== 'signedIn') return a;
        const kept = workspaces.some((w) => w.id === a.workspaceId);
        const workspaceId = kept ? a.workspaceId : chooseWorkspace(workspaces);
        return { ...a, session: { ...a.session, workspaces }, workspaceId };
      });
    return {
      user: auth.session.user,
      workspaces: auth.session.workspaces,
      workspaceId: auth.workspaceId,
      selectWorkspace(id) {
        rememberWorkspace(id);
        setAuth((a) => (a.status === 'signedIn' ? { ...a, workspaceId: id } : a));
      },
      async refreshWorkspaces() {
        setWorkspaces((await authApi.workspaces()).workspaces);
      },
      async logout() {
        try {
          await authApi.logout();
        } finally {
          setAuth({ status: 'signedOut' });
          navigate({ name: 'login' });
        }
      },
    };
  }, [auth]);

  if (auth.status === 'checking') return <p className="splash">{t('app.loading')}</p>;
  if (session === null) return <LoginPage onSignedIn={signIn} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
