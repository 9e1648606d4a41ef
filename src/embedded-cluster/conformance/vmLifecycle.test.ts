import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SimulatedRuntime } from '../controllers/vmRuntime';
import { startEmbeddedCluster } from '../cluster';
import { waitForStore } from '../store/waitFor';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The VM lifecycle through the API, with the simulated runtime (QEMU-backed runs are in the
// runtime's own tests). Transitions are read from the store's watch, never from sleeps.
const dataDir = mkdtempSync(path.join(tmpdir(), 'vm-lifecycle-'));
const runtime = new SimulatedRuntime();
let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>>;
let tokens: Record<string, string>;

beforeAll(async () => {
  cluster = await startEmbeddedCluster({ dataDir, runtime });
  tokens = Object.fromEntries(cluster.users.map((u) => [u.username, u.token]));
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (p: string, init: RequestInit & { json?: unknown; user?: string } = {}) => {
  const response = await fetch(`${cluster.httpURL}${p}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${tokens[init.user ?? 'admin']}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
};

const vmPath = (ns: string, name = '') =>
  `/apis/kubevirt.io/v1/namespaces/${ns}/virtualmachines${name ? `/${name}` : ''}`;
const action = (ns: string, name: string, verb: string, user = 'admin') =>
  api(`/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachines/${name}/${verb}`, {
    method: 'PUT',
    json: {},
    user,
  });
const vmiAction = (ns: string, name: string, verb: string) =>
  api(
    `/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}/${verb}`,
    { method: 'PUT', json: {} },
  );

/** Records every printableStatus a VM goes through, from the store's change stream. */
const statuses = (ns: string, name: string) => {
  const seen: string[] = [];
  const off = cluster.store.subscribe('kubevirt.io/virtualmachines', (event) => {
    if (event.object.metadata.namespace !== ns || event.object.metadata.name !== name) return;
    const status = (event.object.status as { printableStatus?: string } | undefined)
      ?.printableStatus;
    if (status && seen[seen.length - 1] !== status) seen.push(status);
  });
  return { seen, off };
};

/** Resolves once `check` holds, re-checked on every store change (bounded). */
const until = (check: () => boolean, timeoutMs = 10_000) =>
  waitForStore(cluster.store, () => (check() ? true : undefined), 'the condition', timeoutMs);

const createVM = (ns: string, name: string, runStrategy: string) =>
  api(vmPath(ns), {
    method: 'POST',
    json: {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name },
      spec: {
        runStrategy,
        template: {
          metadata: { labels: { 'kubevirt.io/os': 'fedora' } },
          spec: { domain: { memory: { guest: '128Mi' }, devices: {} } },
        },
      },
    },
  });

const vmStatus = async (ns: string, name: string) =>
  (await api(vmPath(ns, name))).body.status as {
    printableStatus?: string;
    ready?: boolean;
    conditions?: { type: string; status: string }[];
  };

describe('VirtualMachine lifecycle', () => {
  it('starts, pauses, unpauses and stops a VM through the subresources', async () => {
    await createVM('default', 'life', 'Halted');
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'life')).printableStatus).toBe('Stopped');

    const watch = statuses('default', 'life');
    expect((await action('default', 'life', 'start')).status).toBe(202);
    await cluster.controllersIdle();
    const running = await vmStatus('default', 'life');
    expect(running).toMatchObject({ printableStatus: 'Running', ready: true });
    expect(watch.seen.slice(-2)).toEqual(['Starting', 'Running']);
    const vmi = (await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/life'))
      .body as { status: { phase: string; nodeName: string; interfaces: { ipAddress: string }[] } };
    expect(vmi.status.phase).toBe('Running');
    expect(vmi.status.nodeName).toMatch(/^worker-\d$/);
    expect(vmi.status.interfaces[0]?.ipAddress).toBe('10.0.2.15');
    expect((await action('default', 'life', 'start')).body.message).toBe('VM is already running');

    expect((await vmiAction('default', 'life', 'pause')).status).toBe(202);
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'life')).printableStatus).toBe('Paused');
    expect((await vmiAction('default', 'life', 'unpause')).status).toBe(202);
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'life')).printableStatus).toBe('Running');

    expect((await action('default', 'life', 'stop')).status).toBe(202);
    await cluster.controllersIdle();
    watch.off();
    expect((await vmStatus('default', 'life')).printableStatus).toBe('Stopped');
    expect(
      (await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/life')).status,
    ).toBe(404);
    expect(watch.seen.slice(-2)).toEqual(['Stopping', 'Stopped']);
  });

  it('restarts a Manual VM with a new VMI', async () => {
    await createVM('default', 'manual', 'Manual');
    await action('default', 'manual', 'start');
    await cluster.controllersIdle();
    const first = (
      await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/manual')
    ).body.metadata as { uid: string };
    expect((await action('default', 'manual', 'restart')).status).toBe(202);
    await cluster.controllersIdle();
    const second = (
      await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/manual')
    ).body.metadata as { uid: string };
    expect(second.uid).not.toBe(first.uid);
    expect((await vmStatus('default', 'manual')).printableStatus).toBe('Running');
  });

  it('brings a crashed RerunOnFailure VM back, and leaves a crashed Manual one stopped', async () => {
    await createVM('default', 'rerun', 'RerunOnFailure');
    await cluster.controllersIdle();
    const before = (
      await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/rerun')
    ).body.metadata as { uid: string };
    runtime.crash('default/rerun');
    await cluster.controllersIdle();
    const after = await api(
      '/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/rerun',
    );
    expect((after.body.metadata as { uid: string }).uid).not.toBe(before.uid);
    expect((await vmStatus('default', 'rerun')).printableStatus).toBe('Running');

    runtime.crash('default/manual');
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'manual')).printableStatus).toBe('Stopped');
  });

  it('flags RestartRequired when the template changes under a running VM', async () => {
    await api(vmPath('default', 'rerun'), {
      method: 'PATCH',
      json: {
        spec: { template: { spec: { domain: { memory: { guest: '256Mi' }, devices: {} } } } },
      },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    await cluster.controllersIdle();
    const conditions = (await vmStatus('default', 'rerun')).conditions ?? [];
    expect(conditions.find((c) => c.type === 'RestartRequired')?.status).toBe('True');
  });

  it('lets the developer start VMs in its namespace only', async () => {
    await api(vmPath('developer-vms'), {
      method: 'POST',
      user: 'developer',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'mine' },
        spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {} } } } },
      },
    });
    expect((await action('developer-vms', 'mine', 'start', 'developer')).status).toBe(202);
    const refused = await action('default', 'life', 'start', 'developer');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain(
      'cannot update resource "virtualmachines/start" in API group "subresources.kubevirt.io"',
    );
  });

  it('answers the console WebSocket with a clear reason when there is no guest to show', async () => {
    const open = (user: string, ns: string, name: string) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        const ws = new WebSocket(
          `${cluster.httpURL.replace('http', 'ws')}/apis/subresources.kubevirt.io/v1/namespaces/${ns}/virtualmachineinstances/${name}/vnc`,
          ['plain.kubevirt.io'],
          { headers: { Authorization: `Bearer ${tokens[user]}` } },
        );
        ws.on('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        ws.on('open', () => resolve({ status: 101, body: '' }));
      });
    await cluster.controllersIdle();
    const simulated = await open('admin', 'developer-vms', 'mine');
    expect(simulated.status).toBe(503);
    expect(simulated.body).toContain('no display in this environment');
    const foreign = await open('developer', 'default', 'manual');
    const stopped = await open('admin', 'default', 'manual');
    expect(stopped.status).toBe(400);
    expect(stopped.body).toContain('instead of Running');
    expect(foreign.status).toBe(403);
  });

  it('live-migrates a running VMI to another node, and fails a migration of a stopped one', async () => {
    const vmiPath = '/apis/kubevirt.io/v1/namespaces/developer-vms/virtualmachineinstances/mine';
    const before = ((await api(vmiPath)).body.status as { nodeName: string }).nodeName;
    const created = await api(
      '/apis/kubevirt.io/v1/namespaces/developer-vms/virtualmachineinstancemigrations',
      {
        method: 'POST',
        user: 'developer',
        json: {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstanceMigration',
          metadata: { generateName: 'mine-migration-' },
          spec: { vmiName: 'mine' },
        },
      },
    );
    expect(created.status).toBe(201);
    await cluster.controllersIdle();
    const name = (created.body.metadata as { name: string }).name;
    const migration = (
      await api(
        `/apis/kubevirt.io/v1/namespaces/developer-vms/virtualmachineinstancemigrations/${name}`,
      )
    ).body.status as { phase: string; phaseTransitionTimestamps: { phase: string }[] };
    expect(migration.phase).toBe('Succeeded');
    expect(migration.phaseTransitionTimestamps.map((p) => p.phase)).toEqual([
      'Scheduling',
      'Running',
      'Succeeded',
    ]);
    const after = (await api(vmiPath)).body.status as {
      nodeName: string;
      migrationState: { completed: boolean; sourceNode: string; targetNode: string };
    };
    expect(after.nodeName).not.toBe(before);
    expect(after.migrationState).toMatchObject({
      completed: true,
      sourceNode: before,
      targetNode: after.nodeName,
    });

    const failed = await api(
      '/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstancemigrations',
      {
        method: 'POST',
        json: {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstanceMigration',
          metadata: { name: 'stopped-one' },
          spec: { vmiName: 'manual' },
        },
      },
    );
    expect(failed.status).toBe(201);
    await cluster.controllersIdle();
    const status = (
      await api(
        '/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstancemigrations/stopped-one',
      )
    ).body.status as { phase: string };
    expect(status.phase).toBe('Failed');
  });

  it('exposes kubevirt_* metrics for Prometheus, to those allowed to scrape', async () => {
    const response = await fetch(`${cluster.httpURL}/metrics`, {
      headers: { Authorization: `Bearer ${tokens.admin}` },
    });
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /^kubevirt_vmi_phase_count\{node="worker-\d",phase="running",os="fedora"\} \d+$/m,
    );
    expect(text).toMatch(
      /^kubevirt_vmi_memory_domain_bytes\{name="rerun",namespace="default",node="worker-\d"\} 134217728$/m,
    );
    expect(text).toMatch(
      /^kubevirt_vm_running_status_last_transition_timestamp_seconds\{name="life",namespace="default"\} \d+\.\d+$/m,
    );
    expect(text).toMatch(
      /^kubevirt_vm_non_running_status_last_transition_timestamp_seconds\{name="life",namespace="default"\}/m,
    );
    // The simulation has no process: no CPU or memory figures are made up for it.
    expect(text).not.toContain('kubevirt_vmi_cpu_usage_seconds_total');
    const developer = await fetch(`${cluster.httpURL}/metrics`, {
      headers: { Authorization: `Bearer ${tokens.developer}` },
    });
    expect(developer.status).toBe(403);
  });

  it('captures the instance type in a ControllerRevision at first start, and keeps to it', async () => {
    const instancetypes =
      '/apis/instancetype.kubevirt.io/v1beta1/namespaces/default/virtualmachineinstancetypes';
    expect(
      (
        await api(instancetypes, {
          method: 'POST',
          json: {
            apiVersion: 'instancetype.kubevirt.io/v1beta1',
            kind: 'VirtualMachineInstancetype',
            metadata: { name: 'tiny' },
            spec: { cpu: { guest: 1 }, memory: { guest: '256Mi' } },
          },
        })
      ).status,
    ).toBe(201);
    await api(vmPath('default'), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'pinned' },
        spec: {
          runStrategy: 'Manual',
          instancetype: { kind: 'VirtualMachineInstancetype', name: 'tiny' },
          template: { spec: { domain: { devices: {} } } },
        },
      },
    });
    await action('default', 'pinned', 'start');
    await cluster.controllersIdle();
    const vm = (await api(vmPath('default', 'pinned'))).body as {
      spec: { instancetype: { revisionName?: string } };
    };
    const revisionName = vm.spec.instancetype.revisionName;
    expect(revisionName).toMatch(/^pinned-tiny-/);
    const revision = (
      await api(`/apis/apps/v1/namespaces/default/controllerrevisions/${revisionName}`)
    ).body as {
      data: { spec: { memory: { guest: string } } };
      metadata: { ownerReferences: { name: string }[] };
    };
    expect(revision.data.spec.memory.guest).toBe('256Mi');
    expect(revision.metadata.ownerReferences[0]?.name).toBe('pinned');

    // Editing the instance type later does not change the VM that started with it.
    await api(`${instancetypes}/tiny`, {
      method: 'PATCH',
      json: { spec: { memory: { guest: '512Mi' } } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    await action('default', 'pinned', 'restart');
    await cluster.controllersIdle();
    const started = (
      await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/pinned')
    ).body as {
      spec: { domain: { memory: { guest: string } } };
      metadata: { annotations: Record<string, string> };
    };
    expect(started.spec.domain.memory.guest).toBe('256Mi');
    // The VMI names what it started with, as KubeVirt records it (a namespaced kind here).
    expect(started.metadata.annotations['kubevirt.io/instancetype-name']).toBe('tiny');
    expect(started.metadata.annotations).not.toHaveProperty(
      'kubevirt.io/cluster-instancetype-name',
    );
    const status = await vmStatus('default', 'pinned');
    expect(status.printableStatus).toBe('Running');
    expect(status.conditions?.some((c) => c.type === 'RestartRequired')).toBe(false);
  });

  it('leaves a VM that fits on no node unschedulable, and says why', async () => {
    await api(vmPath('default'), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'huge' },
        spec: {
          runStrategy: 'Always',
          template: { spec: { domain: { memory: { guest: '100Gi' }, devices: {} } } },
        },
      },
    });
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'huge')).printableStatus).toBe('ErrorUnschedulable');
    const vmi = (await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/huge'))
      .body.status as { phase: string; conditions: { type: string; message: string }[] };
    expect(vmi.phase).toBe('Scheduling');
    expect(vmi.conditions.find((c) => c.type === 'PodScheduled')?.message).toBe(
      '0/3 nodes are available: 3 Insufficient memory.',
    );
    await api(vmPath('default', 'huge'), { method: 'DELETE' });
  });

  it('refuses a soft reboot without a guest agent, saying why', async () => {
    const refused = await api(
      '/apis/subresources.kubevirt.io/v1/namespaces/developer-vms/virtualmachineinstances/mine/softreboot',
      { method: 'PUT', json: {} },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('does not have a guest agent connected');
  });

  it('migrates through the VM subresource and expands an instance type', async () => {
    expect((await action('developer-vms', 'mine', 'migrate', 'developer')).status).toBe(202);
    await cluster.controllersIdle();
    const migrations = (
      await api(
        '/apis/kubevirt.io/v1/namespaces/developer-vms/virtualmachineinstancemigrations?labelSelector=kubevirt.io%2Fvmi-name%3Dmine',
        { user: 'developer' },
      )
    ).body.items as { status: { phase: string } }[];
    expect(migrations.map((m) => m.status.phase)).toContain('Succeeded');

    await api(vmPath('default'), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'typed' },
        spec: {
          runStrategy: 'Halted',
          instancetype: { name: 'u1.medium' },
          template: { spec: { domain: { devices: {} } } },
        },
      },
    });
    const expanded = await api(
      '/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/typed/expand-spec',
    );
    expect(expanded.status).toBe(200);
    expect(
      (expanded.body.spec as { template: { spec: { domain: unknown } } }).template.spec.domain,
    ).toMatchObject({ cpu: { sockets: 1 }, memory: { guest: '4Gi' } });
  });

  it('waits for its disks, naming what is wrong, as KubeVirt does', async () => {
    const withClaim = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'disky' },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
            volumes: [{ name: 'root', persistentVolumeClaim: { claimName: 'root-disk' } }],
          },
        },
      },
    };
    const disky = statuses('default', 'disky');
    await api(vmPath('default'), { method: 'POST', json: withClaim });
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'disky')).printableStatus).toBe('ErrorPvcNotFound');
    const claim = (storageClassName: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'root-disk' },
      spec: {
        storageClassName,
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      },
    });
    // A claim storage cannot provision (its class does not exist) stays Pending.
    const claims = '/api/v1/namespaces/default/persistentvolumeclaims';
    await api(claims, { method: 'POST', json: claim('no-such-class') });
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'disky')).printableStatus).toBe('WaitingForVolumeBinding');
    // Replaced by one on the default class, it binds and the VM starts.
    await api(`${claims}/root-disk`, { method: 'DELETE' });
    await until(() => !cluster.store.get('core/persistentvolumeclaims', 'default', 'root-disk'));
    await api(claims, { method: 'POST', json: claim('ocs-storagecluster-ceph-rbd') });
    await until(() => disky.seen.includes('Running'));
    disky.off();
    // Between the deletion and the new claim's binding the VM may be seen waiting again
    // (claim gone, then not yet bound), depending on when the controller runs; never anything else.
    expect(disky.seen.slice(0, 2)).toEqual(['ErrorPvcNotFound', 'WaitingForVolumeBinding']);
    expect(disky.seen.slice(-2)).toEqual(['Starting', 'Running']);
    expect(
      disky.seen
        .slice(2, -2)
        .every((status) => status === 'ErrorPvcNotFound' || status === 'WaitingForVolumeBinding'),
    ).toBe(true);

    const withTemplate = (name: string, source: object) => ({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name },
      spec: {
        runStrategy: 'Always',
        dataVolumeTemplates: [
          {
            metadata: { name: `${name}-root` },
            spec: { source, storage: { resources: { requests: { storage: '1Gi' } } } },
          },
        ],
        template: {
          spec: {
            domain: { devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] } },
            volumes: [{ name: 'root', dataVolume: { name: `${name}-root` } }],
          },
        },
      },
    });
    // A disk CDI cannot import: the VM provisions while CDI retries, then shows the error.
    const broken = statuses('default', 'unreachable');
    const created = await api(vmPath('default'), {
      method: 'POST',
      json: withTemplate('unreachable', { http: { url: 'http://127.0.0.1:1/disk.img' } }),
    });
    expect(created.status).toBe(201);
    const dv = (
      await api('/apis/cdi.kubevirt.io/v1beta1/namespaces/default/datavolumes/unreachable-root')
    ).body as { metadata: { ownerReferences: { kind: string; name: string }[] } };
    expect(dv.metadata.ownerReferences[0]).toMatchObject({
      kind: 'VirtualMachine',
      name: 'unreachable',
    });
    await until(() => broken.seen.includes('DataVolumeError'), 20_000);
    broken.off();
    expect(broken.seen).toEqual(['Provisioning', 'DataVolumeError']);
    // A blank disk is provisioned at once, and the VM runs on it.
    const blank = statuses('default', 'blank');
    await api(vmPath('default'), { method: 'POST', json: withTemplate('blank', { blank: {} }) });
    await until(() => blank.seen.includes('Running'));
    blank.off();
    expect(blank.seen[0]).toBe('Provisioning');
  });

  it('applies the preference to what the VM leaves open', async () => {
    await api(vmPath('default'), {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'win' },
        spec: {
          runStrategy: 'Always',
          instancetype: { name: 'u1.medium' },
          preference: { name: 'windows.2k22' },
          template: {
            spec: {
              domain: {
                devices: {
                  disks: [
                    { name: 'root', disk: {} },
                    { name: 'cd', cdrom: { bus: 'sata' } },
                  ],
                  interfaces: [{ name: 'default', masquerade: {} }],
                },
              },
              networks: [{ name: 'default', pod: {} }],
              volumes: [
                { name: 'root', containerDisk: { image: 'example/win' } },
                { name: 'cd', containerDisk: { image: 'example/virtio' } },
              ],
            },
          },
        },
      },
    });
    await cluster.controllersIdle();
    const vmi = (await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/win'))
      .body.spec as { domain: Record<string, unknown> };
    expect(vmi.domain).toMatchObject({
      cpu: { sockets: 1 },
      memory: { guest: '4Gi' },
      firmware: { bootloader: { efi: { secureBoot: true } } },
      devices: {
        disks: [
          { name: 'root', disk: { bus: 'sata' } },
          { name: 'cd', cdrom: { bus: 'sata' } },
        ],
        interfaces: [{ name: 'default', model: 'e1000e' }],
      },
    });
    const badGrace = await api(
      '/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/win/stop',
      { method: 'PUT', json: { gracePeriod: -1 } },
    );
    expect(badGrace.status).toBe(400);
    expect(
      (
        await api('/apis/subresources.kubevirt.io/v1/namespaces/default/virtualmachines/win/stop', {
          method: 'PUT',
          json: { gracePeriod: 0 },
        })
      ).status,
    ).toBe(202);
    await cluster.controllersIdle();
    expect((await vmStatus('default', 'win')).printableStatus).toBe('Stopped');
  });

  it('deletes the VMI with its VM', async () => {
    await api(vmPath('default', 'rerun'), { method: 'DELETE' });
    await cluster.controllersIdle();
    expect(
      (await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/rerun')).status,
    ).toBe(404);
    expect(runtime.running('default/rerun')).toBe(false);
  });
});
