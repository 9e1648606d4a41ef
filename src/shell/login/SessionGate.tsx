import { useEffect, type ReactNode } from 'react';
import { PageLoading } from '../routes/PluginRoutes';
import { setUnauthorizedHandler } from '../sdk/consoleFetch';
import { setPreferenceUser } from '../sdk/useUserPreference';
import { LoginPage } from './LoginPage';
import { fetchSession, reloadPage, useSession } from './session';

/**
 * The app when there is a session (or when the BFF has none to offer), the login page when the
 * BFF says nobody is logged in. A 401 from any later call asks again; if the session has ended,
 * a fresh page starts at the login.
 */
export const SessionGate = ({ children }: { children: ReactNode }) => {
  const session = useSession();
  const loggedIn = session.data?.state === 'in';
  // Preferences are the signed-in user's (set before the pages below render).
  setPreferenceUser(session.data?.state === 'in' ? session.data.user.username : '');
  useEffect(() => {
    if (!loggedIn) return;
    let checking = false;
    setUnauthorizedHandler(() => {
      // The check's own 401 calls this again: one check at a time. A 401 with the session still
      // alive is the cluster refusing the token; the page that got it shows that error.
      if (checking) return;
      checking = true;
      fetchSession()
        .then((next) => next.state === 'out' && reloadPage())
        .catch(() => undefined)
        .finally(() => (checking = false));
    });
    return () => setUnauthorizedHandler(undefined);
  }, [loggedIn]);

  if (session.isPending) return <PageLoading />;
  if (session.data?.state === 'out') return <LoginPage />;
  return children;
};
