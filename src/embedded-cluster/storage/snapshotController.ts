import { randomUUID } from 'node:crypto';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import {
  claimFile,
  copyVolumeFile,
  formatBytes,
  PV_PATH_ANNOTATION,
  quantityBytes,
  removeVolumeFile,
  snapshotContentPath,
} from '../volumes';
import { SNAPSHOT_CLASSES, snapshotClassFor, type SnapshotClass } from './classes';
import { CLAIMS, VOLUMES } from './claimController';
import { SNAPSHOT_CONTENTS, VOLUME_SNAPSHOTS } from './claimSources';
import { keyOf, now } from '../objectRefs';

/** What external-snapshotter puts on a snapshot bound to its content. */
export const SNAPSHOT_BOUND_PROTECTION =
  'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection';

const COMPONENT = 'snapshot-controller';

interface SnapshotSpec {
  source?: { persistentVolumeClaimName?: string; volumeSnapshotContentName?: string };
  volumeSnapshotClassName?: string;
}
interface SnapshotStatus {
  readyToUse?: boolean;
  boundVolumeSnapshotContentName?: string;
  error?: { message?: string; time?: string };
}
interface ContentSpec {
  deletionPolicy?: 'Delete' | 'Retain';
  driver?: string;
  volumeSnapshotRef?: { name?: string; namespace?: string; uid?: string };
}

const CONTENT_KEY = 'content:';

/**
 * The CSI snapshot controller and the snapshotter sidecar: a VolumeSnapshot of a bound claim
 * gets a VolumeSnapshotContent holding a sparse copy of the claim's file (the snapshot class
 * defaulted from the claim's driver), then is ready to use; deleting the snapshot deletes the
 * content and its file under the Delete policy.
 */
