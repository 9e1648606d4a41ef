import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { WorkQueue } from '../controllers/workQueue';
import type { ClusterContext } from '../modules/clusterModule';
import { claimFile, copyVolumeFile, quantityBytes, snapshotFile } from '../volumes';
import { filesystemOverhead } from './cdiConfig';
import type { ClaimSpec } from './claimSpec';
import { type ImageTarget, ImageTooLargeError, writeImage } from './diskImage';
import { isClone, resolveSource, type Source } from './dataVolumeSources';
import {
  ANN,
  DATAVOLUMES,
  type DataVolumeWriter,
  percent,
  phaseOf,
  PVCS,
  splitKey,
  statusOf,
} from './dataVolumeStatus';
import {
  openHttpSource,
  openRegistryImage,
  resolveRegistryImage,
  SourceError,
  type SourceStream,
} from './sources';

/** An upload to a claim that takes none now (not an upload target, unbound, or busy). */
export class NotReadyForUpload extends Error {}

/** Attempts at an import before the DataVolume fails (CDI retries forever). */
const MAX_ATTEMPTS = 3;
const PROGRESS_INTERVAL_MS = 250;
/** Transfers that run at once (CDI runs one importer or cloner pod per DataVolume). */
const WORKERS = 8;

const running = (reason: string) => ({
  Running: { status: 'True' as const, reason, message: '' },
  Ready: { status: 'False' as const, reason: 'TransferRunning', message: '' },
});

/**
 * The work of CDI's importer, cloner and upload-server pods: moving bytes into a bound claim's
 * file, with progress on the DataVolume. Transfers run on worker queues (so the cluster's
 * `controllersIdle` waits for them); failed imports are retried with backoff, then fail.
 */
export class Transfers {
  readonly workers: WorkQueue[];
  /** DataVolumes whose bytes are moving now (transfer or upload). */
  private readonly active = new Set<string>();
  /** DataVolumes waiting out a retry backoff, until the time given. */
  private readonly retryAt = new Map<string, number>();
  private ca: string | undefined;

  constructor(
    private readonly context: ClusterContext,
    private readonly writer: DataVolumeWriter,
    /** Hands a DataVolume back to its controller (now, or after a backoff). */
    private readonly requeue: (key: string, afterMs?: number) => void,
  ) {
    this.workers = Array.from(
      { length: WORKERS },
      () =>
        new WorkQueue(
          (key) => this.run(key),
          (key, error) => console.error(`cdi transfer ${key}:`, error),
        ),
    );
  }

  /** Trusts the cluster CA for its own image mirror. */
  start(ca: string | undefined) {
    this.ca = ca;
  }

  stop() {
    for (const worker of this.workers) worker.stop();
  }

  /**
   * Whether bytes move now, or a retry is due later. A retry still waiting is handed back to
   * the controller for when it is due: the backoff's timer may fire a moment before the wall
   * clock reaches `retryAt`, and a retry seen as early must not be dropped.
   */
  busy(key: string): boolean {
    if (this.active.has(key)) return true;
    const wait = (this.retryAt.get(key) ?? 0) - Date.now();
    if (wait <= 0) return false;
    this.requeue(key, wait + 1);
    return true;
  }

  schedule(key: string) {
    this.active.add(key);
    let hash = 0;
    for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
    this.workers[hash % this.workers.length]?.add(key);
  }

  private get store() {
    return this.context.store;
  }

  /** Where a claim's bytes may go: its file and the space an image may take in it. */
  private target(namespace: string, name: string): ImageTarget | undefined {
    const file = claimFile(this.store, namespace, name);
    const pvc = this.store.get(PVCS, namespace, name);
    if (!file || !pvc) return undefined;
    const spec = (pvc.spec ?? {}) as ClaimSpec;
    const capacity = (pvc.status as { capacity?: { storage?: string } } | undefined)?.capacity;
    const bytes =
      quantityBytes(capacity?.storage) ?? quantityBytes(spec.resources?.requests?.storage) ?? 0;
    const overhead =
      spec.volumeMode === 'Block' ? 0 : filesystemOverhead(this.store, spec.storageClassName);
    return {
      file,
      available: Math.floor(bytes * (1 - overhead)),
      scratchDir: path.join(this.context.dataDir, 'cdi-scratch'),
    };
  }

