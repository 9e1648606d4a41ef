// A small Kubernetes API behind `fakeBFF` for the checkups' tests: objects by collection, list
// with label and field selectors, create (generateName, 409), update, delete (404), pod logs as
// text, SelfSubjectAccessReviews answered by `access`, refusals as the API server words them, and
// watch events pushed to the open `k8s-watch` sockets (FakeWebSocket) when objects change.
import { BFF_PATH } from '../../../common/paths';
import { FakeWebSocket, fakeBFF, type FakeAnswer, type FakeCall } from '../../api/testKit';

export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
}

type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
  };
  [key: string]: unknown;
};

interface ParsedPath {
  group: string;
  /** `/api/v1` or `/apis/GROUP/VERSION`. */
  prefix: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
}

const parse = (path: string): ParsedPath | undefined => {
  const [pathname = '', search = ''] = path.replace(/^k8s/, '').split('?');
  const all = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const prefixLength = all[0] === 'api' ? 2 : all[0] === 'apis' ? 3 : 0;
  if (!prefixLength) return undefined;
  const prefixParts = all.slice(0, prefixLength);
  let segments = all.slice(prefixLength);
  let namespace: string | undefined;
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    namespace = segments[1];
    segments = segments.slice(2);
  }
  const [plural = '', name, subresource] = segments;
  return {
    group: prefixParts[0] === 'apis' ? (prefixParts[1] ?? '') : '',
    prefix: `/${prefixParts.join('/')}`,
    namespace,
    plural,
    name,
    subresource,
    query: new URLSearchParams(search),
  };
};

const status = (code: number, reason: string, message: string): FakeAnswer => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message },
});

const matchesLabels = (object: Obj, selector: string | null) =>
  !selector ||
  selector.split(',').every((term) => {
    const [key = '', value] = term.split('=');
    return object.metadata?.labels?.[key] === value;
  });

const matchesFields = (object: Obj, selector: string | null) =>
  !selector ||
  selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return key === 'metadata.name' ? object.metadata?.name === value : true;
  });

/** Sockets that open as soon as they are made, as the BFF's does. */
export class OpenWebSocket extends FakeWebSocket {
  constructor(url: string) {
    super(url);
    queueMicrotask(() => this.open());
  }
}

