import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { applyLiveInterfaces, networkRestartRequired, restartRelevantTemplate } from './liveUpdate';
import { claimPhase, isWaitForFirstConsumer, placeVmi, selectNodeForClaims } from './scheduler';
import { setCondition, VMIS } from './vmiController';
import { WorkQueue } from './workQueue';
import { keyOf, now } from '../objectRefs';

export const VMS = 'kubevirt.io/virtualmachines';
export const TEMPLATE_HASH = 'kubevirt.io/vm-template-hash';
/** Set by `start --paused`: the next VMI starts paused. */
export const START_PAUSED = 'kubevirt.io/start-paused';

export type RunStrategy = 'Always' | 'RerunOnFailure' | 'Manual' | 'Halted' | 'Once';
export interface StateChangeRequest {
  action: 'Start' | 'Stop';
  uid?: string;
}

export interface VmSpec {
  running?: boolean;
  runStrategy?: RunStrategy;
  template?: { metadata?: KubeObject['metadata']; spec?: Record<string, unknown> };
  instancetype?: { kind?: string; name: string; revisionName?: string };
  preference?: { kind?: string; name: string; revisionName?: string };
}

/**
 * The names KubeVirt records on a VMI of the instance type and preference it started with
 * (`kubevirt.io/instancetype-name` or `kubevirt.io/cluster-instancetype-name`, the same for
 * preferences); the kind is matched without case, and no kind means the cluster one.
 */
export const typeNameAnnotations = (spec: VmSpec): Record<string, string> => {
  const annotations: Record<string, string> = {};
  for (const which of ['instancetype', 'preference'] as const) {
    const ref = spec[which];
    if (!ref?.name) continue;
    const namespaced = new RegExp(`^virtualmachine${which}s?$`).test(ref.kind?.toLowerCase() ?? '');
    annotations[`kubevirt.io/${namespaced ? '' : 'cluster-'}${which}-name`] = ref.name;
  }
  return annotations;
};

type VmiStatus = {
  phase?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  migrationState?: { completed?: boolean };
};

/** The vCPUs and memory a VM's instance type gives it (namespaced or cluster kind), if it has one. */
const REVISIONS = 'apps/controllerrevisions';
const KINDS = {
  instancetype: {
    cluster: 'instancetype.kubevirt.io/virtualmachineclusterinstancetypes',
    namespaced: 'instancetype.kubevirt.io/virtualmachineinstancetypes',
    clusterKind: 'virtualmachineclusterinstancetype',
  },
  preference: {
    cluster: 'instancetype.kubevirt.io/virtualmachineclusterpreferences',
    namespaced: 'instancetype.kubevirt.io/virtualmachinepreferences',
    clusterKind: 'virtualmachineclusterpreference',
  },
} as const;

/** The instance type or preference a VM refers to, as it is now in the cluster. */
const liveObject = (
  store: ObjectStore,
  vm: KubeObject,
  which: keyof typeof KINDS,
): KubeObject | undefined => {
  const ref = ((vm.spec ?? {}) as VmSpec)[which];
  if (!ref) return undefined;
  const kinds = KINDS[which];
  const clusterWide = !ref.kind || ref.kind.toLowerCase() === kinds.clusterKind;
  return clusterWide
    ? store.get(kinds.cluster, undefined, ref.name)
    : store.get(kinds.namespaced, vm.metadata.namespace, ref.name);
};

/**
 * The spec a VM runs with: the one captured in its ControllerRevision when it has one (so later
 * edits of the instance type do not change a VM that already started), else the live object.
 */
const specOf = (
  store: ObjectStore,
  vm: KubeObject,
  which: keyof typeof KINDS,
): Record<string, unknown> | undefined => {
  const ref = ((vm.spec ?? {}) as VmSpec)[which];
  if (!ref) return undefined;
  if (ref.revisionName) {
    const revision = store.get(REVISIONS, vm.metadata.namespace, ref.revisionName);
    const captured = (revision?.data as KubeObject | undefined)?.spec as
      Record<string, unknown> | undefined;
    if (captured) return captured;
  }
  return liveObject(store, vm, which)?.spec as Record<string, unknown> | undefined;
};

