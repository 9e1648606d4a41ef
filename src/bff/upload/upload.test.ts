import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesStatus } from '../../common/cluster-info';
import type { UploadProgress } from '../../common/uploadProgress';
import type { EmbeddedCluster } from '../../embedded-cluster/cluster';
import { waitForStore } from '../../embedded-cluster/store/waitFor';
import { claimFile } from '../../embedded-cluster/volumes';
import type { KubeConnection } from '../kube/connection';
import { call, deadURL, readAll, startClusterForBff } from '../kube/testKit';
import { uploadRoutes, type UploadRoutesOptions } from './index';

const NS = 'developer-vms';
const MiB = 2 ** 20;
const hasQemuTools = existsSync('/usr/bin/qemu-img') && existsSync('/usr/bin/qemu-io');

let dir: string;
let cluster: EmbeddedCluster;
let connection: KubeConnection;
let admin: string;
let developer: string;
let base: string;
const apps: FastifyInstance[] = [];

/** A BFF with only the upload routes, under `/upload`, the caller's Authorization as theirs. */
const bff = async (extra: Partial<UploadRoutesOptions> = {}) => {
  const app = Fastify({ logger: false, bodyLimit: MiB });
  await app.register(uploadRoutes, {
    prefix: '/upload',
    connection,
    authorization: (req) => req.headers.authorization,
    bodyLimit: 64 * MiB,
    ...extra,
  });
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-upload-'));
  ({ cluster, connection, admin, developer } = await startClusterForBff(path.join(dir, 'cluster')));
  base = await bff();
}, 30_000);
afterAll(async () => {
  for (const app of apps) await app.close();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A DataVolume created as admin (64 MiB, the default class: Immediate binding). */
const createDataVolume = async (
  namespace: string,
  name: string,
  source: Record<string, unknown> = { upload: {} },
  storage: Record<string, unknown> = {},
) => {
  const answer = await call(
    new URL(cluster.httpURL).origin,
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${namespace}/datavolumes`,
    {
      method: 'POST',
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name, namespace },
        spec: { source, storage: { resources: { requests: { storage: '64Mi' } }, ...storage } },
      }),
    },
  );
  expect(answer.status).toBe(201);
};

/** POST `body` (bytes, or a body the test writes itself) to the relay. */
const startUpload = (namespace: string, name: string, authorization: string, length: number) => {
  const url = new URL(base);
  const req = request({
    host: url.hostname,
    port: url.port,
    path: `/upload/${namespace}/${name}`,
    method: 'POST',
    headers: {
      authorization,
      'content-type': 'application/octet-stream',
      'content-length': length,
    },
  });
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  return { req, answer };
};

const upload = async (namespace: string, name: string, authorization: string, bytes: Buffer) => {
  const { req, answer } = startUpload(namespace, name, authorization, bytes.length);
  req.end(bytes);
  return readAll(await answer);
};

const progressOf = (namespace: string, name: string, authorization = developer) =>
  call(base, `/upload/${namespace}/${name}`, { headers: { authorization } });

/** Polls the state (each poll a real round trip) until `done` holds for it. */
const progressUntil = async (name: string, done: (p: UploadProgress) => boolean) => {
  for (let i = 0; i < 2000; i++) {
    const answer = await progressOf(NS, name);
    if (answer.status === 200 && done(answer.json<UploadProgress>()))
      return answer.json<UploadProgress>();
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the upload state of ${name} never got there`);
};

const dvPhase = (namespace: string, name: string) =>
  cluster.store.get('cdi.kubevirt.io/datavolumes', namespace, name)?.status as
    { phase?: string; progress?: string } | undefined;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The claim's bytes: the image's raw content first, zeros after it. */
const expectVolumeHolds = async (name: string, raw: Buffer) => {
  const file = claimFile(cluster.store, NS, name);
  expect(file).toBeDefined();
  const volume = await readFile(file!);
  expect(sha256(volume.subarray(0, raw.length))).toBe(sha256(raw));
  expect(volume.subarray(raw.length).every((b) => b === 0)).toBe(true);
};

/** A 4 MiB raw disk with a pattern that shows where every byte came from. */
const patternDisk = () => {
  const disk = Buffer.alloc(4 * MiB);
  for (let i = 0; i < disk.length; i += 4) disk.writeUInt32LE(i ^ 0x5a5a5a5a, i);
  return disk;
};

describe('the upload relay against the embedded cluster', () => {
  it('uploads a real image as the developer: the volume holds its raw content, and the state says done', async () => {
    // A qcow2 with recognisable data where qemu's tools are there; else a patterned raw disk.
    let image: Buffer;
    let raw: Buffer;
    if (hasQemuTools) {
      const qcow2 = path.join(dir, 'disk.qcow2');
      const rawFile = path.join(dir, 'disk.raw');
      execFileSync('qemu-img', ['create', '-f', 'qcow2', qcow2, '8M']);
      execFileSync('qemu-io', ['-c', 'write -P 0xab 0 1M', '-c', 'write -P 0x5c 5M 512k', qcow2]);
      execFileSync('qemu-img', ['convert', '-O', 'raw', qcow2, rawFile]);
      [image, raw] = [await readFile(qcow2), await readFile(rawFile)];
      expect(image.subarray(0, 4).toString('latin1')).toBe('QFI\xfb');
    } else {
      raw = patternDisk();
      image = raw;
      await writeFile(path.join(dir, 'disk.raw'), raw);
    }
    // Uploaded at once: the relay waits for the new DataVolume to become UploadReady.
    await createDataVolume(NS, 'uploaded');
    const answer = await upload(NS, 'uploaded', developer, image);
    expect(answer.status).toBe(200);
    expect(answer.json<UploadProgress>()).toMatchObject({
      phase: 'done',
      bytesReceived: image.length,
      bytesTotal: image.length,
      message: expect.stringContaining(`into DataVolume ${NS}/uploaded`),
    });
    expect(dvPhase(NS, 'uploaded')?.phase).toBe('Succeeded');
    await expectVolumeHolds('uploaded', raw);
    const state = await progressOf(NS, 'uploaded');
    expect(state.headers['cache-control']).toBe('no-store');
    expect(state.json<UploadProgress>()).toMatchObject({
      phase: 'done',
      bytesReceived: image.length,
    });
    // Done: uploading again is refused, with what to do instead.
    const again = await upload(NS, 'uploaded', developer, image);
    expect(again.status).toBe(409);
    expect(again.json<KubernetesStatus>().message).toBe(
      `DataVolume ${NS}/uploaded already holds an uploaded image (phase Succeeded); to upload another file, delete the DataVolume and create it again with source upload, then upload the file.`,
    );
  }, 20_000);

  it("answers with the cluster's 403 where the developer may not upload, and shows them no state there", async () => {
    await createDataVolume('default', 'not-yours');
    const answer = await upload('default', 'not-yours', developer, patternDisk());
    expect(answer.status).toBe(403);
    expect(answer.json<KubernetesStatus>()).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    const state = await progressOf('default', 'not-yours', developer);
    expect(state.status).toBe(403);
    expect((await upload(NS, 'some-disk', '', Buffer.from('x'))).status).toBe(401);
  });

  it('answers 404 for no such volume, 409 for one not waiting for an upload, 400 for an image it cannot hold, 413 for a file over the limit', async () => {
    const missing = await upload(NS, 'missing', developer, patternDisk());
    expect(missing.status).toBe(404);
    expect(missing.json<KubernetesStatus>().message).toContain(
      'There is no DataVolume or PVC named missing in developer-vms',
    );

    await createDataVolume(NS, 'blank-disk', { blank: {} });
    const blank = await upload(NS, 'blank-disk', developer, patternDisk());
    expect(blank.status).toBe(409);
    expect(blank.json<KubernetesStatus>()).toMatchObject({
      reason: 'Conflict',
      message: `DataVolume ${NS}/blank-disk imports from its blank source, so it takes no upload: create a DataVolume with spec.source.upload to upload a file.`,
    });

    // A WaitForFirstConsumer class: the relay watches it leave Pending, then says what to do.
    await createDataVolume(NS, 'local-disk', { upload: {} }, { storageClassName: 'hostpath-csi' });
    const local = await upload(NS, 'local-disk', developer, patternDisk());
    expect(local.status).toBe(409);
    expect(local.json<KubernetesStatus>().message).toContain(
      'cdi.kubevirt.io/storage.bind.immediate.requested: "true"',
    );

    // An image the volume cannot hold: the proxy's reason, and what to do.
    if (hasQemuTools) {
      await createDataVolume(NS, 'small-disk');
      const big = path.join(dir, 'big.qcow2');
      execFileSync('qemu-img', ['create', '-f', 'qcow2', big, '1G']);
      const refused = await upload(NS, 'small-disk', developer, await readFile(big));
      expect(refused.status).toBe(400);
      expect(refused.json<KubernetesStatus>().message).toMatch(
        /^The upload stopped after \d+ KiB of \d+ KiB because the upload proxy refused the image: Virtual image size 1073741824 is larger than the reported available storage \d+.*; the DataVolume still waits for an upload: upload an image that fits, or delete it and create it again larger\.$/,
      );
    }

    const { req, answer } = startUpload(NS, 'blank-disk', developer, 65 * MiB);
    req.flushHeaders();
    const tooLarge = await readAll(await answer);
    req.destroy();
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json<KubernetesStatus>().message).toBe(
      "The file (65 MiB) is larger than this server's limit of 64 MiB.",
    );
  }, 20_000);

  it('shows progress mid-upload; an aborted upload is failed with how to go on, and uploading again succeeds', async () => {
    await createDataVolume(NS, 'resumed');
    const disk = patternDisk();
    const { req, answer } = startUpload(NS, 'resumed', developer, disk.length);
    answer.catch(() => undefined);
    req.write(disk.subarray(0, MiB));
    const moving = await progressUntil('resumed', (p) => p.bytesReceived === MiB);
    expect(moving).toMatchObject({ phase: 'receiving', bytesTotal: disk.length });
    const second = await upload(NS, 'resumed', developer, disk);
    expect(second.status).toBe(409);
    expect(second.json<KubernetesStatus>().message).toBe(
      `An upload into ${NS}/resumed is already under way (1 MiB received): wait for it to finish or fail before uploading again.`,
    );
    // The bytes reach the cluster's upload server (its DataVolume shows a percentage) …
    await waitForStore(
      cluster.store,
      () => (/%$/.test(dvPhase(NS, 'resumed')?.progress ?? '') ? true : undefined),
      'upload progress on the DataVolume',
      15_000,
    );

    req.destroy();
    const failed = await progressUntil('resumed', (p) => p.phase === 'failed');
    expect(failed.message).toBe(
      'The upload stopped after 1 MiB of 4 MiB because the browser closed the connection; the DataVolume still waits for an upload: upload the file again.',
    );
    // … which lets the claim go once the upstream request is aborted too.
    await waitForStore(
      cluster.store,
      () => (dvPhase(NS, 'resumed')?.progress === 'N/A' ? true : undefined),
      'the DataVolume to let the aborted upload go',
      15_000,
    );
    expect(dvPhase(NS, 'resumed')?.phase).toBe('UploadReady');

    const again = await upload(NS, 'resumed', developer, disk);
    expect(again.status).toBe(200);
    await expectVolumeHolds('resumed', disk);
    expect((await progressOf(NS, 'resumed')).json<UploadProgress>()).toMatchObject({
      phase: 'done',
      bytesReceived: disk.length,
    });
  }, 20_000);

  it('answers 503 when the upload proxy cannot be reached, and the state says to upload again', async () => {
    const unreachable = await bff({ uploadProxyURL: (await deadURL()).href });
    await createDataVolume(NS, 'no-proxy');
    const answer = await readAll(
      await new Promise<IncomingMessage>((resolve, reject) => {
        const url = new URL(unreachable);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: `/upload/${NS}/no-proxy`,
            method: 'POST',
            headers: { authorization: developer, 'content-type': 'application/octet-stream' },
          },
          resolve,
        );
        req.on('error', reject);
        req.end(Buffer.alloc(4096, 1));
      }),
    );
    expect(answer.status).toBe(503);
    expect(answer.json<KubernetesStatus>().message).toMatch(
      /^The upload did not start because the upload proxy at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(ECONNREFUSED\); the DataVolume still waits for an upload: upload the file again\.$/,
    );
  });
});
