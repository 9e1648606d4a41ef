// kiagnose's kubevirt-storage-checkup (the 4.16 result keys): inspects the cluster's storage
// (default class, StorageProfiles, snapshot classes, golden images, VMs on the wrong class),
// then boots a VM from a golden image, live-migrates it, hot-plugs a volume, and reports how its
// disk was cloned. Findings that need an administrator fail the checkup; results are kept.
import type { Hotplug } from '../api/special/hotplug';
import type { KubeObject } from '../types';
import { errorMessage, waitFor, withTimeout, type CheckupClient } from './client';
import { parseGoDuration } from '../goDuration';
import type { Checkup, CheckupOutcome, CheckupRun } from './runner';

const CORE = '';
const KUBEVIRT = 'kubevirt.io';
const CDI = 'cdi.kubevirt.io';

const VM_PREFIX = 'vmi-under-test';
const HOTPLUG_VOLUME = 'hotplug-volume';
const GUEST_MEMORY = '2Gi';
const HOTPLUG_SIZE = '1Gi';

const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const ANN_CLONE_TYPE = 'cdi.kubevirt.io/cloneType';
const ANN_CLONE_FALLBACK = 'cdi.kubevirt.io/cloneFallbackReason';

const ERR_NO_DEFAULT_CLASS = 'no default storage class';
const ERR_MULTIPLE_DEFAULT_CLASSES = 'there are multiple default storage classes';
const ERR_EMPTY_CLAIM_PROPERTY_SETS =
  'there are StorageProfiles with empty ClaimPropertySets (unknown provisioners)';
const ERR_UNSET_EFS =
  'there are VMs using an EFS storageclass where the gid and uid are not set in the storageclass';
const ERR_NOT_UP_TO_DATE =
  'there are golden images whose DataImportCron is not up to date or DataSource is not ready';
const ERR_NO_DATA_SOURCE = 'dataSource has no PVC or Snapshot source';
const SKIP_NO_GOLDEN_IMAGE = 'Skip check - no golden image PVC or Snapshot';
const SKIP_NO_VMI = 'Skip check - no VMI';
const SKIP_SINGLE_NODE = 'Skip check - single node';

/** Provisioners CDI cannot use (object storage, static local volumes). */
const UNSUPPORTED_PROVISIONERS = new Set([
  'kubernetes.io/no-provisioner',
  'openshift-storage.ceph.rook.io/bucket',
  'openshift-storage.noobaa.io/obc',
]);

/** The result keys, in the order kiagnose's reporter lists them; all present, empty when unknown. */
const RESULT_KEYS = [
  'ocpVersion',
  'cnvVersion',
  'defaultStorageClass',
  'storageProfilesWithEmptyClaimPropertySets',
  'storageProfilesWithSpecClaimPropertySets',
  'storageWithRWX',
  'storageMissingVolumeSnapshotClass',
  'goldenImagesNotUpToDate',
  'goldenImagesNoDataSource',
  'vmsWithNonVirtRbdStorageClass',
  'vmsWithUnsetEfsStorageClass',
  'vmBootFromGoldenImage',
  'vmVolumeClone',
  'vmLiveMigration',
  'vmHotplugVolume',
] as const;
type Results = Record<(typeof RESULT_KEYS)[number], string>;

type Condition = { type: string; status: string; message?: string };
type ClaimPropertySet = { accessModes?: string[]; volumeMode?: string };
type StorageProfile = {
  spec?: { claimPropertySets?: ClaimPropertySet[] };
  status?: {
    provisioner?: string;
    storageClass?: string;
    cloneStrategy?: string;
    claimPropertySets?: ClaimPropertySet[];
  };
};
type StorageClass = { provisioner?: string; parameters?: Record<string, string> };
type SourceRef = { name?: string; namespace?: string };
type GoldenImage = {
  dataSource: KubeObject;
  pvc?: KubeObject;
  snapshot?: KubeObject;
};

