import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parse as parseYAML } from 'yaml';
import {
  encodeOpenAPIV2Protobuf,
  OPENAPI_V2_PROTOBUF_ACCEPT,
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
} from '../registry/openapi';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject, RequestAttributes, ResourceType, UserInfo } from '../types';
import type { FieldValidation } from './admit';
import {
  decodeKubernetesProtobuf,
  isKubernetesProtobuf,
  ProtobufDecodeError,
  ProtobufUnsupportedError,
} from './protobuf';
import type { Discovery } from './discovery';
import { ApiError, badRequest, methodNotAllowed, qualifiedResource } from './errors';
import { parseRequestInfo, type RequestInfo } from './requestInfo';
import { groupVersion, storageResource, type ResourceRegistry } from './resourceRegistry';
import type { ResourceService } from './resources';
import { applyScale, toScale } from './scale';
import { toTable, wantsTable } from './table';
import { KUBEVIRT_CONSOLE_PROTOCOL } from './consoles';
import { applyMergePatch } from '../patch/mergePatch';
import { startWatch, type WatchEvent } from './watch';
import { must, nameOf } from '../objectRefs';
import type { HttpRoute } from '../modules/clusterModule';

export interface Authorizer {
  authorize(user: UserInfo, attributes: RequestAttributes): { allowed: boolean; reason: string };
}

/** A kind whose requests are answered by code rather than (only) by the store. */
export interface SpecialResource {
  /** Set when the handler makes its own RBAC decisions (projects: per-namespace visibility). */
  readonly authorizesItself?: boolean;
  /** Returns undefined to fall through to the generic handling. */
  handle(context: RequestContext): Promise<HandlerResult | undefined>;
}

export interface RequestContext {
  info: Extract<RequestInfo, { isResource: true }>;
  rt: ResourceType | undefined;
  user: UserInfo;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: () => Promise<unknown>;
}

export interface HandlerResult {
  status: number;
  body: unknown;
  /** A non-JSON answer (a PNG screenshot), sent as is. */
  raw?: { contentType: string; data: Buffer };
  warnings?: string[];
}

export interface ApiServerParts {
  store: ObjectStore;
  registry: ResourceRegistry;
  resources: ResourceService;
  discovery: Discovery;
  authenticate: (authorization: string | undefined) => UserInfo | undefined;
  authorizer: Authorizer;
  /** Handlers keyed by `group/plural` (core group: `core/plural`). */
  special: Map<string, SpecialResource>;
  /** Non-resource GET documents (version, openapi), by path. */
  documents: (path: string, query: URLSearchParams) => unknown;
  /** Prometheus text for `/metrics` (the kubevirt_* series). */
  metrics?: () => string;
  /** Bridges a VMI's serial console or VNC to a WebSocket (throws ApiError when it cannot). */
  openConsole?: (
    target: { namespace: string; name: string; kind: 'serial' | 'vnc'; preserveSession: boolean },
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    wss: WebSocketServer,
  ) => void;
  /** For writes to RBAC objects: refuses what would grant more than the writer holds. */
  rbacWriteCheck?: (user: UserInfo) => (object: KubeObject, verb: 'create' | 'update') => void;
  bookmarkMs?: number;
  /** Plain HTTP endpoints beside the API, matched by prefix before authentication. */
  routes?: () => HttpRoute[];
}

const MAX_BODY = 3 * 1024 * 1024;
const UNAUTHENTICATED_PATHS = new Set(['/healthz', '/livez', '/readyz']);

const send = (res: ServerResponse, status: number, body: unknown, warnings: string[] = []) => {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(status, headers);
  res.end(text);
};

const readBody = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(
          new ApiError(
            413,
            'RequestEntityTooLarge',
            `the request body is larger than ${MAX_BODY} bytes`,
          ),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (isKubernetesProtobuf(req.headers['content-type'] ?? '')) {
        // kubectl's typed commands (create configmap, auth can-i, …) send protobuf, and client-go
        // does not retry in JSON: decode the kinds it sends, refuse the others with 415.
        try {
          resolve(decodeKubernetesProtobuf(Buffer.concat(chunks)));
        } catch (error) {
          if (error instanceof ProtobufUnsupportedError)
            reject(new ApiError(415, 'UnsupportedMediaType', error.message));
          else if (error instanceof ProtobufDecodeError) reject(badRequest(error.message));
          else reject(error);
        }
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve(undefined);
      try {
        const yaml = /yaml/.test(req.headers['content-type'] ?? '');
        resolve(yaml ? parseYAML(text) : JSON.parse(text));
      } catch (error) {
        reject(badRequest(`the request body could not be decoded: ${(error as Error).message}`));
      }
    });
    req.on('error', reject);
  });

