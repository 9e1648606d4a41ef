// virt-controller's VirtualMachineExport controller: makes the volumes of a stopped VM, a VM
// snapshot or an unused PVC downloadable (links, token Secret, Service), and deletes the export
// when its TTL (default 2h) runs out. The bytes are served by exportRoute.ts.
import { randomBytes } from 'node:crypto';
import { WorkQueue } from '../controllers/workQueue';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { claimFile, snapshotFile } from '../volumes';
import { durationMs } from '../goDuration';
import {
  controllerRef,
  createObject,
  DATAVOLUMES,
  deleteObject,
  keyOf,
  PVCS,
  SECRETS,
  SERVICES,
  splitKey,
  updateCondition,
  VM_EXPORTS,
  VM_SNAPSHOT_CONTENTS,
  VM_SNAPSHOTS,
  VMIS,
  VMS,
  writeStatus,
  type Condition,
} from './objects';
import { contentOf, type SnapshotStatus } from './snapshotController';
import { claimNameOf, volumesOf } from './vmVolumes';
import { timestampOf } from '../objectRefs';

const DEFAULT_TTL_MS = 2 * 3_600_000;
const COMPONENT = 'virt-controller';
/** setTimeout's limit; longer TTLs are re-checked when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ExportedVolume {
  name: string;
  /** The raw image to serve; undefined while it is not there yet. */
  file: string | undefined;
  sizeRequest?: string;
}

interface ExportSource {
  volumes: ExportedVolume[];
  available: boolean;
  /** Ready condition while unavailable. */
  reason: string;
  message: string;
  claims: KubeObject[];
  virtualMachine?: KubeObject;
}

interface ExportStatus {
  phase?: 'Pending' | 'Ready' | 'Terminated' | 'Skipped';
  conditions?: Condition[];
  links?: Record<string, unknown>;
  serviceName?: string;
  tokenSecretRef?: string;
  ttlExpirationTime?: string;
  virtualMachineName?: string;
}

const specOf = (vmExport: KubeObject) =>
  (vmExport.spec ?? {}) as {
    source?: { apiGroup?: string; kind?: string; name?: string };
    tokenSecretRef?: string;
    ttlDuration?: string;
  };

export const serviceNameOf = (vmExport: KubeObject) =>
  `virt-export-${vmExport.metadata.name ?? ''}`;
export const tokenSecretNameOf = (vmExport: KubeObject) =>
  specOf(vmExport).tokenSecretRef ??
  (vmExport.status as ExportStatus | undefined)?.tokenSecretRef ??
  `export-token-${vmExport.metadata.name ?? ''}`;

/** The external base URL of an export, as virt-exportproxy serves it. */
export const externalBase = (https: string, vmExport: KubeObject) =>
  `${https}/api/export.kubevirt.io/v1beta1/namespaces/${vmExport.metadata.namespace ?? ''}/virtualmachineexports/${vmExport.metadata.name ?? ''}`;

