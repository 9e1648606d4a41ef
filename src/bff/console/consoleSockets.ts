import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CONSOLE_SUBPROTOCOLS } from '../../common/consoleSocket';
import type { KubeConnection } from '../kube/connection';
import { parseConsolePath, subresourcePath, type ConsoleTarget } from './consolePath';
import { consoleClose, readRefusalMessage, refusalClose, type ConsoleClose } from './refusal';
import { refuseUpgrade } from '../kube/refuseUpgrade';

/** The only subprotocol KubeVirt's console and VNC WebSockets speak. */
const KUBEVIRT_PROTOCOL = 'plain.kubevirt.io';

export interface ConsoleSocketsOptions {
  /** The URL path the routes sit under, e.g. `${BFF_PATH}console/` (with its trailing slash). */
  prefix: string;
  connection: KubeConnection;
  /** The caller's `Authorization` value (header or session); the only credential sent upstream. */
  authorization(req: IncomingMessage): string | undefined;
  /** Whether the upgrade comes from a page of ours; refused with HTTP 403 before upgrading if not. */
  checkOrigin(req: IncomingMessage): boolean;
  /** Keepalive ping interval, both ways (ms); default 30 s. A side silent for two is dropped. */
  pingIntervalMs?: number;
  /** Bytes queued towards one side before the other side's reading pauses; default 1 MiB. */
  highWaterBytes?: number;
  /** The upstream's WebSocket handshake timeout (ms); default 15 s. */
  connectTimeoutMs?: number;
}

export interface ConsoleSockets {
  /** Whether an upgrade of `pathname` is one of the console routes (the server 404s others). */
  paths(pathname: string): boolean;
  /** Open browser sockets (for the BFF's metrics). */
  count(): number;
  /** Stops taking upgrades and closes every console (1001, the page may reconnect). */
  close(): void;
}

/** Largest message a browser may send (keys, pointer events, pasted text). */
const MAX_INPUT_BYTES = 1024 * 1024;
/** Largest message taken from the cluster (a framebuffer update is cut into many). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** Input a browser may send before the cluster's socket is open. */
const MAX_PENDING_BYTES = 256 * 1024;

/** A close code the BFF may send on (browsers' own 1005/1006/1015 may not be). */
const sendableCode = (code: number) =>
  code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000;

/** Codes of an upstream that went away rather than ended the session. */
const LOST_CODES = new Set([1001, 1006, 1011, 1012, 1013, 1014]);

const asBuffer = (data: RawData): Buffer =>
  Buffer.isBuffer(data)
    ? data
    : Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.from(data as ArrayBuffer);

/** One console: a browser's socket, the cluster's, and what ended them. */
interface Session {
  /** Order of arrival. */
  seq: number;
  key: string;
  target: ConsoleTarget;
  browser: WebSocket;
  upstream: WebSocket;
  /** A newer viewer without `preserveSession` opened the same console after this one. */
  takenOver: boolean;
  finish(close: ConsoleClose): void;
}

/**
 * `PREFIX vnc/NS/NAME` and `PREFIX serial/NS/NAME`: each a WebSocket bridged to the KubeVirt
 * subresource (`/vnc`, `/console`) with the caller's own token, binary frames both ways, with
 * backpressure and keepalive. Refusals are an accepted socket closed with a code of
 * `common/consoleSocket.ts` and the cluster's message; a foreign Origin gets HTTP 403.
 */
