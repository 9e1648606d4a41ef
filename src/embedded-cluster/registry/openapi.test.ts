import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ResourceType } from '../types';
import {
  buildOpenAPIV2,
  buildOpenAPIV3GroupVersion,
  buildOpenAPIV3Index,
  encodeOpenAPIV2Protobuf,
  OPENAPI_V2_PROTOBUF_ACCEPT,
  OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
  openAPIDefinitionName,
} from './openapi';

type Json = Record<string, unknown>;

const widget: ResourceType = {
  group: 'example.com',
  version: 'v1',
  kind: 'Widget',
  listKind: 'WidgetList',
  plural: 'widgets',
  singular: 'widget',
  namespaced: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: { status: true },
  schema: {
    type: 'object',
    description: 'Widget is a thing the tests explain.',
    properties: {
      spec: {
        type: 'object',
        description: 'Spec holds the desired size of the widget.',
        required: ['size'],
        properties: {
          size: { type: 'integer', description: 'How many sprockets the widget has.' },
          port: { 'x-kubernetes-int-or-string': true, description: 'A port, by number or name.' },
          color: { type: 'string', nullable: true, enum: ['red', 'blue'] },
        },
      },
    },
  },
};

const namespace: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
};

const review: ResourceType = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  listKind: 'SelfSubjectAccessReviewList',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  verbs: ['create'],
};

const types = [widget, namespace, review];

function get(doc: unknown, ...keys: string[]): Json {
  let current: unknown = doc;
  for (const key of keys) current = (current as Json | undefined)?.[key];
  return current as Json;
}

/** Every "#/…" reference of a document points at something inside it. */
function danglingRefs(doc: Json, prefix: string, definitions: Json): string[] {
  const missing: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (
          key === '$ref' &&
          typeof value === 'string' &&
          !(value.slice(prefix.length) in definitions)
        ) {
          missing.push(value);
        }
        visit(value);
      }
    }
  };
  visit(doc);
  return missing;
}