/** kiagnose's appendSep: lines joined by newlines. */
const append = (current: string, line: string) => (current ? `${current}\n${line}` : line);

const conditionTrue = (object: KubeObject, type: string) =>
  ((object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).some(
    (c) => c.type === type && c.status === 'True',
  );

const randomName = (prefix: string) => {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `${prefix}-${suffix}`;
};

const hasRWX = (sets: ClaimPropertySet[] | undefined) =>
  (sets ?? []).some((set) => set.accessModes?.includes('ReadWriteMany'));

class StorageCheck {
  private readonly client: CheckupClient;
  private readonly results = Object.fromEntries(RESULT_KEYS.map((k) => [k, ''])) as Results;
  private errors = '';
  private goldenImageClasses: string[] = [];
  private golden?: GoldenImage;
  private vmName?: string;
  private readonly vmiTimeoutMs: number;
  private readonly storageClass: string;

  constructor(private readonly run: CheckupRun) {
    this.client = run.client;
    this.storageClass = run.params.storageClass ?? '';
    const vmiTimeout = run.params.vmiTimeout ?? '3m';
    try {
      this.vmiTimeoutMs = parseGoDuration(vmiTimeout) / 1e6;
    } catch (error) {
      throw new Error(`"vmiTimeout" parameter is invalid: ${errorMessage(error)}`);
    }
  }

  private log(message: string) {
    this.run.log(message);
  }

  private fail(message: string) {
    this.errors = append(this.errors, message);
  }

  async execute(): Promise<CheckupOutcome> {
    const failures: string[] = [];
    try {
      this.checkVersions();
      const classes = this.client.list('storage.k8s.io', 'storageclasses');
      this.checkDefaultStorageClass(classes);
      const profiles = this.client.list(CDI, 'storageprofiles');
      const snapshotClasses = this.client.list('snapshot.storage.k8s.io', 'volumesnapshotclasses');
      this.checkStorageProfiles(profiles, snapshotClasses);
      this.checkVolumeSnapshotClasses(profiles, snapshotClasses);
      this.checkGoldenImages();
      this.checkVMIs(classes);
      await this.checkVMIBoot();
      await this.checkVMILiveMigration();
      await this.checkVMIHotplugVolume();
      if (this.errors) failures.push(this.errors);
    } catch (error) {
      failures.push(errorMessage(error));
    } finally {
      const teardown = await this.teardown();
      if (teardown) failures.push(teardown);
    }
    return { results: { ...this.results }, failures };
  }

  private checkVersions() {
    this.log('checkVersions');
    let ocpVersion = '4.16.0';
    if (this.client.serves('config.openshift.io', 'clusterversions')) {
      const version = this.client.get(
        'config.openshift.io',
        'clusterversions',
        undefined,
        'version',
      );
      const history =
        (version.status as { history?: { state?: string; version?: string }[] } | undefined)
          ?.history ?? [];
      ocpVersion = history.find((update) => update.state === 'Completed')?.version ?? '';
    }
    const hco = this.client.list('hco.kubevirt.io', 'hyperconvergeds')[0];
    let cnvVersion =
      (
        hco?.status as { versions?: { name?: string; version?: string }[] } | undefined
      )?.versions?.find((v) => v.name === 'operator')?.version ?? '';
    if (!cnvVersion) {
      const cdis = this.client.list(CDI, 'cdis');
      if (cdis.length === 0) throw new Error('no CDI deployed in cluster');
      cnvVersion = cdis[0]?.metadata.labels?.['app.kubernetes.io/version'] ?? '';
    }
    this.log(`OCP version: ${ocpVersion}, CNV version: ${cnvVersion}`);
    this.results.ocpVersion = ocpVersion;
    this.results.cnvVersion = cnvVersion;
  }

  private checkDefaultStorageClass(classes: KubeObject[]) {
    this.log('checkDefaultStorageClass');
    for (const sc of classes) {
      if (sc.metadata.annotations?.[ANN_DEFAULT_CLASS] !== 'true') continue;
      if (this.results.defaultStorageClass) {
        this.results.defaultStorageClass = ERR_MULTIPLE_DEFAULT_CLASSES;
        this.fail(ERR_MULTIPLE_DEFAULT_CLASSES);
        break;
      }
      this.results.defaultStorageClass = sc.metadata.name ?? '';
    }
    if (!this.results.defaultStorageClass) {
      this.results.defaultStorageClass = ERR_NO_DEFAULT_CLASS;
      this.fail(ERR_NO_DEFAULT_CLASS);
    }
  }

  /** Efficient clones: CSI clone, or snapshots where a VolumeSnapshotClass serves the driver. */
  private hasSmartClone(profile: StorageProfile, snapshotClasses: KubeObject[]) {
    const { cloneStrategy, provisioner } = profile.status ?? {};
    if (cloneStrategy === 'copy') return false;
    if (cloneStrategy === 'csi-clone' && provisioner) return true;
    if ((!cloneStrategy || cloneStrategy === 'snapshot') && provisioner)
      return snapshotClasses.some((vsc) => vsc.driver === provisioner);
    return false;
  }

  private checkStorageProfiles(profiles: KubeObject[], snapshotClasses: KubeObject[]) {
    this.log('checkStorageProfiles');
    let empty = '';
    let overridden = '';
    let rwx = '';
    for (const object of profiles) {
      const profile = object as StorageProfile & KubeObject;
      const provisioner = profile.status?.provisioner;
      if (!provisioner || UNSUPPORTED_PROVISIONERS.has(provisioner)) continue;
      const name = object.metadata.name ?? '';
      const smart = this.hasSmartClone(profile, snapshotClasses);
      const withRWX = hasRWX(profile.status?.claimPropertySets);
      const sc = profile.status?.storageClass;
      if (sc && smart && withRWX) this.goldenImageClasses.push(sc);
      if (!profile.status?.claimPropertySets?.length) empty = append(empty, name);
      if (profile.spec?.claimPropertySets?.length) overridden = append(overridden, name);
      if (withRWX) rwx = append(rwx, name);
    }
    if (empty) {
      this.results.storageProfilesWithEmptyClaimPropertySets = empty;
      this.fail(ERR_EMPTY_CLAIM_PROPERTY_SETS);
    }
    this.results.storageProfilesWithSpecClaimPropertySets = overridden;
    this.results.storageWithRWX = rwx;
  }

  private checkVolumeSnapshotClasses(profiles: KubeObject[], snapshotClasses: KubeObject[]) {
    this.log('checkVolumeSnapShotClasses');
    let missing = '';
    for (const object of profiles) {
      const { cloneStrategy, provisioner } = (object as StorageProfile).status ?? {};
      if (
        (!cloneStrategy || cloneStrategy === 'snapshot') &&
        provisioner &&
        !UNSUPPORTED_PROVISIONERS.has(provisioner) &&
        !snapshotClasses.some((vsc) => vsc.driver === provisioner)
      )
        missing = append(missing, object.metadata.name ?? '');
    }
    this.results.storageMissingVolumeSnapshotClass = missing;
  }

  /** Every DataImportCron: is it up to date, is its DataSource ready, what does it point at. */
  private checkGoldenImages() {
    this.log('checkGoldenImages');
    let notUpToDate = '';
    let noDataSource = '';
    const candidates: GoldenImage[] = [];
    for (const cron of this.client.list(CDI, 'dataimportcrons')) {
      const id = `${cron.metadata.namespace}/${cron.metadata.name}`;
      const namespace = cron.metadata.namespace ?? '';
      if (!conditionTrue(cron, 'UpToDate')) {
        notUpToDate = append(notUpToDate, id);
        continue;
      }
      const managed = (cron.spec as { managedDataSource?: string } | undefined)?.managedDataSource;
      const dataSource = managed
        ? this.client.find(CDI, 'datasources', namespace, managed)
        : undefined;
      if (!dataSource) {
        noDataSource = append(noDataSource, id);
        continue;
      }
      if (!conditionTrue(dataSource, 'Ready')) {
        notUpToDate = append(notUpToDate, id);
        continue;
      }
      const source = (dataSource.spec as { source?: { pvc?: SourceRef; snapshot?: SourceRef } })
        ?.source;
      if (source?.pvc?.name) {
        const pvc = this.client.get(
          CORE,
          'persistentvolumeclaims',
          source.pvc.namespace ?? namespace,
          source.pvc.name,
        );
        candidates.push({ dataSource, pvc });
      } else if (source?.snapshot?.name) {
        const snapshot = this.client.get(
          'snapshot.storage.k8s.io',
          'volumesnapshots',
          source.snapshot.namespace ?? namespace,
          source.snapshot.name,
        );
        candidates.push({ dataSource, snapshot });
      } else noDataSource = append(noDataSource, id);
    }
    const classOf = (image: GoldenImage) =>
      (image.pvc?.spec as { storageClassName?: string } | undefined)?.storageClassName;
    // As kiagnose prefers: a PVC on a class that clones efficiently and shares (RWX), then a
    // snapshot, then a PVC on the default class, then any PVC.
    this.golden =
      candidates.find((c) => c.pvc && this.goldenImageClasses.includes(classOf(c) ?? '')) ??
      candidates.find((c) => c.snapshot) ??
      candidates.find(
        (c) => c.pvc && [undefined, this.results.defaultStorageClass].includes(classOf(c)),
      ) ??
      candidates[0];
    if (this.golden?.pvc) {
      const pvc = this.golden.pvc;
      const spec = pvc.spec as { volumeMode?: string; storageClassName?: string };
      const modes = (pvc.status as { accessModes?: string[] } | undefined)?.accessModes ?? [];
      this.log(
        `Selected golden image PVC: ${pvc.metadata.namespace}/${pvc.metadata.name} ${spec.volumeMode ?? 'Filesystem'} ${modes[0] ?? ''} ${spec.storageClassName ?? ''}`,
      );
    } else if (this.golden?.snapshot) {
      const snap = this.golden.snapshot;
      this.log(`Selected golden image Snapshot: ${snap.metadata.namespace}/${snap.metadata.name}`);
    } else this.log('No golden image PVC or Snapshot found');
    if (notUpToDate) {
      this.results.goldenImagesNotUpToDate = notUpToDate;
      this.fail(ERR_NOT_UP_TO_DATE);
    }
    if (noDataSource) {
      this.results.goldenImagesNoDataSource = noDataSource;
      this.fail(ERR_NO_DATA_SOURCE);
    }
  }

  /** The class virtualization should use on Ceph RBD, when there is one. */
  private virtStorageClass(classes: KubeObject[]) {
    const rbd = (sc: KubeObject) =>
      ((sc as StorageClass).provisioner ?? '').includes('rbd.csi.ceph.com');
    const virtParams = (sc: KubeObject) =>
      rbd(sc) &&
      (sc as StorageClass).parameters?.mounter === 'rbd' &&
      (sc as StorageClass).parameters?.mapOptions === 'krbd:rxbounce';
    const named = classes.filter(
      (sc) => (sc.metadata.name ?? '').endsWith('-ceph-rbd-virtualization') && rbd(sc),
    );
    if (named.length > 1) throw new Error('multiple virt StorageClasses');
    if (named[0]) return named[0].metadata.name;
    const withParams = classes.filter(virtParams);
    if (withParams.length > 1) throw new Error('multiple virt StorageClasses');
    return withParams[0]?.metadata.name;
  }

  private unsetEfsStorageClass(classes: KubeObject[]) {
    const efs = classes.filter((sc) => {
      const { provisioner = '', parameters = {} } = sc as StorageClass;
      return provisioner.includes('efs.csi.aws.com') && (!parameters.uid || !parameters.gid);
    });
    if (efs.length > 1) throw new Error('multiple unset EFS StorageClasses');
    return efs[0]?.metadata.name;
  }

  /** Running VMs whose disks sit on plain RBD while the virtualization class exists, or on EFS without uid/gid. */
  private checkVMIs(classes: KubeObject[]) {
    this.log('checkVMIs');
    const virtSC = this.virtStorageClass(classes);
    const efsSC = this.unsetEfsStorageClass(classes);
    if (!virtSC && !efsSC) return;
    const provisionerOf = (name: string | undefined) =>
      (classes.find((sc) => sc.metadata.name === name) as StorageClass | undefined)?.provisioner ??
      '';
    let nonVirt = '';
    let unsetEfs = '';
    for (const vmi of this.client.list(KUBEVIRT, 'virtualmachineinstances')) {
      if ((vmi.status as { phase?: string } | undefined)?.phase !== 'Running') continue;
      const namespace = vmi.metadata.namespace ?? '';
      const volumes =
        (
          vmi.spec as {
            volumes?: {
              persistentVolumeClaim?: { claimName?: string };
              dataVolume?: { name?: string };
            }[];
          }
        )?.volumes ?? [];
      let onNonVirt = false;
      let onEfs = false;
      for (const volume of volumes) {
        const claimName = volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;
        if (!claimName) continue;
        const pvc = this.client.find(CORE, 'persistentvolumeclaims', namespace, claimName);
        const volumeName = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
        const pv = volumeName
          ? this.client.find(CORE, 'persistentvolumes', undefined, volumeName)
          : undefined;
        if (!pv) continue;
        const pvSpec = pv.spec as { csi?: { driver?: string }; storageClassName?: string };
        const driver = pvSpec.csi?.driver ?? provisionerOf(pvSpec.storageClassName);
        if (virtSC && driver.includes('rbd.csi.ceph.com') && pvSpec.storageClassName !== virtSC)
          onNonVirt = true;
        if (efsSC && driver === 'efs.csi.aws.com' && pvSpec.storageClassName === efsSC)
          onEfs = true;
      }
      const id = `${namespace}/${vmi.metadata.name}`;
      if (onNonVirt) nonVirt = append(nonVirt, id);
      if (onEfs) unsetEfs = append(unsetEfs, id);
    }
    this.results.vmsWithNonVirtRbdStorageClass = nonVirt;
    if (unsetEfs) {
      this.results.vmsWithUnsetEfsStorageClass = unsetEfs;
      this.fail(ERR_UNSET_EFS);
    }
  }

  private ownerReference() {
    const { pod } = this.run;
    return [
      { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
    ];
  }

  private goldenImageSize(): string {
    const golden = this.golden;
    const size = golden?.pvc
      ? ((golden.pvc.status as { capacity?: { storage?: string } } | undefined)?.capacity
          ?.storage ??
        (golden.pvc.spec as { resources?: { requests?: { storage?: string } } }).resources?.requests
          ?.storage)
      : (golden?.snapshot?.status as { restoreSize?: string } | undefined)?.restoreSize;
    return size ?? '10Gi';
  }

  private virtualMachine(name: string): KubeObject {
    const dataSource = this.golden?.dataSource;
    return {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name, ownerReferences: this.ownerReference() },
      spec: {
        runStrategy: 'Always',
        dataVolumeTemplates: [
          {
            metadata: { name: `${name}-dv` },
            spec: {
              sourceRef: {
                kind: 'DataSource',
                name: dataSource?.metadata.name,
                namespace: dataSource?.metadata.namespace,
              },
              storage: {
                ...(this.storageClass ? { storageClassName: this.storageClass } : {}),
                resources: { requests: { storage: this.goldenImageSize() } },
              },
            },
          },
        ],
        template: {
          metadata: { labels: { 'kubevirt.io/vm': name } },
          spec: {
            domain: {
              memory: { guest: GUEST_MEMORY },
              devices: { disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }] },
            },
            terminationGracePeriodSeconds: 0,
            volumes: [{ name: 'rootdisk', dataVolume: { name: `${name}-dv` } }],
          },
        },
      },
    };
  }

  /** Waits on the VMI; the outcome (success or why not) goes to `result`, a failure to the errors. */
  private async waitForVMI(
    name: string,
    what: string,
    done: (vmi: KubeObject) => boolean,
    current: string,
  ): Promise<string> {
    this.log(`Waiting for VMI "${name}" ${what}`);
    const signal = withTimeout(this.run.signal, this.vmiTimeoutMs);
    try {
      await waitFor(this.run.context, signal, () => {
        const vmi = this.client.find(KUBEVIRT, 'virtualmachineinstances', this.run.namespace, name);
        return vmi && done(vmi) ? true : undefined;
      });
    } catch (error) {
      if (this.run.signal.aborted) throw error;
      const result = `failed waiting for VMI "${name}" ${what}: ${errorMessage(error)}`;
      this.log(result);
      this.fail(result);
      return append(current, result);
    }
    const result = `VMI "${name}" ${what}`;
    this.log(result);
    return append(current, result);
  }

  private async checkVMIBoot() {
    this.log('checkVMIBoot');
    if (!this.golden) {
      this.log(SKIP_NO_GOLDEN_IMAGE);
      this.results.vmBootFromGoldenImage = SKIP_NO_GOLDEN_IMAGE;
      return;
    }
    const name = randomName(VM_PREFIX);
    this.log(`Creating VM "${name}"`);
    try {
      await this.client.create(
        KUBEVIRT,
        'virtualmachines',
        this.run.namespace,
        this.virtualMachine(name),
      );
    } catch (error) {
      throw new Error(`failed to create VM: ${errorMessage(error)}`);
    }
    this.vmName = name;
    this.results.vmBootFromGoldenImage = await this.waitForVMI(
      name,
      'successfully booted',
      (vmi) => conditionTrue(vmi, 'Ready'),
      '',
    );
    const pvc = this.client.get(CORE, 'persistentvolumeclaims', this.run.namespace, `${name}-dv`);
    const cloneType = pvc.metadata.annotations?.[ANN_CLONE_TYPE] ?? '';
    let result = `DV cloneType: ${JSON.stringify(cloneType)}`;
    this.log(result);
    const fallback = pvc.metadata.annotations?.[ANN_CLONE_FALLBACK];
    if (cloneType !== 'snapshot' && cloneType !== 'csi-clone' && fallback) {
      const reason = `DV clone fallback reason: ${fallback}`;
      this.log(reason);
      result = append(result, reason);
      this.fail(reason);
    }
    this.results.vmVolumeClone = result;
  }

  private async checkVMILiveMigration() {
    this.log('checkVMILiveMigration');
    const name = this.vmName;
    if (!name) {
      this.log(SKIP_NO_VMI);
      this.results.vmLiveMigration = SKIP_NO_VMI;
      return;
    }
    if (this.client.list(CORE, 'nodes').length === 1) {
      this.log(SKIP_SINGLE_NODE);
      this.results.vmLiveMigration = SKIP_SINGLE_NODE;
      return;
    }
    const vmi = this.client.get(KUBEVIRT, 'virtualmachineinstances', this.run.namespace, name);
    const blocked = (
      (vmi.status as { conditions?: Condition[] } | undefined)?.conditions ?? []
    ).find((c) => c.type === 'LiveMigratable' && c.status === 'False');
    if (blocked) {
      this.log(blocked.message ?? 'not live-migratable');
      this.results.vmLiveMigration = blocked.message ?? '';
      return;
    }
    try {
      await this.client.create(KUBEVIRT, 'virtualmachineinstancemigrations', this.run.namespace, {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachineInstanceMigration',
        metadata: { generateName: 'vmim-', ownerReferences: this.ownerReference() },
        spec: { vmiName: name },
      });
    } catch (error) {
      throw new Error(`failed to create VMI LiveMigration: ${errorMessage(error)}`);
    }
    this.results.vmLiveMigration = await this.waitForVMI(
      name,
      'migration completed',
      (current) => {
        const state = (
          current.status as { migrationState?: { completed?: boolean; failed?: boolean } }
        )?.migrationState;
        if (state?.failed) throw new Error('migration failed');
        return state?.completed === true;
      },
      '',
    );
  }

  private async checkVMIHotplugVolume() {
    this.log('checkVMIHotplugVolume');
    const name = this.vmName;
    if (!name) {
      this.log(SKIP_NO_VMI);
      this.results.vmHotplugVolume = SKIP_NO_VMI;
      return;
    }
    const { namespace, context } = this.run;
    await this.client.create(CDI, 'datavolumes', namespace, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: HOTPLUG_VOLUME, ownerReferences: this.ownerReference() },
      spec: {
        source: { blank: {} },
        storage: {
          ...(this.storageClass ? { storageClassName: this.storageClass } : {}),
          resources: { requests: { storage: HOTPLUG_SIZE } },
        },
      },
    });
    // virt-controller waits for the claim before it attaches it; so does the checkup here.
    this.log(`Waiting for DataVolume "${HOTPLUG_VOLUME}" claim`);
    await waitFor(context, withTimeout(this.run.signal, this.vmiTimeoutMs), () =>
      this.client.find(CORE, 'persistentvolumeclaims', namespace, HOTPLUG_VOLUME)
        ? true
        : undefined,
    );
    const options: Parameters<Hotplug['addToVmi']>[2] = {
      name: HOTPLUG_VOLUME,
      disk: { name: HOTPLUG_VOLUME, disk: { bus: 'scsi' } },
      volumeSource: { dataVolume: { name: HOTPLUG_VOLUME } },
    };
    await this.client.vmiAction(namespace, name, 'addvolume', () =>
      context.hotplug.addToVmi(namespace, name, options),
    );
    const hotplugged = (vmi: KubeObject) =>
      (
        (vmi.status as { volumeStatus?: { hotplugVolume?: object; phase?: string }[] })
          ?.volumeStatus ?? []
      ).find((v) => v.hotplugVolume);
    let result = await this.waitForVMI(
      name,
      'hotplug volume ready',
      (vmi) => hotplugged(vmi)?.phase === 'Ready',
      '',
    );
    await this.client.vmiAction(namespace, name, 'removevolume', () =>
      context.hotplug.removeFromVmi(namespace, name, HOTPLUG_VOLUME),
    );
    result = await this.waitForVMI(
      name,
      'hotplug volume removed',
      (vmi) => !hotplugged(vmi),
      result,
    );
    this.results.vmHotplugVolume = result;
  }

  /** Deletes what the checkup created; the error is the checkup's failure when it cannot. */
  private async teardown(): Promise<string | undefined> {
    if (!this.vmName) return undefined;
    const { namespace } = this.run;
    try {
      await this.client.delete(KUBEVIRT, 'virtualmachines', namespace, this.vmName);
      await this.client.delete(CDI, 'datavolumes', namespace, HOTPLUG_VOLUME);
      await this.client.delete(CORE, 'persistentvolumeclaims', namespace, HOTPLUG_VOLUME);
      this.log(`Deleted VM "${this.vmName}" and volume "${HOTPLUG_VOLUME}"`);
      return undefined;
    } catch (error) {
      return `teardown: ${errorMessage(error)}`;
    }
  }
}

export const storageCheckup: Checkup = {
  type: 'kubevirt-storage',
  title: 'Kubevirt Storage',
  defaultTimeout: '10m',
  labelConfigMap: true,
  run: (run) => new StorageCheck(run).execute(),
};
