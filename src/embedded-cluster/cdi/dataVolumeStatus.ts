import { recordEvent } from '../events';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { keyOf, now, splitKey } from '../objectRefs';

export { keyOf, now, splitKey };

export const DATAVOLUMES = 'cdi.kubevirt.io/datavolumes';
export const PVCS = 'core/persistentvolumeclaims';
const COMPONENT = 'datavolume-controller';

/** The annotations CDI puts on a DataVolume's claim (CDI's controller/common names). */
export const ANN = {
  contentType: 'cdi.kubevirt.io/storage.contentType',
  createdForDataVolume: 'cdi.kubevirt.io/createdForDataVolume',
  importSource: 'cdi.kubevirt.io/storage.import.source',
  importEndpoint: 'cdi.kubevirt.io/storage.import.endpoint',
  importPod: 'cdi.kubevirt.io/storage.import.importPodName',
  requiresScratch: 'cdi.kubevirt.io/storage.import.requiresScratch',
  registryImportMethod: 'cdi.kubevirt.io/storage.import.registryImportMethod',
  uploadTarget: 'cdi.kubevirt.io/storage.upload.target',
  uploadPod: 'cdi.kubevirt.io/storage.uploadPodName',
  podPhase: 'cdi.kubevirt.io/storage.pod.phase',
  podReady: 'cdi.kubevirt.io/storage.pod.ready',
  podRestarts: 'cdi.kubevirt.io/storage.pod.restarts',
  preallocationRequested: 'cdi.kubevirt.io/storage.preallocation.requested',
  cloneRequest: 'k8s.io/CloneRequest',
  cloneType: 'cdi.kubevirt.io/cloneType',
  clonePhase: 'cdi.kubevirt.io/clonePhase',
  cloneFallbackReason: 'cdi.kubevirt.io/cloneFallbackReason',
  immediateBinding: 'cdi.kubevirt.io/storage.bind.immediate.requested',
  selectedNode: 'volume.kubernetes.io/selected-node',
  deleteAfterCompletion: 'cdi.kubevirt.io/storage.deleteAfterCompletion',
  populatedFor: 'cdi.kubevirt.io/storage.populatedFor',
} as const;

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}
export type DvStatus = {
  phase?: string;
  progress?: string;
  restartCount?: number;
  claimName?: string;
  conditions?: Condition[];
};
export type CondInput = Pick<Condition, 'status' | 'reason' | 'message'>;
export type CondUpdates = Partial<Record<'Bound' | 'Ready' | 'Running', CondInput>>;
export type EventSpec = [type: 'Normal' | 'Warning', reason: string, message: string];

export const statusOf = (dv: KubeObject) => (dv.status ?? {}) as DvStatus;
export const phaseOf = (dv: KubeObject) => statusOf(dv).phase ?? '';
export const conditionOf = (dv: KubeObject, type: string) =>
  statusOf(dv).conditions?.find((c) => c.type === type);

/** `45.20%`, as CDI reports transfer progress. */
export const percent = (done: number, total: number) =>
  `${Math.min(100, (done / total) * 100).toFixed(2)}%`;

/** Conditions in CDI's order (Bound, Ready, Running), transition times kept when unchanged. */
const mergeConditions = (previous: Condition[] | undefined, updates: CondUpdates): Condition[] =>
  (['Bound', 'Ready', 'Running'] as const).map((type) => {
    const before = previous?.find((c) => c.type === type);
    const next = updates[type] ?? before ?? { status: 'False', reason: '', message: '' };
    const changed = !before || before.status !== next.status;
    const touched = changed || before.reason !== next.reason || before.message !== next.message;
    const stamp = now();
    return {
      type,
      status: next.status,
      reason: next.reason,
      message: next.message,
      lastTransitionTime: changed ? stamp : (before.lastTransitionTime ?? stamp),
      lastHeartbeatTime: touched ? stamp : (before.lastHeartbeatTime ?? stamp),
    };
  });