/** The vCPUs and memory a VM's instance type gives it (namespaced or cluster kind), if it has one. */
export const instancetypeSize = (
  store: ObjectStore,
  vm: KubeObject,
): { cpus: number; memory: string } | undefined => {
  const spec = (specOf(store, vm, 'instancetype') ?? {}) as {
    cpu?: { guest?: number };
    memory?: { guest?: string };
  };
  if (!spec.cpu?.guest || !spec.memory?.guest) return undefined;
  return { cpus: spec.cpu.guest, memory: spec.memory.guest };
};

/** Whether a VM's disks can be used: what keeps a VMI from being created, as printableStatus names it. */
export type VolumeState =
  'Ready' | 'ErrorPvcNotFound' | 'DataVolumeError' | 'Provisioning' | 'WaitingForVolumeBinding';

const PVCS = 'core/persistentvolumeclaims';
const DATAVOLUMES = 'cdi.kubevirt.io/datavolumes';

interface Preference {
  devices?: { preferredDiskBus?: string; preferredInterfaceModel?: string };
  firmware?: { preferredUseEfi?: boolean; preferredUseSecureBoot?: boolean };
}

/**
 * A preference fills what the VM leaves open, never what it sets: the disk bus, the NIC model,
 * EFI and Secure Boot, as KubeVirt applies them to the VMI.
 */
export const applyPreference = (
  vmiSpec: { domain?: Record<string, unknown> },
  preference: Preference | undefined,
) => {
  if (!preference) return;
  const domain = (vmiSpec.domain ??= {}) as {
    devices?: { disks?: Record<string, unknown>[]; interfaces?: Record<string, unknown>[] };
    firmware?: Record<string, unknown>;
  };
  const bus = preference.devices?.preferredDiskBus;
  for (const disk of domain.devices?.disks ?? []) {
    if (bus && disk.disk && typeof disk.disk === 'object' && !(disk.disk as { bus?: string }).bus)
      disk.disk = { ...disk.disk, bus };
    if (bus && !disk.disk && !disk.cdrom && !disk.lun) disk.disk = { bus };
  }
  const model = preference.devices?.preferredInterfaceModel;
  for (const nic of domain.devices?.interfaces ?? []) if (model && !nic.model) nic.model = model;
  if (preference.firmware?.preferredUseEfi && !domain.firmware?.bootloader) {
    domain.firmware = {
      ...(domain.firmware ?? {}),
      bootloader: { efi: { secureBoot: !!preference.firmware.preferredUseSecureBoot } },
    };
  }
};

/** The run strategy in effect: `runStrategy`, or the legacy `running` flag. */
export const runStrategyOf = (vm: KubeObject): RunStrategy => {
  const spec = (vm.spec ?? {}) as VmSpec;
  if (spec.runStrategy) return spec.runStrategy;
  return spec.running ? 'Always' : 'Halted';
};

/**
 * The hash of what in a VM's template needs a restart to apply (the VMI records the one it
 * started from): interfaces, networks and hot-pluggable volumes change live, so they are left
 * out (see `liveUpdate.ts`).
 */
export const templateHash = (vm: KubeObject) =>
  createHash('sha256')
    .update(
      JSON.stringify(restartRelevantTemplate(((vm.spec ?? {}) as VmSpec).template)) +
        // The revision name is bookkeeping, not a change of the VM.
        JSON.stringify(((vm.spec ?? {}) as VmSpec).instancetype?.name ?? ''),
    )
    .digest('hex')
    .slice(0, 16);

/**
 * `status.printableStatus` as KubeVirt derives it from the VM, its VMI and the run strategy.
 */
