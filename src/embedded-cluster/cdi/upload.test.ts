import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../conformance/testCluster';
import { claimFile } from '../volumes';
import { api, dataVolume, dvPath, dvStatus, eventsFor, httpsCall, waitFor } from './testSupport';
import { UploadTokens } from './uploadTokens';

const QEMU_IMG = '/usr/bin/qemu-img';
const hasTools = existsSync(QEMU_IMG) && existsSync('/usr/bin/xz');

type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
let cluster: TestCluster;
let work: string;
const NS = 'default';

beforeAll(async () => {
  cluster = await startTestCluster();
  work = mkdtempSync(path.join(tmpdir(), 'cdi-upload-'));
}, 60_000);
afterAll(async () => {
  await cluster?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** A 3 MiB raw disk: a recognisable first sector, random data, a hole, a tail. */
const rawImage = (() => {
  const image = Buffer.alloc(3 * 2 ** 20);
  image.write('UPLOADED-DISK sector zero\n');
  for (let i = 4096; i < 2 ** 20; i++) image[i] = (i * 7919) % 251;
  image.write('tail of the disk', image.length - 64);
  return image;
})();

const uploadReadyDv = async (name: string, size = '64Mi') => {
  const created = await api(
    cluster,
    'POST',
    dvPath(NS),
    dataVolume(
      name,
      NS,
      { source: { upload: {} } },
      { storage: { resources: { requests: { storage: size } } } },
    ),
  );
  expect(created.status).toBe(201);
  await waitFor(
    cluster,
    () => (dvStatus(cluster, NS, name)?.phase === 'UploadReady' ? true : undefined),
    `${name} UploadReady`,
  );
};

const tokenFor = async (pvcName: string) => {
  const answer = await api(
    cluster,
    'POST',
    `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${NS}/uploadtokenrequests`,
    {
      apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
      kind: 'UploadTokenRequest',
      metadata: { name: pvcName },
      spec: { pvcName },
    },
  );
  expect(answer.status).toBe(201);
  return (answer.body.status as { token: string }).token;
};

const uploadURL = (kind = 'upload') => {
  const config = cluster.store.get('cdi.kubevirt.io/cdiconfigs', undefined, 'config');
  const base = (config?.status as { uploadProxyURL: string }).uploadProxyURL;
  return `${base}/v1beta1/${kind}`;
};

const post = (token: string, body: Buffer, kind = 'upload', headers: Record<string, string> = {}) =>
  httpsCall(
    cluster,
    'POST',
    uploadURL(kind),
    {
      Authorization: `Bearer ${token}`,
      'Content-Length': String(body.length),
      'Content-Type': 'application/octet-stream',
      ...headers,
    },
    body,
  );

const expectClaimHolds = (name: string, expected: Buffer) => {
  const file = claimFile(cluster.store, NS, name);
  expect(file).toBeDefined();
  const bytes = readFileSync(file!);
  expect(bytes.subarray(0, expected.length).equals(expected)).toBe(true);
  expect(bytes.subarray(expected.length).every((b) => b === 0)).toBe(true);
};

describe.skipIf(!hasTools)('CDI upload proxy (qemu-img and xz needed)', () => {
  it('points CDIConfig at the upload route, which answers healthz', async () => {
    expect(uploadURL()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/cdi-upload\/v1beta1\/upload$/);
    const health = await httpsCall(
      cluster,
      'GET',
      uploadURL().replace('/v1beta1/upload', '/healthz'),
      {},
    );
    expect(health.status).toBe(200);
  });

  const formats: [string, () => Buffer][] = [
    ['raw', () => rawImage],
    ['gzip', () => gzipSync(rawImage)],
    ['xz', () => execFileSync('xz', ['-c'], { input: rawImage, maxBuffer: 64 * 2 ** 20 })],
    [
      'qcow2',
      () => {
        const raw = path.join(work, 'disk.raw');
        const qcow2 = path.join(work, 'disk.qcow2');
        writeFileSync(raw, rawImage);
        execFileSync(QEMU_IMG, ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
        return readFileSync(qcow2);
      },
    ],
  ];
  for (const [format, make] of formats) {
    it(`uploads a ${format} image: the claim holds the raw bytes`, async () => {
      const name = `upload-${format}`;
      await uploadReadyDv(name);
      const pvc = cluster.store.get('core/persistentvolumeclaims', NS, name);
      expect(pvc?.metadata.annotations?.['cdi.kubevirt.io/storage.upload.target']).toBe('');
      const answer = await post(await tokenFor(name), make());
      expect(answer).toMatchObject({ status: 200 });
      await waitFor(
        cluster,
        () => (dvStatus(cluster, NS, name)?.phase === 'Succeeded' ? true : undefined),
        'upload Succeeded',
      );
      expectClaimHolds(name, rawImage);
      expect(dvStatus(cluster, NS, name)?.progress).toBe('100.0%');
      expect(eventsFor(cluster, NS, name)).toContainEqual({
        type: 'Normal',
        reason: 'UploadSucceeded',
        message: `Successfully uploaded into ${name}`,
      });
      await cluster.store.settled();
      const succeeded = cluster.store
        .list('core/events', NS)
        .filter(
          (e) =>
            e.reason === 'UploadSucceeded' && (e.involvedObject as { name: string }).name === name,
        );
      expect(succeeded.map((e) => e.count)).toEqual([1]);
    }, 30_000);
  }

  it('takes the multipart form field "file"', async () => {
    await uploadReadyDv('upload-form');
    const boundary = 'xBOUNDARYx';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="disk.img"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      rawImage,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await post(await tokenFor('upload-form'), body, 'upload-form', {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(answer.status).toBe(200);
    expectClaimHolds('upload-form', rawImage);
  }, 30_000);

  it('refuses forged and expired tokens, and claims not ready for upload', async () => {
    await uploadReadyDv('upload-refused');
    const token = await tokenFor('upload-refused');
    const forged = `${token.slice(0, -4)}AAAA`;
    const refused = await post(forged, rawImage);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('signature is invalid');
    const expired = new UploadTokens(cluster.dataDir).issue(
      { namespace: NS, name: 'upload-refused' },
      Math.floor(Date.now() / 1000) - 600,
    );
    const late = await post(expired, rawImage);
    expect(late.status).toBe(401);
    expect(late.text).toContain('expired');
    // A claim that is no upload target is not ready for one.
    await api(
      cluster,
      'POST',
      dvPath(NS),
      dataVolume('blank-target', NS, { source: { blank: {} } }),
    );
    const other = await tokenFor('blank-target');
    const busy = await post(other, rawImage);
    expect(busy.status).toBe(503);
    expect(busy.text).toContain('not ready for upload');
    expect(dvStatus(cluster, NS, 'upload-refused')?.phase).toBe('UploadReady');
  }, 30_000);

  it('answers 400 for an image larger than the volume; the DataVolume stays UploadReady', async () => {
    await uploadReadyDv('upload-large', '16Mi');
    const big = path.join(work, 'big.qcow2');
    execFileSync(QEMU_IMG, ['create', '-f', 'qcow2', big, '1G']);
    const answer = await post(await tokenFor('upload-large'), readFileSync(big));
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(
      /^Virtual image size 1073741824 is larger than the reported available storage \d+/,
    );
    expect(dvStatus(cluster, NS, 'upload-large')).toMatchObject({
      phase: 'UploadReady',
      progress: 'N/A',
    });
    // Still ready: a fitting image goes in afterwards.
    expect((await post(await tokenFor('upload-large'), rawImage)).status).toBe(200);
  }, 30_000);

  it('issues tokens only for existing claims', async () => {
    const answer = await api(
      cluster,
      'POST',
      `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${NS}/uploadtokenrequests`,
      {
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { name: 'x' },
        spec: { pvcName: 'missing' },
      },
    );
    expect(answer.status).toBe(404);
  });
});