describe('definition names', () => {
  it('reverses CRD groups and maps built-in groups under io.k8s.api', () => {
    expect(openAPIDefinitionName('kubevirt.io', 'v1', 'VirtualMachine')).toBe(
      'io.kubevirt.v1.VirtualMachine',
    );
    expect(openAPIDefinitionName('cdi.kubevirt.io', 'v1beta1', 'DataVolume')).toBe(
      'io.kubevirt.cdi.v1beta1.DataVolume',
    );
    expect(openAPIDefinitionName('', 'v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(openAPIDefinitionName('apps', 'v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(openAPIDefinitionName('rbac.authorization.k8s.io', 'v1', 'Role')).toBe(
      'io.k8s.api.rbac.v1.Role',
    );
  });
});

describe('buildOpenAPIV2', () => {
  const doc = buildOpenAPIV2(types);
  const definitions = get(doc, 'definitions');

  it('is swagger 2.0 whose definitions carry their group-version-kind', () => {
    expect(doc.swagger).toBe('2.0');
    const def = get(definitions, 'com.example.v1.Widget');
    expect(def['x-kubernetes-group-version-kind']).toEqual([
      { group: 'example.com', version: 'v1', kind: 'Widget' },
    ]);
    expect(
      get(definitions, 'io.k8s.api.core.v1.Namespace')['x-kubernetes-group-version-kind'],
    ).toEqual([{ group: '', version: 'v1', kind: 'Namespace' }]);
    expect(
      get(definitions, 'com.example.v1.WidgetList')['x-kubernetes-group-version-kind'],
    ).toEqual([{ group: 'example.com', version: 'v1', kind: 'WidgetList' }]);
  });

  it('adds apiVersion, kind and an ObjectMeta reference next to the schema’s own fields', () => {
    const props = get(definitions, 'com.example.v1.Widget', 'properties');
    expect(Object.keys(props)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(get(props, 'metadata', '$ref')).toBe(
      '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    );
    expect(get(props, 'spec', 'properties', 'size', 'description')).toBe(
      'How many sprockets the widget has.',
    );
    expect(danglingRefs(doc, '#/definitions/', definitions)).toEqual([]);
  });

  it('drops nullable, which swagger 2.0 does not have', () => {
    expect(
      get(definitions, 'com.example.v1.Widget', 'properties', 'spec', 'properties', 'color'),
    ).toEqual({
      type: 'string',
      enum: ['red', 'blue'],
    });
  });

  it('lists the collection and object URLs with the verbs the kind offers', () => {
    const paths = get(doc, 'paths');
    const collection = get(paths, '/apis/example.com/v1/namespaces/{namespace}/widgets');
    expect(Object.keys(collection).sort()).toEqual(['get', 'parameters', 'post']);
    expect(get(collection, 'post', 'x-kubernetes-group-version-kind')).toEqual({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
    });
    expect(get(paths, '/apis/example.com/v1/widgets', 'get', 'operationId')).toBe(
      'listExampleComV1WidgetForAllNamespaces',
    );
    expect(
      Object.keys(get(paths, '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status')),
    ).toEqual(expect.arrayContaining(['get', 'put', 'patch']));
    expect(
      Object.keys(get(paths, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')),
    ).toEqual(['post']);
    expect(
      get(paths, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/{name}'),
    ).toBeUndefined();
  });

  it('offers strategic merge patch for built-in kinds only', () => {
    const paths = get(doc, 'paths');
    expect(get(paths, '/api/v1/namespaces/{name}', 'patch', 'consumes')).toContain(
      'application/strategic-merge-patch+json',
    );
    expect(
      get(paths, '/apis/example.com/v1/namespaces/{namespace}/widgets/{name}', 'patch', 'consumes'),
    ).not.toContain('application/strategic-merge-patch+json');
  });
});

describe('OpenAPI v3', () => {
  it('indexes each group-version with a content hash', () => {
    const index = buildOpenAPIV3Index(types);
    expect(Object.keys(index.paths)).toEqual([
      'api/v1',
      'apis/authorization.k8s.io/v1',
      'apis/example.com/v1',
    ]);
    expect(index.paths['apis/example.com/v1']?.serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/example\.com\/v1\?hash=[0-9A-F]{128}$/,
    );
    const changed = buildOpenAPIV3Index([
      { ...widget, schema: { type: 'object' } },
      namespace,
      review,
    ]);
    expect(changed.paths['apis/example.com/v1']).not.toEqual(index.paths['apis/example.com/v1']);
    expect(changed.paths['api/v1']).toEqual(index.paths['api/v1']);
  });

  it('serves one group-version per document, whatever form its path is given in', () => {
    const doc = buildOpenAPIV3GroupVersion(types, 'apis/example.com/v1') as Json;
    expect(doc.openapi).toBe('3.0.0');
    expect(Object.keys(get(doc, 'paths')).every((p) => p.startsWith('/apis/example.com/v1/'))).toBe(
      true,
    );
    const schemas = get(doc, 'components', 'schemas');
    expect(schemas['io.k8s.api.core.v1.Namespace']).toBeUndefined();
    expect(danglingRefs(doc, '#/components/schemas/', schemas)).toEqual([]);
    expect(buildOpenAPIV3GroupVersion(types, '/openapi/v3/apis/example.com/v1?hash=X')).toEqual(
      doc,
    );
    expect(buildOpenAPIV3GroupVersion(types, 'apis/nothing.io/v1')).toBeUndefined();
  });

  it('keeps nullable and spells int-or-string as anyOf', () => {
    const doc = buildOpenAPIV3GroupVersion(types, 'apis/example.com/v1');
    const spec = get(
      doc,
      'components',
      'schemas',
      'com.example.v1.Widget',
      'properties',
      'spec',
      'properties',
    );
    expect(get(spec, 'color').nullable).toBe(true);
    expect(get(spec, 'port').anyOf).toEqual([{ type: 'integer' }, { type: 'string' }]);
  });

  it('declares fieldValidation on PATCH so kubectl leaves validation to the server', () => {
    const doc = buildOpenAPIV3GroupVersion(types, 'api/v1');
    const patch = get(doc, 'paths', '/api/v1/namespaces/{name}', 'patch');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({
      group: '',
      version: 'v1',
      kind: 'Namespace',
    });
    expect((patch.parameters as Json[]).map((p) => p.name)).toContain('fieldValidation');
    expect(Object.keys(get(patch, 'requestBody', 'content'))).toContain(
      'application/merge-patch+json',
    );
  });
});

/** Just enough protobuf decoding to check the outline of the encoded document. */
function protoFields(bytes: Uint8Array): { field: number; value: Uint8Array | number }[] {
  const fields: { field: number; value: Uint8Array | number }[] = [];
  let pos = 0;
  const varint = () => {
    let result = 0;
    let shift = 1;
    for (;;) {
      const byte = bytes[pos++] ?? 0;
      result += (byte & 127) * shift;
      shift *= 128;
      if (byte < 128) return result;
    }
  };
  while (pos < bytes.length) {
    const key = varint();
    const wire = key % 8;
    if (wire === 0) fields.push({ field: key >> 3, value: varint() });
    else if (wire === 1) {
      fields.push({ field: key >> 3, value: bytes.subarray(pos, pos + 8) });
      pos += 8;
    } else {
      const length = varint();
      fields.push({ field: key >> 3, value: bytes.subarray(pos, pos + length) });
      pos += length;
    }
  }
  return fields;
}

const text = (value: Uint8Array | number | undefined) =>
  Buffer.from(value as Uint8Array).toString('utf8');

describe('encodeOpenAPIV2Protobuf', () => {
  it('encodes the swagger version, paths and named definitions as openapi_v2.Document', () => {
    const bytes = encodeOpenAPIV2Protobuf(buildOpenAPIV2(types));
    const top = protoFields(bytes);
    expect(text(top.find((f) => f.field === 1)?.value)).toBe('2.0');
    const definitions = protoFields(top.find((f) => f.field === 9)?.value as Uint8Array);
    const names = definitions.map((d) => text(protoFields(d.value as Uint8Array)[0]?.value));
    expect(names).toContain('com.example.v1.Widget');
    expect(names).toContain('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    const paths = protoFields(top.find((f) => f.field === 8)?.value as Uint8Array);
    expect(paths.map((p) => text(protoFields(p.value as Uint8Array)[0]?.value))).toContain(
      '/apis/example.com/v1/namespaces/{namespace}/widgets',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// kubectl against a stub API server that serves only discovery and these documents.

const KUBECTL = '/usr/bin/kubectl';
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl) console.warn(`skipping kubectl end-to-end tests: ${KUBECTL} is absent`);

function discovery(): Record<string, Json> {
  return {
    '/version': { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' },
    '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
    '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [] },
    '/apis': {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'example.com',
          versions: [{ groupVersion: 'example.com/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'example.com/v1', version: 'v1' },
        },
      ],
    },
    '/apis/example.com/v1': {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'example.com/v1',
      resources: [
        {
          name: 'widgets',
          singularName: 'widget',
          namespaced: true,
          kind: 'Widget',
          verbs: widget.verbs,
        },
      ],
    },
  };
}

function startStub(requests: string[]): Promise<http.Server> {
  const docs = discovery();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (code: number, body: unknown, type = 'application/json') => {
      res.writeHead(code, { 'Content-Type': type });
      res.end(body instanceof Uint8Array ? body : JSON.stringify(body));
    };
    const fixed = docs[url.pathname];
    if (fixed) return send(200, fixed);
    if (url.pathname === '/openapi/v2') {
      const doc = buildOpenAPIV2([widget]);
      return req.headers.accept?.includes(OPENAPI_V2_PROTOBUF_ACCEPT)
        ? send(200, encodeOpenAPIV2Protobuf(doc), OPENAPI_V2_PROTOBUF_CONTENT_TYPE)
        : send(200, doc);
    }
    if (url.pathname === '/openapi/v3') return send(200, buildOpenAPIV3Index([widget]));
    const gvDoc = url.pathname.startsWith('/openapi/v3/')
      ? buildOpenAPIV3GroupVersion([widget], url.pathname)
      : undefined;
    if (gvDoc) return send(200, gvDoc);
    if (
      req.method === 'POST' &&
      url.pathname === '/apis/example.com/v1/namespaces/default/widgets'
    ) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => send(201, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      return undefined;
    }
    return send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!haveKubectl)('kubectl against the served documents', () => {
  let server: http.Server;
  let home: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startStub(requests);
    home = mkdtempSync(path.join(tmpdir(), 'kubectl-openapi-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  beforeEach(() => {
    requests.length = 0;
  });

  function kubectl(...args: string[]): Promise<string> {
    const { port } = server.address() as AddressInfo;
    const server_ = `--server=http://127.0.0.1:${port}`;
    const env = { PATH: process.env.PATH ?? '', HOME: home };
    return new Promise((resolve, reject) => {
      execFile(
        KUBECTL,
        [server_, `--cache-dir=${path.join(home, 'cache')}`, ...args],
        { env, timeout: 20_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  it('explains a field from OpenAPI v3 (kubectl’s default)', async () => {
    const out = await kubectl('explain', 'widgets.spec');
    expect(out).toContain('KIND:       Widget');
    expect(out).toContain('Spec holds the desired size of the widget.');
    expect(out).toMatch(/size\s+<integer> -required-/);
    expect(out).toContain('How many sprockets the widget has.');
    expect(requests.some((r) => r.startsWith('GET /openapi/v3/apis/example.com/v1?hash='))).toBe(
      true,
    );
    expect(requests.some((r) => r.startsWith('GET /openapi/v2'))).toBe(false);
  }, 30_000);

  it('explains the kind with its metadata typed as ObjectMeta', async () => {
    const out = await kubectl('explain', 'widgets');
    expect(out).toContain('Widget is a thing the tests explain.');
    expect(out).toMatch(/metadata\s+<ObjectMeta>/);
  }, 30_000);

  it('explains a field from protobuf OpenAPI v2 with --output=plaintext-openapiv2', async () => {
    const out = await kubectl('explain', 'widgets.spec', '--output=plaintext-openapiv2');
    expect(out).toContain('How many sprockets the widget has.');
    expect(requests.some((r) => r.startsWith('GET /openapi/v2'))).toBe(true);
  }, 30_000);

  it('leaves validation to the server on create, without fetching OpenAPI v2', async () => {
    const file = path.join(home, 'widget.json');
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { size: 1 },
    };
    writeFileSync(file, JSON.stringify(obj));
    const out = await kubectl('create', '-f', file);
    expect(out).toContain('widget.example.com/w1 created');
    expect(requests.find((r) => r.startsWith('POST'))).toMatch(/fieldValidation=Strict/);
    expect(requests.some((r) => r.startsWith('GET /openapi/v2'))).toBe(false);
  }, 30_000);
});
