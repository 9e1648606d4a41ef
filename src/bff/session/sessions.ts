import { randomBytes } from 'node:crypto';

/** A logged-in user. The token stays here, on the server: the browser only holds the id. */
export interface Session {
  id: string;
  csrfToken: string;
  token: string;
  username: string;
  groups: string[];
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionStoreOptions {
  /** A session unused for this long ends (default 8 h). */
  idleMs?: number;
  /** A session ends this long after login, however busy (default 24 h). */
  absoluteMs?: number;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

export interface SessionStore {
  create(user: { token: string; username: string; groups?: string[] }): Session;
  /** The live session with this id, marked as used now; undefined once expired or unknown. */
  get(id: string | undefined): Session | undefined;
  destroy(id: string | undefined): void;
  readonly size: number;
}

export const DEFAULT_IDLE_MS = 8 * 60 * 60 * 1000;
export const DEFAULT_ABSOLUTE_MS = 24 * 60 * 60 * 1000;

/** 256 random bits, URL-safe, so they go into cookies and headers unescaped. */
const randomId = () => randomBytes(32).toString('base64url');

/** Sessions in memory: a restart of the BFF logs everyone out, which is what standalone wants. */
export const createSessionStore = ({
  idleMs = DEFAULT_IDLE_MS,
  absoluteMs = DEFAULT_ABSOLUTE_MS,
  now = Date.now,
}: SessionStoreOptions = {}): SessionStore => {
  const sessions = new Map<string, Session>();
  const expired = (session: Session, at: number) =>
    at - session.lastSeenAt >= idleMs || at - session.createdAt >= absoluteMs;
  // Expired sessions nobody asks for again are dropped at the next login, so memory stays bounded
  // by the sessions of one day.
  const sweep = (at: number) => {
    for (const [id, session] of sessions) if (expired(session, at)) sessions.delete(id);
  };
  return {
    create({ token, username, groups = [] }) {
      const at = now();
      sweep(at);
      const session: Session = {
        id: randomId(),
        csrfToken: randomId(),
        token,
        username,
        groups,
        createdAt: at,
        lastSeenAt: at,
      };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (!id) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const at = now();
      if (expired(session, at)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeenAt = at;
      return session;
    },
    destroy(id) {
      if (id) sessions.delete(id);
    },
    get size() {
      return sessions.size;
    },
  };
};
