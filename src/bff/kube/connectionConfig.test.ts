import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../embedded-cluster/cluster';
import { loadOrCreatePki } from '../../embedded-cluster/pki';
import { kubeRequest, UpstreamUnavailableError } from './connection';
import { ConnectionConfigError, resolveKubeConnection } from './connectionConfig';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-connection-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const file = async (name: string, content: string) => {
  const target = path.join(dir, name);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
};

const kubeconfig = (cluster: Record<string, unknown>, user: Record<string, unknown> = {}) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });

describe('resolveKubeConnection', () => {
  it('is undefined when nothing names a cluster', async () => {
    expect(await resolveKubeConnection({ env: {} })).toBeUndefined();
  });

  it('prefers an explicit URL, with its CA file, over KUBECONFIG and the service account', async () => {
    const ca = await file('given/ca.pem', PEM);
    const resolved = await resolveKubeConnection({
      url: 'https://api.example:6443',
      caFile: ca,
      env: { KUBECONFIG: '/nowhere', KUBERNETES_SERVICE_HOST: '10.0.0.1' },
    });
    expect(resolved?.connection.server.href).toBe('https://api.example:6443/');
    expect(resolved?.connection.ca).toBe(PEM);
    expect(resolved?.connection.token).toBeUndefined();
  });

  it('names the CA file it cannot read', async () => {
    await expect(
      resolveKubeConnection({ url: 'https://api.example', caFile: path.join(dir, 'missing.pem') }),
    ).rejects.toThrow(/Cannot read the CA file .*missing\.pem: ENOENT/);
  });

  it('reads the current context of a kubeconfig: server, CA data and token', async () => {
    const config = await file(
      'kc/data.yaml',
      kubeconfig(
        {
          server: 'https://k8s.example:443',
          'certificate-authority-data': Buffer.from(PEM).toString('base64'),
        },
        { token: 'bff-token' },
      ),
    );
    const resolved = await resolveKubeConnection({ env: { KUBECONFIG: config } });
    expect(resolved?.connection).toMatchObject({ ca: PEM, token: 'bff-token' });
    expect(resolved?.connection.server.origin).toBe('https://k8s.example');
    expect(resolved?.source).toContain('context ctx');
  });

  it('reads a certificate-authority file relative to the kubeconfig', async () => {
    await file('kc/rel/ca.crt', PEM);
    const config = await file(
      'kc/rel/config',
      kubeconfig({ server: 'https://k8s.example', 'certificate-authority': 'ca.crt' }),
    );
    const resolved = await resolveKubeConnection({ kubeconfig: config, env: {} });
    expect(resolved?.connection.ca).toBe(PEM);
    expect(resolved?.connection.token).toBeUndefined();
  });

  it('merges several kubeconfig files, the first naming an entry winning', async () => {
    const first = await file(
      'kc/merge1',
      stringify({ 'current-context': 'ctx', users: [{ name: 'u', user: { token: 'first' } }] }),
    );
    const second = await file(
      'kc/merge2',
      kubeconfig({ server: 'https://two.example' }, { token: 'second' }),
    );
    const resolved = await resolveKubeConnection({
      env: { KUBECONFIG: [first, path.join(dir, 'absent'), second].join(path.delimiter) },
    });
    expect(resolved?.connection.server.origin).toBe('https://two.example');
    expect(resolved?.connection.token).toBe('first');
  });

  it('refuses insecure-skip-tls-verify, saying why and what to do', async () => {
    const config = await file(
      'kc/insecure',
      kubeconfig({ server: 'https://k8s.example', 'insecure-skip-tls-verify': true }),
    );
    const failure = resolveKubeConnection({ kubeconfig: config });
    await expect(failure).rejects.toThrow(ConnectionConfigError);
    await expect(failure).rejects.toThrow(
      /kc\/insecure.*insecure-skip-tls-verify: true.*always verifies TLS.*certificate-authority/,
    );
  });

  it.each([
    ['no current-context', stringify({ clusters: [] }), /sets no current-context/],
    [
      'an undefined context',
      stringify({ 'current-context': 'gone', contexts: [] }),
      /current-context "gone", which no contexts entry defines/,
    ],
    [
      'a context without its cluster',
      stringify({ 'current-context': 'x', contexts: [{ name: 'x', context: { cluster: 'c' } }] }),
      /cluster "c", which no clusters entry defines/,
    ],
    ['a cluster without a server', kubeconfig({}), /cluster "c", has no server URL/],
    ['a server that is no URL', kubeconfig({ server: 'not a url' }), /not a URL: not a url/],
    [
      'CA data that is no certificate',
      kubeconfig({ server: 'https://a', 'certificate-authority-data': 'bm9wZQ==' }),
      /certificate-authority-data holds no PEM certificate/,
    ],
    [
      'a missing certificate-authority file',
      kubeconfig({ server: 'https://a', 'certificate-authority': 'gone.crt' }),
      /Cannot read the certificate-authority of .*gone\.crt: ENOENT/,
    ],
    ['YAML that is broken', 'clusters: [', /is not valid YAML/],
  ])('explains %s, naming the file', async (name, content, message) => {
    const config = await file(`kc/bad-${name.replace(/\W/g, '-')}`, content);
    const failure = resolveKubeConnection({ kubeconfig: config });
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toThrow(config.replace(/.*\//, ''));
  });

  it('names a kubeconfig that does not exist', async () => {
    await expect(
      resolveKubeConnection({ kubeconfig: path.join(dir, 'nope.yaml') }),
    ).rejects.toThrow(/Cannot read the kubeconfig .*nope\.yaml: ENOENT/);
  });

  it("uses the in-cluster service account's token and CA", async () => {
    const accountDir = path.join(dir, 'sa');
    await file('sa/token', 'sa-token\n');
    await file('sa/ca.crt', PEM);
    const resolved = await resolveKubeConnection({
      env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' },
      serviceAccountDir: accountDir,
    });
    expect(resolved?.connection.server.origin).toBe('https://[fd00::1]:6443');
    expect(resolved?.connection).toMatchObject({ ca: PEM, token: 'sa-token' });
  });

  it('says which service account file is missing', async () => {
    await expect(
      resolveKubeConnection({
        env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' },
        serviceAccountDir: path.join(dir, 'no-sa'),
      }),
    ).rejects.toThrow(/Cannot read the service account token .*no-sa\/token: ENOENT/);
  });
});

describe('a connection from the embedded cluster kubeconfig', () => {
  let cluster: EmbeddedCluster;

  beforeAll(async () => {
    cluster = await startEmbeddedCluster({
      dataDir: path.join(dir, 'cluster'),
      runtime: 'simulated',
      sampleVMs: false,
    });
  }, 30_000);
  afterAll(() => cluster?.stop());

  it('reaches /version over HTTPS with TLS verified against its CA', async () => {
    const resolved = await resolveKubeConnection({ kubeconfig: cluster.kubeconfigPath });
    const { connection } = resolved!;
    expect(connection.server.protocol).toBe('https:');
    const response = await kubeRequest(connection, '/version', {
      authorization: `Bearer ${connection.token}`,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toMatchObject({ major: '1' });
  });

  it('fails against a CA that did not sign the server', async () => {
    const { connection } = (await resolveKubeConnection({ kubeconfig: cluster.kubeconfigPath }))!;
    const otherCA = loadOrCreatePki(path.join(dir, 'other-pki')).caCert;
    const failure = kubeRequest({ ...connection, ca: otherCA }, '/version');
    await expect(failure).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(failure).rejects.toThrow(/Cannot reach .*(CERT|SIGNATURE|ISSUER|VERIFY)/i);
  });
});