  private reachableHosts(): string[] {
    const { http, https } = this.context.urls();
    return [http, https].filter(Boolean).map((u) => new URL(u).host);
  }

  /**
   * Streams a source into the claim, writing progress at most every 250 ms; stops when the
   * DataVolume goes away (or is replaced) meanwhile.
   */
  private async fill(key: string, opened: SourceStream, target: ImageTarget) {
    const { namespace, name } = splitKey(key);
    const uid = this.store.get(DATAVOLUMES, namespace, name)?.metadata.uid;
    let done = 0;
    let last = 0;
    const { total } = opened;
    const reporter = new Transform({
      transform: (chunk: Buffer, _encoding, next) => {
        if (this.store.get(DATAVOLUMES, namespace, name)?.metadata.uid !== uid) {
          next(new Error(`DataVolume ${key} was deleted`));
          return;
        }
        done += chunk.length;
        if (total && Date.now() - last >= PROGRESS_INTERVAL_MS) {
          last = Date.now();
          this.writer.status(key, { progress: percent(done, total) }).catch(() => undefined);
        }
        next(null, chunk);
      },
    });
    opened.stream.on('error', (error) => reporter.destroy(error));
    reporter.on('error', () => opened.stream.destroy());
    await writeImage(opened.stream.pipe(reporter), target);
  }

  /**
   * The cloner: a sparse copy of the source's file, with progress from the size of the copy
   * growing beside the target (copyVolumeFile renames it into place when done).
   */
  private async copy(key: string, from: string, to: string) {
    const [{ size: total }, { size }] = await Promise.all([stat(from), stat(to)]);
    let copying = true;
    const timer = setInterval(() => {
      stat(`${to}.partial`)
        .then((partial) =>
          copying ? this.writer.status(key, { progress: percent(partial.size, total) }) : undefined,
        )
        .catch(() => undefined);
    }, PROGRESS_INTERVAL_MS);
    try {
      await copyVolumeFile(from, to, size);
    } finally {
      copying = false;
      clearInterval(timer);
    }
  }

  private async open(source: Source): Promise<SourceStream | undefined> {
    if (source.kind === 'http')
      return openHttpSource(source.url, { ca: this.ca, reachable: this.reachableHosts() });
    if (source.kind !== 'registry') return undefined;
    const image = await resolveRegistryImage(source.url, {
      dataDir: this.context.dataDir,
      ownHosts: this.reachableHosts(),
    });
    return openRegistryImage(this.context.dataDir, image);
  }

  /** One importer or cloner run. */
  private async run(key: string) {
    const { namespace, name } = splitKey(key);
    try {
      const dv = this.store.get(DATAVOLUMES, namespace, name);
      if (!dv || dv.metadata.deletionTimestamp) return;
      const source = resolveSource(this.store, dv);
      const target = this.target(namespace, name);
      if ('pending' in source || !target) return;
      await this.writer.annotateClaim(namespace, name, { [ANN.podPhase]: 'Running' });
      if (isClone(source)) {
        const from = `${source.namespace}/${source.name}`;
        const message = `Cloning from ${from} into ${namespace}/${name} in progress`;
        await this.writer.phase(
          key,
          'CloneInProgress',
          ['Normal', 'CloneInProgress', message],
          { progress: '0.00%' },
          running(''),
        );
        const file =
          source.kind === 'pvc'
            ? claimFile(this.store, source.namespace, source.name)
            : snapshotFile(this.store, source.namespace, source.name);
        if (!file) throw new SourceError(`Clone source ${from} has no data yet`);
        await this.copy(key, file, target.file);
        await this.writer.annotateClaim(namespace, name, {
          [ANN.clonePhase]: 'Succeeded',
          [ANN.podPhase]: 'Succeeded',
        });
        this.retryAt.delete(key);
        await this.writer.succeeded(key, 'clone', from);
        return;
      }
      const message = `Import into ${name} in progress`;
      await this.writer.phase(
        key,
        'ImportInProgress',
        ['Normal', 'ImportInProgress', message],
        {},
        running('Pod is running'),
      );
      const opened = await this.open(source);
      if (!opened) return;
      await this.writer.status(key, { progress: '0.00%' });
      await this.fill(key, opened, target);
      await this.writer.annotateClaim(namespace, name, { [ANN.podPhase]: 'Succeeded' });
      this.retryAt.delete(key);
      await this.writer.succeeded(key, 'import');
    } catch (error) {
      await this.failAttempt(key, error);
    } finally {
      this.active.delete(key);
      this.requeue(key);
    }
  }