const withoutTimes = (s: DvStatus) =>
  JSON.stringify({
    ...s,
    conditions: s.conditions?.map(({ lastHeartbeatTime: _h, lastTransitionTime: _t, ...c }) => c),
  });

/**
 * How the DataVolume controller writes: status (re-read just before, so nothing else is lost,
 * and skipped when nothing changes), phases with their events, claim annotations. Once stopped
 * it writes nothing.
 */
export class DataVolumeWriter {
  stopped = false;

  constructor(private readonly store: ObjectStore) {}

  async status(
    key: string,
    fields: Omit<DvStatus, 'conditions'>,
    conditions: CondUpdates = {},
  ): Promise<KubeObject | undefined> {
    const { namespace, name } = splitKey(key);
    const dv = this.store.get(DATAVOLUMES, namespace, name);
    if (this.stopped || !dv || dv.metadata.deletionTimestamp) return undefined;
    const before = statusOf(dv);
    const status: DvStatus = {
      ...before,
      ...fields,
      conditions: mergeConditions(before.conditions, conditions),
    };
    if (withoutTimes(status) === withoutTimes(before)) return dv;
    return this.store.put(DATAVOLUMES, { ...dv, status });
  }

  async event(dv: KubeObject, ...[type, reason, message]: EventSpec) {
    if (this.stopped) return;
    await recordEvent(this.store, {
      involvedObject: dv,
      type,
      reason,
      message,
      component: COMPONENT,
    });
  }

  /** Enters a phase; its event is recorded only on the change (so requeues do not repeat it). */
  async phase(
    key: string,
    phase: string,
    event: EventSpec | undefined,
    fields: Omit<DvStatus, 'conditions' | 'phase'> = {},
    conditions: CondUpdates = {},
  ) {
    const { namespace, name } = splitKey(key);
    const before = this.store.get(DATAVOLUMES, namespace, name);
    if (!before || before.metadata.deletionTimestamp) return undefined;
    // The event first: whoever sees the new phase finds its event already there.
    if (event && phaseOf(before) !== phase) await this.event(before, ...event);
    return this.status(key, { ...fields, phase }, conditions);
  }

  /** Sets (or, with undefined, removes) annotations of a claim. */
  async annotateClaim(
    namespace: string,
    name: string,
    changes: Record<string, string | undefined>,
  ) {
    const pvc = this.store.get(PVCS, namespace, name);
    if (this.stopped || !pvc) return undefined;
    const before = pvc.metadata.annotations ?? {};
    const removed = new Set(Object.keys(changes).filter((k) => changes[k] === undefined));
    const annotations = Object.fromEntries(
      [...Object.entries(before), ...Object.entries(changes)].filter(
        (entry): entry is [string, string] => !removed.has(entry[0]) && entry[1] !== undefined,
      ),
    );
    if (JSON.stringify(annotations) === JSON.stringify(before)) return pvc;
    return this.store.put(PVCS, { ...pvc, metadata: { ...pvc.metadata, annotations } });
  }

  /** The end of a transfer: phase Succeeded, progress 100.0%, Ready, Running Completed. */
  async succeeded(key: string, kind: 'import' | 'upload' | 'clone', from?: string) {
    const { namespace, name } = splitKey(key);
    const [reason, message, running] =
      kind === 'upload'
        ? ['UploadSucceeded', `Successfully uploaded into ${name}`, 'Upload Complete']
        : kind === 'clone'
          ? [
              'CloneSucceeded',
              `Successfully cloned from ${from ?? ''} into ${namespace}/${name}`,
              'Clone Complete',
            ]
          : ['ImportSucceeded', `Successfully imported into PVC ${name}`, 'Import Complete'];
    await this.phase(
      key,
      'Succeeded',
      ['Normal', reason, message],
      { progress: '100.0%' },
      {
        Bound: { status: 'True', reason: 'Bound', message: `PVC ${name} Bound` },
        Ready: { status: 'True', reason: '', message: '' },
        Running: { status: 'False', reason: 'Completed', message: running },
      },
    );
  }
}
