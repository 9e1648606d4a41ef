// Step 1's list, as data: DataSources, PVCs and VolumeSnapshots labelled with a default
// preference, turned into the `BootableVolume` the flow hands on.
import { quantityBytes } from '../../../vms/details/overview/formatQuantity';
import type { DataSource, PersistentVolumeClaim, VolumeSnapshot } from '../../../../api/types';
import type { BootableVolume, VolumeSource } from '../flow';

/** Where OpenShift Virtualization keeps the boot sources every project may clone from. */
export const OS_IMAGES_NAMESPACE = 'openshift-virtualization-os-images';
/** The label that makes a volume bootable here: the preference of VMs created from it. */
export const DEFAULT_PREFERENCE_LABEL = 'instancetype.kubevirt.io/default-preference';
export const DEFAULT_INSTANCETYPE_LABEL = 'instancetype.kubevirt.io/default-instancetype';
export const DISPLAY_NAME_ANNOTATION = 'openshift.io/display-name';
export const DESCRIPTION_ANNOTATION = 'openshift.io/description';
/** CDI's label on what a DataImportCron imported: its DataSource stands for the current one. */
const DATA_IMPORT_CRON_LABEL = 'cdi.kubevirt.io/dataImportCron';

/** A volume as step 1 lists it: why it cannot be picked yet, in the server's words. */
export interface ListedVolume extends BootableVolume {
  /** The Ready condition's message, the snapshot's error or the claim's phase. */
  notReadyReason?: string;
}

export interface VolumeLists {
  dataSources: readonly DataSource[];
  pvcs: readonly PersistentVolumeClaim[];
  snapshots: readonly VolumeSnapshot[];
}

/** `kind/namespace/name`: how favourites and selections name a volume. */
export const volumeKey = (source: VolumeSource): string =>
  `${source.kind}/${source.namespace}/${source.name}`;

const OS_ALIASES: Readonly<Record<string, string>> = { win: 'windows', redhat: 'rhel' };

/**
 * The OS key of a preference name: its leading letters (`rhel.9` → rhel, `centos.stream9` →
 * centos, `windows.2k22` → windows, `fedora` → fedora).
 */
export const osOfPreference = (preference?: string): string | undefined => {
  const letters = /^[a-z]+/.exec(preference?.trim().toLowerCase() ?? '')?.[0];
  return letters ? (OS_ALIASES[letters] ?? letters) : undefined;
};

interface Labelled {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

const isBootable = (object: Labelled): boolean =>
  Boolean(object.metadata?.labels?.[DEFAULT_PREFERENCE_LABEL]);

const described = (
  object: Labelled,
  kind: VolumeSource['kind'],
): Omit<ListedVolume, 'ready' | 'size' | 'storageClass'> => {
  const meta = object.metadata ?? {};
  const preference = meta.labels?.[DEFAULT_PREFERENCE_LABEL];
  return {
    source: { kind, namespace: meta.namespace ?? '', name: meta.name ?? '' },
    displayName: meta.annotations?.[DISPLAY_NAME_ANNOTATION] || meta.name || '',
    description:
      meta.annotations?.[DESCRIPTION_ANNOTATION] || meta.annotations?.description || undefined,
    os: osOfPreference(preference),
    preference,
    instancetype: meta.labels?.[DEFAULT_INSTANCETYPE_LABEL],
  };
};

/** What a volume's data is: size, class and readiness. */
type Data = Pick<ListedVolume, 'size' | 'storageClass' | 'ready' | 'notReadyReason'>;

const claimSize = (claim: PersistentVolumeClaim): string | undefined =>
  (claim.status?.capacity as Record<string, string> | undefined)?.storage ??
  (claim.spec?.resources?.requests as Record<string, string> | undefined)?.storage;

const claimData = (claim: PersistentVolumeClaim): Data => {
  const phase = claim.status?.phase;
  return {
    size: claimSize(claim),
    storageClass: claim.spec?.storageClassName,
    ready: phase === 'Bound',
    ...(phase === 'Bound' ? {} : { notReadyReason: phase ?? 'Pending' }),
  };
};

const refKey = (namespace: string | undefined, name: string | undefined) =>
  `${namespace ?? ''}/${name ?? ''}`;

const byRef = <T extends Labelled>(objects: readonly T[]) =>
  new Map(objects.map((o) => [refKey(o.metadata?.namespace, o.metadata?.name), o]));

/** The data behind each kind of source, looked up in the lists the hook watches. */
class Targets {
  private readonly pvcs: Map<string, PersistentVolumeClaim>;
  private readonly snapshots: Map<string, VolumeSnapshot>;
  private readonly dataSources: Map<string, DataSource>;

