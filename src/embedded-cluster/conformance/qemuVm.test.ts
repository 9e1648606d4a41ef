import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmbeddedCluster } from '../cluster';
import { waitForStore } from '../store/waitFor';
import type { KubeObject } from '../types';
import { QemuVmRuntime } from '../controllers/qemuVmRuntime';
import { kubectl } from './testCluster';

// A VM that really runs: QEMU under TCG booting the project's guest image. Needs QEMU and the
// image (npm test sets both up on Debian as root); elsewhere this suite says why it skips.
const available = QemuVmRuntime.available();
const dataDir = mkdtempSync(path.join(tmpdir(), 'qemu-vm-'));
let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>>;
let token = '';

beforeAll(async () => {
  if (!available) return;
  cluster = await startEmbeddedCluster({ dataDir, runtime: new QemuVmRuntime(), sampleVMs: false });
  token = cluster.users.find((u) => u.username === 'admin')!.token;
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const vmYAML = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: real-vm
  namespace: default
spec:
  runStrategy: RerunOnFailure
  template:
    metadata:
      labels:
        kubevirt.io/os: fedora
    spec:
      domain:
        memory:
          guest: 128Mi
        devices: {}
`;

/** Resolves once `ready` holds for the object, as the store's change stream reports it. */
const objectReaches = (
  resource: string,
  name: string,
  ready: (object: KubeObject | undefined) => boolean,
  what: string,
  timeoutMs = 60_000,
) =>
  waitForStore(
    cluster.store,
    () => (ready(cluster.store.get(resource, 'default', name)) ? true : undefined),
    `${name}: ${what}`,
    timeoutMs,
  );

const phaseOf = (object: KubeObject | undefined) =>
  (object?.status as { phase?: string } | undefined)?.phase;

/** Resolves once real-vm's printableStatus is `status`. */
const vmReaches = (status: string, timeoutMs = 60_000) =>
  objectReaches(
    'kubevirt.io/virtualmachines',
    'real-vm',
    (vm) => (vm?.status as { printableStatus?: string } | undefined)?.printableStatus === status,
    `printableStatus ${status}`,
    timeoutMs,
  );

const openConsole = (kind: 'console' | 'vnc') => {
  const ws = new WebSocket(
    `${cluster.httpURL.replace('http', 'ws')}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/real-vm/${kind}`,
    ['plain.kubevirt.io'],
    { headers: { Authorization: `Bearer ${token}` } },
  );
  let received = '';
  ws.on('message', (data: Buffer) => (received += data.toString('latin1')));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const poll = () => {
        const match = pattern.exec(received);
        if (match) return resolve(match[0]);
        if (Date.now() > deadline)
          return reject(new Error(`no ${pattern} in ${JSON.stringify(received.slice(-300))}`));
        setTimeout(poll, 50);
      };
      poll();
    });
  return {
    ws,
    waitFor,
    opened: new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject))),
  };
};

/** The value of the first /metrics sample matching `pattern` (a regex whose group 1 is the
 * value) once `ready` holds for it; the figures are refreshed every 5 s. */
const metricReaches = async (
  pattern: RegExp,
  ready: (value: number) => boolean,
  timeoutMs = 20_000,
): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const text = await fetch(`${cluster.httpURL}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((r) => r.text());
    const value = pattern.exec(text)?.[1];
    if (value !== undefined && ready(Number(value))) return Number(value);
    last = value ?? 'no sample';
    if (Date.now() > deadline) throw new Error(`${pattern}: ${last} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

/** How many different byte values the PNG's pixels hold: a blank screen has one or two. */
const distinctPixelBytes = (png: Buffer): number => {
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return new Set(inflateSync(Buffer.concat(idat))).size;
};

describe.skipIf(!available)('a VM that really runs under QEMU', () => {
  it('boots to a shell that answers on the serial console, shows its screen, pauses, migrates, hot-plugs a disk, crashes back and stops', async () => {
    const applied = await kubectl(cluster, ['apply', '-f', '-'], { input: vmYAML });
    expect(applied.code, applied.stderr).toBe(0);
    await vmReaches('Running');

    const serial = openConsole('console');
    await serial.opened;
    expect(serial.ws.protocol).toBe('plain.kubevirt.io');
    // The boot log arrives from the scroll-back even though we connected after boot started.
    await serial.waitFor(/Virtual machine real-vm in namespace default/);
    await serial.waitFor(/\[real-vm\]# /);
    serial.ws.send(Buffer.from('echo answer-$((6*7))\n'));
    await serial.waitFor(/answer-42/);

    const vnc = openConsole('vnc');
    await vnc.opened;
    await vnc.waitFor(/RFB 003\.008/);
    vnc.ws.close();

    const pause = await fetch(
      `${cluster.httpURL}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/real-vm/pause`,
      { method: 'PUT', headers: { Authorization: `Bearer ${token}` } },
    );
    expect(pause.status).toBe(202);
    await vmReaches('Paused');
    const unpause = await fetch(
      `${cluster.httpURL}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/real-vm/unpause`,
      { method: 'PUT', headers: { Authorization: `Bearer ${token}` } },
    );
    expect(unpause.status).toBe(202);
    await vmReaches('Running');
    serial.ws.send(Buffer.from('echo still-$((40+2))\n'));
    await serial.waitFor(/still-42/);

    // The NIC's traffic (DHCP at boot), under the interface's name in the VMI, both ways.
    for (const direction of ['receive', 'transmit'])
      await metricReaches(
        new RegExp(
          `^kubevirt_vmi_network_${direction}_bytes_total\\{name="real-vm",namespace="default",node="worker-\\d",interface="default"\\} (\\d+)$`,
          'm',
        ),
        (bytes) => bytes > 0,
      );

    serial.ws.close();

    // The screen, as vnc/screenshot gives it: a PNG with something drawn on it.
    const shot = await fetch(
      `${cluster.httpURL}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachineinstances/real-vm/vnc/screenshot`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    expect(shot.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await shot.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(distinctPixelBytes(png)).toBeGreaterThan(2);

    // Live migration moves the guest to another node; it still answers there.
    const nodeBefore = (
      cluster.store.get('kubevirt.io/virtualmachineinstances', 'default', 'real-vm')!.status as {
        nodeName: string;
      }
    ).nodeName;
    const migration = await fetch(
      `${cluster.httpURL}/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstancemigrations`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstanceMigration',
          metadata: { name: 'move-it' },
          spec: { vmiName: 'real-vm' },
        }),
      },
    );
    expect(migration.status).toBe(201);
    await objectReaches(
      'kubevirt.io/virtualmachineinstancemigrations',
      'move-it',
      (m) => ['Succeeded', 'Failed'].includes(phaseOf(m) ?? ''),
      'the migration finishing',
    );
    expect(
      phaseOf(
        cluster.store.get('kubevirt.io/virtualmachineinstancemigrations', 'default', 'move-it'),
      ),
    ).toBe('Succeeded');
    const moved = cluster.store.get('kubevirt.io/virtualmachineinstances', 'default', 'real-vm')!
      .status as { nodeName: string; migrationState: { completed: boolean } };
    expect(moved.nodeName).not.toBe(nodeBefore);
    expect(moved.migrationState.completed).toBe(true);
    const after = openConsole('console');
    await after.opened;
    after.ws.send(Buffer.from('echo moved-$((40+2))\n'));
    await after.waitFor(/moved-42/);

    // Hot-plug: a PVC's disk appears in the running guest as a SCSI disk, and goes away again.
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const claim = await fetch(
      `${cluster.httpURL}/api/v1/namespaces/default/persistentvolumeclaims`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'extra-disk' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '8Mi' } } },
        }),
      },
    );
    expect(claim.status).toBe(201);
    const added = await fetch(
      `${cluster.httpURL}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/real-vm/addvolume`,
      {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          name: 'extra',
          disk: { disk: { bus: 'scsi' } },
          volumeSource: { persistentVolumeClaim: { claimName: 'extra-disk', hotpluggable: true } },
        }),
      },
    );
    expect(added.status).toBe(202);
    after.ws.send(Buffer.from('sleep 1; cat /sys/block/sda/size\n'));
    await after.waitFor(/\n16384\r?\n/);
    // Its reads, under the disk's name in the VMI.
    await metricReaches(
      /^kubevirt_vmi_storage_read_traffic_bytes_total\{name="real-vm",namespace="default",node="worker-\d",drive="extra"\} (\d+)$/m,
      (bytes) => bytes > 0,
    );
    const removed = await fetch(
      `${cluster.httpURL}/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/real-vm/removevolume`,
      { method: 'PUT', headers, body: JSON.stringify({ name: 'extra' }) },
    );
    expect(removed.status).toBe(202);
    after.ws.send(Buffer.from('sleep 1; ls /sys/block/ | grep -c sda\n'));
    await after.waitFor(/\n0\r?\n/);
    after.ws.close();

    // Live figures of the real process reach /metrics (refreshed every 5 s).
    const metrics = await fetch(`${cluster.httpURL}/metrics`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((r) => r.text());
    expect(metrics).toMatch(
      /^kubevirt_vmi_cpu_usage_seconds_total\{name="real-vm",namespace="default",node="worker-\d"\} [\d.]+$/m,
    );
    expect(metrics).toMatch(
      /^kubevirt_vmi_vcpu_wait_seconds_total\{name="real-vm",namespace="default",node="worker-\d"\} [\d.]+$/m,
    );
    // Memory used: the guest's view from its balloon statistics, or the RSS once it is clear
    // the guest sends none (the project's image has no virtio_balloon driver).
    await metricReaches(
      /^kubevirt_vmi_memory_used_bytes\{name="real-vm",namespace="default",node="worker-\d"\} (\d+)$/m,
      (bytes) => bytes > 0,
      30_000,
    );
    expect(metrics).toMatch(
      /^kubevirt_vmi_memory_resident_bytes\{name="real-vm",namespace="default",node="worker-\d"\} \d+$/m,
    );
    // The migration, from its object and the VMI's migrationState.
    expect(metrics).toContain(
      'kubevirt_vmi_migration_succeeded{vmi="real-vm",vmim="move-it",namespace="default"} 1',
    );
    expect(metrics).toMatch(
      /^kubevirt_vmi_migration_end_time_seconds\{node="worker-\d",namespace="default",name="real-vm",migration_name="move-it",status="succeeded"\} \d+$/m,
    );

    // A crashed QEMU fails the VMI, and RerunOnFailure brings a new one up.
    const before = cluster.store.get('kubevirt.io/virtualmachineinstances', 'default', 'real-vm')
      ?.metadata.uid;
    const pid = (cluster.runtime as QemuVmRuntime).processId('default/real-vm');
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    await objectReaches(
      'kubevirt.io/virtualmachineinstances',
      'real-vm',
      (vmi) => !!vmi && vmi.metadata.uid !== before && phaseOf(vmi) === 'Running',
      'a new running VMI after the crash',
      90_000,
    );
    const events = cluster.store.list('core/events', 'default').map((e) => e.reason);
    expect(events).toContain('Crashed');

    const stop = await kubectl(cluster, [
      'patch',
      'vm',
      'real-vm',
      '-n',
      'default',
      '--type=merge',
      '-p',
      '{"spec":{"runStrategy":"Halted"}}',
    ]);
    expect(stop.code, stop.stderr).toBe(0);
    await vmReaches('Stopped');
    expect(cluster.runtime.running('default/real-vm')).toBe(false);
  }, 240_000);
});
