import { randomUUID } from 'node:crypto';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import {
  copyVolumeFile,
  ensureVolumeFile,
  growVolumeFile,
  persistentVolumePath,
  PV_PATH_ANNOTATION,
  quantityBytes,
  removeVolumeFile,
} from '../volumes';
import {
  defaultStorageClass,
  STORAGE_CLASSES,
  storageClassNamed,
  type StorageClass,
} from './classes';
import {
  dataSourceOf,
  isCsiSource,
  resolveSource,
  VOLUME_SNAPSHOTS,
  type DataSourceRef,
} from './claimSources';
import { claimInUse, PODS, VMIS } from './claimUsers';
import { CSI_DRIVERS, type VolumeMode } from './drivers';
import { keyOf, now } from '../objectRefs';

export const CLAIMS = 'core/persistentvolumeclaims';
export const VOLUMES = 'core/persistentvolumes';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
const BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

const PV_CONTROLLER = 'persistentvolume-controller';

interface ClaimSpec {
  accessModes?: string[];
  storageClassName?: string;
  volumeMode?: VolumeMode;
  volumeName?: string;
  resources?: { requests?: { storage?: string } };
}
interface ClaimStatus {
  phase?: string;
  capacity?: { storage?: string };
  accessModes?: string[];
}
interface ClaimRef {
  name?: string;
  namespace?: string;
  uid?: string;
}
interface VolumeSpec {
  capacity?: { storage?: string };
  claimRef?: ClaimRef;
  persistentVolumeReclaimPolicy?: string;
  volumeMode?: VolumeMode;
  csi?: { driver?: string };
}

const specOf = (claim: KubeObject) => (claim.spec ?? {}) as ClaimSpec;
const statusOf = (claim: KubeObject) => (claim.status ?? {}) as ClaimStatus;
const volumeSpecOf = (volume: KubeObject) => (volume.spec ?? {}) as VolumeSpec;

/**
 * The PersistentVolume controller and the CSI external-provisioner and external-resizer, for
 * the drivers of `drivers.ts`: binds claims (Immediate at once, WaitForFirstConsumer once a node
 * is selected) to PVs whose bytes are a sparse file, restores and clones from data sources,
 * grows volumes, and keeps a claim in use until nothing runs on it (pvc-protection).
 */
