// Test doubles for the data layer's unit tests: a WebSocket the test drives by hand and a fetch
// answering from a table, standing where the BFF would.
import { BFF_PATH } from '../../common/paths';
import type { WebSocketLike } from './watchConnection';

interface WatchMessage {
  id: string;
  action: 'watch' | 'stop';
  path?: string;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** A `k8s-watch` socket: `open()`, `event()`, `error()`, `drop()` play the server's part. */
export class FakeWebSocket implements WebSocketLike {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];

  readyState = 0;
  readonly sent: WatchMessage[] = [];
  closedByClient = false;
  /** Watches the server ended (error or closed). */
  readonly ended = new Set<string>();
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  static reset() {
    FakeWebSocket.instances = [];
  }

  static get last(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('No socket was opened.');
    return socket;
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as WatchMessage);
  }

  close() {
    this.closedByClient = true;
    this.readyState = 3;
  }

  open() {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server side went away. */
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }

  /** Watches started and neither stopped nor ended. */
  get watches(): WatchMessage[] {
    const stopped = new Set(this.sent.filter((m) => m.action === 'stop').map((m) => m.id));
    return this.sent.filter(
      (m) => m.action === 'watch' && !stopped.has(m.id) && !this.ended.has(m.id),
    );
  }

  /** The one running watch of `path` (throws if none or several). */
  watchOf(path: string): WatchMessage {
    const found = this.watches.filter((m) => m.path === path);
    if (found.length !== 1) throw new Error(`${found.length} watches of ${path} are running.`);
    return found[0] as WatchMessage;
  }

  receive(message: { id?: string; event?: unknown; error?: unknown; closed?: boolean }) {
    if (message.id && (message.error || message.closed)) this.ended.add(message.id);
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  event(id: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: object) {
    this.receive({ id, event: { type, object } });
  }

  error(id: string, code: number, reason: string, message = reason) {
    this.receive({
      id,
      error: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message },
    });
  }
}

export interface FakeAnswer {
  status?: number;
  body?: unknown;
}

export interface FakeCall {
  method: string;
  /** The URL after the BFF prefix: `k8s/apis/…?…`. */
  path: string;
  headers: Headers;
  body?: unknown;
}

/**
 * A fetch that answers BFF calls from `answer(call)` and records them in `calls`. Answers are
 * JSON; a missing answer is a 404 Status.
 */
export const fakeBFF = (answer: (call: FakeCall) => FakeAnswer | undefined) => {
  const calls: FakeCall[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const call: FakeCall = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.startsWith(BFF_PATH) ? url.slice(BFF_PATH.length) : url,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const result = answer(call) ?? {
      status: 404,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, message: 'nothing' },
    };
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status: result.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch, calls };
};

/** A minimal object with identity and version. */
export const object = (
  name: string,
  resourceVersion: string,
  extra: { namespace?: string; uid?: string; labels?: Record<string, string> } = {},
) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: {
    name,
    namespace: extra.namespace ?? 'ns',
    uid: extra.uid ?? `uid-${name}`,
    resourceVersion,
    labels: extra.labels,
  },
});
