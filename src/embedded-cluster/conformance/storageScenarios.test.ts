import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster } from '../cluster';
import { QemuVmRuntime } from '../controllers/qemuVmRuntime';
import { guestDiskHeader } from '../guestDisk';
import { waitForStore } from '../store/waitFor';
import type { KubeObject } from '../types';

// The storage issue's "done when", end to end with real guests: an image uploaded through the
// CDI upload proxy boots; an online snapshot restores what the guest wrote before it; a clone
// boots with its own MAC. Needs QEMU, the guest image and qemu-img (npm test installs them).
const available = QemuVmRuntime.available();
const dataDir = mkdtempSync(path.join(tmpdir(), 'storage-scenarios-'));
let cluster: Awaited<ReturnType<typeof startEmbeddedCluster>>;
let token = '';
const NS = 'default';
const VIRT_CLASS = 'ocs-storagecluster-ceph-rbd-virtualization';

beforeAll(async () => {
  if (!available) return;
  cluster = await startEmbeddedCluster({ dataDir, runtime: new QemuVmRuntime(), sampleVMs: false });
  token = cluster.users.find((u) => u.username === 'admin')!.token;
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (method: string, apiPath: string, body?: unknown, contentType?: string) => {
  const response = await fetch(`${cluster.httpURL}${apiPath}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': contentType ?? 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as KubeObject & { message?: string };
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${json.message}`);
  return json;
};
const create = (apiPath: string, object: object) => api('POST', apiPath, object);
const patch = (apiPath: string, merge: object) =>
  api('PATCH', apiPath, merge, 'application/merge-patch+json');

/** Resolves with the object once `ready` holds for it, as the store's change stream reports. */
const reaches = (
  resource: string,
  name: string,
  ready: (object: KubeObject) => boolean,
  what: string,
  timeoutMs = 90_000,
) =>
  waitForStore(
    cluster.store,
    () => {
      const object = cluster.store.get(resource, NS, name);
      return object && ready(object) ? object : undefined;
    },
    () =>
      `${resource} ${name}: ${what}; last status ${JSON.stringify(cluster.store.get(resource, NS, name)?.status)}`,
    timeoutMs,
  );

const statusOf = (object: KubeObject) => (object.status ?? {}) as Record<string, unknown>;
const vmReaches = (name: string, printableStatus: string) =>
  reaches(
    'kubevirt.io/virtualmachines',
    name,
    (vm) => statusOf(vm).printableStatus === printableStatus,
    `printableStatus ${printableStatus}`,
  );
const guest = async (vm: string, command: string) => {
  const result = await cluster.runtime.guestCommand!(`${NS}/${vm}`, command, {
    timeoutMs: 60_000,
  });
  expect(result.exitCode, result.output).toBe(0);
  return result.output.trim();
};

const vmWithDisk = (name: string, volume: object, extra: object = {}) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: NS },
  spec: {
    runStrategy: 'Always',
    ...extra,
    template: {
      spec: {
        domain: {
          memory: { guest: '128Mi' },
          devices: {
            disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
            interfaces: [{ name: 'default', masquerade: {} }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'rootdisk', ...volume }],
      },
    },
  },
});

/** POSTs a file to the CDI upload proxy (HTTPS, the cluster's CA) with an upload token. */
const upload = (url: string, uploadToken: string, data: Buffer) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        ca: cluster.caCert,
        headers: {
          Authorization: `Bearer ${uploadToken}`,
          'Content-Type': 'application/octet-stream',
          'Content-Length': data.length,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });

const MARKER = 'uploaded-bytes-ok';

