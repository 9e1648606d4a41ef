import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestCluster, type ApiTestCluster } from '../conformance/testCluster';
import type { KubeObject } from '../types';

// Services through the API: cluster IPs and node ports as kube-apiserver allocates them.
let cluster: ApiTestCluster;
const NS = 'default';
const path = (name = '') => `/api/v1/namespaces/${NS}/services${name ? `/${name}` : ''}`;

beforeAll(async () => {
  cluster = await startApiTestCluster('services-');
}, 60_000);
afterAll(async () => {
  await cluster?.cleanup();
});

interface Spec {
  type: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports: { port: number; nodePort?: number; protocol?: string; targetPort?: number }[];
  ipFamilies?: string[];
  externalTrafficPolicy?: string;
}
const create = (name: string, spec: object) =>
  cluster.api(path(), {
    method: 'POST',
    json: { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec },
  });
const specOf = (body: KubeObject) => body.spec as unknown as Spec;
const IN_RANGE = /^172\.30\.\d{1,3}\.\d{1,3}$/;

describe('services', () => {
  it('gives a ClusterIP service a cluster IP and the defaults', async () => {
    const response = await create('web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(response.status).toBe(201);
    const spec = specOf(response.body);
    expect(spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    });
    expect(spec.clusterIP).toMatch(IN_RANGE);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    expect(spec.ports[0]?.nodePort).toBeUndefined();
    expect(response.body.status).toEqual({ loadBalancer: {} });
  });

  it('keeps headless services headless', async () => {
    const response = await create('headless', { clusterIP: 'None', ports: [{ port: 22 }] });
    expect(specOf(response.body).clusterIP).toBe('None');
    expect(specOf(response.body).clusterIPs).toEqual(['None']);
  });

  it('allocates unique node ports for NodePort and LoadBalancer services', async () => {
    const ssh = specOf(
      (await create('ssh', { type: 'NodePort', selector: { vm: 'a' }, ports: [{ port: 22 }] }))
        .body,
    );
    const lb = await create('ssh-lb', {
      type: 'LoadBalancer',
      selector: { vm: 'a' },
      ports: [{ port: 22, targetPort: 22 }],
    });
    const lbSpec = specOf(lb.body);
    for (const spec of [ssh, lbSpec]) {
      expect(spec.clusterIP).toMatch(IN_RANGE);
      expect(spec.externalTrafficPolicy).toBe('Cluster');
      expect(spec.ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
      expect(spec.ports[0]?.nodePort).toBeLessThanOrEqual(32767);
    }
    expect(ssh.ports[0]?.nodePort).not.toBe(lbSpec.ports[0]?.nodePort);
    expect(ssh.clusterIP).not.toBe(lbSpec.clusterIP);
    // No load balancer answers here: the address stays pending.
    expect(lb.body.status).toEqual({ loadBalancer: {} });
  });

  it('honours a requested node port, and refuses one that is taken or out of range', async () => {
    const asked = await create('fixed', {
      type: 'NodePort',
      ports: [{ port: 22, nodePort: 30222 }],
    });
    expect(specOf(asked.body).ports[0]?.nodePort).toBe(30222);
    const taken = await create('clash', {
      type: 'NodePort',
      ports: [{ port: 22, nodePort: 30222 }],
    });
    expect(taken.status).toBe(422);
    expect(taken.body.message).toBe(
      'Service "clash" is invalid: spec.ports[0].nodePort: Invalid value: 30222: provided port is already allocated',
    );
    const outside = await create('outside', {
      type: 'NodePort',
      ports: [{ port: 22, nodePort: 80 }],
    });
    expect(outside.status).toBe(422);
    expect(outside.body.message).toMatch(
      /provided port is not in the valid range. The range of valid ports is 30000-32767$/,
    );
    const onClusterIP = await create('plain', { ports: [{ port: 22, nodePort: 30223 }] });
    expect(onClusterIP.status).toBe(422);
    expect(onClusterIP.body.message).toMatch(/may not be used when `type` is 'ClusterIP'/);
  });

  it('refuses a cluster IP that is taken or outside the service network', async () => {
    const first = specOf((await create('ip-a', { ports: [{ port: 1 }] })).body);
    const taken = await create('ip-b', { clusterIP: first.clusterIP, ports: [{ port: 1 }] });
    expect(taken.status).toBe(422);
    expect(taken.body.message).toMatch(
      /failed to allocate IP .*: provided IP is already allocated$/,
    );
    const outside = await create('ip-c', { clusterIP: '10.0.0.5', ports: [{ port: 1 }] });
    expect(outside.body.message).toMatch(
      /the provided IP \(10\.0\.0\.5\) is not in the valid range. The range of valid IPs is 172\.30\.0\.0\/16$/,
    );
    const chosen = await create('ip-d', { clusterIP: '172.30.99.99', ports: [{ port: 1 }] });
    expect(specOf(chosen.body).clusterIP).toBe('172.30.99.99');
  });

  it('keeps the cluster IP and node ports across updates, and drops node ports for ClusterIP', async () => {
    const before = specOf((await cluster.api(path('ssh'))).body);
    // A PUT without the allocated values keeps them.
    const put = await cluster.api(path('ssh'), {
      method: 'PUT',
      json: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'ssh',
          resourceVersion: (await cluster.api(path('ssh'))).body.metadata.resourceVersion,
        },
        spec: { type: 'NodePort', selector: { vm: 'a' }, ports: [{ port: 22 }] },
      },
    });
    expect(put.status).toBe(200);
    expect(specOf(put.body).clusterIP).toBe(before.clusterIP);
    expect(specOf(put.body).ports[0]?.nodePort).toBe(before.ports[0]?.nodePort);
    const changed = await cluster.api(path('ssh'), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { clusterIP: '172.30.1.1' } },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.message).toMatch(
      /spec.clusterIPs\[0\]: Invalid value: .*may not change once set/,
    );
    const plain = await cluster.api(path('ssh'), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      json: { spec: { type: 'ClusterIP' } },
    });
    expect(plain.status).toBe(200);
    expect(specOf(plain.body).ports[0]?.nodePort).toBeUndefined();
    expect(specOf(plain.body).clusterIP).toBe(before.clusterIP);
  });

  it('gives nodes an InternalIP', async () => {
    const node = (await cluster.api('/api/v1/nodes/worker-0')).body as unknown as {
      status: { addresses: { type: string; address: string }[] };
    };
    expect(node.status.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.126.10' },
      { type: 'Hostname', address: 'worker-0' },
    ]);
  });
});