export const fakeCluster = () => {
  const objects = new Map<string, Obj>();
  const logs = new Map<string, string>();
  let version = 100;
  let generated = 0;
  const cluster = {
    /** May the user do it? Everything by default. */
    access: (_question: AccessQuestion): boolean => true,
    /** Answers before the API's own (a refusal, an admission error). */
    intercept: (_call: FakeCall): FakeAnswer | undefined => undefined,
    /** The user the refusals name. */
    user: 'developer',
    /** What the BFF's `projects` route answers. */
    projects: ['dev'] as string[],
    calls: [] as FakeCall[],
    add,
    get,
    list,
    setLog: (namespace: string, pod: string, text: string) => logs.set(`${namespace}/${pod}`, text),
    fetch: async (url: string, init: RequestInit = {}): Promise<Response> => {
      const path = url.startsWith(BFF_PATH) ? url.slice(BFF_PATH.length) : url;
      const parsed = parse(path);
      if ((init.method ?? 'GET') === 'GET' && parsed?.subresource === 'log') {
        cluster.calls.push({ method: 'GET', path, headers: new Headers(init.headers) });
        const text = logs.get(`${parsed.namespace}/${parsed.name}`);
        return text === undefined
          ? new Response(JSON.stringify(status(404, 'NotFound', 'no log').body), {
              status: 404,
              headers: { 'Content-Type': 'application/json' },
            })
          : new Response(text, { headers: { 'Content-Type': 'text/plain' } });
      }
      return bff.fetch(url, init);
    },
    /** The calls that changed something, as `METHOD path` (no query). */
    writes: () =>
      cluster.calls
        .filter((c) => c.method !== 'GET' && !c.path.endsWith('selfsubjectaccessreviews'))
        .map((c) => `${c.method} ${c.path.split('?')[0]}`),
  };

  function keyOf(p: { prefix: string; plural: string; namespace?: string }, name: string) {
    return `${p.prefix}|${p.plural}|${p.namespace ?? ''}|${name}`;
  }

  function notify(type: 'ADDED' | 'MODIFIED' | 'DELETED', p: ParsedPath, object: Obj) {
    for (const socket of FakeWebSocket.instances) {
      if (socket.readyState !== 1) continue;
      for (const watch of socket.watches) {
        const target = parse(`k8s${watch.path ?? ''}`);
        if (!target || target.prefix !== p.prefix || target.plural !== p.plural) continue;
        if (target.namespace && target.namespace !== p.namespace) continue;
        if (!matchesLabels(object, watch.labelSelector ?? null)) continue;
        if (!matchesFields(object, watch.fieldSelector ?? null)) continue;
        socket.event(watch.id, type, object);
      }
    }
  }

  function stamp(object: Obj): Obj {
    version += 1;
    return { ...object, metadata: { ...object.metadata, resourceVersion: String(version) } };
  }

  /** Puts an object in place (a test's starting state), by its API path's collection. */
  function add(collectionPath: string, object: Obj) {
    const p = parse(`k8s${collectionPath}`) as ParsedPath;
    const namespace = p.namespace ?? object.metadata?.namespace;
    const stored = stamp({
      ...object,
      metadata: { uid: `uid-${object.metadata?.name}`, ...object.metadata, namespace },
    });
    const existed = objects.has(keyOf({ ...p, namespace }, object.metadata?.name ?? ''));
    objects.set(keyOf({ ...p, namespace }, object.metadata?.name ?? ''), stored);
    notify(existed ? 'MODIFIED' : 'ADDED', { ...p, namespace }, stored);
    return stored;
  }

  function get(objectPath: string): Obj | undefined {
    const p = parse(`k8s${objectPath}`) as ParsedPath;
    return objects.get(keyOf(p, p.name ?? ''));
  }

  function list(collectionPath: string): Obj[] {
    const p = parse(`k8s${collectionPath}`) as ParsedPath;
    return [...objects.entries()]
      .filter(([key]) => key.startsWith(`${p.prefix}|${p.plural}|${p.namespace ?? ''}`))
      .map(([, object]) => object);
  }

  const kindName = (p: ParsedPath) => `${p.plural}${p.group ? `.${p.group}` : ''}`;

  const forbidden = (p: ParsedPath, verb: string) =>
    status(
      403,
      'Forbidden',
      `${kindName(p)}${p.name ? ` "${p.name}"` : ''} is forbidden: User "${cluster.user}" cannot ${verb} resource "${p.plural}" in API group "${p.group}"${p.namespace ? ` in the namespace "${p.namespace}"` : ' at the cluster scope'}`,
    );

  const bff = fakeBFF((call) => {
    cluster.calls.push(call);
    const early = cluster.intercept(call);
    if (early) return early;
    if (call.path === 'projects') return { body: { items: cluster.projects } };
    if (call.path.endsWith('selfsubjectaccessreviews')) {
      const attrs = (call.body as { spec: { resourceAttributes: AccessQuestion } }).spec
        .resourceAttributes;
      return {
        body: { status: { allowed: cluster.access({ ...attrs, group: attrs.group ?? '' }) } },
      };
    }
    const p = parse(call.path);
    if (!p) return undefined;
    const verbs: Record<string, string> = {
      GET: p.name ? 'get' : 'list',
      POST: 'create',
      PUT: 'update',
      DELETE: 'delete',
      PATCH: 'patch',
    };
    const verb = verbs[call.method] ?? 'get';
    if (!cluster.access({ verb, group: p.group, resource: p.plural, namespace: p.namespace }))
      return forbidden(p, verb);
    if (call.method === 'GET' && !p.name) {
      const items = [...objects.entries()]
        .filter(([key]) =>
          p.namespace
            ? key.startsWith(`${p.prefix}|${p.plural}|${p.namespace}|`)
            : key.startsWith(`${p.prefix}|${p.plural}|`),
        )
        .map(([, object]) => object)
        .filter((o) => matchesLabels(o, p.query.get('labelSelector')))
        .filter((o) => matchesFields(o, p.query.get('fieldSelector')));
      return { body: { items, metadata: { resourceVersion: String(version) } } };
    }
    if (call.method === 'POST') {
      const body = call.body as Obj;
      let name = body.metadata?.name ?? '';
      if (!name && body.metadata?.generateName) {
        generated += 1;
        name = `${body.metadata.generateName}${String(generated).padStart(5, 'x')}`;
      }
      const key = keyOf(p, name);
      if (objects.has(key))
        return status(409, 'AlreadyExists', `${kindName(p)} "${name}" already exists`);
      version += 1;
      const stored = {
        ...body,
        metadata: {
          ...body.metadata,
          name,
          namespace: p.namespace,
          uid: `uid-${name}`,
          resourceVersion: String(version),
          creationTimestamp: new Date(Date.UTC(2026, 0, 1, 10, 0, version % 60)).toISOString(),
        },
      };
      delete stored.metadata.generateName;
      if (!p.namespace) delete stored.metadata.namespace;
      objects.set(key, stored);
      notify('ADDED', p, stored);
      return { status: 201, body: stored };
    }
    const key = keyOf(p, p.name ?? '');
    const existing = objects.get(key);
    if (!existing) return status(404, 'NotFound', `${kindName(p)} "${p.name}" not found`);
    if (call.method === 'GET') return { body: existing };
    if (call.method === 'PUT') {
      const body = call.body as Obj;
      if (
        body.metadata?.resourceVersion &&
        body.metadata.resourceVersion !== existing.metadata?.resourceVersion
      )
        return status(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${kindName(p)} "${p.name}": the object has been modified; please apply your changes to the latest version and try again`,
        );
      const stored = stamp(body);
      objects.set(key, stored);
      notify('MODIFIED', p, stored);
      return { body: stored };
    }
    if (call.method === 'DELETE') {
      objects.delete(key);
      notify('DELETED', p, existing);
      return { body: { kind: 'Status', apiVersion: 'v1', status: 'Success' } };
    }
    return undefined;
  });

  return cluster;
};

export type FakeCluster = ReturnType<typeof fakeCluster>;
