import type { KubernetesStatus } from '../../common/cluster-info';
import { bffURL } from './bff';

/** What to watch: an API collection path (no query) and the version to start after. */
export interface WatchRequest {
  path: string;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchEvent<T = unknown> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: T;
}

export interface WatchHandlers {
  onEvent(event: WatchEvent): void;
  /** The server ended the watch: with its `Status` (410 Expired: re-list), or none (closed). */
  onEnd(error?: KubernetesStatus): void;
  /** The socket dropped and is back: the server forgot this watch; re-list and watch again. */
  onReconnect(): void;
}

/** The part of the browser's WebSocket this uses (a test double or `ws` fits). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface WatchConnectionOptions {
  /** The socket's URL; default the BFF's `k8s-watch` on this page's host. */
  url?: () => string;
  createSocket?: (url: string) => WebSocketLike;
  /** Waits between reconnects: doubling from `initialMs` up to `maxMs`, with jitter. */
  backoff?: { initialMs: number; maxMs: number };
  /** How long an unused socket stays open (a page change often watches again at once). */
  idleCloseMs?: number;
}

const OPEN = 1;

/** `ws://host/api/proxy/plugin/…/bff/k8s-watch` (`wss:` under https). */
export const defaultWatchURL = (): string => {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${bffURL('k8s-watch')}`;
};

interface Subscription {
  request: WatchRequest;
  handlers: WatchHandlers;
  /** Sent on a socket that has since closed: the server no longer runs it. */
  lost: boolean;
  sent: boolean;
}

/**
 * Many watches over one `k8s-watch` WebSocket. The socket opens with the first watch, closes a
 * while after the last one stops, and reopens after a drop with a bounded, jittered backoff;
 * each watch it carried is then told to re-list (`onReconnect`).
 */
export class WatchConnection {
  private socket: WebSocketLike | undefined;
  private readonly subscriptions = new Map<string, Subscription>();
  private nextId = 1;
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly url: () => string;
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly backoff: { initialMs: number; maxMs: number };
  private readonly idleCloseMs: number;

  constructor(options: WatchConnectionOptions = {}) {
    this.url = options.url ?? defaultWatchURL;
    this.createSocket =
      options.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
    this.idleCloseMs = options.idleCloseMs ?? 5000;
  }

  /** Starts a watch; the function returned stops it. */
  watch(request: WatchRequest, handlers: WatchHandlers): () => void {
    const id = String(this.nextId++);
    const subscription: Subscription = { request, handlers, lost: false, sent: false };
    this.subscriptions.set(id, subscription);
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.socket?.readyState === OPEN) this.send(id, subscription);
    else if (!this.socket && !this.reconnectTimer) this.open();
    return () => this.stop(id);
  }

  /** Watches running or waiting for the socket. */
  get size(): number {
    return this.subscriptions.size;
  }

  /** Stops every watch and closes the socket now (a session ended). */
  dispose(): void {
    this.subscriptions.clear();
    this.closeSocket();
  }

  private stop(id: string) {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    this.subscriptions.delete(id);
    if (subscription.sent && this.socket?.readyState === OPEN)
      this.socket.send(JSON.stringify({ id, action: 'stop' }));
    this.closeWhenIdle();
  }

  /** With no watches left: no reconnect, and the socket closes after `idleCloseMs`. */
  private closeWhenIdle() {
    if (this.subscriptions.size > 0) return;
    if (this.reconnectTimer || !this.socket) return this.closeSocket();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.subscriptions.size === 0) this.closeSocket();
    }, this.idleCloseMs);
  }

  private closeSocket() {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.idleTimer);
    this.reconnectTimer = undefined;
    this.idleTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    socket.close(1000, 'No watches left.');
  }

  private send(id: string, subscription: Subscription) {
    const { path, resourceVersion, labelSelector, fieldSelector } = subscription.request;
    this.socket?.send(
      JSON.stringify({ id, action: 'watch', path, resourceVersion, labelSelector, fieldSelector }),
    );
    subscription.sent = true;
  }

  private open() {
    let socket: WebSocketLike;
    try {
      socket = this.createSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      for (const [id, subscription] of [...this.subscriptions]) {
        if (subscription.lost) {
          // The server forgot it: the owner lists again and starts a new watch.
          this.subscriptions.delete(id);
          subscription.handlers.onReconnect();
        } else if (!subscription.sent) this.send(id, subscription);
      }
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      for (const subscription of this.subscriptions.values())
        if (subscription.sent) subscription.lost = true;
      if (this.subscriptions.size > 0) this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** this.attempts);
    this.attempts += 1;
    // Jitter spreads the reconnects of many pages after a BFF restart.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.subscriptions.size > 0) this.open();
    }, delay);
  }

  private receive(data: unknown) {
    let message: { id?: string; event?: WatchEvent; error?: KubernetesStatus; closed?: boolean };
    try {
      message = JSON.parse(String(data)) as typeof message;
    } catch {
      return;
    }
    const subscription = message.id === undefined ? undefined : this.subscriptions.get(message.id);
    if (!subscription || message.id === undefined) return;
    if (message.event) subscription.handlers.onEvent(message.event);
    else if (message.error || message.closed) {
      this.subscriptions.delete(message.id);
      subscription.handlers.onEnd(message.error);
      this.closeWhenIdle();
    }
  }
}