describe.skipIf(!available)('storage with real guests', () => {
  it('boots a VM from a qcow2 image uploaded through the upload proxy', async () => {
    // A labelled boot disk with a marker 1 MiB in, converted to qcow2 as users upload them.
    const work = mkdtempSync(path.join(tmpdir(), 'upload-image-'));
    const raw = Buffer.alloc(8 * 1024 * 1024);
    guestDiskHeader({ os: 'fedora', name: 'Fedora uploaded' }).copy(raw, 0);
    raw.write(MARKER, 1024 * 1024);
    writeFileSync(path.join(work, 'disk.raw'), raw);
    execFileSync('qemu-img', [
      'convert',
      '-f',
      'raw',
      '-O',
      'qcow2',
      path.join(work, 'disk.raw'),
      path.join(work, 'disk.qcow2'),
    ]);
    const qcow2 = readFileSync(path.join(work, 'disk.qcow2'));
    rmSync(work, { recursive: true, force: true });
    expect(qcow2.subarray(0, 4).toString('latin1')).toBe('QFI\xfb');

    await create(`/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'uploaded' },
      spec: {
        source: { upload: {} },
        storage: { storageClassName: VIRT_CLASS, resources: { requests: { storage: '64Mi' } } },
      },
    });
    await reaches(
      'cdi.kubevirt.io/datavolumes',
      'uploaded',
      (dv) => statusOf(dv).phase === 'UploadReady',
      'phase UploadReady',
    );
    const tokenRequest = await create(
      `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${NS}/uploadtokenrequests`,
      {
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { name: 'uploaded' },
        spec: { pvcName: 'uploaded' },
      },
    );
    const config = await api('GET', '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config');
    const proxy = String(statusOf(config).uploadProxyURL);
    expect(proxy).toMatch(/^https:\/\//);
    const answer = await upload(
      `${proxy}/v1beta1/upload`,
      String(statusOf(tokenRequest).token),
      qcow2,
    );
    expect(answer.status, answer.body).toBe(200);
    await reaches(
      'cdi.kubevirt.io/datavolumes',
      'uploaded',
      (dv) => statusOf(dv).phase === 'Succeeded',
      'phase Succeeded',
    );

    await create(
      `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`,
      vmWithDisk('from-upload', { dataVolume: { name: 'uploaded' } }),
    );
    await vmReaches('from-upload', 'Running');
    // The guest is what the image's label says, and its disk holds the uploaded bytes.
    expect(await guest('from-upload', 'cat /etc/os-release')).toMatch(/Fedora/);
    expect(
      await guest(
        'from-upload',
        `dd if=/dev/vda bs=1M skip=1 count=1 2>/dev/null | head -c ${MARKER.length}`,
      ),
    ).toBe(MARKER);
  }, 240_000);

  it('restores what the guest wrote before an online snapshot, and clones with a new MAC', async () => {
    await create(
      `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`,
      vmWithDisk(
        'writer',
        { dataVolume: { name: 'writer-disk' } },
        {
          dataVolumeTemplates: [
            {
              metadata: { name: 'writer-disk' },
              spec: {
                source: { blank: {} },
                storage: {
                  storageClassName: VIRT_CLASS,
                  resources: { requests: { storage: '64Mi' } },
                },
              },
            },
          ],
        },
      ),
    );
    await vmReaches('writer', 'Running');
    // A file system on the disk, and a file in it: what a user would keep on a data disk.
    const mounted = 'grep -q " /mnt/data " /proc/mounts || mount -t ext4 /dev/vda /mnt/data';
    await guest('writer', 'mke2fs -q /dev/vda && mkdir -p /mnt/data');
    const write = (text: string) =>
      guest('writer', `${mounted} && echo ${text} > /mnt/data/note.txt && sync`);
    const read = (vm: string) =>
      guest(vm, `mkdir -p /mnt/data && ${mounted} && cat /mnt/data/note.txt`);
    await write('before-snapshot');

    await create(`/apis/snapshot.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachinesnapshots`, {
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineSnapshot',
      metadata: { name: 'writer-snap' },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'writer' } },
    });
    const snapshot = await reaches(
      'snapshot.kubevirt.io/virtualmachinesnapshots',
      'writer-snap',
      (s) => statusOf(s).readyToUse === true,
      'readyToUse',
    );
    expect(statusOf(snapshot).indications).toEqual(expect.arrayContaining(['Online']));
    expect(await read('writer')).toMatch(/^before-snapshot/);
    await write('after-snapshot');
    expect(await read('writer')).toMatch(/^after-snapshot/);

    await patch(`/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/writer`, {
      spec: { runStrategy: 'Halted' },
    });
    await vmReaches('writer', 'Stopped');
    await create(`/apis/snapshot.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachinerestores`, {
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineRestore',
      metadata: { name: 'writer-restore' },
      spec: {
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'writer' },
        virtualMachineSnapshotName: 'writer-snap',
      },
    });
    await reaches(
      'snapshot.kubevirt.io/virtualmachinerestores',
      'writer-restore',
      (r) => statusOf(r).complete === true,
      'complete',
    );
    await patch(`/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/writer`, {
      spec: { runStrategy: 'Always' },
    });
    await vmReaches('writer', 'Running');
    expect(await read('writer')).toMatch(/^before-snapshot/);

    // The clone gets the disk as it is now and a MAC of its own, which its guest uses.
    await create(`/apis/clone.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachineclones`, {
      apiVersion: 'clone.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClone',
      metadata: { name: 'writer-clone' },
      spec: {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'writer' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'writer-copy' },
      },
    });
    await reaches(
      'clone.kubevirt.io/virtualmachineclones',
      'writer-clone',
      (c) => statusOf(c).phase === 'Succeeded',
      'phase Succeeded',
    );
    const macOf = (vm: KubeObject | undefined) =>
      (
        vm?.spec as {
          template: { spec: { domain: { devices: { interfaces: { macAddress?: string }[] } } } };
        }
      ).template.spec.domain.devices.interfaces[0]?.macAddress;
    const sourceMac = macOf(cluster.store.get('kubevirt.io/virtualmachines', NS, 'writer'));
    const cloneMac = macOf(cluster.store.get('kubevirt.io/virtualmachines', NS, 'writer-copy'));
    expect(sourceMac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(cloneMac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(cloneMac).not.toBe(sourceMac);
    await patch(`/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/writer-copy`, {
      spec: { runStrategy: 'Always' },
    });
    await vmReaches('writer-copy', 'Running');
    expect(await guest('writer-copy', 'cat /sys/class/net/eth0/address')).toBe(cloneMac);
    expect(await guest('writer', 'cat /sys/class/net/eth0/address')).toBe(sourceMac);
    expect(await read('writer-copy')).toMatch(/^before-snapshot/);
  }, 360_000);
});
