import type { IncomingMessage } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { readFile } from 'node:fs/promises';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { failureStatus } from '../common/cluster-info';
import { servedPaths, type ServerConfig } from './config';
import { readServingCertificate, watchServingCertificate } from './cluster/servingCertificate';
import { healthRoutes } from './routes/health';
import { projectRoutes } from './routes/projects';
import { versionRoutes } from './routes/version';
import { shellIndexFile, staticRoutes } from './static';
import { kubePassthrough } from './kube/passthrough';
import type { KubeConnection } from './kube/connection';
import { attachWatchSocket } from './kube/watchSocket';
import { attachConsoleSockets } from './console/index';
import { createSessionSupport } from './session/plugin';
import { syncVmIndex, VmIndex, vmsRoutes } from './vms/index';
import { createUpstream, type Authorization } from './upstream';
import { createBffMetrics, metricsRoute } from './observability/metrics';
import { prometheusRoutes, type PrometheusSource } from './prometheus/routes';
import { uploadRoutes } from './upload/index';

const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The shell and the plugin load only their own code and talk only to this server. PatternFly
 * sets inline style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
const SHELL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** What the server talks to, resolved by `main.ts` (tests pass their own). */
export interface ServerServices {
  /** The Kubernetes API; default: `config.upstreamURL` over plain fetch trust. */
  connection?: KubeConnection;
  /**
   * Standalone with the embedded cluster: its users, offered on the login page. Sessions
   * (login, HttpOnly cookie, CSRF) are on with them, and with a shell in front of a cluster the
   * server holds credentials for (a kubeconfig): there the login takes a token only.
   */
  embeddedUsers?: { username: string; token: string }[];
  /** Where metric queries go; without a source every metric route answers 503 with the reason. */
  prometheus?: { source: PrometheusSource | undefined; absentReason?: string };
  /** CDI's upload proxy when CDIConfig's is not reachable from here (in a cluster: its Service). */
  uploadProxy?: { url: string; ca?: string };
}

/** A WebSocket's Origin must be the page's own (scheme and host), as the console checks. */
const sameOrigin = (req: IncomingMessage): boolean => {
  const origin = req.headers.origin;
  if (!origin || !req.headers.host) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
};

/**
 * Wires the one server of both modes: plugin assets and the BFF (under the console's paths
 * standalone, at the root behind the console), and (standalone) the shell. The upstream is
 * whatever the configuration names. With `config.tls` it speaks HTTPS only, following the
 * certificate files as they are rotated. Throws ServingCertificateError for unusable files.
 */
