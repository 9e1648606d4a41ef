import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { BFF_PATH } from '../../common/paths';
import { consoleFetchJSON } from '../sdk/consoleFetchJSON';
import { HttpError } from '../sdk/HttpError';

export interface SessionUser {
  username: string;
  groups: string[];
}

/**
 * Who is using the shell: logged in, logged out, or `none` when the BFF has no sessions (no
 * cluster configured), where the shell runs without a login.
 */
export type SessionState =
  { state: 'in'; user: SessionUser } | { state: 'out' } | { state: 'none' };

export const SESSION_QUERY_KEY = ['bff', 'session'] as const;
const SESSION_URL = `${BFF_PATH}session`;

const toState = (body: unknown): SessionState => {
  const { username, groups } = body as SessionUser;
  return { state: 'in', user: { username, groups } };
};

/** Logged out is an answer, not an error: 401 gives `out` (and 404 `none`), without a throw. */
export const fetchSession = async (): Promise<SessionState> => {
  try {
    return toState(await consoleFetchJSON(SESSION_URL));
  } catch (error) {
    if (error instanceof HttpError && error.code === 401) return { state: 'out' };
    if (error instanceof HttpError && error.code === 404) return { state: 'none' };
    throw error;
  }
};

export const useSession = () =>
  useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession, staleTime: Infinity });

/** What the login form sends: an embedded-cluster user's name, or a pasted token. */
export type Credentials = { username: string } | { token: string };

export const logIn = async (credentials: Credentials): Promise<SessionState> =>
  toState(await consoleFetchJSON.post(`${SESSION_URL}/login`, credentials));

export const logOut = () => consoleFetchJSON.post(`${SESSION_URL}/logout`, {});

/** The embedded cluster's user names; empty when the BFF talks to a real cluster. */
export const fetchLoginUsers = async (): Promise<string[]> =>
  ((await consoleFetchJSON(`${SESSION_URL}/users`)) as { items: string[] }).items;

/**
 * Told on `window` when the user changes (the plugin's data layer listens under this name and
 * drops its caches and watches: nothing one user loaded is shown to the next).
 */
export const SESSION_CHANGED_EVENT = 'virtualization-shell:session-changed';

/**
 * Forgets everything the last user loaded: the shell's cache (but the session itself, which the
 * gate observes and the caller sets next) and, through the event, the plugin's.
 */
export const forgetLastUser = (queryClient: QueryClient) => {
  queryClient.removeQueries({
    predicate: (query) =>
      query.queryKey.length !== SESSION_QUERY_KEY.length ||
      SESSION_QUERY_KEY.some((part, index) => query.queryKey[index] !== part),
  });
  window.dispatchEvent(new Event(SESSION_CHANGED_EVENT));
};

/**
 * A fresh page after a session ends, so nothing the last user loaded (the shell's or the plugin's
 * caches) is left in memory for the next one.
 */
export const reloadPage = (to?: string) => {
  if (to) window.location.assign(to);
  else window.location.reload();
};

export const useLogOut = () => {
  const queryClient = useQueryClient();
  return async () => {
    // Whatever the answer, the fresh page shows whether the session is still there.
    await logOut().catch(() => undefined);
    forgetLastUser(queryClient);
    queryClient.setQueryData<SessionState>(SESSION_QUERY_KEY, { state: 'out' });
    reloadPage('/');
  };
};
