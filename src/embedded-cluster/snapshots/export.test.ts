import { readFile } from 'node:fs/promises';
import { Agent, get } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimFile } from '../volumes';
import {
  claimBody,
  conditionOf,
  NS,
  phaseOf,
  startSnapshotCluster,
  writeMarker,
  type SnapshotTestCluster,
} from './testSupport';

vi.setConfig({ testTimeout: 30_000 });

const EXPORT = 'export.kubevirt.io/virtualmachineexports';
const EXPORTS = `/apis/export.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachineexports`;

let cluster: SnapshotTestCluster;
beforeAll(async () => {
  cluster = await startSnapshotCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

/** GET over HTTPS trusting the cluster CA; the body as bytes. */
const download = (url: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    get(url, { headers, agent: new Agent({ ca: cluster.caCert }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });

const exportBody = (name: string, claim: string, ttlDuration?: string) => ({
  apiVersion: 'export.kubevirt.io/v1beta1',
  kind: 'VirtualMachineExport',
  metadata: { name },
  spec: {
    source: { apiGroup: '', kind: 'PersistentVolumeClaim', name: claim },
    ...(ttlDuration ? { ttlDuration } : {}),
  },
});

describe('VirtualMachineExport', () => {
  it('serves a claim raw and gzipped to the holder of its token, and no one else', async () => {
    await cluster.api(
      `/api/v1/namespaces/${NS}/persistentvolumeclaims`,
      'POST',
      claimBody('data', 'ocs-storagecluster-ceph-rbd'),
    );
    await cluster.until('core/persistentvolumeclaims', NS, 'data', (c) => phaseOf(c) === 'Bound');
    const file = claimFile(cluster.store, NS, 'data') ?? '';
    await writeMarker(file, 'exported-bytes');

    expect((await cluster.api(EXPORTS, 'POST', exportBody('data-export', 'data'))).status).toBe(
      201,
    );
    const ready = await cluster.until(EXPORT, NS, 'data-export', (e) => phaseOf(e) === 'Ready');
    const status = ready?.status as {
      serviceName: string;
      tokenSecretRef: string;
      ttlExpirationTime: string;
      links: {
        external: {
          cert: string;
          volumes: { name: string; formats: { format: string; url: string }[] }[];
        };
        internal: { volumes: { formats: { url: string }[] }[] };
      };
    };
    expect(status.serviceName).toBe('virt-export-data-export');
    expect(status.tokenSecretRef).toBe('export-token-data-export');
    expect(
      Date.parse(status.ttlExpirationTime) - Date.parse(ready?.metadata.creationTimestamp ?? ''),
    ).toBe(2 * 3_600_000);
    expect(conditionOf(ready, 'Ready')).toMatchObject({ status: 'True', reason: 'podReady' });
    expect(conditionOf(ready, 'PVCReady')).toMatchObject({ status: 'True', reason: 'pvcBound' });
    const base = `${cluster.httpsURL}/api/export.kubevirt.io/v1beta1/namespaces/${NS}/virtualmachineexports/data-export`;
    expect(status.links.external.volumes).toEqual([
      {
        name: 'data',
        formats: [
          { format: 'raw', url: `${base}/volumes/data/disk.img` },
          { format: 'gzip', url: `${base}/volumes/data/disk.img.gz` },
        ],
      },
    ]);
    expect(status.links.internal.volumes[0]?.formats[0]?.url).toBe(
      `https://virt-export-data-export.${NS}.svc/volumes/data/disk.img`,
    );
    expect(status.links.external.cert).toContain('BEGIN CERTIFICATE');

    const secret = cluster.store.get('core/secrets', NS, 'export-token-data-export');
    const token = Buffer.from((secret?.data as { token: string }).token, 'base64').toString();
    const expected = await readFile(file);
    const raw = await download(`${base}/volumes/data/disk.img`, {
      'x-kubevirt-export-token': token,
    });
    expect(raw.status).toBe(200);
    expect(raw.body.equals(expected)).toBe(true);
    const gz = await download(`${base}/volumes/data/disk.img.gz?x-kubevirt-export-token=${token}`);
    expect(gz.status).toBe(200);
    expect(gunzipSync(gz.body).equals(expected)).toBe(true);

    expect((await download(`${base}/volumes/data/disk.img`)).status).toBe(401);
    expect(
      (await download(`${base}/volumes/data/disk.img`, { 'x-kubevirt-export-token': 'wrong' }))
        .status,
    ).toBe(401);
  });

  it('keeps the export of a missing claim Pending', async () => {
    await cluster.api(EXPORTS, 'POST', exportBody('nothing', 'not-there'));
    const pending = await cluster.until(EXPORT, NS, 'nothing', (e) => phaseOf(e) === 'Pending');
    expect(conditionOf(pending, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'pvcNotFound',
      message: `pvc ${NS}/not-there not found`,
    });
  });

  it('deletes the export when its TTL runs out', async () => {
    await cluster.api(EXPORTS, 'POST', exportBody('short-lived', 'data', '1s'));
    await cluster.until(EXPORT, NS, 'short-lived', (e) => phaseOf(e) === 'Ready');
    await cluster.until(EXPORT, NS, 'short-lived', (e) => !e);
    await cluster.until('core/services', NS, 'virt-export-short-lived', (s) => !s);
  });
});
