import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../cluster';
import { MacPool, normalizeMac, numberToMac, stableMac } from './macPool';

describe('MacPool', () => {
  it('hands out locally administered addresses in order, skipping used ones and wrapping', () => {
    const pool = new MacPool({ start: '02:00:00:00:00:fe', end: '02:00:00:00:01:01' });
    const used = new Set(['02:00:00:00:00:ff']);
    // It starts after the highest address taken, wraps at the end of the range, and skips
    // what is taken.
    expect(pool.allocate(used)).toBe('02:00:00:00:01:00');
    expect(pool.allocate(used)).toBe('02:00:00:00:01:01');
    expect(pool.allocate(used)).toBe('02:00:00:00:00:fe');
    used.add('02:00:00:00:01:00');
    expect(pool.allocate(used)).toBe('02:00:00:00:01:01');
    const full = new Set([
      '02:00:00:00:00:fe',
      '02:00:00:00:00:ff',
      '02:00:00:00:01:00',
      '02:00:00:00:01:01',
    ]);
    expect(() => pool.allocate(full)).toThrow(/range is full/);
  });

  it('continues after the highest address already taken on first use', () => {
    const pool = new MacPool();
    expect(pool.allocate(new Set(['02:7e:00:00:00:05', '02:00:00:00:00:09']))).toBe(
      '02:7e:00:00:00:06',
    );
  });

  it('normalizes and derives MACs', () => {
    expect(normalizeMac('02-AB-00-00-00-01')).toBe('02:ab:00:00:00:01');
    expect(normalizeMac('nope')).toBeUndefined();
    expect(numberToMac(0x027e00000001)).toBe('02:7e:00:00:00:01');
    expect(stableMac('uid/default')).toBe(stableMac('uid/default'));
    expect(stableMac('uid/default')).toMatch(/^02(:[0-9a-f]{2}){5}$/);
  });
});

// The webhook through the API: VMs get MACs at creation, keep them on update, and a MAC
// another VM has is refused.
const dataDir = mkdtempSync(path.join(tmpdir(), 'kubemacpool-'));
let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>>;
let token = '';
beforeAll(async () => {
  cluster = await startEmbeddedCluster({ dataDir, runtime: 'simulated', sampleVMs: false });
  token = cluster.users.find((u) => u.username === 'admin')!.token;
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (method: string, p: string, body?: unknown, type = 'application/json') => {
  const response = await fetch(`${cluster.httpURL}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Vm & { message?: string } };
};
const VMS = '/apis/kubevirt.io/v1/namespaces/default/virtualmachines';
const vm = (name: string, interfaces: object[]) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name },
  spec: {
    runStrategy: 'Halted',
    template: {
      spec: {
        domain: { devices: { interfaces } },
        networks: interfaces.map((i) => ({ name: (i as { name: string }).name, pod: {} })),
      },
    },
  },
});
interface Vm {
  spec: { template: { spec: { domain: { devices: { interfaces: { macAddress?: string }[] } } } } };
}
const macs = (object: Vm) =>
  object.spec.template.spec.domain.devices.interfaces.map((i) => i.macAddress);

describe('KubeMacPool admission', () => {
  it('assigns every interface a unique MAC from the pool when a VM is created', async () => {
    const one = await api(
      'POST',
      VMS,
      vm('one', [
        { name: 'default', masquerade: {} },
        { name: 'two', bridge: {} },
      ]),
    );
    expect(one.status).toBe(201);
    const two = await api('POST', VMS, vm('two', [{ name: 'default', masquerade: {} }]));
    const all = [...macs(one.body), ...macs(two.body)];
    for (const mac of all) expect(mac).toMatch(/^02:7e(:[0-9a-f]{2}){4}$/);
    expect(new Set(all).size).toBe(3);
    // Stored as admitted.
    expect(macs((await api('GET', `${VMS}/one`)).body)).toEqual(macs(one.body));
  });

  it('keeps an interface MAC across updates that drop it, and gives new interfaces one', async () => {
    const before = macs((await api('GET', `${VMS}/one`)).body);
    const patched = await api(
      'PATCH',
      `${VMS}/one`,
      [
        {
          op: 'replace',
          path: '/spec/template/spec/domain/devices/interfaces',
          value: [
            { name: 'default', masquerade: {} },
            { name: 'two', bridge: {} },
            { name: 'three', bridge: {} },
          ],
        },
      ],
      'application/json-patch+json',
    );
    expect(patched.status).toBe(200);
    const after = macs(patched.body);
    expect(after.slice(0, 2)).toEqual(before);
    expect(after[2]).toMatch(/^02:7e/);
    expect(before).not.toContain(after[2]);
  });

  it('refuses a MAC another VM uses, as the webhook denies it', async () => {
    const taken = macs((await api('GET', `${VMS}/two`)).body)[0];
    const refused = await api(
      'POST',
      VMS,
      vm('copy', [{ name: 'default', masquerade: {}, macAddress: taken }]),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(
      'admission webhook "mutatevirtualmachines.kubemacpool.io" denied the request',
    );
    const own = await api(
      'POST',
      VMS,
      vm('own', [{ name: 'default', masquerade: {}, macAddress: '02:00:00:00:aa:01' }]),
    );
    expect(own.status).toBe(201);
    expect(macs(own.body)).toEqual(['02:00:00:00:aa:01']);
  });

  it('leaves namespaces labelled mutatevirtualmachines.kubemacpool.io=ignore alone', async () => {
    await api('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'no-pool', labels: { 'mutatevirtualmachines.kubemacpool.io': 'ignore' } },
    });
    const created = await api(
      'POST',
      '/apis/kubevirt.io/v1/namespaces/no-pool/virtualmachines',
      vm('plain', [{ name: 'default', masquerade: {} }]),
    );
    expect(created.status).toBe(201);
    expect(macs(created.body)).toEqual([undefined]);
  });
});