  constructor(lists: VolumeLists) {
    this.pvcs = byRef(lists.pvcs);
    this.snapshots = byRef(lists.snapshots);
    this.dataSources = byRef(lists.dataSources);
  }

  pvc = (namespace: string, name: string) => this.pvcs.get(refKey(namespace, name));
  snapshot = (namespace: string, name: string) => this.snapshots.get(refKey(namespace, name));

  snapshotData(snapshot: VolumeSnapshot): Data {
    const namespace = snapshot.metadata?.namespace ?? '';
    const claimName = snapshot.spec?.source?.persistentVolumeClaimName;
    const ready = snapshot.status?.readyToUse === true;
    return {
      size: snapshot.status?.restoreSize,
      // A snapshot has no class of its own: its claim's, while that claim is there.
      storageClass: claimName ? this.pvc(namespace, claimName)?.spec?.storageClassName : undefined,
      ready,
      ...(ready ? {} : { notReadyReason: snapshot.status?.error?.message }),
    };
  }

  /** The claim or snapshot a DataSource names (through one DataSource reference at most). */
  dataSourceTarget(
    dataSource: DataSource,
    hops = 1,
  ): { kind: 'pvc' | 'snapshot'; namespace: string; name: string } | undefined {
    const own = dataSource.metadata?.namespace ?? '';
    const source = dataSource.spec?.source;
    if (source?.pvc?.name)
      return { kind: 'pvc', namespace: source.pvc.namespace || own, name: source.pvc.name };
    if (source?.snapshot?.name)
      return {
        kind: 'snapshot',
        namespace: source.snapshot.namespace || own,
        name: source.snapshot.name,
      };
    const ref = source?.dataSource;
    const next = ref?.name
      ? this.dataSources.get(refKey(ref.namespace || own, ref.name))
      : undefined;
    return next && hops > 0 ? this.dataSourceTarget(next, hops - 1) : undefined;
  }

  dataSourceData(dataSource: DataSource): Data {
    const target = this.dataSourceTarget(dataSource);
    const claim = target?.kind === 'pvc' ? this.pvc(target.namespace, target.name) : undefined;
    const snapshot =
      target?.kind === 'snapshot' ? this.snapshot(target.namespace, target.name) : undefined;
    const data = claim ? claimData(claim) : snapshot ? this.snapshotData(snapshot) : undefined;
    const condition = dataSource.status?.conditions?.find((c) => c.type === 'Ready');
    const ready = condition?.status === 'True';
    return {
      size: data?.size,
      storageClass: data?.storageClass,
      ready,
      ...(ready ? {} : { notReadyReason: condition?.message || condition?.reason || undefined }),
    };
  }
}

/**
 * The bootable volumes among the lists: labelled DataSources, and labelled PVCs and snapshots
 * that no listed DataSource stands for (a DataSource's target, or an import a DataImportCron
 * keeps behind its DataSource, is listed once, as the DataSource).
 */
export const toBootableVolumes = (lists: VolumeLists): ListedVolume[] => {
  const targets = new Targets(lists);
  const dataSources = lists.dataSources.filter(isBootable);
  const represented = new Set(
    dataSources.flatMap((ds) => {
      const target = targets.dataSourceTarget(ds);
      return target ? [`${target.kind}:${refKey(target.namespace, target.name)}`] : [];
    }),
  );
  const standsAlone = (kind: 'pvc' | 'snapshot', object: Labelled) =>
    isBootable(object) &&
    !object.metadata?.labels?.[DATA_IMPORT_CRON_LABEL] &&
    !represented.has(`${kind}:${refKey(object.metadata?.namespace, object.metadata?.name)}`);
  return [
    ...dataSources.map((ds) => ({
      ...described(ds, 'DataSource'),
      ...targets.dataSourceData(ds),
    })),
    ...lists.pvcs
      .filter((claim) => standsAlone('pvc', claim))
      .map((claim) => ({ ...described(claim, 'PersistentVolumeClaim'), ...claimData(claim) })),
    ...lists.snapshots
      .filter((snapshot) => standsAlone('snapshot', snapshot))
      .map((snapshot) => ({
        ...described(snapshot, 'VolumeSnapshot'),
        ...targets.snapshotData(snapshot),
      })),
  ];
};

/** The size in bytes, for sorting and minimums; undefined when unknown. */
export const volumeBytes = (volume: BootableVolume): number | undefined =>
  quantityBytes(volume.size);
