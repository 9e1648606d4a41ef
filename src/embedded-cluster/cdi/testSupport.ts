import { waitForStore } from '../store/waitFor';
import { request } from 'node:https';
import type { EmbeddedCluster } from '../cluster';
import type { KubeObject } from '../types';

/** A JSON call to the cluster's API as admin (over plain HTTP, as the conformance suites do). */
export const api = async (
  cluster: EmbeddedCluster,
  method: string,
  path: string,
  body?: unknown,
  user = 'admin',
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const token = cluster.users.find((u) => u.username === user)?.token ?? '';
  const response = await fetch(`${cluster.httpURL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
};

/** A request over HTTPS trusting the cluster CA (the upload proxy, the image mirror). */
export const httpsCall = (
  cluster: EmbeddedCluster,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: cluster.caCert }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });

/** {@link waitForStore} on the cluster's store. */
export const waitFor = <T>(
  cluster: EmbeddedCluster,
  probe: () => T | undefined,
  what: string,
  limitMs = 30_000,
): Promise<T> => waitForStore(cluster.store, probe, what, limitMs);

export const dataVolume = (
  name: string,
  namespace: string,
  source: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace, annotations },
  spec: { ...source, storage: { resources: { requests: { storage: '128Mi' } } }, ...extra },
});

export const dvPath = (namespace: string, name = '') =>
  `/apis/cdi.kubevirt.io/v1beta1/namespaces/${namespace}/datavolumes${name ? `/${name}` : ''}`;

type Status = {
  phase?: string;
  progress?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
};
export const dvStatus = (cluster: EmbeddedCluster, namespace: string, name: string) =>
  cluster.store.get('cdi.kubevirt.io/datavolumes', namespace, name)?.status as Status | undefined;

export const eventsFor = (cluster: EmbeddedCluster, namespace: string, name: string) =>
  cluster.store
    .list('core/events', namespace)
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .map((e) => ({
      type: e.type as string,
      reason: e.reason as string,
      message: e.message as string,
    }));