export const printableStatus = (
  vm: KubeObject,
  vmi: KubeObject | undefined,
  failures: number,
  volumes: VolumeState = 'Ready',
): string => {
  if (vm.metadata.deletionTimestamp) return 'Terminating';
  const strategy = runStrategyOf(vm);
  if (!vmi && volumes !== 'Ready' && strategy !== 'Halted') return volumes;
  if (!vmi) {
    if (failures >= 3 && (strategy === 'Always' || strategy === 'RerunOnFailure'))
      return 'CrashLoopBackOff';
    return strategy === 'Always' || strategy === 'RerunOnFailure' ? 'Starting' : 'Stopped';
  }
  const status = (vmi.status ?? {}) as VmiStatus;
  const condition = (type: string) => status.conditions?.find((c) => c.type === type);
  if (vmi.metadata.deletionTimestamp || strategy === 'Halted')
    return status.phase === 'Succeeded' || status.phase === 'Failed' ? 'Stopped' : 'Stopping';
  switch (status.phase) {
    case undefined:
    case 'Pending':
    case 'Scheduling':
      return condition('PodScheduled')?.reason === 'Unschedulable'
        ? 'ErrorUnschedulable'
        : 'Starting';
    case 'Scheduled':
      return 'Starting';
    case 'Running':
      if (condition('Paused')?.status === 'True') return 'Paused';
      if (status.migrationState && !status.migrationState.completed) return 'Migrating';
      return 'Running';
    case 'Failed':
      return failures >= 3 ? 'CrashLoopBackOff' : 'Stopped';
    case 'Succeeded':
      return 'Stopped';
    default:
      return 'Unknown';
  }
};

/**
 * virt-controller for VirtualMachines: keeps a VMI in line with the run strategy and the
 * start/stop requests, and writes the VM's status (printableStatus, ready, created, conditions,
 * observed and desired generation, RestartRequired when the template changed under a running VM).
 */
