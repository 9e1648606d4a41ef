// VNC access to a VMI: a socket to QEMU's VNC unix socket (it speaks RFB 003.008), and the
// one-session-per-VMI rule of KubeVirt: a new connection closes the old one, unless the
// newcomer asked `preserveSession`, in which case the newcomer is refused with "Active VNC
// connection. Request denied." (KubeVirt answers HTTP 503, text/plain). The API layer bridges
// the socket to a WebSocket; nothing here knows about WebSockets.
import type net from 'node:net';
import { connectUnixSocket } from './qmp';

export const VNC_DENIED_MESSAGE = 'Active VNC connection. Request denied.';

/**
 * Connects to a VNC unix socket (retrying briefly while it does not exist yet). The socket has
 * a no-op `error` listener, so a reset from QEMU shows as `close` instead of an uncaught error.
 */
export const connectVnc = async (socketPath: string, timeoutMs = 5_000): Promise<net.Socket> => {
  const socket = await connectUnixSocket(socketPath, { timeoutMs });
  socket.on('error', () => undefined);
  return socket;
};

/** A newcomer refused because a session is active and it asked to preserve it. */
export class SessionDeniedError extends Error {
  /** The HTTP status KubeVirt answers with. */
  readonly httpStatus = 503;
  constructor(message: string) {
    super(message);
    this.name = 'SessionDeniedError';
  }
}

export interface ClaimOptions {
  /** Refuse instead of closing an active session. */
  preserveSession?: boolean;
  /** Called when a newer session takes over; close the connection here. */
  onEvict: () => void;
}

export interface SessionLease {
  readonly key: string;
  readonly id: number;
  /** Whether this lease is still the active session for its key. */
  readonly active: boolean;
  /** Ends the session; a no-op when it was already evicted or released. */
  release(): void;
}

/** One active session per key (a VMI, per console type). */
export class SessionRegistry {
  readonly deniedMessage: string;
  #sessions = new Map<string, { id: number; onEvict: () => void }>();
  #nextId = 1;

  constructor(deniedMessage = VNC_DENIED_MESSAGE) {
    this.deniedMessage = deniedMessage;
  }

  has(key: string): boolean {
    return this.#sessions.has(key);
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Throws {@link SessionDeniedError} when `preserveSession` is set and a session is active. */
  check(key: string, preserveSession = false): void {
    if (preserveSession && this.#sessions.has(key)) {
      throw new SessionDeniedError(this.deniedMessage);
    }
  }

  /**
   * Makes the caller the active session for `key`, evicting the previous one, or throws
   * {@link SessionDeniedError} when `preserveSession` is set and one is active.
   */
  claim(key: string, { preserveSession = false, onEvict }: ClaimOptions): SessionLease {
    this.check(key, preserveSession);
    const previous = this.#sessions.get(key);
    const id = this.#nextId++;
    this.#sessions.set(key, { id, onEvict });
    if (previous) {
      try {
        previous.onEvict();
      } catch {
        // the old session's cleanup must not stop the new one
      }
    }
    const sessions = this.#sessions;
    return {
      key,
      id,
      get active() {
        return sessions.get(key)?.id === id;
      },
      release: () => {
        if (sessions.get(key)?.id === id) sessions.delete(key);
      },
    };
  }

  /** Evicts whatever session `key` has (e.g. when the VMI stops). */
  evict(key: string): void {
    const session = this.#sessions.get(key);
    if (!session) return;
    this.#sessions.delete(key);
    session.onEvict();
  }
}

export interface VncSession {
  socket: net.Socket;
  lease: SessionLease;
}

export interface OpenVncOptions {
  preserveSession?: boolean;
  timeoutMs?: number;
  /** Called when a newer session closes this one. */
  onEvicted?: () => void;
}

/**
 * Opens a VNC session for `key`: refuses a `preserveSession` newcomer while one is active,
 * otherwise connects first (a failed connect leaves the current session alone) and then
 * closes the previous session. The lease is released when the socket closes.
 */
export const openVncSession = async (
  registry: SessionRegistry,
  key: string,
  socketPath: string,
  { preserveSession = false, timeoutMs, onEvicted }: OpenVncOptions = {},
): Promise<VncSession> => {
  registry.check(key, preserveSession);
  const socket = await connectVnc(socketPath, timeoutMs);
  let lease: SessionLease;
  try {
    lease = registry.claim(key, {
      preserveSession,
      onEvict: () => {
        onEvicted?.();
        socket.destroy();
      },
    });
  } catch (error) {
    socket.destroy();
    throw error;
  }
  socket.once('close', () => lease.release());
  return { socket, lease };
};
