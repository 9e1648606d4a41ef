import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import type { StoreEvent } from '../store/objectStore';
import type { KubeObject } from '../types';
import { type CdiCondition, conditionOf, now, setCdiCondition } from './conditions';
import { CronError, nextRun, parseCron, type CronSchedule } from './cron';
import {
  CDI_LABELS,
  CRON_CLEANUP_LABEL,
  CRON_LABEL,
  type DataImportCronSpec,
  DEFAULT_INSTANCETYPE_LABEL,
  DEFAULT_PREFERENCE_LABEL,
  IMMEDIATE_BIND_ANNOTATION,
} from './dataImportCronTemplates';
import { digestedURL, type DigestSource, importDataVolumeName } from './digest';
import {
  createObject,
  DATA_IMPORT_CRONS,
  DATA_SOURCES,
  DATA_VOLUMES,
  deleteObject,
  keyOf,
  labelsOf,
  mutate,
  PVCS,
  SNAPSHOT_CLASSES,
  SNAPSHOTS,
  splitKey,
  STORAGE_CLASSES,
  STORAGE_PROFILES,
} from './objects';
import { timestampOf } from '../objectRefs';

// CDI's annotations on a DataImportCron and on the sources it imports.
export const ANN_DESIRED_DIGEST = 'cdi.kubevirt.io/storage.import.sourceDesiredDigest';
export const ANN_LAST_CRON_TIME = 'cdi.kubevirt.io/storage.import.lastCronTime';
export const ANN_NEXT_CRON_TIME = 'cdi.kubevirt.io/storage.import.nextCronTime';
export const ANN_LAST_USE_TIME = 'cdi.kubevirt.io/storage.import.lastUseTime';
export const ANN_STORAGE_CLASS = 'cdi.kubevirt.io/storage.import.storageClass';
const DEFAULT_VIRT_CLASS = 'storageclass.kubevirt.io/is-default-virt-class';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const DEFAULT_SNAPSHOT_CLASS = 'snapshot.storage.kubernetes.io/is-default-class';
const DEFAULT_IMPORTS_TO_KEEP = 3;
/** Longest wait between checks of a schedule (timers cannot wait weeks). */
const MAX_WAIT_MS = 3_600_000;
const COMPONENT = 'dataimportcron-controller';
const LAST_USE_RESOLUTION_MS = 60_000;

export interface ImportStatus {
  DataVolumeName: string;
  Digest: string;
}
interface CronStatus {
  currentImports?: ImportStatus[];
  lastImportedPVC?: { namespace: string; name: string };
  lastExecutionTimestamp?: string;
  lastImportTimestamp?: string;
  sourceFormat?: 'pvc' | 'snapshot';
  conditions?: CdiCondition[];
}
type Format = 'pvc' | 'snapshot';

const phaseOf = (o: KubeObject | undefined) =>
  ((o?.status ?? {}) as { phase?: string }).phase ?? '';
const isTrue = (value: string | undefined) => value === 'true';
/** Running reasons that do not mean the import failed. */
const BENIGN_RUNNING_REASONS = new Set([
  '',
  'Completed',
  'Pending',
  'ImportScheduled',
  'WaitForFirstConsumer',
  'TransferRunning',
]);

/** Why a DataVolume's import failed, or undefined while it has not. */
const importFailure = (dv: KubeObject): string | undefined => {
  const status = (dv.status ?? {}) as { phase?: string; conditions?: CdiCondition[] };
  const running = conditionOf(status.conditions, 'Running');
  if (status.phase === 'Failed') return running?.message || 'Import DataVolume failed';
  if (status.phase === 'Succeeded' || running?.status !== 'False') return undefined;
  if (BENIGN_RUNNING_REASONS.has(running.reason ?? '')) return undefined;
  return running.message || running.reason;
};

/**
 * CDI's DataImportCron controller. On the cron's schedule (and at once for a new cron) it
 * polls the source digest, as CDI's source-update poller does; a digest it has not imported
 * yet becomes a DataVolume `<managedDataSource>-<digest prefix>`; once that Succeeds the
 * managed DataSource points at the PVC, or at a VolumeSnapshot of it when the storage profile
 * says `dataImportCronSourceFormat: snapshot`. Old imports beyond `importsToKeep` are
 * garbage-collected; deleting a cron with `retentionPolicy: None` deletes what it imported.
 */
