import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  decodeKubernetesProtobuf,
  isKubernetesProtobuf,
  ProtobufDecodeError,
  protobufKinds,
  ProtobufUnsupportedError,
  readWireFields,
} from './protobuf';
// Request bodies kubectl sent to a stub API server (base64), with the command that sent them.
import fixtures from './protobuf-fixtures/kubectl-bodies.json';

const fixture = (name: keyof typeof fixtures) => Buffer.from(fixtures[name].body, 'base64');

// ---- A small encoder for hand-made bodies ----

const varint = (n: number | bigint): Buffer => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    out.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0));
    v >>= 7n;
  } while (v);
  return Buffer.from(out);
};
const key = (field: number, wire: number) => varint((field << 3) | wire);
const str = (field: number, value: string | Buffer) => {
  const bytes = Buffer.from(value);
  return Buffer.concat([key(field, 2), varint(bytes.length), bytes]);
};
const int = (field: number, value: number | bigint | boolean) =>
  Buffer.concat([key(field, 0), varint(typeof value === 'boolean' ? Number(value) : value)]);
const msg = (field: number, ...parts: Buffer[]) => str(field, Buffer.concat(parts));
const entry = (field: number, k: string, v: Buffer | string) => msg(field, str(1, k), str(2, v));
const MAGIC = Buffer.from('k8s\0', 'latin1');
const body = (apiVersion: string, kind: string, ...raw: Buffer[]) =>
  Buffer.concat([MAGIC, msg(1, str(1, apiVersion), str(2, kind)), msg(2, ...raw)]);

// ---- What kubectl sent ----

/** Each fixture decoded: the object `kubectl … --dry-run=client -o json` prints for the same command. */
const expected: Record<string, unknown> = {
  configmap: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c1', namespace: 'default', creationTimestamp: null },
    data: { a: 'b', 'f.txt': 'hello\n' },
    binaryData: { 'bin.dat': 'AAH/' },
  },
  'configmap-1.33': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c3', namespace: 'default', creationTimestamp: null },
    data: { a: 'b' },
    binaryData: { 'bin.dat': 'AAH/' },
  },
  'secret-generic': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's1', namespace: 'default', creationTimestamp: null },
    data: { 'bin.dat': 'AAH/', user: 'YWRtaW4=' },
    type: 'Opaque',
  },
  'secret-docker-registry': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'reg1', creationTimestamp: null },
    data: {
      '.dockerconfigjson': Buffer.from(
        '{"auths":{"r.example.com":{"username":"u","password":"p","auth":"dTpw"}}}',
      ).toString('base64'),
    },
    type: 'kubernetes.io/dockerconfigjson',
  },
  namespace: {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'ns1', creationTimestamp: null },
    spec: {},
    status: {},
  },
  serviceaccount: {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'sa1', namespace: 'ns1', creationTimestamp: null },
  },
  'service-clusterip': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc1', creationTimestamp: null, labels: { app: 'svc1' } },
    spec: {
      ports: [
        { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 },
        { name: '443', protocol: 'TCP', port: 443, targetPort: 443 },
      ],
      selector: { app: 'svc1' },
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  },
  'service-nodeport': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'np1', creationTimestamp: null, labels: { app: 'np1' } },
    spec: {
      ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }],
      selector: { app: 'np1' },
      type: 'NodePort',
    },
    status: { loadBalancer: {} },
  },
  'service-externalname': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ext1', creationTimestamp: null, labels: { app: 'ext1' } },
    spec: { selector: { app: 'ext1' }, type: 'ExternalName', externalName: 'example.com' },
    status: { loadBalancer: {} },
  },
  'service-headless': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'headless', creationTimestamp: null, labels: { app: 'headless' } },
    spec: { selector: { app: 'headless' }, clusterIP: 'None', type: 'ClusterIP' },
    status: { loadBalancer: {} },
  },
  job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j1', creationTimestamp: null },
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: {
          containers: [{ name: 'j1', image: 'busybox', command: ['echo', 'hi'], resources: {} }],
          restartPolicy: 'Never',
        },
      },
    },
    status: {},
  },
  'can-i': ssar({ resourceAttributes: { namespace: 'ns1', verb: 'create', resource: 'pods' } }),
  'can-i-1.33': ssar({
    resourceAttributes: { namespace: 'ns1', verb: 'create', resource: 'pods' },
  }),
  'can-i-subresource': ssar({
    // kubectl reads pods/log as resource pods, name log.
    resourceAttributes: {
      namespace: 'ns1',
      verb: 'get',
      resource: 'pods',
      subresource: 'log',
      name: 'log',
    },
  }),
  'can-i-name': ssar({
    resourceAttributes: {
      namespace: 'ns1',
      verb: 'get',
      resource: 'deployments.apps',
      name: 'foo',
    },
  }),
  'can-i-non-resource': ssar({ nonResourceAttributes: { path: '/healthz', verb: 'get' } }),
  'can-i-all-namespaces': ssar({ resourceAttributes: { verb: 'list', resource: 'secrets' } }),
  'can-i-list': ssrr('ns1'),
  'can-i-list-default': ssrr('default'),
  whoami: {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: null },
    status: { userInfo: {} },
  },
  role: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'r1', namespace: 'ns1', creationTimestamp: null },
    rules: [
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['x'] },
      {
        verbs: ['get', 'list'],
        apiGroups: ['apps'],
        resources: ['deployments'],
        resourceNames: ['x'],
      },
    ],
  },
  rolebinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'rb1', namespace: 'ns1', creationTimestamp: null },
    subjects: [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      { kind: 'ServiceAccount', name: 'sa1', namespace: 'ns1' },
    ],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r1' },
  },
  clusterrole: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'cr1', creationTimestamp: null },
    rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
  },
  'clusterrole-aggregated': {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'agg1', creationTimestamp: null },
    rules: null,
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { foo: 'bar' } }] },
  },
  clusterrolebinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'crb1', creationTimestamp: null },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr1' },
  },
};