export class VmController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[] = [];
  /** Failures in a row per VM, for CrashLoopBackOff. */
  private readonly failures = new Map<string, number>();

  constructor(private readonly store: ObjectStore) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vm ${key}:`, error),
    );
    this.unsubscribe.push(store.subscribe(VMS, (event) => this.queue.add(keyOf(event.object))));
    // A VMI changing is news for the VM of the same name.
    this.unsubscribe.push(store.subscribe(VMIS, (event) => this.queue.add(keyOf(event.object))));
    // A claim or DataVolume changing may unblock (or block) the VMs of its namespace.
    for (const resource of [PVCS, DATAVOLUMES]) {
      this.unsubscribe.push(
        store.subscribe(resource, (event) => {
          for (const vm of store.list(VMS, event.object.metadata.namespace))
            this.queue.add(keyOf(vm));
        }),
      );
    }
    for (const vm of store.list(VMS)) this.queue.add(keyOf(vm));
  }

  /**
   * Creates the DataVolumes of `dataVolumeTemplates` that do not exist yet (owned by the VM) and
   * says whether every disk's claim is there and bound, as virt-controller checks before it
   * creates a VMI.
   */
  private async volumes(vm: KubeObject, wantsToRun: boolean): Promise<VolumeState> {
    const namespace = vm.metadata.namespace ?? '';
    const spec = (vm.spec ?? {}) as {
      dataVolumeTemplates?: KubeObject[];
      template?: {
        spec?: {
          volumes?: {
            persistentVolumeClaim?: { claimName?: string };
            dataVolume?: { name?: string };
          }[];
        };
      };
    };
    for (const template of spec.dataVolumeTemplates ?? []) {
      const dvName = template.metadata?.name;
      if (!dvName || this.store.get(DATAVOLUMES, namespace, dvName)) continue;
      await this.store.put(DATAVOLUMES, {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: {
          ...(template.metadata ?? {}),
          name: dvName,
          namespace,
          uid: randomUUID(),
          creationTimestamp: now(),
          generation: 1,
          ownerReferences: [
            {
              apiVersion: 'kubevirt.io/v1',
              kind: 'VirtualMachine',
              name: vm.metadata.name ?? '',
              uid: vm.metadata.uid ?? '',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: template.spec,
        status: { phase: 'Pending' },
      });
    }
    const states: VolumeState[] = [];
    /** Claims that bind where their first consumer goes: the VMI this VM would start. */
    const consumerBound: string[] = [];
    /** Whether the claim waits for its consumer (CDI says so for a DataVolume: `known`). */
    const waitsForConsumer = (claimName: string, known = false) => {
      const claim = this.store.get(PVCS, namespace, claimName);
      const waits =
        known ||
        (!!claim && claimPhase(claim) !== 'Bound' && isWaitForFirstConsumer(this.store, claim));
      if (waits) consumerBound.push(claimName);
      return waits;
    };
    for (const volume of spec.template?.spec?.volumes ?? []) {
      const dvName = volume.dataVolume?.name;
      const claimName = volume.persistentVolumeClaim?.claimName ?? dvName;
      const dv = dvName ? this.store.get(DATAVOLUMES, namespace, dvName) : undefined;
      const phase = (dv?.status as { phase?: string } | undefined)?.phase;
      if (dv) {
        if (phase === 'Failed') states.push('DataVolumeError');
        else if (waitsForConsumer(dvName ?? '', phase === 'WaitForFirstConsumer'))
          states.push('WaitingForVolumeBinding');
        else if (phase !== 'Succeeded') states.push('Provisioning');
      } else if (claimName) {
        // A claim is usable once bound; a new one starts Pending until storage binds it.
        const claim = this.store.get(PVCS, namespace, claimName);
        if (!claim) states.push('ErrorPvcNotFound');
        else if (claimPhase(claim) !== 'Bound') {
          waitsForConsumer(claimName);
          states.push('WaitingForVolumeBinding');
        }
      }
    }
    // As KubeVirt's temporary pod does: schedule where the VMI would go, so storage binds there.
    if (wantsToRun && consumerBound.length) {
      const placement = placeVmi(this.store, namespace, this.vmiSpecFor(vm));
      if (placement.node)
        await selectNodeForClaims(this.store, namespace, consumerBound, placement.node);
    }
    const order: VolumeState[] = [
      'DataVolumeError',
      'ErrorPvcNotFound',
      'Provisioning',
      'WaitingForVolumeBinding',
    ];
    return order.find((state) => states.includes(state)) ?? 'Ready';
  }

  stop() {
    for (const off of this.unsubscribe) off();
    this.queue.stop();
  }

  private async reconcile(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const vm = this.store.get(VMS, namespace, name);
    if (!vm || vm.metadata.deletionTimestamp) return;
    let vmi = this.store.get(VMIS, namespace, name);
    const strategy = runStrategyOf(vm);
    const status = (vm.status ?? {}) as Record<string, unknown> & {
      stateChangeRequests?: StateChangeRequest[];
    };
    let requests = [...(status.stateChangeRequests ?? [])];
    const vmiPhase = (vmi?.status as VmiStatus | undefined)?.phase;
    const finished = vmiPhase === 'Succeeded' || vmiPhase === 'Failed';
    if (vmiPhase === 'Failed' && vmi && !vmi.metadata.deletionTimestamp) {
      const seen = vmi.metadata.annotations?.['kubevirt.io/failure-counted'];
      if (!seen) {
        this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
        vmi = await this.store.put(VMIS, {
          ...vmi,
          metadata: {
            ...vmi.metadata,
            annotations: { ...vmi.metadata.annotations, 'kubevirt.io/failure-counted': 'true' },
          },
        });
      }
    }
    if (vmiPhase === 'Running') this.failures.delete(key);

    // Requests first (start, stop, restart = stop then start), then the strategy.
    const wantsToRun =
      requests[0]?.action === 'Start' ||
      strategy === 'Always' ||
      strategy === 'RerunOnFailure' ||
      (strategy === 'Once' && !vm.metadata.annotations?.['kubevirt.io/once-started']);
    const volumes = vmi ? 'Ready' : await this.volumes(vm, wantsToRun);
    // A restore rewrites the VM's disks: it stays off until the restore is done, as in KubeVirt.
    const canCreate = volumes === 'Ready' && !status.restoreInProgress;
    const next = requests[0];
    if (next?.action === 'Stop') {
      if (vmi && (!next.uid || next.uid === vmi.metadata.uid)) await this.deleteVmi(vmi);
      requests = requests.slice(1);
    } else if (next?.action === 'Start') {
      // After a stop, the start waits until the old VMI is really gone.
      if (!vmi && canCreate) {
        vmi = await this.createVmi(vm);
        requests = requests.slice(1);
      }
    } else if (strategy === 'Halted') {
      if (vmi && !vmi.metadata.deletionTimestamp && !finished) await this.deleteVmi(vmi);
    } else if (
      strategy === 'Always' ||
      (strategy === 'RerunOnFailure' && vmiPhase !== 'Succeeded')
    ) {
      if (vmi && finished) {
        await this.deleteVmi(vmi);
        // Back off before restarting a guest that keeps failing.
        const backoff = Math.min(
          60_000,
          1_000 * 2 ** Math.max(0, (this.failures.get(key) ?? 0) - 1),
        );
        // Without a backoff, the VMI's removal (an event) brings the VM back here: re-adding it
        // now would spin while a finalizer holds the VMI.
        if (vmiPhase === 'Failed' && backoff > 1_000) this.queue.addAfter(key, backoff);
        vmi = undefined;
      } else if (!vmi && canCreate) {
        vmi = await this.createVmi(vm);
      }
    } else if (
      strategy === 'Once' &&
      !vmi &&
      canCreate &&
      !vm.metadata.annotations?.['kubevirt.io/once-started']
    ) {
      vmi = await this.createVmi(vm);
      await this.patchVm(vm, {
        metadata: {
          ...vm.metadata,
          annotations: { ...vm.metadata.annotations, 'kubevirt.io/once-started': now() },
        },
      });
    }
    if (vmi) vmi = await this.applyLiveUpdates(vm, vmi);
    await this.writeStatus(key, vmi, requests, volumes);
  }

  /** The template spec as the VMI would get it: with the preference applied. */
  private desiredSpec(vm: KubeObject) {
    const spec = structuredClone(((vm.spec ?? {}) as VmSpec).template?.spec ?? {}) as Record<
      string,
      unknown
    > & { domain?: Record<string, unknown> };
    applyPreference(spec, this.preferenceOf(vm));
    return spec;
  }

  /**
   * LiveUpdate: new bridge interfaces and interface states (link down, absent) go to the
   * running VMI's spec; the VMI controller plugs, unplugs and sets the links.
   */
  private async applyLiveUpdates(vm: KubeObject, stale: KubeObject): Promise<KubeObject> {
    // The VMI controller writes the VMI too: work on the stored one.
    const vmi = this.store.get(VMIS, stale.metadata.namespace, stale.metadata.name ?? '');
    if (!vmi || vmi.metadata.uid !== stale.metadata.uid) return stale;
    const phase = (vmi.status as VmiStatus | undefined)?.phase;
    if (vmi.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed') return stale;
    const next = applyLiveInterfaces(this.desiredSpec(vm), (vmi.spec ?? {}) as object);
    if (!next) return stale;
    return this.store.put(VMIS, { ...vmi, spec: next as Record<string, unknown> });
  }

  private async deleteVmi(vmi: KubeObject) {
    const current = this.store.get(VMIS, vmi.metadata.namespace, vmi.metadata.name ?? '');
    if (!current || current.metadata.deletionTimestamp) return;
    if (current.metadata.finalizers?.length) {
      await this.store.put(VMIS, {
        ...current,
        metadata: { ...current.metadata, deletionTimestamp: now() },
      });
    } else {
      await this.store.remove(VMIS, current);
    }
  }

  private async patchVm(vm: KubeObject, changes: Partial<KubeObject>) {
    const current = this.store.get(VMS, vm.metadata.namespace, vm.metadata.name ?? '');
    if (current) await this.store.put(VMS, { ...current, ...changes });
  }

  /** The VMI from the VM's template, owned by the VM, with the instance type's size applied. */
  private async createVmi(original: KubeObject): Promise<KubeObject> {
    const vm = await this.captureRevisions(original);
    const spec = (vm.spec ?? {}) as VmSpec;
    const template = spec.template ?? {};
    const vmiSpec = structuredClone(template.spec ?? {}) as Record<string, unknown> & {
      domain?: Record<string, unknown>;
    };
    if (vm.metadata.annotations?.[START_PAUSED]) {
      vmiSpec.startStrategy = 'Paused';
      const { [START_PAUSED]: _once, ...annotations } = vm.metadata.annotations;
      await this.patchVm(vm, { metadata: { ...vm.metadata, annotations } });
    }
    applyPreference(vmiSpec, this.preferenceOf(vm));
    const sized = this.instancetypeSize(vm);
    if (sized) {
      const domain = { ...(vmiSpec.domain ?? {}) };
      domain.cpu = { ...((domain.cpu as object) ?? {}), sockets: sized.cpus, cores: 1, threads: 1 };
      domain.memory = { ...((domain.memory as object) ?? {}), guest: sized.memory };
      vmiSpec.domain = domain;
    }
    return this.store.put(VMIS, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: {
        name: vm.metadata.name,
        namespace: vm.metadata.namespace,
        uid: randomUUID(),
        creationTimestamp: now(),
        generation: 1,
        labels: { ...(template.metadata?.labels ?? {}), 'kubevirt.io/vm': vm.metadata.name ?? '' },
        annotations: {
          ...(template.metadata?.annotations ?? {}),
          ...typeNameAnnotations(spec),
          [TEMPLATE_HASH]: templateHash(vm),
          'kubevirt.io/vm-generation': String(vm.metadata.generation ?? 1),
        },
        ownerReferences: [
          {
            apiVersion: 'kubevirt.io/v1',
            kind: 'VirtualMachine',
            name: vm.metadata.name ?? '',
            uid: vm.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        finalizers: ['kubevirt.io/virtualMachineControllerFinalize'],
      },
      spec: vmiSpec,
      status: { phase: 'Pending' },
    });
  }

  /** The VMI spec this VM would start with, as far as scheduling cares (size, selector, volumes). */
  private vmiSpecFor(vm: KubeObject): Record<string, unknown> {
    const spec = structuredClone(((vm.spec ?? {}) as VmSpec).template?.spec ?? {}) as Record<
      string,
      unknown
    > & { domain?: Record<string, unknown> };
    const sized = this.instancetypeSize(vm);
    if (sized)
      spec.domain = {
        ...(spec.domain ?? {}),
        memory: { ...((spec.domain?.memory as object) ?? {}), guest: sized.memory },
      };
    return spec;
  }

  private preferenceOf(vm: KubeObject): Preference | undefined {
    return specOf(this.store, vm, 'preference') as Preference | undefined;
  }

  /**
   * First start: the instance type and preference are captured in ControllerRevisions owned by
   * the VM, and the VM records their names (spec.instancetype.revisionName), as KubeVirt does.
   */
  private async captureRevisions(vm: KubeObject): Promise<KubeObject> {
    let current = vm;
    for (const which of ['instancetype', 'preference'] as const) {
      const ref = ((current.spec ?? {}) as VmSpec)[which];
      if (!ref || ref.revisionName) continue;
      const object = liveObject(this.store, current, which);
      if (!object) continue;
      const name =
        `${current.metadata.name}-${object.metadata.name}-${(object.metadata.uid ?? '').slice(0, 8)}-${object.metadata.generation ?? 1}`.replace(
          /[^a-z0-9.-]/g,
          '-',
        );
      if (!this.store.get(REVISIONS, current.metadata.namespace, name)) {
        await this.store.put(REVISIONS, {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name,
            namespace: current.metadata.namespace,
            uid: randomUUID(),
            creationTimestamp: now(),
            labels: {
              'instancetype.kubevirt.io/object-kind': object.kind,
              'instancetype.kubevirt.io/object-name': object.metadata.name ?? '',
            },
            ownerReferences: [
              {
                apiVersion: 'kubevirt.io/v1',
                kind: 'VirtualMachine',
                name: current.metadata.name ?? '',
                uid: current.metadata.uid ?? '',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          data: {
            apiVersion: object.apiVersion,
            kind: object.kind,
            metadata: {
              name: object.metadata.name,
              uid: object.metadata.uid,
              generation: object.metadata.generation,
            },
            spec: object.spec,
          },
          revision: 1,
        });
      }
      const spec = structuredClone((current.spec ?? {}) as VmSpec);
      spec[which] = { ...ref, revisionName: name };
      current = await this.store.put(VMS, { ...current, spec });
    }
    return current;
  }

  private instancetypeSize(vm: KubeObject) {
    return instancetypeSize(this.store, vm);
  }

  private async writeStatus(
    key: string,
    vmi: KubeObject | undefined,
    requests: StateChangeRequest[],
    volumes: VolumeState,
  ) {
    const [namespace = '', name = ''] = key.split('/');
    const vm = this.store.get(VMS, namespace, name);
    if (!vm) return;
    const previous = (vm.status ?? {}) as Record<string, unknown> & {
      conditions?: Parameters<typeof setCondition>[0];
    };
    const vmiStatus = (vmi?.status ?? {}) as VmiStatus;
    const ready =
      vmiStatus.phase === 'Running' &&
      vmiStatus.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
    let conditions = setCondition(
      previous.conditions,
      ready
        ? { type: 'Ready', status: 'True' }
        : {
            type: 'Ready',
            status: 'False',
            reason: vmi ? 'GuestNotRunning' : 'VMINotExists',
            message: vmi ? 'The guest is not running' : 'VMI does not exist',
          },
    );
    const paused = vmiStatus.conditions?.find((c) => c.type === 'Paused' && c.status === 'True');
    conditions = paused
      ? setCondition(conditions, {
          type: 'Paused',
          status: 'True',
          reason: paused.reason ?? 'PausedByUser',
          message: paused.message,
        })
      : conditions.filter((c) => c.type !== 'Paused');
    const stale =
      vmi &&
      (vmi.metadata.annotations?.[TEMPLATE_HASH] !== templateHash(vm) ||
        networkRestartRequired(this.desiredSpec(vm), vmi.spec as object));
    conditions = stale
      ? setCondition(conditions, {
          type: 'RestartRequired',
          status: 'True',
          reason: 'TemplateChanged',
          message: 'a non-live-updatable field was changed in the template spec',
        })
      : conditions.filter((c) => c.type !== 'RestartRequired');
    const status: Record<string, unknown> = {
      ...previous,
      printableStatus: printableStatus(vm, vmi, this.failures.get(key) ?? 0, volumes),
      ready,
      created: !!vmi,
      conditions,
      observedGeneration: vm.metadata.generation ?? 1,
      desiredGeneration: vm.metadata.generation ?? 1,
      runStrategy: runStrategyOf(vm),
    };
    if (requests.length) status.stateChangeRequests = requests;
    else delete status.stateChangeRequests;
    if (!ready) delete status.ready;
    if (!vmi) delete status.created;
    if (isDeepStrictEqual(status, vm.status)) return;
    await this.store.put(VMS, { ...vm, status });
  }
}
