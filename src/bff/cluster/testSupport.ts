// Helpers for the cluster-mode tests: serving certificates, HTTPS calls, a pod's service
// account directory, and a recording proxy standing where the API server would be.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import path from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../embedded-cluster/cluster';
import { generateToken } from '../../embedded-cluster/auth/users';

export interface CertificateFiles {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/** A self-signed P-256 certificate for localhost / 127.0.0.1, written as NAME.crt and NAME.key. */
export const selfSignedCertificate = (dir: string, name: string): CertificateFiles => {
  mkdirSync(dir, { recursive: true });
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  return {
    certFile,
    keyFile,
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
  };
};

export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
  /** SHA-256 fingerprint of the certificate the server presented. */
  fingerprint: string;
}

/** One HTTPS request that trusts only `ca`, read whole. */
export const httpsCall = (
  base: string,
  pathAndQuery: string,
  options: { ca: string; method?: string; headers?: OutgoingHttpHeaders; body?: string },
): Promise<HttpsAnswer> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: pathAndQuery,
      method: options.method ?? 'GET',
      headers: options.headers,
      ca: options.ca,
      agent: false,
    });
    req.on('response', (response: IncomingMessage) => {
      const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
          fingerprint,
        });
      });
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });

/** What a pod has mounted at /var/run/secrets/kubernetes.io/serviceaccount. */
export const writeServiceAccountDir = (
  dir: string,
  account: { token: string; ca: string; namespace: string },
): string => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'token'), account.token);
  writeFileSync(path.join(dir, 'ca.crt'), account.ca);
  writeFileSync(path.join(dir, 'namespace'), account.namespace);
  return dir;
};

export interface ServiceAccountUser {
  namespace: string;
  name: string;
}

/**
 * The embedded cluster with service accounts that can authenticate: their tokens are written
 * into the users file before the first start (the file is the list of users from then on).
 * Returns the cluster and each account's token by `namespace:name`.
 */
export const startClusterWithServiceAccounts = async (
  dataDir: string,
  accounts: ServiceAccountUser[],
): Promise<{ cluster: EmbeddedCluster; tokens: Map<string, string> }> => {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tokens = new Map<string, string>();
  const users = [
    ...['admin', 'developer'].map((username) => ({
      username,
      uid: randomUUID(),
      groups: [],
      token: generateToken(),
    })),
    ...accounts.map(({ namespace, name }) => {
      const token = generateToken();
      tokens.set(`${namespace}:${name}`, token);
      return {
        username: `system:serviceaccount:${namespace}:${name}`,
        uid: randomUUID(),
        groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`],
        token,
      };
    }),
  ];
  writeFileSync(path.join(dataDir, 'users.json'), JSON.stringify({ users }), { mode: 0o600 });
  const cluster = await startEmbeddedCluster({ dataDir, runtime: 'simulated', sampleVMs: false });
  return { cluster, tokens };
};

/** Creates `objects` as the cluster's admin, in order; throws on the first refusal. */
export const createAsAdmin = async (cluster: EmbeddedCluster, objects: object[]) => {
  const admin = cluster.users.find((user) => user.username === 'admin')?.token ?? '';
  for (const object of objects) {
    const { apiVersion, kind, metadata } = object as {
      apiVersion: string;
      kind: string;
      metadata: { namespace?: string };
    };
    const plural = `${kind.toLowerCase()}s`;
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const where = metadata.namespace ? `/namespaces/${metadata.namespace}` : '';
    const answer = await httpsCall(cluster.httpsURL, `${base}${where}/${plural}`, {
      ca: cluster.caCert,
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(object),
    });
    if (answer.status !== 201) throw new Error(`Creating ${kind}: ${answer.status} ${answer.text}`);
  }
};

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface RecordingProxy {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTPS proxy in front of the cluster, with the cluster's own serving certificate (so the
 * service account's CA still verifies it), recording the method, path and Authorization of
 * every request the BFF sends upstream. Answers stream through (watches included).
 */
export const recordingProxy = async (
  cluster: EmbeddedCluster,
  dataDir: string,
): Promise<RecordingProxy> => {
  const requests: RecordedRequest[] = [];
  const target = new URL(cluster.httpsURL);
  const server: Server = createServer(
    {
      cert: readFileSync(path.join(dataDir, 'pki/apiserver.crt')),
      key: readFileSync(path.join(dataDir, 'pki/apiserver.key')),
    },
    (req, res) => {
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authorization: req.headers.authorization,
      });
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
          ca: cluster.caCert,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