function ssar(spec: Record<string, unknown>) {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: false },
  };
}

function ssrr(namespace: string) {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: { resourceRules: null, nonResourceRules: null, incomplete: false },
  };
}

describe('decodeKubernetesProtobuf on bodies kubectl sent', () => {
  it.each(Object.entries(expected))('%s', (name, object) => {
    expect(decodeKubernetesProtobuf(fixture(name as keyof typeof fixtures))).toEqual(object);
  });

  it('has an expectation for every decodable fixture', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...Object.keys(expected), 'deployment'].sort());
  });

  it('refuses a kind it has no schema for, naming it', () => {
    expect(() => decodeKubernetesProtobuf(fixture('deployment'))).toThrow(ProtobufUnsupportedError);
    expect(() => decodeKubernetesProtobuf(fixture('deployment'))).toThrow(
      'Deployment (apps/v1) is not supported as application/vnd.kubernetes.protobuf',
    );
  });
});

describe('decodeKubernetesProtobuf on hand-made bodies', () => {
  it('decodes every ObjectMeta field, pointer zeros, bytes maps and keys like __proto__', () => {
    const decoded = decodeKubernetesProtobuf(
      body(
        'v1',
        'ConfigMap',
        msg(
          1,
          str(1, 'c'),
          str(2, 'c-'),
          str(3, 'ns'),
          str(5, 'u1'),
          str(6, '7'),
          int(7, 3),
          msg(8, int(1, 1_700_000_000)),
          msg(9, int(1, 1_700_000_030), int(2, 5)),
          int(10, 0),
          entry(11, 'app', 'x'),
          entry(12, 'note', ''),
          msg(13, str(1, 'ConfigMap'), str(3, 'owner'), str(4, 'u0'), str(5, 'v1'), int(6, true)),
          str(14, 'example.com/f'),
        ),
        entry(2, '__proto__', 'p'),
        entry(3, 'b', Buffer.from([0xff, 0])),
        int(4, false),
      ),
    );
    expect(decoded).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        generateName: 'c-',
        namespace: 'ns',
        uid: 'u1',
        resourceVersion: '7',
        generation: 3,
        creationTimestamp: '2023-11-14T22:13:20Z',
        deletionTimestamp: '2023-11-14T22:13:50Z',
        deletionGracePeriodSeconds: 0,
        labels: { app: 'x' },
        annotations: { note: '' },
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u0', controller: true },
        ],
        finalizers: ['example.com/f'],
      },
      data: { ['__proto__']: 'p' },
      binaryData: { b: '/wA=' },
      immutable: false,
    });
    expect(Object.keys(decoded.data as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded.data)).toBe(Object.prototype);
  });

  it('decodes a SubjectAccessReview with user, groups, extra, uid and selectors', () => {
    const decoded = decodeKubernetesProtobuf(
      body(
        'authorization.k8s.io/v1',
        'SubjectAccessReview',
        msg(1),
        msg(
          2,
          msg(
            1,
            str(1, 'ns1'),
            str(2, 'list'),
            str(5, 'pods'),
            msg(8, msg(2, str(1, 'spec.nodeName'), str(2, 'In'), str(3, 'n1'))),
            msg(9, str(1, 'app=x')),
          ),
          str(3, 'alice'),
          str(4, 'devs'),
          str(4, 'system:authenticated'),
          msg(5, str(1, 'scopes'), msg(2, str(1, 'a'), str(1, 'b'))),
          msg(5, str(1, 'none'), msg(2)),
          str(6, 'uid-1'),
        ),
        msg(3, int(1, false), str(2, '')),
      ),
    );
    expect(decoded).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: { creationTimestamp: null },
      spec: {
        resourceAttributes: {
          namespace: 'ns1',
          verb: 'list',
          resource: 'pods',
          fieldSelector: {
            requirements: [{ key: 'spec.nodeName', operator: 'In', values: ['n1'] }],
          },
          labelSelector: { rawSelector: 'app=x' },
        },
        user: 'alice',
        groups: ['devs', 'system:authenticated'],
        extra: { scopes: ['a', 'b'], none: [] },
        uid: 'uid-1',
      },
      status: { allowed: false },
    });
  });

  it('decodes negative and 64-bit integers, pointer zeros and string target ports', () => {
    const decoded = decodeKubernetesProtobuf(
      body(
        'v1',
        'Service',
        msg(1, str(1, 's')),
        msg(
          2,
          msg(1, int(3, 53), msg(4, int(1, 1), str(3, 'dns')), str(6, 'dns')),
          int(12, -1),
          msg(14, msg(1, int(1, 0))),
          int(20, false),
          str(17, 'SingleStack'),
        ),
      ),
    );
    expect(decoded).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', creationTimestamp: null },
      spec: {
        ports: [{ port: 53, targetPort: 'dns', appProtocol: 'dns' }],
        healthCheckNodePort: -1,
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } },
        allocateLoadBalancerNodePorts: false,
        ipFamilyPolicy: 'SingleStack',
      },
      status: { loadBalancer: {} },
    });
    const job = decodeKubernetesProtobuf(
      body('batch/v1', 'Job', msg(2, int(3, 2n ** 40n), msg(6, msg(2, msg(2, str(1, 'c')))))),
    );
    expect(job.spec).toEqual({
      activeDeadlineSeconds: 2 ** 40,
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [{ name: 'c', resources: {} }] },
      },
    });
  });

  it('skips fields it does not know when they carry nothing', () => {
    const decoded = decodeKubernetesProtobuf(
      body('v1', 'ConfigMap', msg(1, str(1, 'c')), int(9, 0), msg(10, str(1, ''), int(2, 0))),
    );
    expect(decoded).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', creationTimestamp: null },
    });
  });

  it('refuses fields it does not know when they carry data, naming where', () => {
    // A pod template with volumes (PodSpec field 1), which the Job schema leaves out.
    const withVolumes = body(
      'batch/v1',
      'Job',
      msg(2, msg(6, msg(2, msg(1, str(1, 'data')), msg(2, str(1, 'c'))))),
    );
    expect(() => decodeKubernetesProtobuf(withVolumes)).toThrow(ProtobufUnsupportedError);
    expect(() => decodeKubernetesProtobuf(withVolumes)).toThrow(
      'Job.spec.template.spec: protobuf field 1 is not supported',
    );
  });

  it('refuses encodings other than plain protobuf', () => {
    const gzipped = Buffer.concat([
      MAGIC,
      msg(1, str(1, 'v1'), str(2, 'ConfigMap')),
      msg(2),
      str(3, 'gzip'),
    ]);
    expect(() => decodeKubernetesProtobuf(gzipped)).toThrow(ProtobufUnsupportedError);
  });

  it('rejects malformed bodies as ProtobufDecodeError', () => {
    const good = fixture('configmap');
    const cases = [
      Buffer.from('{"kind":"ConfigMap"}'), // JSON, no magic
      good.subarray(0, good.length - 3), // truncated
      Buffer.concat([MAGIC, msg(2, msg(1, str(1, 'c')))]), // no typeMeta
      body('v1', 'ConfigMap', msg(1, int(1, 5))), // name as a varint
      Buffer.concat([
        MAGIC,
        Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      ]),
    ];
    for (const bad of cases) {
      expect(() => decodeKubernetesProtobuf(bad)).toThrow(ProtobufDecodeError);
    }
  });
});

