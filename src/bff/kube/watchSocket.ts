import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  failureStatus,
  isKubernetesStatus,
  type KubernetesStatus,
} from '../../common/cluster-info';
import { kubeRequest, UpstreamUnavailableError, type KubeConnection } from './connection';
import { checkKubePath } from './kubePath';
import { refuseUpgrade } from './refuseUpgrade';

export interface WatchSocketOptions {
  /** The URL path the socket is opened on (the BFF prefix + e.g. `k8s-watch`). */
  path: string;
  connection: KubeConnection;
  /** The caller's `Authorization` value, from the upgrade request (header or session). */
  authorization(req: IncomingMessage): string | undefined;
  /** Whether the upgrade comes from a page of ours; refused with 403 before upgrading if not. */
  checkOrigin(req: IncomingMessage): boolean;
  /** Bytes queued for a slow client before its socket is closed (1013); default 8 MiB. */
  maxBufferedBytes?: number;
  /** Watches one socket may run at once; default 100. */
  maxWatches?: number;
  /**
   * Times a dropped watch is resumed in a row while the cluster cannot be reached (default 8,
   * the waits doubling from `resumeDelayMs`, default 250 ms, to 16 times that).
   */
  resumeAttempts?: number;
  resumeDelayMs?: number;
  /** Connect + first-byte timeout of each upstream watch (ms). */
  timeoutMs?: number;
}

export interface WatchSocket {
  /** Open sockets and the watches they run (for the BFF's metrics). */
  counts(): { sockets: number; watches: number };
  /** Stops taking upgrades and closes every socket (their upstream watches end with them). */
  close(): void;
}

/** `{"id":"1","action":"watch","path":"/apis/…","resourceVersion":"123"}` or a stop. */
interface WatchMessage {
  id: string;
  action: 'watch' | 'stop';
  path?: string;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_EVENT_BYTES = 16 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const badRequest = (message: string) => failureStatus(400, 'BadRequest', message);

type Parsed =
  { ok: true; message: WatchMessage } | { ok: false; id?: string; status: KubernetesStatus };

const parseMessage = (data: RawData): Parsed => {
  let message: Partial<WatchMessage>;
  try {
    message = JSON.parse(data.toString()) as Partial<WatchMessage>;
  } catch {
    return { ok: false, status: badRequest('A message must be JSON: {"id", "action", …}.') };
  }
  if (typeof message?.id !== 'string' || message.id === '' || message.id.length > 128)
    return {
      ok: false,
      status: badRequest('A message needs an "id": a string of 1 to 128 characters.'),
    };
  const { id } = message;
  const refuse = (text: string): Parsed => ({ ok: false, id, status: badRequest(text) });
  if (message.action === 'stop') return { ok: true, message: { id, action: 'stop' } };
  if (message.action !== 'watch')
    return refuse(`Unknown action ${JSON.stringify(message.action)}: use watch or stop.`);
  for (const key of ['resourceVersion', 'labelSelector', 'fieldSelector'] as const)
    if (message[key] !== undefined && typeof message[key] !== 'string')
      return refuse(`"${key}" must be a string.`);
  const path = message.path;
  if (typeof path !== 'string' || !/^\/apis?\//.test(path) || path.includes('?'))
    return refuse('"path" must be an API path (/api/… or /apis/…) without a query.');
  const check = checkKubePath(path);
  if (!check.ok) return refuse(check.message);
  return { ok: true, message: message as WatchMessage };
};

/** The upstream's refusal as a Status (its own when it sent one). */
const readStatus = async (response: IncomingMessage): Promise<KubernetesStatus> => {
  const code = response.statusCode ?? 502;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_ERROR_BODY_BYTES) break;
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (isKubernetesStatus(body)) return body;
  } catch {
    // Not JSON: described below.
  }
  return failureStatus(code, STATUS_CODES[code] ?? 'Error', `The cluster answered HTTP ${code}.`);
};

const watchTarget = (message: WatchMessage) => {
  const query = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true' });
  if (message.resourceVersion) query.set('resourceVersion', message.resourceVersion);
  if (message.labelSelector) query.set('labelSelector', message.labelSelector);
  if (message.fieldSelector) query.set('fieldSelector', message.fieldSelector);
  return `${message.path}?${query}`;
};

/**
 * Several watches over one WebSocket, each a chunked watch upstream with the caller's own
 * token, resumed from its last resourceVersion when the upstream drops. Each watch ends with
 * exactly one `{"id","error":Status}` (refused, expired: the client re-lists; or unreachable)
 * or `{"id","closed":true}` (stopped, or ended with no version to resume from).
 */