export const attachConsoleSockets = (
  server: Server,
  options: ConsoleSocketsOptions,
): ConsoleSockets => {
  const pingIntervalMs = options.pingIntervalMs ?? 30_000;
  const highWater = options.highWaterBytes ?? 1024 * 1024;
  const lowWater = Math.floor(highWater / 4);
  const sessions = new Set<Session>();
  let arrivals = 0;
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: MAX_INPUT_BYTES,
    handleProtocols: (offered) => CONSOLE_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });

  /**
   * Whether a later viewer without `preserveSession` is opening the same console: KubeVirt
   * evicts the older one, whose close may arrive before the newcomer's socket is open.
   */
  const newerViewer = (session: Session) =>
    [...sessions].some(
      (other) =>
        other.key === session.key &&
        other.seq > session.seq &&
        !other.target.preserveSession &&
        other.upstream.readyState <= WebSocket.OPEN,
    );

  /** Sends `data` to `to`; pauses reading `from` while `to` has more than the high water queued. */
  const forward = (from: WebSocket, to: WebSocket, data: Buffer) => {
    to.send(data, { binary: true }, () => {
      if (from.isPaused && to.bufferedAmount <= lowWater) from.resume();
    });
    if (to.bufferedAmount > highWater) from.pause();
  };

  const upstreamURL = (target: ConsoleTarget) => {
    const url = new URL(subresourcePath(target), options.connection.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url;
  };

  const bridge = (browser: WebSocket, target: ConsoleTarget, authorization: string) => {
    const key = `${target.kind}/${target.namespace}/${target.name}`;
    const upstream = new WebSocket(upstreamURL(target), [KUBEVIRT_PROTOCOL], {
      headers: { authorization },
      ca: options.connection.ca,
      rejectUnauthorized: true,
      perMessageDeflate: false,
      maxPayload: MAX_OUTPUT_BYTES,
      handshakeTimeout: options.connectTimeoutMs ?? 15_000,
    });
    let done = false;
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    const alive = new Map<WebSocket, boolean>([
      [browser, true],
      [upstream, true],
    ]);

    const session: Session = {
      seq: ++arrivals,
      key,
      target,
      browser,
      upstream,
      takenOver: false,
      finish(close) {
        if (done) return;
        done = true;
        clearInterval(keepalive);
        sessions.delete(session);
        if (browser.readyState === WebSocket.OPEN) browser.close(close.code, close.reason);
        if (upstream.readyState === WebSocket.OPEN) upstream.close(1000);
        else if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
      },
    };
    sessions.add(session);

    // Pings both ways keep idle proxies from cutting the session; a side that does not answer
    // within an interval (and is not merely paused by backpressure) is gone.
    const keepalive = setInterval(() => {
      for (const [side, answered] of alive) {
        if (side.readyState !== WebSocket.OPEN) continue;
        if (!answered && !side.isPaused) {
          if (side === browser) browser.terminate();
          else
            session.finish(
              consoleClose('unavailable', 'The cluster stopped answering on this console.'),
            );
          return;
        }
        alive.set(side, false);
        side.ping();
      }
    }, pingIntervalMs);
    keepalive.unref();
    for (const side of [browser, upstream]) {
      side.on('pong', () => alive.set(side, true));
      side.on('message', () => alive.set(side, true));
    }

    upstream.on('unexpected-response', (_req, response) => {
      const status = response.statusCode ?? 502;
      void readRefusalMessage(response).then((message) =>
        session.finish(refusalClose(status, message)),
      );
    });
    let opened = false;
    // Before the upgrade: unreachable, TLS refused, timed out. After: a `close` follows.
    upstream.on('error', (error: Error & { code?: string }) => {
      if (opened) return;
      session.finish(
        consoleClose(
          'unavailable',
          `Cannot reach the cluster's console at ${options.connection.server.host}: ${error.code ?? error.message}`,
        ),
      );
    });
    upstream.on('open', () => {
      opened = true;
      if (done) return;
      // KubeVirt closes the older session of a console when a newcomer does not preserve it.
      if (!target.preserveSession)
        for (const other of sessions)
          if (
            other !== session &&
            other.key === key &&
            other.upstream.readyState === WebSocket.OPEN
          )
            other.takenOver = true;
      for (const data of pending.splice(0)) forward(browser, upstream, data);
    });
    upstream.on('message', (data) => {
      if (!done) forward(upstream, browser, asBuffer(data));
    });
    upstream.on('close', (code, reason) => {
      const text = reason.toString('utf8');
      if (session.takenOver || newerViewer(session))
        return session.finish(
          consoleClose('session-taken', 'Another viewer opened this console and took it over.'),
        );
      if (LOST_CODES.has(code))
        return session.finish(
          consoleClose('unavailable', text || "The connection to the cluster's console was lost."),
        );
      session.finish(
        consoleClose(
          'upstream-closed',
          text ? `The cluster closed the console: ${text}` : 'The cluster closed the console.',
        ),
      );
    });

    browser.on('message', (data, isBinary) => {
      // KubeVirt drops text frames; so does the bridge.
      if (!isBinary || done) return;
      const bytes = asBuffer(data);
      if (upstream.readyState === WebSocket.OPEN) return forward(browser, upstream, bytes);
      pendingBytes += bytes.length;
      if (pendingBytes > MAX_PENDING_BYTES)
        return session.finish(
          consoleClose('unavailable', 'Too much input before the console opened: reconnect.'),
        );
      pending.push(bytes);
    });
    browser.on('close', (code, reason) => {
      if (done) return;
      done = true;
      clearInterval(keepalive);
      sessions.delete(session);
      if (upstream.readyState === WebSocket.OPEN)
        upstream.close(sendableCode(code), reason.toString('utf8'));
      else upstream.terminate();
    });
    browser.on('error', () => browser.terminate());
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = parseConsolePath(options.prefix, req.url ?? '/');
    if (!target) return;
    if (!options.checkOrigin(req))
      return refuseUpgrade(
        socket,
        403,
        'Forbidden',
        "This console accepts only the console's own pages.",
      );
    const authorization = options.authorization(req);
    wss.handleUpgrade(req, socket, head, (browser) => {
      if (authorization) return bridge(browser, target, authorization);
      const close = consoleClose('unauthorized', 'Log in to open the console.');
      browser.close(close.code, close.reason);
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    count: () => wss.clients.size,
    paths: (pathname) => parseConsolePath(options.prefix, pathname) !== undefined,
    close() {
      server.off('upgrade', onUpgrade);
      for (const session of [...sessions]) {
        session.finish({ kind: 'unavailable', code: 1001, reason: 'The server is shutting down.' });
        session.upstream.terminate();
      }
      for (const client of wss.clients)
        if (client.readyState !== WebSocket.CLOSED) client.terminate();
      wss.close();
    },
  };
};