describe('readWireFields', () => {
  it('reads varint, 64-bit, length-delimited and 32-bit fields', () => {
    const fixed64 = Buffer.alloc(8, 1);
    const fixed32 = Buffer.from([1, 2, 3, 4]);
    const buf = Buffer.concat([
      int(1, 300),
      key(2, 1),
      fixed64,
      str(3, 'hi'),
      key(4, 5),
      fixed32,
      int(5, -1),
    ]);
    expect(readWireFields(buf)).toEqual([
      { field: 1, wire: 0, value: 300n },
      { field: 2, wire: 1, value: fixed64 },
      { field: 3, wire: 2, value: Buffer.from('hi') },
      { field: 4, wire: 5, value: fixed32 },
      { field: 5, wire: 0, value: 2n ** 64n - 1n },
    ]);
  });

  it('refuses groups and truncated values', () => {
    expect(() => readWireFields(key(1, 3))).toThrow(ProtobufDecodeError);
    expect(() => readWireFields(Buffer.concat([key(1, 1), Buffer.alloc(4)]))).toThrow(
      ProtobufDecodeError,
    );
  });
});

it('recognises the protobuf content type and lists the kinds it decodes', () => {
  expect(isKubernetesProtobuf('application/vnd.kubernetes.protobuf')).toBe(true);
  expect(isKubernetesProtobuf('application/vnd.kubernetes.protobuf; charset=x')).toBe(true);
  expect(isKubernetesProtobuf('application/json')).toBe(false);
  expect(isKubernetesProtobuf(undefined)).toBe(false);
  expect(protobufKinds()).toEqual(
    expect.arrayContaining([
      'v1/ConfigMap',
      'v1/Secret',
      'v1/Namespace',
      'v1/ServiceAccount',
      'v1/Service',
      'batch/v1/Job',
      'authorization.k8s.io/v1/SelfSubjectAccessReview',
      'authorization.k8s.io/v1/SelfSubjectRulesReview',
      'authorization.k8s.io/v1/SubjectAccessReview',
      'rbac.authorization.k8s.io/v1/Role',
    ]),
  );
});