export class ClaimController {
  readonly queue: WorkQueue;
  /** PersistentVolumes to reclaim once their claim is gone. */
  readonly volumes: WorkQueue;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly store: ObjectStore,
    private readonly dataDir: string,
  ) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key).then(() => undefined),
      (key, error) => console.error(`persistentvolumeclaim ${key}:`, error),
    );
    this.volumes = new WorkQueue(
      (name) => this.reclaim(name),
      (name, error) => console.error(`persistentvolume ${name}:`, error),
    );
    this.unsubscribe = [
      store.subscribe(CLAIMS, (event) => {
        const claim = event.object;
        if (event.type === 'DELETED') {
          const volumeName = specOf(claim).volumeName;
          if (volumeName) this.volumes.add(volumeName);
        } else this.queue.add(keyOf(claim));
        // Clones wait for their source claim to bind.
        if (statusOf(claim).phase === 'Bound')
          this.requeuePending(
            claim.metadata.namespace,
            (ref) => ref.kind === 'PersistentVolumeClaim' && ref.name === claim.metadata.name,
          );
      }),
      store.subscribe(VOLUMES, (event) => {
        this.volumes.add(event.object.metadata.name ?? '');
        const ref = volumeSpecOf(event.object).claimRef;
        if (ref?.name) this.queue.add(`${ref.namespace ?? ''}/${ref.name}`);
      }),
      store.subscribe(STORAGE_CLASSES, () => this.requeuePending(undefined, () => true, true)),
      store.subscribe(VOLUME_SNAPSHOTS, (event) =>
        this.requeuePending(
          event.object.metadata.namespace,
          (ref) => ref.kind === 'VolumeSnapshot' && ref.name === event.object.metadata.name,
        ),
      ),
      // A claim being deleted waits for the VMIs and pods that use it.
      store.subscribe(VMIS, (event) => this.requeueDeleting(event.object.metadata.namespace)),
      store.subscribe(PODS, (event) => this.requeueDeleting(event.object.metadata.namespace)),
    ];
    for (const claim of store.list(CLAIMS)) this.queue.add(keyOf(claim));
    for (const volume of store.list(VOLUMES)) this.volumes.add(volume.metadata.name ?? '');
  }

  stop() {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.queue.stop();
    this.volumes.stop();
  }

  private requeuePending(
    namespace: string | undefined,
    matches: (ref: DataSourceRef) => boolean,
    withoutSource = false,
  ) {
    for (const claim of this.store.list(CLAIMS, namespace)) {
      if (specOf(claim).volumeName || statusOf(claim).phase === 'Bound') continue;
      const ref = dataSourceOf(claim);
      if (ref ? matches(ref) : withoutSource) this.queue.add(keyOf(claim));
    }
  }

  private requeueDeleting(namespace: string | undefined) {
    for (const claim of this.store.list(CLAIMS, namespace))
      if (claim.metadata.deletionTimestamp) this.queue.add(keyOf(claim));
  }

  /** Re-reads the claim and writes `change(claim)` in the same tick, so no update is lost. */
  private async updateClaim(
    namespace: string,
    name: string,
    change: (claim: KubeObject) => KubeObject,
  ): Promise<KubeObject | undefined> {
    const current = this.store.get(CLAIMS, namespace, name);
    return current ? this.store.put(CLAIMS, change(current)) : undefined;
  }

  private event(
    claim: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component = PV_CONTROLLER,
  ) {
    return recordEvent(this.store, { involvedObject: claim, type, reason, message, component });
  }

  private async reconcile(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const claim = this.store.get(CLAIMS, namespace, name);
    if (!claim) return;
    if (claim.metadata.deletionTimestamp) return this.finalize(claim);
    if (!claim.metadata.finalizers?.includes(PVC_PROTECTION) || !statusOf(claim).phase) {
      await this.updateClaim(namespace, name, (c) => ({
        ...c,
        metadata: {
          ...c.metadata,
          finalizers: [...new Set([...(c.metadata.finalizers ?? []), PVC_PROTECTION])],
        },
        status: { phase: 'Pending', ...statusOf(c) },
      }));
      return;
    }
    // Bound once: from then on only growth is storage's business (a hand-edited phase stays).
    if (claim.metadata.annotations?.[BIND_COMPLETED] === 'yes') {
      if (statusOf(claim).phase === 'Bound') await this.expand(claim);
      return;
    }
    const spec = specOf(claim);
    if (spec.volumeName) return this.bindToNamedVolume(claim, spec.volumeName);
    return this.provision(claim);
  }

  private async provision(claim: KubeObject) {
    const { namespace = '', name = '' } = claim.metadata;
    const spec = specOf(claim);
    if (spec.storageClassName === undefined) {
      const fallback = defaultStorageClass(this.store);
      if (!fallback)
        return this.event(
          claim,
          'Normal',
          'FailedBinding',
          'no persistent volumes available for this claim and no storage class is set',
        );
      // As the DefaultStorageClass admission plugin (and its retroactive controller) do.
      await this.updateClaim(namespace, name, (c) => ({
        ...c,
        spec: { ...specOf(c), storageClassName: fallback.metadata.name },
      }));
      return;
    }
    if (spec.storageClassName === '')
      return this.event(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
    const sc = storageClassNamed(this.store, spec.storageClassName);
    if (!sc)
      return this.event(
        claim,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${spec.storageClassName}" not found`,
      );
    const ref = dataSourceOf(claim);
    // A volume populator's claim (CDI's imports, uploads, clones) is filled by the populator.
    if (ref && !isCsiSource(ref)) return;
    const selectedNode = claim.metadata.annotations?.[SELECTED_NODE];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode)
      return this.event(
        claim,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
      );
    if (claim.metadata.annotations?.[STORAGE_PROVISIONER] !== sc.provisioner) {
      await this.updateClaim(namespace, name, (c) => ({
        ...c,
        metadata: {
          ...c.metadata,
          annotations: {
            ...c.metadata.annotations,
            [STORAGE_PROVISIONER]: sc.provisioner,
            [BETA_STORAGE_PROVISIONER]: sc.provisioner,
          },
        },
      }));
      return;
    }
    const driver = CSI_DRIVERS[sc.provisioner];
    if (!driver)
      return this.event(
        claim,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
    const failed = (message: string) =>
      this.event(
        claim,
        'Warning',
        'ProvisioningFailed',
        `failed to provision volume with StorageClass "${sc.metadata.name}": ${message}`,
        sc.provisioner,
      );
    const volumeMode = spec.volumeMode ?? 'Filesystem';
    const accessModes = spec.accessModes ?? [];
    const refusal = driver.refuse(accessModes, volumeMode);
    if (refusal) return failed(`rpc error: code = InvalidArgument desc = ${refusal}`);
    const size = spec.resources?.requests?.storage;
    const sizeBytes = quantityBytes(size);
    if (!size || sizeBytes === undefined) return failed('claim has no storage request');

    const volumeName = `pvc-${claim.metadata.uid}`;
    const existing = this.store.get(VOLUMES, undefined, volumeName);
    if (!existing) {
      const source = ref
        ? resolveSource(this.store, claim, ref, sc.provisioner, sizeBytes)
        : undefined;
      if (source && 'error' in source) return failed(source.error);
      await this.event(
        claim,
        'Normal',
        'Provisioning',
        `External provisioner is provisioning volume for claim "${namespace}/${name}"`,
        sc.provisioner,
      );
      const file = persistentVolumePath(this.dataDir, volumeName);
      if (source) await copyVolumeFile(source.file, file, sizeBytes);
      else await ensureVolumeFile(file, sizeBytes);
      const volume = this.volumeFor(claim, sc, volumeName, file, size, selectedNode);
      await this.store.put(VOLUMES, volume);
      await this.event(
        claim,
        'Normal',
        'ProvisioningSucceeded',
        `Successfully provisioned volume ${volumeName}`,
        sc.provisioner,
      );
    }
    await this.bindClaim(namespace, name, volumeName);
  }

  private volumeFor(
    claim: KubeObject,
    sc: StorageClass,
    volumeName: string,
    file: string,
    size: string,
    selectedNode: string | undefined,
  ): KubeObject {
    const spec = specOf(claim);
    const driver = CSI_DRIVERS[sc.provisioner];
    const volumeMode = spec.volumeMode ?? 'Filesystem';
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: volumeName,
        uid: randomUUID(),
        creationTimestamp: now(),
        annotations: { [PROVISIONED_BY]: sc.provisioner, [PV_PATH_ANNOTATION]: file },
      },
      spec: {
        capacity: { storage: size },
        accessModes: spec.accessModes ?? [],
        volumeMode,
        storageClassName: sc.metadata.name,
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: claim.metadata.namespace,
          name: claim.metadata.name,
          uid: claim.metadata.uid,
          resourceVersion: claim.metadata.resourceVersion,
        },
        csi: {
          driver: sc.provisioner,
          volumeHandle: driver?.volumeHandle(volumeName, claim.metadata.uid ?? '') ?? volumeName,
          ...(volumeMode === 'Filesystem'
            ? { fsType: sc.parameters?.['csi.storage.k8s.io/fstype'] ?? 'ext4' }
            : {}),
          volumeAttributes: {
            ...Object.fromEntries(
              Object.entries(sc.parameters ?? {}).filter(
                ([k]) => !k.startsWith('csi.storage.k8s.io/'),
              ),
            ),
            'storage.kubernetes.io/csiProvisionerIdentity': `${sc.provisioner}`,
          },
        },
        ...(driver?.local && selectedNode
          ? {
              nodeAffinity: {
                required: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        { key: 'kubernetes.io/hostname', operator: 'In', values: [selectedNode] },
                      ],
                    },
                  ],
                },
              },
            }
          : {}),
      },
      status: { phase: 'Bound' },
    };
  }

  /** The claim side of binding: volumeName, phase Bound, capacity and access modes of the PV. */
  private async bindClaim(namespace: string, name: string, volumeName: string) {
    const volume = this.store.get(VOLUMES, undefined, volumeName);
    if (!volume) return;
    const bound = await this.updateClaim(namespace, name, (c) => ({
      ...c,
      metadata: {
        ...c.metadata,
        annotations: {
          ...c.metadata.annotations,
          [BIND_COMPLETED]: 'yes',
          [BOUND_BY_CONTROLLER]: 'yes',
        },
      },
      spec: { ...specOf(c), volumeName },
      status: {
        ...statusOf(c),
        phase: 'Bound',
        accessModes: (volume.spec as { accessModes?: string[] }).accessModes ?? [],
        capacity: { storage: volumeSpecOf(volume).capacity?.storage },
      },
    }));
    // The claim went away while its volume was made: the volume is reclaimed.
    if (!bound) this.volumes.add(volumeName);
  }

  /** A claim naming its volume (pre-bound by a user, or rebound by a volume populator). */
  private async bindToNamedVolume(claim: KubeObject, volumeName: string) {
    const volume = this.store.get(VOLUMES, undefined, volumeName);
    if (!volume) return;
    const ref = volumeSpecOf(volume).claimRef;
    const ours =
      !ref?.name ||
      (ref.name === claim.metadata.name &&
        ref.namespace === claim.metadata.namespace &&
        (!ref.uid || ref.uid === claim.metadata.uid));
    if (!ours) return;
    if (ref?.uid !== claim.metadata.uid || (volume.status as ClaimStatus)?.phase !== 'Bound') {
      await this.store.put(VOLUMES, {
        ...volume,
        spec: {
          ...volumeSpecOf(volume),
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            namespace: claim.metadata.namespace,
            name: claim.metadata.name,
            uid: claim.metadata.uid,
            resourceVersion: claim.metadata.resourceVersion,
          },
        },
        status: { phase: 'Bound' },
      });
    }
    await this.bindClaim(claim.metadata.namespace ?? '', claim.metadata.name ?? '', volumeName);
  }

  /** external-resizer and kubelet: a larger request grows the file, the PV and the claim. */
  private async expand(claim: KubeObject) {
    const spec = specOf(claim);
    const requested = spec.resources?.requests?.storage;
    const requestedBytes = quantityBytes(requested) ?? 0;
    const currentBytes = quantityBytes(statusOf(claim).capacity?.storage) ?? 0;
    if (!requested || requestedBytes <= currentBytes || !spec.volumeName) return;
    const volume = this.store.get(VOLUMES, undefined, spec.volumeName);
    const sc = storageClassNamed(this.store, spec.storageClassName ?? '');
    if (!volume || !sc?.allowVolumeExpansion) return;
    const file = volume.metadata.annotations?.[PV_PATH_ANNOTATION];
    const resizer = `external-resizer ${sc.provisioner}`;
    await this.event(
      claim,
      'Normal',
      'Resizing',
      `External resizer is resizing volume ${spec.volumeName}`,
      resizer,
    );
    if (file) await growVolumeFile(file, requestedBytes);
    const current = this.store.get(VOLUMES, undefined, spec.volumeName) ?? volume;
    await this.store.put(VOLUMES, {
      ...current,
      spec: { ...volumeSpecOf(current), capacity: { storage: requested } },
    });
    const grown = await this.updateClaim(
      claim.metadata.namespace ?? '',
      claim.metadata.name ?? '',
      (c) => ({
        ...c,
        status: { ...statusOf(c), capacity: { storage: requested } },
      }),
    );
    if (!grown) return;
    await this.event(grown, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', resizer);
    if ((spec.volumeMode ?? 'Filesystem') === 'Filesystem')
      await this.event(
        grown,
        'Normal',
        'FileSystemResizeSuccessful',
        `MountVolume.NodeExpandVolume succeeded for volume "${spec.volumeName}"`,
        'kubelet',
      );
  }

  /** pvc-protection: the claim goes once nothing uses it; then its volume is reclaimed. */
  private async finalize(claim: KubeObject) {
    const { namespace = '', name = '' } = claim.metadata;
    if (!claim.metadata.finalizers?.includes(PVC_PROTECTION)) return;
    if (claimInUse(this.store, namespace, name)) return;
    const current = this.store.get(CLAIMS, namespace, name);
    if (!current) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION);
    if (finalizers.length) {
      await this.store.put(CLAIMS, { ...current, metadata: { ...current.metadata, finalizers } });
      return;
    }
    await this.store.remove(CLAIMS, current);
  }

  /**
   * A volume whose claim is gone (or is another claim by that name) is deleted with its file
   * under the Delete policy, and left Released under Retain.
   */
  private async reclaim(volumeName: string) {
    const volume = this.store.get(VOLUMES, undefined, volumeName);
    if (!volume) return;
    const spec = volumeSpecOf(volume);
    const ref = spec.claimRef;
    if (!ref?.uid) return;
    const claim = this.store.get(CLAIMS, ref.namespace, ref.name ?? '');
    if (claim?.metadata.uid === ref.uid) return;
    if (spec.persistentVolumeReclaimPolicy === 'Delete') {
      const file = volume.metadata.annotations?.[PV_PATH_ANNOTATION];
      if (file) await removeVolumeFile(file);
      const current = this.store.get(VOLUMES, undefined, volumeName);
      if (current) await this.store.remove(VOLUMES, current);
      return;
    }
    if ((volume.status as { phase?: string } | undefined)?.phase !== 'Released')
      await this.store.put(VOLUMES, { ...volume, status: { phase: 'Released' } });
  }
}