export const createServer = async (
  config: ServerConfig,
  logger: FastifyServerOptions['logger'] = { level: config.logLevel },
  services: ServerServices = {},
): Promise<FastifyInstance> => {
  const options = { logger, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false };
  const certificate = config.tls ? readServingCertificate(config.tls) : undefined;
  // The routes and sockets below use only what HTTP and HTTPS servers share.
  const app = (
    certificate ? Fastify({ ...options, https: certificate }) : Fastify(options)
  ) as FastifyInstance;
  if (config.tls && certificate) {
    const watch = watchServingCertificate(
      app.server as unknown as HttpsServer,
      config.tls,
      certificate,
      { log: app.log },
    );
    app.addHook('onClose', async () => watch.stop());
  }
  const paths = servedPaths(config);
  const connection =
    services.connection ?? (config.upstreamURL ? { server: config.upstreamURL } : undefined);
  const upstream = connection ? createUpstream(connection) : undefined;
  // Standalone (a shell to log in to) against a cluster that needs credentials: the embedded
  // one, or one named by a kubeconfig. A bare `--upstream` URL (kubectl proxy, a test fixture)
  // is taken as already authenticated and gets no login.
  const standaloneLogin =
    connection !== undefined &&
    (services.embeddedUsers !== undefined || (config.shellDir !== undefined && !!connection.token));
  const session =
    connection && standaloneLogin
      ? createSessionSupport({
          connection,
          embeddedUsers: services.embeddedUsers,
          secureCookies: false,
          allowedOrigins: [],
        })
      : undefined;
  // The VM index watches with the BFF's own credential and answers each user per their access.
  const vmIndex = connection?.token ? new VmIndex() : undefined;
  if (connection && vmIndex) {
    const sync = syncVmIndex(vmIndex, connection, { log: app.log });
    app.addHook('onClose', () => sync.stop());
  }
  // In a cluster the console sends the user's token; standalone, the session holds it.
  const authorization: Authorization = (request) =>
    session ? session.authorizationFor(request) : request.headers.authorization;

  const metrics = createBffMetrics();
  metrics.instrument(app);
  if (vmIndex)
    metrics.gauge(
      'bff_vm_index_rows',
      'VMs and standalone VMIs in the VM index.',
      () => vmIndex.size,
    );

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'SAMEORIGIN');
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const code = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (code >= 500) request.log.error(error);
    return reply
      .code(code)
      .send(failureStatus(code, code >= 500 ? 'InternalError' : 'BadRequest', error.message));
  });

  await app.register(
    async (bff) => {
      await bff.register(healthRoutes, { pluginDir: config.pluginDir });
      // Scraped with a bearer token (Prometheus's), not the session: before the CSRF guard.
      await bff.register(metricsRoute, { metrics, connection });
      if (session) {
        bff.addHook('preHandler', session.csrfGuard);
        await bff.register(session.plugin);
      }
      await bff.register(versionRoutes, { upstream, authorization });
      await bff.register(projectRoutes, { upstream, authorization });
      if (connection)
        await bff.register(kubePassthrough, { prefix: '/k8s', connection, authorization });
      if (connection) {
        await bff.register(prometheusRoutes, {
          prefix: '/prometheus',
          connection,
          authorization,
          source: services.prometheus?.source,
          absentReason:
            services.prometheus?.absentReason ??
            'No Prometheus is configured: start the server with --prometheus or --thanos-querier.',
        });
        await bff.register(uploadRoutes, {
          prefix: '/upload',
          connection,
          authorization,
          uploadProxyURL: services.uploadProxy?.url,
          uploadProxyCA: services.uploadProxy?.ca,
        });
      }
      if (connection && vmIndex)
        await bff.register(vmsRoutes, { index: vmIndex, connection, authorization });
      // At the service root the server's own not-found answer (the same Status) covers the BFF.
      if (!config.atServiceRoot)
        bff.setNotFoundHandler((request, reply) =>
          reply
            .code(404)
            .send(failureStatus(404, 'NotFound', `No BFF route ${request.method} ${request.url}.`)),
        );
    },
    { prefix: paths.bff.replace(/\/$/, '') },
  );

  await app.register(staticRoutes, {
    pluginDir: config.pluginDir,
    pluginPrefix: paths.plugin,
    shellDir: config.shellDir,
  });

  const sendShell = async (reply: FastifyReply, index: string) =>
    reply
      .type('text/html')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', SHELL_CSP)
      .send(await readFile(index));

  app.get('/', async (_request, reply) => {
    const index = shellIndexFile(config.shellDir);
    if (index) return sendShell(reply, index);
    return reply
      .code(404)
      .send(failureStatus(404, 'NotFound', 'This server has no console shell.'));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const index = shellIndexFile(config.shellDir);
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith(paths.plugin) &&
      !/\.\w+(\?|$)/.test(request.url);
    if (index && isPage) return sendShell(reply, index);
    return reply.code(404).send(failureStatus(404, 'NotFound', `Nothing at ${request.url}.`));
  });

  // Behind the console the only credential is the Authorization header the console's proxy
  // sets, which a browser cannot put on a cross-site WebSocket; the console checks the Origin
  // itself and then sends its own ("http://localhost" added to the browser's), so ours is not
  // compared. Otherwise a WebSocket must come from our own pages.
  const checkOrigin = (req: IncomingMessage) =>
    session ? session.originAllowed(req) : config.atServiceRoot === true || sameOrigin(req);

  // WebSocket paths the server answers; any other upgrade is refused rather than left hanging.
  const upgradePaths = new Set<string>();
  if (connection) {
    const path = `${paths.bff}k8s-watch`;
    upgradePaths.add(path);
    const watches = attachWatchSocket(app.server, {
      path,
      connection,
      authorization: (req) => (session ? session.authorizationFor(req) : req.headers.authorization),
      checkOrigin,
    });
    app.addHook('onClose', () => watches.close());
    metrics.gauge(
      'bff_watch_sockets',
      'Open k8s-watch WebSockets.',
      () => watches.counts().sockets,
    );
    metrics.gauge(
      'bff_watches',
      'Watches running over k8s-watch sockets.',
      () => watches.counts().watches,
    );
  }
  const consoles = connection
    ? attachConsoleSockets(app.server, {
        prefix: `${paths.bff}console/`,
        connection,
        authorization: (req) =>
          session ? session.authorizationFor(req) : req.headers.authorization,
        checkOrigin,
      })
    : undefined;
  if (consoles) {
    app.addHook('onClose', () => consoles.close());
    metrics.gauge('bff_console_sockets', 'Open console WebSockets (VNC and serial).', () =>
      consoles.count(),
    );
  }
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const pathname = new URL(req.url ?? '/', 'http://bff').pathname;
    if (upgradePaths.has(pathname) || consoles?.paths(pathname)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  return app;
};