export class SnapshotController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly store: ObjectStore,
    private readonly dataDir: string,
  ) {
    this.queue = new WorkQueue(
      (key) =>
        key.startsWith(CONTENT_KEY)
          ? this.reconcileContent(key.slice(CONTENT_KEY.length))
          : this.reconcile(key),
      (key, error) => console.error(`volumesnapshot ${key}:`, error),
    );
    this.unsubscribe = [
      store.subscribe(VOLUME_SNAPSHOTS, (event) => {
        const content = (event.object.status as SnapshotStatus | undefined)
          ?.boundVolumeSnapshotContentName;
        if (event.type === 'DELETED') {
          if (content) this.queue.add(`${CONTENT_KEY}${content}`);
          this.queue.add(`${CONTENT_KEY}snapcontent-${event.object.metadata.uid}`);
        } else this.queue.add(keyOf(event.object));
      }),
      store.subscribe(SNAPSHOT_CONTENTS, (event) =>
        this.queue.add(`${CONTENT_KEY}${event.object.metadata.name}`),
      ),
      // Snapshots wait for their claim to bind, and for a snapshot class to appear.
      store.subscribe(CLAIMS, (event) => this.requeueUnready(event.object.metadata.namespace)),
      store.subscribe(SNAPSHOT_CLASSES, () => this.requeueUnready(undefined)),
    ];
    for (const snapshot of store.list(VOLUME_SNAPSHOTS)) this.queue.add(keyOf(snapshot));
    for (const content of store.list(SNAPSHOT_CONTENTS))
      this.queue.add(`${CONTENT_KEY}${content.metadata.name}`);
  }

  stop() {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.queue.stop();
  }

  private requeueUnready(namespace: string | undefined) {
    for (const snapshot of this.store.list(VOLUME_SNAPSHOTS, namespace))
      if (!(snapshot.status as SnapshotStatus | undefined)?.readyToUse)
        this.queue.add(keyOf(snapshot));
  }

  private async fail(snapshot: KubeObject, reason: string, message: string) {
    const status = (snapshot.status ?? {}) as SnapshotStatus;
    if (status.error?.message !== message || status.readyToUse !== false) {
      const current = this.store.get(
        VOLUME_SNAPSHOTS,
        snapshot.metadata.namespace,
        snapshot.metadata.name ?? '',
      );
      if (!current) return;
      await this.store.put(VOLUME_SNAPSHOTS, {
        ...current,
        status: {
          ...(current.status as object),
          readyToUse: false,
          error: { message, time: now() },
        },
      });
    }
    await recordEvent(this.store, {
      involvedObject: snapshot,
      type: 'Warning',
      reason,
      message,
      component: COMPONENT,
    });
  }

  private async reconcile(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const snapshot = this.store.get(VOLUME_SNAPSHOTS, namespace, name);
    if (!snapshot) return;
    if (snapshot.metadata.deletionTimestamp) return this.finalize(snapshot);
    const status = (snapshot.status ?? {}) as SnapshotStatus;
    if (status.readyToUse && status.boundVolumeSnapshotContentName) return;
    const spec = (snapshot.spec ?? {}) as SnapshotSpec;
    const preProvisioned = spec.source?.volumeSnapshotContentName;
    if (preProvisioned) return this.bindPreProvisioned(snapshot, preProvisioned);
    const claimName = spec.source?.persistentVolumeClaimName ?? '';
    const claim = this.store.get(CLAIMS, namespace, claimName);
    if (!claim)
      return this.fail(
        snapshot,
        'SnapshotContentCreationFailed',
        `Failed to create snapshot content with error snapshot controller failed to update ${name} on API server: cannot get claim from snapshot`,
      );
    const sourceFile = claimFile(this.store, namespace, claimName);
    const volumeName = (claim.spec as { volumeName?: string } | undefined)?.volumeName ?? '';
    const volume = this.store.get(VOLUMES, undefined, volumeName);
    // Not bound yet: the snapshot waits, as external-snapshotter does.
    if (!sourceFile || !volume) return;
    const csi = (volume.spec as { csi?: { driver?: string; volumeHandle?: string } }).csi ?? {};
    const classes = this.store.list(SNAPSHOT_CLASSES) as SnapshotClass[];
    let snapshotClass: SnapshotClass | undefined;
    if (spec.volumeSnapshotClassName) {
      snapshotClass = classes.find((c) => c.metadata.name === spec.volumeSnapshotClassName);
      if (!snapshotClass)
        return this.fail(
          snapshot,
          'GetSnapshotClassFailed',
          `Failed to get snapshot class with error volumesnapshotclass.snapshot.storage.k8s.io "${spec.volumeSnapshotClassName}" not found`,
        );
    } else {
      snapshotClass = snapshotClassFor(classes, csi.driver ?? '');
      if (!snapshotClass)
        return this.fail(
          snapshot,
          'SetDefaultSnapshotClassFailed',
          'Failed to set default snapshot class with error cannot find default snapshot class',
        );
      // As the snapshot controller does: the default class is written into the snapshot.
      await this.store.put(VOLUME_SNAPSHOTS, {
        ...snapshot,
        spec: { ...spec, volumeSnapshotClassName: snapshotClass.metadata.name },
      });
      return;
    }
    if (snapshotClass.driver !== csi.driver)
      return this.fail(
        snapshot,
        'SnapshotContentCreationFailed',
        `Failed to create snapshot content with error the snapshot class ${snapshotClass.metadata.name} is of driver ${snapshotClass.driver}, but the volume ${volumeName} is of driver ${csi.driver}`,
      );
    await this.takeSnapshot(snapshot, claim, volume, snapshotClass, sourceFile);
  }

  private async takeSnapshot(
    snapshot: KubeObject,
    claim: KubeObject,
    volume: KubeObject,
    snapshotClass: SnapshotClass,
    sourceFile: string,
  ) {
    const contentName = `snapcontent-${snapshot.metadata.uid}`;
    const file = snapshotContentPath(this.dataDir, contentName);
    const csi = (volume.spec as { csi?: { driver?: string; volumeHandle?: string } }).csi ?? {};
    const restoreSize =
      (claim.status as { capacity?: { storage?: string } } | undefined)?.capacity?.storage ?? '0';
    const takenAt = Date.now();
    let content = this.store.get(SNAPSHOT_CONTENTS, undefined, contentName);
    if (!content) {
      await copyVolumeFile(sourceFile, file);
      // Deleted while the bytes were copied: nothing to bind.
      if (
        !this.store.get(VOLUME_SNAPSHOTS, snapshot.metadata.namespace, snapshot.metadata.name ?? '')
      ) {
        await removeVolumeFile(file);
        return;
      }
      content = await this.store.put(SNAPSHOT_CONTENTS, {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshotContent',
        metadata: {
          name: contentName,
          uid: randomUUID(),
          creationTimestamp: now(),
          annotations: { [PV_PATH_ANNOTATION]: file },
        },
        spec: {
          deletionPolicy: snapshotClass.deletionPolicy,
          driver: snapshotClass.driver,
          source: { volumeHandle: csi.volumeHandle },
          sourceVolumeMode: (volume.spec as { volumeMode?: string }).volumeMode ?? 'Filesystem',
          volumeSnapshotClassName: snapshotClass.metadata.name,
          volumeSnapshotRef: {
            apiVersion: 'snapshot.storage.k8s.io/v1',
            kind: 'VolumeSnapshot',
            name: snapshot.metadata.name,
            namespace: snapshot.metadata.namespace,
            uid: snapshot.metadata.uid,
            resourceVersion: snapshot.metadata.resourceVersion,
          },
        },
        status: {
          creationTime: takenAt * 1_000_000,
          readyToUse: true,
          restoreSize: quantityBytes(restoreSize) ?? 0,
          snapshotHandle: `${csi.volumeHandle}-snap-${snapshot.metadata.uid}`,
        },
      });
    }
    const current = this.store.get(
      VOLUME_SNAPSHOTS,
      snapshot.metadata.namespace,
      snapshot.metadata.name ?? '',
    );
    if (!current) return;
    const status = { ...((current.status ?? {}) as SnapshotStatus) };
    delete status.error;
    await this.store.put(VOLUME_SNAPSHOTS, {
      ...current,
      metadata: {
        ...current.metadata,
        finalizers: [
          ...new Set([...(current.metadata.finalizers ?? []), SNAPSHOT_BOUND_PROTECTION]),
        ],
      },
      status: {
        ...status,
        boundVolumeSnapshotContentName: contentName,
        creationTime: new Date(
          Number((content.status as { creationTime?: number }).creationTime ?? takenAt * 1e6) / 1e6,
        )
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
        readyToUse: true,
        restoreSize,
      },
    });
  }

  /** A snapshot of an existing content (a pre-provisioned or retained snapshot). */
  private async bindPreProvisioned(snapshot: KubeObject, contentName: string) {
    const content = this.store.get(SNAPSHOT_CONTENTS, undefined, contentName);
    const contentStatus = (content?.status ?? {}) as { readyToUse?: boolean; restoreSize?: number };
    if (!content || !contentStatus.readyToUse) return;
    await this.store.put(VOLUME_SNAPSHOTS, {
      ...snapshot,
      status: {
        boundVolumeSnapshotContentName: contentName,
        creationTime: content.metadata.creationTimestamp,
        readyToUse: true,
        restoreSize: formatBytes(Number(contentStatus.restoreSize ?? 0)),
      },
    });
  }

  private async finalize(snapshot: KubeObject) {
    const finalizers = (snapshot.metadata.finalizers ?? []).filter(
      (f) => f !== SNAPSHOT_BOUND_PROTECTION,
    );
    if (finalizers.length === snapshot.metadata.finalizers?.length) return;
    const bound = (snapshot.status as SnapshotStatus | undefined)?.boundVolumeSnapshotContentName;
    if (finalizers.length)
      await this.store.put(VOLUME_SNAPSHOTS, {
        ...snapshot,
        metadata: { ...snapshot.metadata, finalizers },
      });
    else await this.store.remove(VOLUME_SNAPSHOTS, snapshot);
    if (bound) await this.reconcileContent(bound);
  }

  /** A content whose snapshot is gone: deleted with its file under Delete, kept under Retain. */
  private async reconcileContent(contentName: string) {
    const content = this.store.get(SNAPSHOT_CONTENTS, undefined, contentName);
    if (!content) return;
    const spec = (content.spec ?? {}) as ContentSpec;
    const ref = spec.volumeSnapshotRef;
    // Only contents this controller bound (their ref names a uid); pre-provisioned ones wait.
    if (!ref?.uid) return;
    const snapshot = this.store.get(VOLUME_SNAPSHOTS, ref?.namespace, ref?.name ?? '');
    // The content outlives its snapshot: a snapshot being deleted lets go of it first.
    if (snapshot?.metadata.uid === ref.uid) return;
    if (spec.deletionPolicy !== 'Delete') return;
    const file = content.metadata.annotations?.[PV_PATH_ANNOTATION];
    if (file) await removeVolumeFile(file);
    const current = this.store.get(SNAPSHOT_CONTENTS, undefined, contentName);
    if (current) await this.store.remove(SNAPSHOT_CONTENTS, current);
  }
}