// ---- kubectl itself, against a stub API server that records what it is sent ----

const KUBECTL = '/usr/bin/kubectl';
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl) console.warn(`skipping kubectl protobuf tests: ${KUBECTL} is absent`);

const resource = (
  name: string,
  kind: string,
  namespaced: boolean,
  verbs = ['create', 'get', 'list'],
) => ({
  name,
  singularName: '',
  namespaced,
  kind,
  verbs,
});
const groups = [
  'authentication.k8s.io',
  'authorization.k8s.io',
  'batch',
  'rbac.authorization.k8s.io',
];
const discovery: Record<string, unknown> = {
  '/version': { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' },
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((name) => ({
      name,
      versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
      preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
    })),
  },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      resource('configmaps', 'ConfigMap', true),
      resource('secrets', 'Secret', true),
      resource('namespaces', 'Namespace', false),
      resource('serviceaccounts', 'ServiceAccount', true),
      resource('services', 'Service', true),
    ],
  },
  '/apis/authentication.k8s.io/v1': {
    kind: 'APIResourceList',
    groupVersion: 'authentication.k8s.io/v1',
    resources: [resource('selfsubjectreviews', 'SelfSubjectReview', false, ['create'])],
  },
  '/apis/authorization.k8s.io/v1': {
    kind: 'APIResourceList',
    groupVersion: 'authorization.k8s.io/v1',
    resources: [
      resource('selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, ['create']),
      resource('selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, ['create']),
    ],
  },
  '/apis/batch/v1': {
    kind: 'APIResourceList',
    groupVersion: 'batch/v1',
    resources: [resource('jobs', 'Job', true)],
  },
  '/apis/rbac.authorization.k8s.io/v1': {
    kind: 'APIResourceList',
    groupVersion: 'rbac.authorization.k8s.io/v1',
    resources: [resource('roles', 'Role', true), resource('rolebindings', 'RoleBinding', true)],
  },
};

/** What a POST would answer: the decoded object, with the status a review needs to be read. */
function answer(object: Record<string, unknown>): unknown {
  if (object.kind === 'SelfSubjectAccessReview') return { ...object, status: { allowed: true } };
  if (object.kind === 'SelfSubjectReview') {
    return { ...object, status: { userInfo: { username: 'tester' } } };
  }
  if (object.kind === 'SelfSubjectRulesReview') {
    return { ...object, status: { resourceRules: [], nonResourceRules: [], incomplete: false } };
  }
  return object;
}

describe.skipIf(!haveKubectl)('kubectl protobuf bodies decode to kubectl’s own JSON', () => {
  let server: http.Server;
  let home: string;
  const posts: { contentType: string; body: Buffer }[] = [];

  beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'kubectl-protobuf-'));
    writeFileSync(path.join(home, 'bin.dat'), Buffer.from([0, 1, 0xff]));
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const send = (code: number, obj: unknown) => {
          res.writeHead(code, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(obj));
        };
        const url = new URL(req.url ?? '/', 'http://stub');
        const doc = discovery[url.pathname];
        if (req.method === 'GET' && doc) return send(200, doc);
        if (req.method !== 'POST')
          return send(404, { kind: 'Status', apiVersion: 'v1', code: 404 });
        const post = {
          contentType: req.headers['content-type'] ?? '',
          body: Buffer.concat(chunks),
        };
        posts.push(post);
        try {
          return send(201, answer(decodeKubernetesProtobuf(post.body)));
        } catch (error) {
          return send(415, { kind: 'Status', apiVersion: 'v1', message: String(error), code: 415 });
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  function kubectl(args: string[]): Promise<string> {
    const { port } = server.address() as AddressInfo;
    const env = { PATH: process.env.PATH ?? '', HOME: home, KUBECONFIG: path.join(home, 'none') };
    const flags = [`--server=http://127.0.0.1:${port}`, '--token=x', `--cache-dir=${home}/cache`];
    return new Promise((resolve, reject) => {
      execFile(
        KUBECTL,
        [...flags, ...args],
        { env, cwd: home, timeout: 20_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  /** Runs kubectl and returns the one body it POSTed, which must be protobuf. */
  async function sent(args: string[]) {
    posts.length = 0;
    await kubectl(args);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.contentType).toBe('application/vnd.kubernetes.protobuf');
    return decodeKubernetesProtobuf(posts[0]?.body ?? Buffer.alloc(0));
  }

  it.each([
    [['configmap', 'c1', '--from-literal=a=b', '--from-file=bin.dat']],
    [['secret', 'generic', 's1', '--from-literal=user=admin', '--type=Opaque']],
    [['namespace', 'ns1']],
    [['serviceaccount', 'sa1']],
    [['service', 'nodeport', 'np1', '--tcp=80:http', '--node-port=30080']],
    [['job', 'j1', '--image=busybox', '--', 'echo', 'hi']],
    [['role', 'r1', '--verb=get,list', '--resource=configmaps,jobs.batch', '--resource-name=x']],
    [['rolebinding', 'rb1', '--role=r1', '--user=alice', '--serviceaccount=ns1:sa1']],
  ])(
    'create %j',
    async (args) => {
      const decoded = await sent(['create', ...args]);
      const dryRun = JSON.parse(
        await kubectl(['create', '--dry-run=client', '--output=json', ...args]),
      ) as unknown;
      expect(decoded).toEqual(dryRun);
    },
    30_000,
  );

  it('auth can-i and auth can-i --list', async () => {
    expect(await sent(['auth', 'can-i', 'create', 'pods', '-n', 'ns1'])).toEqual(expected['can-i']);
    expect(await sent(['auth', 'can-i', '--list', '-n', 'ns1'])).toEqual(expected['can-i-list']);
  }, 30_000);
});