export const attachWatchSocket = (server: Server, options: WatchSocketOptions): WatchSocket => {
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const maxWatches = options.maxWatches ?? 100;
  const resumeAttempts = options.resumeAttempts ?? 8;
  const resumeDelayMs = options.resumeDelayMs ?? 250;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const perSocket = new Set<Map<string, AbortController>>();

  const serve = (ws: WebSocket, authorization: string) => {
    const watches = new Map<string, AbortController>();
    perSocket.add(watches);
    const stopAll = () => {
      for (const controller of watches.values()) controller.abort();
      watches.clear();
    };

    const send = (message: object) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify(message));
      if (ws.bufferedAmount <= maxBuffered) return;
      // A client that cannot keep up loses its socket rather than the BFF its memory.
      stopAll();
      ws.close(1013, 'Watch events are not read fast enough: reconnect and re-list.');
    };
    /** Ends watch `id` with its last message, unless it was already ended or replaced. */
    const finish = (id: string, controller: AbortController, last: object) => {
      if (watches.get(id) !== controller) return;
      watches.delete(id);
      controller.abort();
      send({ id, ...last });
    };

    /**
     * One watch: the upstream watch as the caller, resumed from the last resourceVersion seen
     * when the upstream ends or drops (an API server restart, its own watch timeout), so the
     * client sees one unbroken stream. It ends with an error when the cluster refuses (a 410:
     * the client re-lists) or stays unreachable, and `closed` when there is nothing to resume.
     */
    const run = async (message: WatchMessage, controller: AbortController) => {
      const { id } = message;
      let resourceVersion = message.resourceVersion;
      let failures = 0;
      const unavailable = (error: unknown) =>
        error instanceof UpstreamUnavailableError
          ? failureStatus(
              error.code,
              error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
              error.message,
            )
          : failureStatus(500, 'InternalError', (error as Error).message);

      while (watches.get(id) === controller) {
        let response: IncomingMessage;
        try {
          response = await kubeRequest(
            options.connection,
            watchTarget({ ...message, resourceVersion }),
            { authorization, signal: controller.signal, timeoutMs: options.timeoutMs },
          );
        } catch (error) {
          if (controller.signal.aborted) return;
          // Down before the first answer, or for longer than the retries: say so.
          if (resourceVersion === undefined || failures >= resumeAttempts)
            return finish(id, controller, { error: unavailable(error) });
          failures += 1;
          await pause(resumeDelayMs * 2 ** Math.min(failures - 1, 4), controller.signal);
          continue;
        }
        if (response.statusCode !== 200)
          return finish(id, controller, { error: await readStatus(response) });
        failures = 0;
        const ended = await relay(id, controller, response, (version) => {
          resourceVersion = version;
        });
        if (ended === 'finished') return;
        if (resourceVersion === undefined) return finish(id, controller, { closed: true });
      }
    };

    /** Passes events on until the upstream ends ('ended') or the watch is over ('finished'). */
    const relay = (
      id: string,
      controller: AbortController,
      response: IncomingMessage,
      seen: (resourceVersion: string) => void,
    ) =>
      new Promise<'ended' | 'finished'>((resolve) => {
        let pending = '';
        const end = (how: 'ended' | 'finished', last?: object) => {
          response.removeAllListeners('data');
          if (last) finish(id, controller, last);
          if (how === 'finished') response.destroy();
          resolve(how);
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          pending += chunk;
          let newline: number;
          while ((newline = pending.indexOf('\n')) !== -1) {
            const line = pending.slice(0, newline).trim();
            pending = pending.slice(newline + 1);
            if (line === '') continue;
            let event: { type?: string; object?: { metadata?: { resourceVersion?: string } } };
            try {
              event = JSON.parse(line) as typeof event;
            } catch {
              const status = failureStatus(
                502,
                'BadGateway',
                'The cluster sent a watch event that is not JSON.',
              );
              return end('finished', { error: status });
            }
            // An ERROR event (410 Expired above all) ends the watch: the client re-lists.
            if (event.type === 'ERROR') return end('finished', { error: event.object });
            if (watches.get(id) !== controller) return end('finished');
            const version = event.object?.metadata?.resourceVersion;
            if (version) seen(version);
            // Bookmarks only move the version on; the client has nothing to do with them.
            if (event.type !== 'BOOKMARK') send({ id, event });
          }
          if (pending.length > MAX_EVENT_BYTES)
            end('finished', {
              error: failureStatus(502, 'BadGateway', 'A watch event is larger than 16 MiB.'),
            });
        });
        response.on('close', () => end(watches.get(id) === controller ? 'ended' : 'finished'));
        response.on('error', () => undefined);
      });

    ws.on('message', (data: RawData) => {
      const parsed = parseMessage(data);
      if (!parsed.ok)
        return send(parsed.id ? { id: parsed.id, error: parsed.status } : { error: parsed.status });
      const { message } = parsed;
      const { id } = message;
      if (message.action === 'stop') {
        const controller = watches.get(id);
        if (controller) return finish(id, controller, { closed: true });
        return send({ id, closed: true });
      }
      if (watches.has(id))
        return send({
          id,
          error: failureStatus(409, 'AlreadyExists', `A watch with id ${id} is already running.`),
        });
      if (watches.size >= maxWatches)
        return send({
          id,
          error: failureStatus(
            429,
            'TooManyRequests',
            `One socket runs at most ${maxWatches} watches.`,
          ),
        });
      const controller = new AbortController();
      watches.set(id, controller);
      run(message, controller).catch((error: Error) =>
        finish(id, controller, { error: failureStatus(500, 'InternalError', error.message) }),
      );
    });
    ws.on('close', () => {
      stopAll();
      perSocket.delete(watches);
    });
    ws.on('error', () => ws.terminate());
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://bff').pathname !== options.path) return;
    if (!options.checkOrigin(req))
      return refuseUpgrade(
        socket,
        403,
        'Forbidden',
        "This WebSocket accepts only the console's own pages.",
      );
    const authorization = options.authorization(req);
    if (!authorization)
      return refuseUpgrade(socket, 401, 'Unauthorized', 'Log in to watch the Kubernetes API.');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, authorization));
  };
  server.on('upgrade', onUpgrade);

  return {
    counts: () => ({
      sockets: wss.clients.size,
      watches: [...perSocket].reduce((sum, watches) => sum + watches.size, 0),
    }),
    close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
};
