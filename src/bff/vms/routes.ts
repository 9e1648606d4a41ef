import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { failureStatus } from '../../common/cluster-info';
import { UpstreamUnavailableError, type KubeConnection } from '../kube/connection';
import { AccessError, createAccessChecker } from './access';
import { MAX_LIMIT, SORT_KEYS, VmQueryError, type SortKey, type VmQuery } from './query';
import type { AllowedNamespaces, VmIndex } from './vmIndex';

export interface VmsRoutesOptions {
  index: VmIndex;
  /** The caller's `Authorization` header value (`Bearer …`), if any. */
  authorization(request: FastifyRequest): string | undefined;
  connection: KubeConnection;
  /** How long one token's visibility is reused (default 10 s). */
  accessTtlMs?: number;
  /** Least time between two change events to one client (default 500 ms). */
  eventIntervalMs?: number;
}

type QueryString = Record<string, string | string[] | undefined>;

const listParam = (value: string | string[] | undefined): string[] | undefined => {
  const values = (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
};

const oneParam = (value: string | string[] | undefined): string | undefined => {
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined?.trim() || undefined;
};

/** The page's question from the URL: `?text=&namespace=a,b&status=&os=&node=&ip=&label=&sort=&order=&limit=&continue=`. */
export const parseVmQuery = (query: QueryString): VmQuery => {
  const sort = oneParam(query.sort);
  if (sort !== undefined && !SORT_KEYS.includes(sort as SortKey))
    throw new VmQueryError(`sort must be one of ${SORT_KEYS.join(', ')}.`);
  const order = oneParam(query.order);
  if (order !== undefined && order !== 'asc' && order !== 'desc')
    throw new VmQueryError('order must be asc or desc.');
  const limitText = oneParam(query.limit);
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT))
    throw new VmQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  return {
    text: oneParam(query.text),
    namespace: listParam(query.namespace),
    status: listParam(query.status),
    os: oneParam(query.os),
    node: listParam(query.node),
    ip: oneParam(query.ip),
    label: oneParam(query.label),
    sort: sort as SortKey | undefined,
    order,
    limit,
    continue: oneParam(query.continue),
  };
};

const forbiddenIn = (namespace: string) =>
  failureStatus(
    403,
    'Forbidden',
    `virtualmachines.kubevirt.io is forbidden: you cannot list resource "virtualmachines" in API group "kubevirt.io" in the namespace "${namespace}".`,
  );

const sendError = (reply: FastifyReply, error: unknown) => {
  if (error instanceof AccessError) return reply.code(error.status.code).send(error.status);
  if (error instanceof VmQueryError)
    return reply.code(400).send(failureStatus(400, 'BadRequest', error.message));
  if (error instanceof UpstreamUnavailableError)
    return reply
      .code(error.code)
      .send(
        failureStatus(
          error.code,
          error.code === 504 ? 'Timeout' : 'ServiceUnavailable',
          error.message,
        ),
      );
  throw error;
};

/**
 * `vms`: a page of the VM index, only from namespaces where the caller may list VMs (asked of
 * the cluster with their own token); `vms/events`: Server-Sent Events `{"resourceVersion"}`
 * whenever VMs change in those namespaces (at most every `eventIntervalMs`), so clients
 * re-fetch their page.
 */
export const vmsRoutes = async (app: FastifyInstance, options: VmsRoutesOptions) => {
  const { index } = options;
  const interval = options.eventIntervalMs ?? 500;
  const allowedNamespaces = createAccessChecker(options.connection, {
    ttlMs: options.accessTtlMs,
    knownNamespaces: () => index.namespaces(),
  });

  /** The caller's visibility, or the reply already sent. */
  const visibility = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ authorization: string; allowed: AllowedNamespaces } | undefined> => {
    reply.header('Cache-Control', 'no-store');
    const authorization = options.authorization(request);
    if (!authorization) {
      await reply
        .code(401)
        .send(failureStatus(401, 'Unauthorized', 'Log in to list virtual machines.'));
      return undefined;
    }
    if (!index.ready) {
      await reply
        .code(503)
        .send(
          failureStatus(
            503,
            'ServiceUnavailable',
            'The VM index is still loading from the cluster: try again in a moment.',
          ),
        );
      return undefined;
    }
    try {
      return { authorization, allowed: await allowedNamespaces(authorization) };
    } catch (error) {
      await sendError(reply, error);
      return undefined;
    }
  };

  // Open event streams end when the server closes (they would otherwise hold it open).
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of streams) close();
  });

  app.get('/vms', async (request, reply) => {
    let query: VmQuery;
    try {
      query = parseVmQuery(request.query as QueryString);
    } catch (error) {
      return sendError(reply, error);
    }
    const caller = await visibility(request, reply);
    if (!caller) return reply;
    const { allowed } = caller;
    const refused =
      allowed !== 'all' && query.namespace?.find((namespace) => !allowed.has(namespace));
    if (refused) return reply.code(403).send(forbiddenIn(refused));
    try {
      return index.query(query, allowed);
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get('/vms/events', async (request, reply) => {
    const caller = await visibility(request, reply);
    if (!caller) return reply;
    let allowed = caller.allowed;
    const stream = new PassThrough();
    const send = () =>
      stream.write(`data: ${JSON.stringify({ resourceVersion: index.resourceVersion })}\n\n`);
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let lastSent = Date.now();

    const flush = async () => {
      const namespaces = pending;
      pending = new Set();
      try {
        allowed = await allowedNamespaces(caller.authorization);
      } catch (error) {
        // A token that no longer works ends the stream; a cluster that blinks does not.
        if (error instanceof AccessError && [401, 403].includes(error.status.code)) close();
      }
      timer = undefined;
      if (stream.destroyed || stream.writableEnded) return;
      const visible = allowed;
      if (visible === 'all' || [...namespaces].some((namespace) => visible.has(namespace))) {
        lastSent = Date.now();
        send();
      }
      if (pending.size && !timer) schedule();
    };
    const schedule = () => {
      timer = setTimeout(() => void flush(), Math.max(0, lastSent + interval - Date.now()));
    };
    const unsubscribe = index.subscribe((change) => {
      for (const namespace of change.namespaces) pending.add(namespace);
      if (!timer) schedule();
    });
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), 25_000);
    const close = () => {
      streams.delete(close);
      unsubscribe();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      stream.end();
    };
    reply.raw.on('close', close);
    streams.add(close);

    send();
    return reply
      .header('Content-Type', 'text/event-stream')
      .header('X-Accel-Buffering', 'no')
      .send(stream);
  });
};