  /**
   * A failed attempt: event `Error` and Running=False with the message (CDI's importer words),
   * `restartCount` up; retried after a backoff, Failed after three attempts or at once when the
   * image cannot fit.
   */
  private async failAttempt(key: string, error: unknown) {
    const { namespace, name } = splitKey(key);
    const dv = this.store.get(DATAVOLUMES, namespace, name);
    if (!dv) return;
    const message =
      error instanceof SourceError || error instanceof ImageTooLargeError
        ? error.message
        : `Unable to process data: ${(error as Error).message}`;
    const restarts = (statusOf(dv).restartCount ?? 0) + 1;
    await this.writer.event(dv, 'Warning', 'Error', message);
    const final = error instanceof ImageTooLargeError || restarts >= MAX_ATTEMPTS;
    await this.writer.annotateClaim(namespace, name, {
      [ANN.podPhase]: final ? 'Failed' : 'Pending',
      [ANN.podRestarts]: String(restarts),
    });
    const conditions = { Running: { status: 'False' as const, reason: 'Error', message } };
    if (final) {
      const source = resolveSource(this.store, dv);
      const clone = !('pending' in source) && isClone(source);
      const event = clone
        ? (['Warning', 'CloneFailed', message] as const)
        : (['Warning', 'ImportFailed', `Failed to import into PVC ${name}`] as const);
      await this.writer.phase(key, 'Failed', [...event], { restartCount: restarts }, conditions);
      return;
    }
    const phase = phaseOf(dv) || 'ImportInProgress';
    await this.writer.status(key, { phase, restartCount: restarts }, conditions);
    const delay = 500 * 2 ** (restarts - 1);
    this.retryAt.set(key, Date.now() + delay);
    this.requeue(key, delay);
  }

  /** Whether a claim takes uploads now (an upload DataVolume's bound claim, not busy). */
  uploadReady(namespace: string, claimName: string): boolean {
    const annotations = this.store.get(PVCS, namespace, claimName)?.metadata.annotations;
    return (
      !!annotations &&
      ANN.uploadTarget in annotations &&
      annotations[ANN.podPhase] === 'Running' &&
      !this.active.has(`${namespace}/${claimName}`) &&
      !!claimFile(this.store, namespace, claimName)
    );
  }

  /**
   * The upload server's part: the body goes into the claim as for an import. Resolves once
   * the DataVolume succeeded; throws ImageTooLargeError (the DataVolume stays UploadReady).
   */
  async upload(namespace: string, claimName: string, body: Readable, total?: number) {
    const key = `${namespace}/${claimName}`;
    const target = this.target(namespace, claimName);
    if (!target || this.active.has(key))
      throw new NotReadyForUpload(`PVC ${key} not ready for upload`);
    this.active.add(key);
    try {
      await this.fill(key, { stream: body, total }, target);
      await this.writer.annotateClaim(namespace, claimName, { [ANN.podPhase]: 'Succeeded' });
      await this.writer.succeeded(key, 'upload');
    } catch (error) {
      await this.writer.status(key, { progress: 'N/A' });
      throw error;
    } finally {
      this.active.delete(key);
      this.requeue(key);
    }
  }
}