export class DataImportCronController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly context: ClusterContext,
    private readonly digestOf: DigestSource,
  ) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`dataimportcron ${key}:`, error),
    );
  }

  start() {
    const { store } = this.context;
    const byLabel = (event: StoreEvent) => {
      const cron = event.object.metadata.labels?.[CRON_LABEL];
      if (cron) this.queue.add(`${event.object.metadata.namespace ?? ''}/${cron}`);
    };
    this.unsubscribe.push(
      store.subscribe(DATA_IMPORT_CRONS, (event) => this.queue.add(keyOf(event.object))),
      store.subscribe(DATA_VOLUMES, byLabel),
      store.subscribe(DATA_SOURCES, byLabel),
      // Snapshots matter when they become ready; claims are not watched (CDI does not either).
      store.subscribe(SNAPSHOTS, (event) => {
        if (event.type !== 'MODIFIED' || event.object.status) byLabel(event);
      }),
      store.subscribe(STORAGE_PROFILES, () => {
        for (const cron of store.list(DATA_IMPORT_CRONS)) this.queue.add(keyOf(cron));
      }),
    );
    for (const cron of store.list(DATA_IMPORT_CRONS)) this.queue.add(keyOf(cron));
  }

  stop() {
    for (const off of this.unsubscribe.splice(0)) off();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.stop();
  }

  /** Wakes the cron up at its next scheduled poll (or within the hour, to look again). */
  private wakeAt(key: string, when: Date | undefined) {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!when) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(1_000, when.getTime() - Date.now() + 500));
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.queue.add(key);
    }, wait);
    timer.unref();
    this.timers.set(key, timer);
  }

  private event(cron: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string) {
    return recordEvent(this.context.store, {
      involvedObject: cron,
      type,
      reason,
      message,
      component: COMPONENT,
    });
  }

  private async reconcile(key: string) {
    const { store } = this.context;
    const { namespace, name } = splitKey(key);
    const cron = store.get(DATA_IMPORT_CRONS, namespace, name);
    if (!cron || cron.metadata.deletionTimestamp) {
      this.wakeAt(key, undefined);
      await this.cleanup(namespace, name);
      return;
    }
    const spec = (cron.spec ?? {}) as DataImportCronSpec;
    if (!(await this.shouldReconcile(cron, spec))) return;

    const annotations: Record<string, string> = {};
    let schedule: CronSchedule | undefined;
    try {
      schedule = spec.schedule ? parseCron(spec.schedule) : undefined;
    } catch (error) {
      if (!(error instanceof CronError)) throw error;
      await this.reportInvalidSchedule(cron, spec.schedule ?? '', error.message);
      return;
    }
    const url = spec.template?.spec?.source?.registry?.url;
    if (schedule && url) {
      const last = cron.metadata.annotations?.[ANN_LAST_CRON_TIME];
      const due = !last || (nextRun(schedule, new Date(last))?.getTime() ?? Infinity) <= Date.now();
      if (due) {
        annotations[ANN_LAST_CRON_TIME] = now();
        const digest = await this.digestOf(url);
        if (digest) annotations[ANN_DESIRED_DIGEST] = digest;
      }
      const next = nextRun(schedule, new Date());
      if (next) annotations[ANN_NEXT_CRON_TIME] = timestampOf(next);
      this.wakeAt(key, next);
    }
    const digest =
      annotations[ANN_DESIRED_DIGEST] ?? cron.metadata.annotations?.[ANN_DESIRED_DIGEST];
    const lastCronTime =
      annotations[ANN_LAST_CRON_TIME] ?? cron.metadata.annotations?.[ANN_LAST_CRON_TIME];

    const storageClass = this.storageClassFor(spec);
    if (storageClass?.metadata.name) annotations[ANN_STORAGE_CLASS] = storageClass.metadata.name;
    const format = this.sourceFormat(storageClass);

    const status = structuredClone((cron.status ?? {}) as CronStatus);
    let conditions = status.conditions;
    const condition = (
      type: string,
      value: CdiCondition['status'],
      message: string,
      reason: string,
    ) => (conditions = setCdiCondition(conditions, type, value, message, reason));

    const imports = status.currentImports ?? [];
    const current = imports[0];
    const dv = current && store.get(DATA_VOLUMES, namespace, current.DataVolumeName);
    const pvc = current && store.get(PVCS, namespace, current.DataVolumeName);
    const snapshot =
      format === 'snapshot' && current
        ? store.get(SNAPSHOTS, namespace, current.DataVolumeName)
        : undefined;
    let importSucceeded = false;
    let failure: string | undefined;

    const populated = async () => {
      if (pvc) await this.touchSource(cron, PVCS, pvc);
      importSucceeded = true;
      if (pvc && format === 'snapshot' && storageClass)
        await this.snapshotImport(cron, pvc, storageClass);
    };
    if (dv) {
      const phase = phaseOf(dv);
      if (phase === 'Succeeded') await populated();
      else if (phase === 'ImportScheduled')
        condition('Progressing', 'False', 'Import is scheduled', 'ImportScheduled');
      else if (phase === 'ImportInProgress')
        condition('Progressing', 'True', 'Import is progressing', 'ImportProgressing');
      else condition('Progressing', 'False', `Import DataVolume phase ${phase}`, phase);
      if (phase !== 'Succeeded') failure = importFailure(dv);
    } else if (pvc) {
      await populated();
    } else if (snapshot) {
      await this.touchSource(cron, SNAPSHOTS, snapshot);
      importSucceeded = true;
    } else {
      if (imports.length) status.currentImports = imports.slice(1);
      condition('Progressing', 'False', 'No current import', 'NoImport');
    }

    if (importSucceeded && current) {
      const lastImported = { namespace, name: current.DataVolumeName };
      if (
        status.lastImportedPVC?.name !== lastImported.name ||
        status.lastImportedPVC.namespace !== lastImported.namespace
      ) {
        status.lastImportedPVC = lastImported;
        status.lastImportTimestamp = now();
      }
      condition('Progressing', 'False', 'No current import', 'NoImport');
      await this.garbageCollect(cron, spec);
    }

    await this.updateDataSource(cron, spec, format, status.lastImportedPVC);

    const digestUpdated = !!digest && (!imports.length || digest !== imports[0]?.Digest);
    if (digestUpdated) {
      condition('UpToDate', 'False', 'Source digest updated since last import', 'Outdated');
      if (dv && failure) {
        // A new digest replaces an import that failed.
        await deleteObject(this.context, dv);
        status.currentImports = [];
      }
      if (importSucceeded || !imports.length)
        status.currentImports = await this.createImport(cron, spec, digest, storageClass);
    } else if (importSucceeded) {
      status.sourceFormat = format;
      const fresh =
        format === 'snapshot' && current
          ? store.get(SNAPSHOTS, namespace, current.DataVolumeName)
          : undefined;
      if (format === 'pvc' || (fresh && (fresh.status as { readyToUse?: boolean })?.readyToUse))
        condition('UpToDate', 'True', 'Latest import is up to date', 'UpToDate');
      else
        condition(
          'UpToDate',
          'False',
          'Snapshot of imported data is progressing',
          'ImportProgressing',
        );
    } else if (failure) {
      condition('UpToDate', 'False', `Import failed: ${failure}`, 'ImportFailed');
    } else if (imports.length) {
      condition('UpToDate', 'False', 'Import is progressing', 'ImportProgressing');
    } else {
      condition('UpToDate', 'False', 'No source digest', 'NoDigest');
    }
    if (lastCronTime) status.lastExecutionTimestamp = lastCronTime;

    const before = conditionOf(status.conditions, 'UpToDate');
    const after = conditionOf(conditions, 'UpToDate');
    status.conditions = conditions;
    await mutate(store, DATA_IMPORT_CRONS, namespace, name, (copy) => {
      copy.metadata.annotations = { ...copy.metadata.annotations, ...annotations };
      copy.status = status;
      return copy;
    });
    if (after?.reason === 'ImportFailed' && before?.message !== after.message)
      await this.event(cron, 'Warning', 'ImportFailed', after.message ?? 'Import failed');
  }

  /** CDI skips a cron whose DataSource another cron already manages. */
  private async shouldReconcile(cron: KubeObject, spec: DataImportCronSpec) {
    const { store } = this.context;
    const { namespace, name } = cron.metadata;
    const dataSource = store.get(DATA_SOURCES, namespace, spec.managedDataSource ?? '');
    const owner = dataSource?.metadata.labels?.[CRON_LABEL];
    if (!dataSource || !owner || owner === name) return true;
    const other = store.get(DATA_IMPORT_CRONS, namespace, owner);
    if (
      (other?.spec as DataImportCronSpec | undefined)?.managedDataSource !== spec.managedDataSource
    )
      return true;
    await this.event(
      cron,
      'Warning',
      'ErrDataSourceAlreadyManaged',
      `DataSource ${spec.managedDataSource} is already managed by DataImportCron ${owner}`,
    );
    return false;
  }

  private async reportInvalidSchedule(cron: KubeObject, schedule: string, why: string) {
    const message = `Illegal cron schedule ${JSON.stringify(schedule)}: ${why}`;
    const { namespace, name = '' } = cron.metadata;
    this.wakeAt(keyOf(cron), undefined);
    const before = conditionOf((cron.status as CronStatus | undefined)?.conditions, 'UpToDate');
    await mutate(this.context.store, DATA_IMPORT_CRONS, namespace, name, (copy) => {
      const status = { ...(copy.status as CronStatus) };
      let conditions = setCdiCondition(
        status.conditions,
        'UpToDate',
        'False',
        message,
        'InvalidSchedule',
      );
      conditions = setCdiCondition(
        conditions,
        'Progressing',
        'False',
        'No current import',
        'NoImport',
      );
      copy.status = { ...status, conditions };
      return copy;
    });
    if (before?.message !== message) await this.event(cron, 'Warning', 'InvalidSchedule', message);
  }

  /** The template's storage class, else the virtualization default, else the cluster default. */
  private storageClassFor(spec: DataImportCronSpec): KubeObject | undefined {
    const template = spec.template?.spec;
    const explicit = template?.storage?.storageClassName ?? template?.pvc?.storageClassName;
    const classes = this.context.store.list(STORAGE_CLASSES);
    if (explicit) return classes.find((c) => c.metadata.name === explicit);
    return (
      classes.find((c) => isTrue(c.metadata.annotations?.[DEFAULT_VIRT_CLASS])) ??
      classes.find((c) => isTrue(c.metadata.annotations?.[DEFAULT_CLASS]))
    );
  }

  /** The StorageProfile's `dataImportCronSourceFormat`; snapshot only when a snapshot class fits. */
  private sourceFormat(storageClass: KubeObject | undefined): Format {
    if (!storageClass?.metadata.name) return 'pvc';
    const profile = this.context.store.get(STORAGE_PROFILES, undefined, storageClass.metadata.name);
    const profileFormat =
      (profile?.status as { dataImportCronSourceFormat?: Format } | undefined)
        ?.dataImportCronSourceFormat ??
      (profile?.spec as { dataImportCronSourceFormat?: Format } | undefined)
        ?.dataImportCronSourceFormat;
    if (profileFormat !== 'snapshot') return 'pvc';
    return this.snapshotClassFor(storageClass) ? 'snapshot' : 'pvc';
  }

  private snapshotClassFor(storageClass: KubeObject): string | undefined {
    const driver = storageClass.provisioner as string | undefined;
    const classes = this.context.store
      .list(SNAPSHOT_CLASSES)
      .filter((c) => (c.driver as string | undefined) === driver);
    const chosen =
      classes.find((c) => isTrue(c.metadata.annotations?.[DEFAULT_SNAPSHOT_CLASS])) ?? classes[0];
    return chosen?.metadata.name;
  }

  /** Labels of what a cron creates, as `setDataImportCronResourceLabels` sets them. */
  private resourceLabels(cron: KubeObject, spec: DataImportCronSpec): Record<string, string> {
    return {
      ...CDI_LABELS,
      [CRON_LABEL]: cron.metadata.name ?? '',
      ...(spec.retentionPolicy === 'None' ? { [CRON_CLEANUP_LABEL]: 'true' } : {}),
    };
  }

  /** Marks an imported PVC or snapshot as the cron's, and as used now (for garbage collection). */
  private async touchSource(cron: KubeObject, resource: string, source: KubeObject) {
    const spec = (cron.spec ?? {}) as DataImportCronSpec;
    await mutate(
      this.context.store,
      resource,
      source.metadata.namespace,
      source.metadata.name ?? '',
      (copy) => {
        copy.metadata.labels = { ...copy.metadata.labels, ...this.resourceLabels(cron, spec) };
        // Garbage collection sorts by last use: a recent mark is enough, not one per reconcile.
        const last = Date.parse(copy.metadata.annotations?.[ANN_LAST_USE_TIME] ?? '');
        if (!(Date.now() - last < LAST_USE_RESOLUTION_MS))
          copy.metadata.annotations = {
            ...copy.metadata.annotations,
            [ANN_LAST_USE_TIME]: new Date().toISOString(),
          };
        return copy;
      },
    );
  }

  /** Snapshot format: a VolumeSnapshot of the imported PVC; once ready, the DV and PVC go. */
  private async snapshotImport(cron: KubeObject, pvc: KubeObject, storageClass: KubeObject) {
    const { store } = this.context;
    const claimClass = (pvc.spec as { storageClassName?: string } | undefined)?.storageClassName;
    if (claimClass && claimClass !== storageClass.metadata.name) return;
    const namespace = cron.metadata.namespace;
    const name = pvc.metadata.name ?? '';
    const existing = store.get(SNAPSHOTS, namespace, name);
    if (!existing) {
      const spec = (cron.spec ?? {}) as DataImportCronSpec;
      await createObject(store, SNAPSHOTS, {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshot',
        metadata: {
          name,
          namespace,
          labels: {
            app: 'containerized-data-importer',
            'cdi.kubevirt.io': '',
            ...this.resourceLabels(cron, spec),
          },
          annotations: { [ANN_LAST_USE_TIME]: new Date().toISOString() },
        },
        spec: {
          source: { persistentVolumeClaimName: name },
          volumeSnapshotClassName: this.snapshotClassFor(storageClass),
        },
      });
      return;
    }
    if ((existing.status as { readyToUse?: boolean } | undefined)?.readyToUse)
      await this.deleteDvPvc(namespace, name);
  }

  /** Deletes the DataVolume (its PVC follows as a dependent), or the PVC when no DV is left. */
  private async deleteDvPvc(namespace: string | undefined, name: string) {
    const { store } = this.context;
    const dv = store.get(DATA_VOLUMES, namespace, name);
    if (dv) return deleteObject(this.context, dv);
    const pvc = store.get(PVCS, namespace, name);
    if (pvc) await deleteObject(this.context, pvc);
  }

  /** A new import: the DataVolume for `digest`, unless its PVC or snapshot is already there. */
  private async createImport(
    cron: KubeObject,
    spec: DataImportCronSpec,
    digest: string | undefined,
    storageClass: KubeObject | undefined,
  ): Promise<ImportStatus[]> {
    const { store } = this.context;
    const namespace = cron.metadata.namespace;
    if (!digest || !spec.managedDataSource) return [];
    const name = importDataVolumeName(spec.managedDataSource, digest);
    const imports = [{ DataVolumeName: name, Digest: digest }];
    for (const resource of [SNAPSHOTS, PVCS]) {
      const source = store.get(resource, namespace, name);
      if (source) {
        await this.touchSource(cron, resource, source);
        return imports;
      }
    }
    const template = structuredClone(spec.template ?? {});
    const dvSpec = { ...(template.spec ?? {}) };
    const url = dvSpec.source?.registry?.url;
    if (url)
      dvSpec.source = { registry: { ...dvSpec.source?.registry, url: digestedURL(url, digest) } };
    // The class the cron resolved, written down so the import lands where the cron expects.
    const className = storageClass?.metadata.name;
    if (className) {
      if (dvSpec.pvc) dvSpec.pvc = { ...dvSpec.pvc, storageClassName: className };
      else dvSpec.storage = { ...dvSpec.storage, storageClassName: className };
    }
    const cronLabels = labelsOf(cron);
    const passed = Object.fromEntries(
      [DEFAULT_INSTANCETYPE_LABEL, DEFAULT_PREFERENCE_LABEL]
        .filter((label) => cronLabels[label])
        .map((label) => [label, cronLabels[label] ?? '']),
    );
    await createObject(store, DATA_VOLUMES, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        name,
        namespace,
        labels: { ...template.metadata?.labels, ...this.resourceLabels(cron, spec), ...passed },
        annotations: { ...template.metadata?.annotations, [IMMEDIATE_BIND_ANNOTATION]: 'true' },
      },
      spec: dvSpec,
    });
    return imports;
  }

  /** Points the managed DataSource (created when missing) at the last import. */
  private async updateDataSource(
    cron: KubeObject,
    spec: DataImportCronSpec,
    format: Format,
    lastImported: CronStatus['lastImportedPVC'],
  ) {
    const { store } = this.context;
    const namespace = cron.metadata.namespace;
    const name = spec.managedDataSource;
    if (!name) return;
    if (!store.get(DATA_SOURCES, namespace, name)) {
      await createObject(store, DATA_SOURCES, {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataSource',
        metadata: {
          name,
          namespace,
          labels: { ...CDI_LABELS, [CRON_LABEL]: cron.metadata.name ?? '' },
        },
        spec: { source: {} },
      });
    }
    await mutate(store, DATA_SOURCES, namespace, name, (copy) => {
      // A DataSource without the cron label is someone else's: CDI leaves it alone.
      if (!copy.metadata.labels?.[CRON_LABEL]) return undefined;
      const cronLabels = labelsOf(cron);
      const labels = { ...copy.metadata.labels, ...this.resourceLabels(cron, spec) };
      for (const label of [DEFAULT_INSTANCETYPE_LABEL, DEFAULT_PREFERENCE_LABEL]) {
        const value = cronLabels[label];
        if (value) labels[label] = value;
      }
      copy.metadata.labels = labels;
      if (lastImported) {
        copy.spec = {
          ...(copy.spec as object),
          source:
            format === 'snapshot'
              ? { snapshot: { namespace: lastImported.namespace, name: lastImported.name } }
              : { pvc: { namespace: lastImported.namespace, name: lastImported.name } },
        };
      }
      return copy;
    });
  }

  /** `garbageCollect: Outdated` (the default): keep the newest `importsToKeep` imports. */
  private async garbageCollect(cron: KubeObject, spec: DataImportCronSpec) {
    if (spec.garbageCollect && spec.garbageCollect !== 'Outdated') return;
    const keep =
      spec.importsToKeep !== undefined && spec.importsToKeep >= 0
        ? spec.importsToKeep
        : DEFAULT_IMPORTS_TO_KEEP;
    const { store } = this.context;
    const namespace = cron.metadata.namespace;
    const mine = (o: KubeObject) => o.metadata.labels?.[CRON_LABEL] === cron.metadata.name;
    const newestFirst = (a: KubeObject, b: KubeObject) => {
      const ta = a.metadata.annotations?.[ANN_LAST_USE_TIME] ?? '';
      const tb = b.metadata.annotations?.[ANN_LAST_USE_TIME] ?? '';
      return ta > tb ? -1 : ta < tb ? 1 : 0;
    };
    const claims = store.list(PVCS, namespace).filter(mine).sort(newestFirst);
    for (const claim of claims.slice(keep))
      await this.deleteDvPvc(namespace, claim.metadata.name ?? '');
    const snapshots = store.list(SNAPSHOTS, namespace).filter(mine).sort(newestFirst);
    for (const snapshot of snapshots.slice(keep)) await deleteObject(this.context, snapshot);
  }

  /** A deleted cron with `retentionPolicy: None` takes its DataSource and imports with it. */
  private async cleanup(namespace: string, name: string) {
    const { store } = this.context;
    const doomed = (o: KubeObject) =>
      o.metadata.labels?.[CRON_LABEL] === name && o.metadata.labels[CRON_CLEANUP_LABEL] === 'true';
    for (const resource of [DATA_SOURCES, DATA_VOLUMES, PVCS, SNAPSHOTS]) {
      for (const object of store.list(resource, namespace).filter(doomed))
        await deleteObject(this.context, object);
    }
  }
}