const inUse = (vmi: KubeObject) => {
  const phase = (vmi.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
};

export class ExportController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly context: ClusterContext,
    private readonly caCert: () => string,
  ) {
    const { store } = context;
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vmexport ${key}:`, error),
    );
    this.unsubscribe.push(
      store.subscribe(VM_EXPORTS, (event) => this.queue.add(keyOf(event.object))),
    );
    for (const resource of [PVCS, VMS, VMIS, DATAVOLUMES, VM_SNAPSHOTS, SECRETS]) {
      this.unsubscribe.push(
        store.subscribe(resource, (event) => {
          for (const vmExport of store.list(VM_EXPORTS, event.object.metadata.namespace ?? ''))
            this.queue.add(keyOf(vmExport));
        }),
      );
    }
    for (const vmExport of store.list(VM_EXPORTS)) this.queue.add(keyOf(vmExport));
  }

  stop() {
    for (const off of this.unsubscribe) off();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.queue.stop();
  }

  private expiry(vmExport: KubeObject) {
    const ttl = durationMs(specOf(vmExport).ttlDuration) ?? DEFAULT_TTL_MS;
    return (Date.parse(vmExport.metadata.creationTimestamp ?? '') || Date.now()) + ttl;
  }

  private scheduleExpiry(key: string, at: number) {
    if (this.timers.has(key)) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.queue.add(key);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now())),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  private async reconcile(key: string) {
    const { store } = this.context;
    const { namespace, name } = splitKey(key);
    const vmExport = store.get(VM_EXPORTS, namespace, name);
    if (!vmExport || vmExport.metadata.deletionTimestamp) return;
    const expiry = this.expiry(vmExport);
    if (Date.now() >= expiry) {
      await deleteObject(this.context, VM_EXPORTS, vmExport);
      return;
    }
    this.scheduleExpiry(key, expiry);
    const service = await this.ensureService(vmExport);
    const status: ExportStatus = structuredClone((vmExport.status ?? {}) as ExportStatus);
    if (!vmExport.status) {
      status.phase = 'Pending';
      status.conditions = updateCondition([], 'Ready', 'False', 'initializing', { message: '' });
      status.conditions = updateCondition(status.conditions, 'PVCReady', 'False', 'unknown', {
        message: '',
      });
    }
    status.ttlExpirationTime = timestampOf(new Date(expiry));
    status.serviceName = service.metadata.name;
    const source = this.source(vmExport);
    if (source.virtualMachine) status.virtualMachineName = source.virtualMachine.metadata.name;

    const ready =
      source.available && source.volumes.length > 0 && source.volumes.every((v) => v.file);
    const spec = specOf(vmExport);
    if (spec.tokenSecretRef) status.tokenSecretRef = spec.tokenSecretRef;
    else if (ready) {
      status.tokenSecretRef ??= tokenSecretNameOf(vmExport);
      await this.ensureTokenSecret(vmExport, status.tokenSecretRef);
    }

    status.conditions = this.pvcCondition(status.conditions, source.claims);
    if (ready) {
      status.phase = 'Ready';
      status.conditions = updateCondition(status.conditions, 'Ready', 'True', 'podReady', {
        message: '',
      });
      status.links = {
        internal: this.links(
          source,
          `https://${serviceNameOf(vmExport)}.${namespace}.svc`,
          'internal',
        ),
        external: this.links(source, externalBase(this.context.urls().https, vmExport), 'external'),
      };
    } else {
      const previous = status.phase;
      status.phase =
        source.available && !source.volumes.length && source.virtualMachine ? 'Skipped' : 'Pending';
      status.conditions = updateCondition(status.conditions, 'Ready', 'False', source.reason, {
        message: source.message,
      });
      status.links = {};
      if (previous === 'Ready' && source.reason === 'inUse')
        await recordEvent(store, {
          involvedObject: vmExport,
          type: 'Warning',
          reason: 'ExportPaused',
          message: source.message,
          component: COMPONENT,
        });
    }
    await writeStatus(this.context, VM_EXPORTS, vmExport, status as Record<string, unknown>);
  }

  private pvcCondition(conditions: Condition[] | undefined, claims: KubeObject[]) {
    const phases = claims.map((c) => (c.status as { phase?: string } | undefined)?.phase);
    if (!claims.length) return conditions;
    if (phases.includes('Lost'))
      return updateCondition(conditions, 'PVCReady', 'False', 'unknown', { message: '' });
    if (phases.some((p) => p !== 'Bound'))
      return updateCondition(conditions, 'PVCReady', 'False', 'pvcPending', { message: '' });
    return updateCondition(conditions, 'PVCReady', 'True', 'pvcBound', { message: '' });
  }

  /** What an export serves now: its volumes' files, or why it cannot. */
  source(vmExport: KubeObject): ExportSource {
    const { store } = this.context;
    const namespace = vmExport.metadata.namespace ?? '';
    const { kind, name = '' } = specOf(vmExport).source ?? {};
    const none = (
      reason: string,
      message: string,
      extra: Partial<ExportSource> = {},
    ): ExportSource => ({
      volumes: [],
      available: false,
      reason,
      message,
      claims: [],
      ...extra,
    });
    const vmis = store.list(VMIS, namespace).filter(inUse);
    if (kind === 'PersistentVolumeClaim') {
      const claim = store.get(PVCS, namespace, name);
      if (!claim) return none('pvcNotFound', `pvc ${namespace}/${name} not found`);
      const used = vmis.some((vmi) =>
        volumesOf(vmi as KubeObject).some((v) => claimNameOf(v) === name),
      );
      if (used) return none('inUse', `pvc ${namespace}/${name} is in use`, { claims: [claim] });
      return {
        volumes: [{ name, file: claimFile(store, namespace, name) }],
        available: true,
        reason: 'pvcPending',
        message: '',
        claims: [claim],
      };
    }
    if (kind === 'VirtualMachine') {
      const vm = store.get(VMS, namespace, name);
      if (!vm) return none('vmNotFound', `Virtual Machine ${namespace}/${name} not found`);
      const claims: KubeObject[] = [];
      let populated = true;
      for (const volume of volumesOf(vm)) {
        const claimName = claimNameOf(volume);
        if (!claimName) continue;
        const claim = store.get(PVCS, namespace, claimName);
        const dv = store.get(DATAVOLUMES, namespace, claimName);
        if (!claim) {
          if (volume.dataVolume) populated = false;
          continue;
        }
        claims.push(claim);
        const bound = (claim.status as { phase?: string } | undefined)?.phase === 'Bound';
        if (!bound || (dv && (dv.status as { phase?: string } | undefined)?.phase !== 'Succeeded'))
          populated = false;
      }
      const base = { claims, virtualMachine: vm };
      if (!claims.length)
        return {
          ...none('noVolumeVM', `Virtual Machine ${namespace}/${name} has no volumes`, base),
          available: true,
        };
      if (!populated)
        return none(
          'volumesNotPopulated',
          `Not all volumes in the Virtual Machine ${namespace}/${name} are populated`,
          base,
        );
      if (store.get(VMIS, namespace, name) && vmis.some((v) => v.metadata.name === name))
        return none('inUse', `Virtual Machine ${namespace}/${name} is running`, base);
      return {
        ...base,
        volumes: claims.map((c) => ({
          name: c.metadata.name ?? '',
          file: claimFile(store, namespace, c.metadata.name ?? ''),
        })),
        available: true,
        reason: 'initializing',
        message: '',
      };
    }
    if (kind === 'VirtualMachineSnapshot') {
      const snapshot = store.get(VM_SNAPSHOTS, namespace, name);
      const status = (snapshot?.status ?? {}) as SnapshotStatus;
      if (!snapshot)
        return none('vmSnapshotNotFound', `VirtualMachineSnapshot ${namespace}/${name} not found`);
      const content = status.virtualMachineSnapshotContentName
        ? store.get(VM_SNAPSHOT_CONTENTS, namespace, status.virtualMachineSnapshotContentName)
        : undefined;
      if (!status.readyToUse || !content)
        return none('notReady', `VirtualMachineSnapshot ${namespace}/${name} not ready`);
      const virtualMachine = contentOf(content).source?.virtualMachine;
      return {
        volumes: (contentOf(content).volumeBackups ?? []).map((backup) => ({
          name: backup.persistentVolumeClaim.metadata.name ?? backup.volumeName,
          file: backup.volumeSnapshotName
            ? snapshotFile(store, namespace, backup.volumeSnapshotName)
            : undefined,
        })),
        available: true,
        reason: 'initializing',
        message: '',
        claims: [],
        virtualMachine,
      };
    }
    return none('unknown', `unknown source kind ${kind ?? ''}`);
  }

  private links(source: ExportSource, base: string, linkType: string) {
    const link: Record<string, unknown> = {
      cert: this.caCert(),
      volumes: source.volumes.map((volume) => ({
        name: volume.name,
        formats: [
          { format: 'raw', url: `${base}/volumes/${volume.name}/disk.img` },
          { format: 'gzip', url: `${base}/volumes/${volume.name}/disk.img.gz` },
        ],
      })),
    };
    if (source.virtualMachine)
      link.manifests = [
        { type: 'all', url: `${base}/${linkType}/manifests/all` },
        { type: 'auth-header-secret', url: `${base}/${linkType}/manifests/secret` },
      ];
    return link;
  }

  private async ensureService(vmExport: KubeObject): Promise<KubeObject> {
    const { store } = this.context;
    const name = serviceNameOf(vmExport);
    const existing = store.get(SERVICES, vmExport.metadata.namespace, name);
    if (existing) return existing;
    const service = await createObject(this.context, SERVICES, {
      kind: 'Service',
      metadata: {
        name,
        namespace: vmExport.metadata.namespace,
        labels: { 'kubevirt.io': 'virt-exporter' },
        ownerReferences: [controllerRef(vmExport)],
      },
      spec: {
        ports: [{ protocol: 'TCP', port: 443, targetPort: 8443 }],
        selector: { 'kubevirt.io.virt-export-service': vmExport.metadata.name ?? '' },
      },
    });
    await recordEvent(store, {
      involvedObject: vmExport,
      type: 'Normal',
      reason: 'ServiceCreated',
      message: `Created service ${vmExport.metadata.namespace}/${name}`,
      component: COMPONENT,
    });
    return service;
  }

  private async ensureTokenSecret(vmExport: KubeObject, name: string) {
    const { store } = this.context;
    if (store.get(SECRETS, vmExport.metadata.namespace, name)) return;
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const token = [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
    await createObject(this.context, SECRETS, {
      kind: 'Secret',
      metadata: {
        name,
        namespace: vmExport.metadata.namespace,
        ownerReferences: [controllerRef(vmExport)],
      },
      type: 'Opaque',
      data: { token: Buffer.from(token).toString('base64') },
    });
    await recordEvent(store, {
      involvedObject: vmExport,
      type: 'Normal',
      reason: 'SecretCreated',
      message: `Created default secret ${vmExport.metadata.namespace}/${name}`,
      component: COMPONENT,
    });
  }
}