const fieldValidationOf = (query: URLSearchParams): FieldValidation => {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value !== 'Strict' && value !== 'Warn' && value !== 'Ignore') {
    throw badRequest(`fieldValidation must be one of Strict, Warn or Ignore, not "${value}"`);
  }
  return value;
};

const forbiddenMessage = (user: UserInfo, a: RequestAttributes, rt?: ResourceType) => {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const what = rt ? qualifiedResource(rt) : a.resource;
  const named = a.name ? `${what} "${a.name}"` : what;
  const where = a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
  return `${named} is forbidden: User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}"${where}`;
};

/**
 * The HTTP face of the embedded cluster: authentication, RBAC, discovery and documents, and the
 * REST verbs (with watch over chunked HTTP or WebSocket) for every kind the registry serves.
 */
export class ApiServer {
  // Answer with the console protocol when offered, never with a protocol carrying a token.
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      const offered = [...protocols].filter(
        (p) => !p.startsWith('base64url.bearer.authorization.k8s.io.'),
      );
      return offered.find((p) => p === KUBEVIRT_CONSOLE_PROTOCOL) ?? offered[0] ?? false;
    },
  });

  constructor(private readonly parts: ApiServerParts) {}

  /** Ends every WebSocket (watches, consoles): they outlive the HTTP server's own connections. */
  closeSockets() {
    for (const client of this.wss.clients) client.terminate();
  }

  handle = (req: IncomingMessage, res: ServerResponse) => {
    void this.dispatch(req, res).catch((error: unknown) => this.fail(res, error));
  };

  private fail(res: ServerResponse, error: unknown) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            'InternalError',
            `Internal error occurred: ${(error as Error).message}`,
          );
    if (apiError.code >= 500) console.error(error);
    if (res.headersSent) {
      res.end();
      return;
    }
    send(res, apiError.code, apiError.toStatus());
  }

  private authenticateRequest(req: IncomingMessage): UserInfo {
    let authorization = req.headers.authorization;
    // WebSocket clients that cannot set headers send the token as a subprotocol.
    const protocol = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .find((p) => p.startsWith('base64url.bearer.authorization.k8s.io.'));
    if (!authorization && protocol) {
      authorization = `Bearer ${Buffer.from(protocol.slice('base64url.bearer.authorization.k8s.io.'.length), 'base64url').toString('utf8')}`;
    }
    const user = this.parts.authenticate(authorization);
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return user;
  }

  private authorize(user: UserInfo, attributes: RequestAttributes, rt?: ResourceType) {
    const decision = this.parts.authorizer.authorize(user, attributes);
    if (!decision.allowed) {
      throw new ApiError(403, 'Forbidden', forbiddenMessage(user, attributes, rt), {
        name: attributes.name,
        group: attributes.apiGroup,
        kind: attributes.resource,
      });
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://embedded');
    const route = this.parts.routes?.().find((r) => url.pathname.startsWith(r.prefix));
    if (route) {
      await route.handle(req, res, url);
      return;
    }
    if (UNAUTHENTICATED_PATHS.has(url.pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    const user = this.authenticateRequest(req);
    const info = parseRequestInfo(
      req.method ?? 'GET',
      url.pathname,
      url.searchParams,
      (g, v, plural) => !!this.parts.registry.find(g, v, plural)?.namespaced,
    );
    if (!info.isResource) {
      this.authorize(user, {
        verb: info.verb,
        apiGroup: '',
        resource: '',
        nonResourceURL: url.pathname,
      });
      if (url.pathname === '/metrics' && this.parts.metrics) {
        const text = this.parts.metrics();
        res.writeHead(200, {
          'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(text)),
        });
        res.end(text);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw methodNotAllowed(`${req.method} is not allowed on ${url.pathname}`);
      const document = this.nonResource(url.pathname, url.searchParams);
      if (document === undefined)
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      // kubectl reads /openapi/v2 only as protobuf.
      if (
        url.pathname === '/openapi/v2' &&
        String(req.headers.accept ?? '').includes(OPENAPI_V2_PROTOBUF_ACCEPT)
      ) {
        const bytes = encodeOpenAPIV2Protobuf(
          document as Parameters<typeof encodeOpenAPIV2Protobuf>[0],
        );
        res.writeHead(200, {
          'Content-Type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
          'Content-Length': String(bytes.length),
        });
        res.end(bytes);
        return;
      }
      send(res, 200, document);
      return;
    }
    const rt = this.parts.registry.find(info.group, info.version, info.resource);
    const special = this.parts.special.get(`${info.group || 'core'}/${info.resource}`);
    if (!special?.authorizesItself) {
      this.authorize(
        user,
        {
          verb: info.verb,
          apiGroup: info.group,
          resource: info.resource,
          subresource: info.subresource,
          namespace: info.namespace,
          name: info.name,
        },
        rt,
      );
    }
    const context: RequestContext = {
      info,
      rt,
      user,
      query: url.searchParams,
      headers: req.headers,
      body: () => readBody(req),
    };
    const answered = await special?.handle(context);
    if (answered?.raw) {
      res.writeHead(answered.status, {
        'Content-Type': answered.raw.contentType,
        'Content-Length': String(answered.raw.data.length),
        'Cache-Control': 'no-store',
      });
      res.end(answered.raw.data);
      return;
    }
    if (answered) {
      send(res, answered.status, answered.body, answered.warnings);
      return;
    }
    if (!rt)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (info.verb === 'watch') {
      this.watchOverHTTP(rt, context, req, res);
      return;
    }
    const result = await this.rest(rt, context);
    send(res, result.status, result.body, result.warnings);
  }

  private nonResource(pathname: string, query: URLSearchParams): unknown {
    const { discovery } = this.parts;
    const path = pathname.replace(/\/$/, '') || '/';
    if (path === '/api') return discovery.coreVersions();
    if (path === '/apis') return discovery.groupList();
    if (path === '/api/v1') return discovery.resourceList('', 'v1');
    const groupMatch = /^\/apis\/([^/]+)$/.exec(path);
    if (groupMatch) return discovery.group(groupMatch[1] ?? '');
    const gvMatch = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (gvMatch) return discovery.resourceList(gvMatch[1] ?? '', gvMatch[2] ?? '');
    return this.parts.documents(path, query);
  }

  /** The REST verbs on a stored kind. */
  async rest(rt: ResourceType, context: RequestContext): Promise<HandlerResult> {
    const { info, query } = context;
    const { resources } = this.parts;
    const dryRun = query.getAll('dryRun').includes('All');
    const verb = info.verb;
    const check =
      rt.group === 'rbac.authorization.k8s.io'
        ? this.parts.rbacWriteCheck?.(context.user)
        : undefined;
    if (
      !rt.verbs.includes(verb) &&
      !(info.subresource && ['get', 'update', 'patch'].includes(verb))
    ) {
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
    if (info.subresource === 'scale' && rt.subresources?.scale)
      return this.scale(rt, context, dryRun);
    switch (verb) {
      case 'get': {
        if (info.subresource && info.subresource !== 'status')
          throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        const object = resources.get(rt, info.namespace, must(info.name, 'name'));
        return { status: 200, body: this.present(rt, object, context) };
      }
      case 'list': {
        const limit = query.get('limit');
        const list = resources.list(rt, info.namespace, {
          labelSelector: query.get('labelSelector') ?? undefined,
          fieldSelector: query.get('fieldSelector') ?? undefined,
          limit: limit ? Number(limit) : undefined,
          continue: query.get('continue') ?? undefined,
        });
        if (wantsTable(context.headers.accept)) {
          return {
            status: 200,
            body: toTable(rt, list.items, list.metadata, includeObjectOf(query)),
          };
        }
        return { status: 200, body: list };
      }
      case 'create': {
        if (info.name && !info.subresource)
          throw methodNotAllowed('POST is not allowed on a named resource');
        const { object, warnings } = await resources.create(
          rt,
          info.namespace,
          await context.body(),
          {
            dryRun,
            fieldValidation: fieldValidationOf(query),
            check,
          },
        );
        return { status: 201, body: this.present(rt, object, context), warnings };
      }
      case 'update': {
        const { object, warnings } = await resources.update(
          rt,
          info.namespace,
          must(info.name, 'name'),
          await context.body(),
          info.subresource,
          {
            dryRun,
            fieldValidation: fieldValidationOf(query),
            check,
          },
        );
        return { status: 200, body: this.present(rt, object, context), warnings };
      }
      case 'patch': {
        const contentType = String(
          context.headers['content-type'] ?? 'application/merge-patch+json',
        );
        const { object, warnings, created } = await resources.patch(
          rt,
          info.namespace,
          must(info.name, 'name'),
          contentType,
          await context.body(),
          info.subresource,
          {
            dryRun,
            fieldValidation: fieldValidationOf(query),
            force: query.get('force') === 'true',
            check,
          },
        );
        return {
          status: created ? 201 : 200,
          body: this.present(rt, object, context),
          warnings,
        };
      }
      case 'delete': {
        const body = ((await context.body()) ?? {}) as {
          propagationPolicy?: string;
          preconditions?: object;
          orphanDependents?: boolean;
        };
        const policy =
          query.get('propagationPolicy') ??
          body.propagationPolicy ??
          (body.orphanDependents ? 'Orphan' : undefined);
        if (policy && !['Foreground', 'Background', 'Orphan'].includes(policy))
          throw badRequest(
            `propagationPolicy must be Foreground, Background or Orphan, not "${policy}"`,
          );
        const { object, finished } = await resources.delete(
          rt,
          info.namespace,
          must(info.name, 'name'),
          {
            dryRun,
            fieldValidation: 'Ignore',
            propagationPolicy: policy as 'Foreground' | 'Background' | 'Orphan' | undefined,
            preconditions: body.preconditions as
              { uid?: string; resourceVersion?: string } | undefined,
          },
        );
        return { status: finished ? 200 : 202, body: object };
      }
      case 'deletecollection': {
        const list = resources.list(rt, info.namespace, {
          labelSelector: query.get('labelSelector') ?? undefined,
          fieldSelector: query.get('fieldSelector') ?? undefined,
        });
        for (const item of list.items) {
          await resources
            .delete(rt, item.metadata.namespace, nameOf(item), {
              dryRun,
              fieldValidation: 'Ignore',
            })
            .catch(() => undefined);
        }
        return { status: 200, body: { ...list, items: list.items } };
      }
      default:
        throw methodNotAllowed(`verb ${verb} is not supported on ${qualifiedResource(rt)}`);
    }
  }

  /** GET, PUT or PATCH (merge) of the autoscaling/v1 Scale of a scalable kind. */
  private async scale(
    rt: ResourceType,
    context: RequestContext,
    dryRun: boolean,
  ): Promise<HandlerResult> {
    const scale = must(rt.subresources?.scale, 'scale subresource');
    const { info } = context;
    const name = must(info.name, 'name');
    const current = this.parts.resources.get(rt, info.namespace, name);
    if (info.verb === 'get') return { status: 200, body: toScale(current, scale) };
    if (info.verb !== 'update' && info.verb !== 'patch')
      throw methodNotAllowed(`${info.verb} is not supported on ${rt.plural}/scale`);
    const body = await context.body();
    const posted = info.verb === 'patch' ? applyMergePatch(toScale(current, scale), body) : body;
    const next = applyScale(current, scale, posted);
    const { object } = await this.parts.resources.update(
      rt,
      info.namespace,
      name,
      next,
      undefined,
      { dryRun, fieldValidation: 'Ignore' },
    );
    return { status: 200, body: toScale(object, scale) };
  }

  /** One object, or a one-row Table when the client asked for Tables. */
  private present(rt: ResourceType, object: KubeObject, context: RequestContext): unknown {
    if (wantsTable(context.headers.accept)) {
      return toTable(
        rt,
        [object],
        { resourceVersion: object.metadata.resourceVersion ?? '' },
        includeObjectOf(context.query),
      );
    }
    return object;
  }

  private watchOptions(
    rt: ResourceType,
    context: RequestContext,
    send: (event: WatchEvent) => void,
  ) {
    const { query, info } = context;
    const matches = this.parts.resources.filter(rt, {
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
    });
    const table = wantsTable(context.headers.accept);
    const withType = (object: KubeObject): KubeObject => ({
      ...object,
      apiVersion: groupVersion(rt),
      kind: rt.kind,
    });
    return {
      resource: storageResource(rt),
      namespace: info.namespace,
      name: info.name,
      matches,
      resourceVersion: query.get('resourceVersion') ?? undefined,
      sendInitialEvents: query.get('sendInitialEvents') === 'true',
      allowBookmarks: query.get('allowWatchBookmarks') === 'true',
      bookmarkMs: this.parts.bookmarkMs,
      present: (object: KubeObject) =>
        table
          ? toTable(
              rt,
              [withType(object)],
              { resourceVersion: object.metadata.resourceVersion },
              includeObjectOf(query),
            )
          : withType(object),
      bookmarkObject: (rv: number, initialEventsEnd?: boolean) => ({
        apiVersion: groupVersion(rt),
        kind: rt.kind,
        metadata: {
          resourceVersion: String(rv),
          ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
        },
      }),
      send,
    };
  }

  private watchOverHTTP(
    rt: ResourceType,
    context: RequestContext,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    let started = false;
    const write = (event: WatchEvent) => {
      if (!started) {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Transfer-Encoding': 'chunked',
          'Cache-Control': 'no-cache, private',
        });
        started = true;
      }
      res.write(`${JSON.stringify(event)}\n`);
    };
    let stop: () => void;
    try {
      stop = startWatch(this.parts.store, this.watchOptions(rt, context, write));
    } catch (error) {
      // As kube-apiserver does: a watch that cannot start answers with an ERROR event (410 Gone
      // makes clients re-list).
      if (!(error instanceof ApiError)) throw error;
      write({ type: 'ERROR', object: error.toStatus() });
      res.end();
      return;
    }
    if (!started) {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
        'Cache-Control': 'no-cache, private',
      });
      res.flushHeaders();
      started = true;
    }
    const timeout = Number(context.query.get('timeoutSeconds') ?? 1800);
    const timer = setTimeout(() => res.end(), Math.max(1, timeout) * 1000);
    const close = () => {
      clearTimeout(timer);
      stop();
    };
    req.on('close', close);
    res.on('close', close);
  }

  /** WebSocket watches (the console's way): one JSON event per text frame. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (error: unknown) => {
      const apiError =
        error instanceof ApiError ? error : new ApiError(500, 'InternalError', String(error));
      const body = JSON.stringify(apiError.toStatus());
      socket.end(
        `HTTP/1.1 ${apiError.code} ${apiError.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    try {
      const url = new URL(req.url ?? '/', 'http://embedded');
      const user = this.authenticateRequest(req);
      const info = parseRequestInfo(
        'GET',
        url.pathname,
        new URLSearchParams([...url.searchParams, ['watch', 'true']]),
        (g, v, p) => !!this.parts.registry.find(g, v, p)?.namespaced,
      );
      if (!info.isResource)
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      if (
        info.group === 'subresources.kubevirt.io' &&
        info.resource === 'virtualmachineinstances' &&
        (info.subresource === 'console' || info.subresource === 'vnc')
      ) {
        this.authorize(user, {
          verb: 'get',
          apiGroup: info.group,
          resource: info.resource,
          subresource: info.subresource,
          namespace: info.namespace,
          name: info.name,
        });
        const open = must(this.parts.openConsole, 'console support');
        open(
          {
            namespace: info.namespace ?? '',
            name: must(info.name, 'name'),
            kind: info.subresource === 'vnc' ? 'vnc' : 'serial',
            preserveSession: url.searchParams.get('preserveSession') === 'true',
          },
          req,
          socket,
          head,
          this.wss,
        );
        return;
      }
      const rt = this.parts.registry.find(info.group, info.version, info.resource);
      if (!rt)
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      this.authorize(
        user,
        {
          verb: 'watch',
          apiGroup: info.group,
          resource: info.resource,
          namespace: info.namespace,
          name: info.name,
        },
        rt,
      );
      const context: RequestContext = {
        info: { ...info, verb: 'watch' },
        rt,
        user,
        query: url.searchParams,
        headers: req.headers,
        body: async () => undefined,
      };
      const pending: WatchEvent[] = [];
      let ws: WebSocket | undefined;
      const stop = startWatch(
        this.parts.store,
        this.watchOptions(rt, context, (event) => {
          if (ws) ws.send(JSON.stringify(event));
          else pending.push(event);
        }),
      );
      this.wss.handleUpgrade(req, socket, head, (client) => {
        ws = client;
        for (const event of pending.splice(0)) client.send(JSON.stringify(event));
        client.on('close', stop);
        client.on('error', stop);
      });
    } catch (error) {
      reject(error);
    }
  };
}

const includeObjectOf = (query: URLSearchParams): 'None' | 'Metadata' | 'Object' => {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
};
