import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { WorkQueue } from '../controllers/workQueue';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import {
  RBD_VIRT_CLASS,
  SNAPSHOT_CLASSES,
  STORAGE_CLASSES,
  snapshotClassFor,
  type StorageClass,
} from './classes';
import { CSI_DRIVERS, type ClaimPropertySet } from './drivers';
import { now } from '../objectRefs';

export const STORAGE_PROFILES = 'cdi.kubevirt.io/storageprofiles';

/** The storage class annotation CDI reads a clone strategy from. */
const CLONE_STRATEGY_ANNOTATION = 'cdi.kubevirt.io/clone-strategy';

export interface ProfileSpec {
  claimPropertySets?: ClaimPropertySet[];
  cloneStrategy?: 'copy' | 'snapshot' | 'csi-clone';
  dataImportCronSourceFormat?: 'pvc' | 'snapshot';
  snapshotClass?: string;
}

/**
 * A StorageProfile's status as CDI computes it: the spec's overrides, else what CDI knows of the
 * provisioner (claim property sets), the class's clone-strategy annotation, snapshot cloning when
 * a snapshot class serves the driver, host-assisted copy otherwise. A provisioner CDI does not
 * know gets only `provisioner` and `storageClass` (the "empty" status users must complete).
 */
export const profileStatus = (
  sc: StorageClass,
  spec: ProfileSpec,
  snapshotClasses: KubeObject[],
): Record<string, unknown> => {
  const base = { provisioner: sc.provisioner, storageClass: sc.metadata.name };
  const driver = CSI_DRIVERS[sc.provisioner];
  const snapshotClass =
    spec.snapshotClass ?? snapshotClassFor(snapshotClasses, sc.provisioner)?.metadata.name;
  const annotated = sc.metadata.annotations?.[CLONE_STRATEGY_ANNOTATION];
  const cloneStrategy =
    spec.cloneStrategy ??
    (annotated === 'copy' || annotated === 'snapshot' || annotated === 'csi-clone'
      ? annotated
      : undefined);
  if (!driver) {
    return {
      ...base,
      ...(spec.claimPropertySets ? { claimPropertySets: spec.claimPropertySets } : {}),
      ...(cloneStrategy ? { cloneStrategy } : {}),
      ...(spec.dataImportCronSourceFormat
        ? { dataImportCronSourceFormat: spec.dataImportCronSourceFormat }
        : {}),
      ...(spec.snapshotClass ? { snapshotClass: spec.snapshotClass } : {}),
    };
  }
  return {
    ...base,
    claimPropertySets: spec.claimPropertySets ?? driver.capabilities,
    cloneStrategy: cloneStrategy ?? (snapshotClass ? 'snapshot' : 'copy'),
    dataImportCronSourceFormat: spec.dataImportCronSourceFormat ?? 'pvc',
    ...(snapshotClass ? { snapshotClass } : {}),
  };
};

/**
 * What the virtualization class's profile overrides, as OpenShift Virtualization ships it on
 * ODF: RWX Block only, CSI clones, and boot sources kept as snapshots.
 */
const SEEDED_SPECS: Record<string, ProfileSpec> = {
  [RBD_VIRT_CLASS]: {
    claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }],
    cloneStrategy: 'csi-clone',
    dataImportCronSourceFormat: 'snapshot',
  },
};

const PROFILE_LABELS = {
  app: 'containerized-data-importer',
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'cdi-controller',
  'cdi.kubevirt.io': '',
};

const profileObject = (
  sc: StorageClass,
  spec: ProfileSpec,
  snapshotClasses: KubeObject[],
): KubeObject => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name: sc.metadata.name, labels: PROFILE_LABELS },
  spec,
  status: profileStatus(sc, spec, snapshotClasses),
});

/** The seeded classes' profiles, complete from the first moment. */
export const seedStorageProfiles = (
  classes: StorageClass[],
  snapshotClasses: KubeObject[],
): KubeObject[] =>
  classes.map((sc) =>
    profileObject(sc, SEEDED_SPECS[sc.metadata.name ?? ''] ?? {}, snapshotClasses),
  );

/**
 * CDI's StorageProfile controller: one profile per StorageClass, named after it, created with
 * the class and deleted with it; its status follows the class, the snapshot classes and the
 * overrides a user writes in its spec.
 */
export class StorageProfileController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly store: ObjectStore) {
    this.queue = new WorkQueue(
      (name) => this.reconcile(name),
      (name, error) => console.error(`storage profile ${name}:`, error),
    );
    const all = () => {
      for (const sc of store.list(STORAGE_CLASSES)) this.queue.add(sc.metadata.name ?? '');
    };
    this.unsubscribe = [
      store.subscribe(STORAGE_CLASSES, (e) => this.queue.add(e.object.metadata.name ?? '')),
      store.subscribe(STORAGE_PROFILES, (e) => this.queue.add(e.object.metadata.name ?? '')),
      store.subscribe(SNAPSHOT_CLASSES, all),
    ];
    all();
  }

  stop() {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.queue.stop();
  }

  private async reconcile(name: string) {
    const sc = this.store.get(STORAGE_CLASSES, undefined, name) as StorageClass | undefined;
    const profile = this.store.get(STORAGE_PROFILES, undefined, name);
    if (!sc) {
      if (profile) await this.store.remove(STORAGE_PROFILES, profile);
      return;
    }
    const snapshotClasses = this.store.list(SNAPSHOT_CLASSES);
    if (!profile) {
      // The shipped overrides come with the profile, whoever creates it first (seed or here).
      const created = profileObject(sc, SEEDED_SPECS[name] ?? {}, snapshotClasses);
      await this.store.put(STORAGE_PROFILES, {
        ...created,
        metadata: {
          ...created.metadata,
          uid: randomUUID(),
          creationTimestamp: now(),
          generation: 1,
        },
      });
      return;
    }
    const status = profileStatus(sc, (profile.spec ?? {}) as ProfileSpec, snapshotClasses);
    if (!isDeepStrictEqual(status, profile.status))
      await this.store.put(STORAGE_PROFILES, { ...profile, status });
  }
}
