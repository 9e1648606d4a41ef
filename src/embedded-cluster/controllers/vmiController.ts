import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { resourceQuotaRefusal } from '../admission/resourceQuota';
import { QUOTAS } from '../quota/usage';
import { recordEvent } from '../events';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import {
  interfaceEntries,
  interfaceStatus,
  type InterfaceStatus,
  NADS,
  nextInterfaceName,
  nicStatus,
  planDisks,
  planInterface,
  planInterfaces,
  removeScratch,
  scratchDirFor,
  usesGuestAgentCredentials,
  volumeClaim,
  type VolumeEntry,
} from './guestDevices';
import {
  claimPhase,
  isWaitForFirstConsumer,
  placeVmi,
  PVCS,
  quantityMiB,
  selectNodeForClaims,
} from './scheduler';
import { GUEST_CONSOLE_LOG_RESOURCES, launcherResources } from './launcherResources';
import type { VmRuntime } from './vmRuntime';
import { WorkQueue } from './workQueue';
import { keyOf, now, splitKey } from '../objectRefs';

const DATAVOLUMES = 'cdi.kubevirt.io/datavolumes';

export const VMIS = 'kubevirt.io/virtualmachineinstances';
export const PODS = 'core/pods';
export const NODES = 'core/nodes';
export const VMI_FINALIZER = 'kubevirt.io/virtualMachineControllerFinalize';
/** Set by `stop --grace-period N` (0 with `--force`): overrides the VMI's grace for this stop. */
export const STOP_GRACE = 'kubevirt.io/stop-grace-period-seconds';

/** The virt-launcher container whose log is the guest's serial console. */
export const GUEST_CONSOLE_LOG_CONTAINER = 'guest-console-log';

/** Whether the VMI asks for its serial console in the pod log (off unless turned on). */
const logsSerialConsole = (vmi: KubeObject): boolean =>
  (vmi.spec as { domain?: { devices?: { logSerialConsole?: boolean } } } | undefined)?.domain
    ?.devices?.logSerialConsole === true;

type Status = Record<string, unknown> & { phase?: string; conditions?: Condition[] };
interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
}

/** Sets one condition, keeping its transition time when its status does not change. */
export const setCondition = (conditions: Condition[] | undefined, next: Condition): Condition[] => {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === next.type);
  const previous = index >= 0 ? list[index] : undefined;
  const merged: Condition = {
    lastProbeTime: null,
    ...next,
    lastTransitionTime:
      previous && previous.status === next.status ? previous.lastTransitionTime : now(),
  };
  if (index >= 0) list[index] = merged;
  else list.push(merged);
  return list;
};

/**
 * KubeVirt's LiveMigratable condition from the disks: every claim must be shared
 * (ReadWriteMany), else `DisksNotLiveMigratable` names the first that is not.
 */
const liveMigratable = (volumeStatus: Record<string, unknown>[]): Condition => {
  const unshared = volumeStatus
    .map(
      (v) =>
        v.persistentVolumeClaimInfo as { claimName?: string; accessModes?: string[] } | undefined,
    )
    .find((info) => info && !info.accessModes?.includes('ReadWriteMany'));
  return unshared
    ? {
        type: 'LiveMigratable',
        status: 'False',
        reason: 'DisksNotLiveMigratable',
        message: `cannot migrate VMI: PVC ${unshared.claimName ?? ''} is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)`,
      }
    : { type: 'LiveMigratable', status: 'True' };
};

/**
 * virt-controller and virt-handler for VMIs in one: schedules each VMI on a node, creates its
 * virt-launcher Pod, runs the guest through the runtime, and reports phases (Pending →
 * Scheduling → Scheduled → Running → Succeeded/Failed), conditions and interfaces.
 */
export class VmiController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  private readonly unsubscribeVolumes: (() => void)[] = [];
  /** Where VMIs' own small disks go (cloud-init, Secret/ConfigMap, empty and scratch disks). */
  private readonly scratchRoot: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: VmRuntime,
    options: { scratchDir?: string } = {},
  ) {
    this.scratchRoot = options.scratchDir ?? path.join(tmpdir(), 'vp-vmi-disks');
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vmi ${key}:`, error),
    );
    this.unsubscribe = store.subscribe(VMIS, (event) => this.queue.add(keyOf(event.object)));
    // Claims binding, DataVolumes finishing, networks appearing and quotas making room let
    // waiting VMIs go on (a network appearing also lets a running VMI plug the interface that
    // waited for it).
    for (const resource of [PVCS, DATAVOLUMES, NADS, QUOTAS]) {
      this.unsubscribeVolumes.push(
        store.subscribe(resource, (event) => {
          for (const vmi of store.list(VMIS, event.object.metadata.namespace)) {
            const phase = (vmi.status as Status | undefined)?.phase ?? 'Pending';
            if (
              phase === 'Pending' ||
              phase === 'Scheduling' ||
              phase === 'Scheduled' ||
              (phase === 'Running' && resource === NADS)
            )
              this.queue.add(keyOf(vmi));
          }
        }),
      );
    }
    runtime.onExit((key, info) => void this.exited(key, info.crashed, info.reason));
    for (const vmi of store.list(VMIS)) this.queue.add(keyOf(vmi));
  }

  stop() {
    this.unsubscribe();
    for (const off of this.unsubscribeVolumes) off();
    this.queue.stop();
  }

  private async writeStatus(vmi: KubeObject, status: Status, metadata = vmi.metadata) {
    if (isDeepStrictEqual(status, vmi.status) && metadata === vmi.metadata) return vmi;
    return this.store.put(VMIS, { ...vmi, metadata, status });
  }

  private async reconcile(key: string) {
    const { namespace, name } = splitKey(key);
    const vmi = this.store.get(VMIS, namespace, name);
    if (!vmi) {
      if (this.runtime.running(key)) await this.runtime.stop(key, 0);
      return;
    }
    const status: Status = { ...((vmi.status as Status | undefined) ?? {}) };
    if (vmi.metadata.deletionTimestamp) return this.finalize(vmi);
    if (!vmi.metadata.finalizers?.includes(VMI_FINALIZER)) {
      await this.store.put(VMIS, {
        ...vmi,
        metadata: {
          ...vmi.metadata,
          finalizers: [...(vmi.metadata.finalizers ?? []), VMI_FINALIZER],
        },
      });
      return;
    }
    switch (status.phase ?? 'Pending') {
      case 'Pending':
        await this.writeStatus(vmi, {
          ...status,
          phase: 'Scheduling',
          phaseTransitionTimestamps: [
            ...((status.phaseTransitionTimestamps as object[]) ?? []),
            { phase: 'Scheduling', phaseTransitionTimestamp: now() },
          ],
        });
        return;
      case 'Scheduling':
        return this.schedule(vmi, status);
      case 'Scheduled':
        return this.run(vmi, status);
      case 'Running':
        if (!this.runtime.running(key)) await this.exited(key, true, 'the guest is not running');
        else await this.syncInterfaces(vmi, status);
        return;
      default:
        return;
    }
  }

  /** Writes a waiting condition (once) and leaves the VMI where it is. */
  private async wait(vmi: KubeObject, status: Status, condition: Condition) {
    await this.writeStatus(vmi, {
      ...status,
      conditions: setCondition(status.conditions, condition),
    });
  }

  /**
   * What keeps the VMI's volumes from being used: a missing claim, a DataVolume still
   * importing, or claims not bound yet (WaitForFirstConsumer ones are bound by scheduling the
   * VMI: they are listed in `consumerBound`).
   */
  private volumeBlockers(vmi: KubeObject): {
    condition?: Condition;
    consumerBound: string[];
    unbound: string[];
  } {
    const namespace = vmi.metadata.namespace ?? '';
    const volumes = ((vmi.spec as { volumes?: VolumeEntry[] } | undefined)?.volumes ?? []).filter(
      (v) => !v.persistentVolumeClaim?.hotpluggable && !v.dataVolume?.hotpluggable,
    );
    const consumerBound: string[] = [];
    const unbound: string[] = [];
    let notReadyDv: string | undefined;
    for (const volume of volumes) {
      const claimName = volumeClaim(volume);
      if (!claimName) continue;
      const claim = this.store.get(PVCS, namespace, claimName);
      const dv = volume.dataVolume ? this.store.get(DATAVOLUMES, namespace, claimName) : undefined;
      const dvPhase = (dv?.status as { phase?: string } | undefined)?.phase;
      if (!claim) {
        if (dv) notReadyDv ??= claimName;
        else
          return {
            condition: {
              type: 'Synchronized',
              status: 'False',
              reason: 'FailedPvcNotFound',
              message: `PVC ${namespace}/${claimName} does not exist, waiting for it to appear`,
            },
            consumerBound,
            unbound,
          };
        continue;
      }
      const bound = claimPhase(claim) === 'Bound';
      if (!bound && isWaitForFirstConsumer(this.store, claim)) consumerBound.push(claimName);
      else if (!bound) unbound.push(claimName);
      else if (dv && dvPhase !== 'Succeeded') notReadyDv ??= claimName;
    }
    if (notReadyDv)
      return {
        condition: {
          type: 'DataVolumesReady',
          status: 'False',
          reason: 'NotAllDVsReady',
          message: `Not all of the VMI's DVs are ready (DataVolume ${namespace}/${notReadyDv})`,
        },
        consumerBound,
        unbound,
      };
    return { consumerBound, unbound };
  }

  /**
   * Picks a node as kube-scheduler would (selector, memory, the node affinity of bound
   * volumes), after the volumes can be used and the Multus networks exist. WaitForFirstConsumer
   * claims are bound on the chosen node first.
   */
  private async schedule(vmi: KubeObject, status: Status) {
    const namespace = vmi.metadata.namespace ?? '';
    const blockers = this.volumeBlockers(vmi);
    if (blockers.condition) return this.wait(vmi, status, blockers.condition);
    const network = planInterfaces(this.store, vmi);
    if ('error' in network)
      return this.wait(vmi, status, {
        type: 'Synchronized',
        status: 'False',
        reason: 'FailedCreate',
        message: `failed to render launch manifest: ${network.error}`,
      });
    const placement = placeVmi(this.store, namespace, vmi.spec, vmi);
    if (!placement.node) {
      await this.writeStatus(vmi, {
        ...status,
        conditions: setCondition(status.conditions, {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: placement.message,
        }),
      });
      // Room may free up when other VMIs go.
      this.queue.addAfter(keyOf(vmi), 5_000);
      return;
    }
    const waitingFor = [...blockers.consumerBound, ...blockers.unbound];
    if (waitingFor.length) {
      await selectNodeForClaims(this.store, namespace, blockers.consumerBound, placement.node);
      return this.wait(vmi, status, {
        type: 'PodScheduled',
        status: 'False',
        reason: 'WaitingForVolumeBinding',
        message: `waiting for PersistentVolumeClaim ${waitingFor.map((c) => `${namespace}/${c}`).join(', ')} to be bound`,
      });
    }
    const node = { metadata: { name: placement.node } };
    const nodeName = node.metadata.name ?? '';
    // Named after the VMI's uid, so a pod refused by quota is retried under the same name.
    const podName = `virt-launcher-${vmi.metadata.name}-${(vmi.metadata.uid ?? randomUUID()).slice(0, 5)}`;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: vmi.metadata.namespace,
        uid: randomUUID(),
        creationTimestamp: now(),
        labels: {
          'kubevirt.io': 'virt-launcher',
          'kubevirt.io/created-by': vmi.metadata.uid ?? '',
          'vm.kubevirt.io/name': vmi.metadata.name ?? '',
        },
        ownerReferences: [
          {
            apiVersion: 'kubevirt.io/v1',
            kind: 'VirtualMachineInstance',
            name: vmi.metadata.name ?? '',
            uid: vmi.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        nodeName,
        containers: [
          { name: 'compute', image: 'virt-launcher', resources: launcherResources(vmi) },
          // virt-launcher's serial console logger, as KubeVirt adds it for logSerialConsole.
          ...(logsSerialConsole(vmi)
            ? [
                {
                  name: GUEST_CONSOLE_LOG_CONTAINER,
                  image: 'virt-launcher',
                  resources: GUEST_CONSOLE_LOG_RESOURCES,
                },
              ]
            : []),
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.2.15',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
    // A quota with no room refuses the pod: the VMI waits (as on virt-controller's sync error)
    // until a quota changes.
    const refusal = resourceQuotaRefusal(this.store, PODS, pod);
    if (refusal) {
      await recordEvent(this.store, {
        involvedObject: vmi,
        type: 'Warning',
        reason: 'FailedCreate',
        message: `Error creating pod: ${refusal.message}`,
        component: 'virt-controller',
      });
      await this.wait(vmi, status, {
        type: 'Synchronized',
        status: 'False',
        reason: 'FailedCreate',
        message: `failed to create virtual machine pod: ${refusal.message}`,
      });
      return;
    }
    await this.store.put(PODS, pod);
    const hasDataVolumes = (
      (vmi.spec as { volumes?: VolumeEntry[] } | undefined)?.volumes ?? []
    ).some((v) => v.dataVolume);
    let conditions = setCondition(
      (status.conditions ?? []).filter((c) => c.type !== 'Synchronized'),
      { type: 'PodScheduled', status: 'True' },
    );
    conditions = hasDataVolumes
      ? setCondition(conditions, {
          type: 'DataVolumesReady',
          status: 'True',
          reason: 'AllDVsReady',
        })
      : conditions.filter((c) => c.type !== 'DataVolumesReady');
    await this.writeStatus(vmi, {
      ...status,
      phase: 'Scheduled',
      nodeName,
      conditions,
      activePods: { [podName]: nodeName },
    });
  }

  private async run(vmi: KubeObject, status: Status) {
    const spec = (vmi.spec ?? {}) as {
      domain?: {
        cpu?: { cores?: number; sockets?: number; threads?: number };
        memory?: { guest?: unknown };
        resources?: { requests?: { memory?: unknown } };
      };
      startStrategy?: string;
    };
    const cpu = spec.domain?.cpu;
    const requested = quantityMiB(
      spec.domain?.memory?.guest ?? spec.domain?.resources?.requests?.memory,
      128,
    );
    const paused = spec.startStrategy === 'Paused';
    const labels = vmi.metadata.labels ?? {};
    const network = planInterfaces(this.store, vmi);
    if ('error' in network) {
      // The network went away after scheduling: wait for it as scheduling does.
      return this.wait(vmi, status, {
        type: 'Synchronized',
        status: 'False',
        reason: 'FailedCreate',
        message: `failed to render launch manifest: ${network.error}`,
      });
    }
    const disks = await planDisks(this.store, vmi, scratchDirFor(this.scratchRoot, vmi));
    // A real guest needs its disks' files; the simulated one runs without them.
    const missing = disks.missingClaims[0];
    if (missing && this.runtime.kind === 'qemu') {
      return this.wait(vmi, status, {
        type: 'Synchronized',
        status: 'False',
        reason: 'FailedPvcNotFound',
        message: `PVC ${vmi.metadata.namespace}/${missing} has no volume file yet, waiting for it to be bound`,
      });
    }
    for (const note of disks.notes)
      await recordEvent(this.store, {
        involvedObject: vmi,
        type: 'Warning',
        reason: 'VolumeNotSupported',
        message: note,
        component: 'virt-handler',
      });
    // The boot disk's label says which OS the guest is; else the VM's labels do.
    const os =
      disks.os ??
      labels['kubevirt.io/os'] ??
      labels['vm.kubevirt.io/os'] ??
      vmi.metadata.annotations?.['vm.kubevirt.io/os'] ??
      'linux';
    try {
      const started = await this.runtime.start({
        key: keyOf(vmi),
        name: vmi.metadata.name ?? '',
        namespace: vmi.metadata.namespace ?? '',
        os,
        memoryMiB: requested,
        cpus: (cpu?.cores ?? 1) * (cpu?.sockets ?? 1) * (cpu?.threads ?? 1),
        paused,
        disks: disks.disks,
        interfaces: network.interfaces,
      });
      if (started.memoryMiB < requested || started.note) {
        await recordEvent(this.store, {
          involvedObject: vmi,
          type: 'Normal',
          reason: started.memoryMiB < requested ? 'MemoryCapped' : 'Simulated',
          message:
            started.memoryMiB < requested
              ? `Guest memory capped at ${started.memoryMiB}Mi on this host (the VM asks for ${requested}Mi).`
              : (started.note ?? ''),
          component: 'virt-handler',
        });
      }
    } catch (error) {
      await this.writeStatus(vmi, {
        ...status,
        phase: 'Failed',
        reason: 'LauncherFailed',
        conditions: setCondition(status.conditions, {
          type: 'Ready',
          status: 'False',
          reason: 'LauncherFailed',
          message: (error as Error).message,
        }),
      });
      return;
    }
    const current = this.store.get(VMIS, vmi.metadata.namespace, vmi.metadata.name ?? '');
    if (!current) return;
    let conditions = setCondition((current.status as Status | undefined)?.conditions, {
      type: 'Ready',
      status: 'True',
    });
    conditions = setCondition(conditions, liveMigratable(disks.volumeStatus));
    if (paused)
      conditions = setCondition(conditions, {
        type: 'Paused',
        status: 'True',
        reason: 'PausedByUser',
        message: 'VMI was started paused',
      });
    // Credentials through the guest agent: this guest has none, so they never synchronize (the
    // condition virt-handler sets while the agent does not answer).
    const agentCredentials = usesGuestAgentCredentials(current);
    if (agentCredentials)
      conditions = setCondition(conditions, {
        type: 'AccessCredentialsSynchronized',
        status: 'False',
        message: 'Guest agent is offline',
      });
    const currentStatus = (current.status as Status | undefined) ?? {};
    // Hot-plugged volumes keep the entries the hot-plug wrote.
    const hotplugStatus = (
      (currentStatus.volumeStatus as { hotplugVolume?: object }[]) ?? []
    ).filter((v) => v.hotplugVolume);
    await this.writeStatus(current, {
      ...currentStatus,
      phase: 'Running',
      conditions,
      interfaces: interfaceStatus(network.interfaces),
      volumeStatus: [...disks.volumeStatus, ...hotplugStatus],
      guestOSInfo: {
        id: os.replace(/[0-9.]*$/, '').toLowerCase() || 'linux',
        name: 'Embedded Linux (busybox)',
        kernelRelease: '6.1.0',
      },
      migrationMethod: 'LiveMigration',
      qosClass: 'Burstable',
    });
    await recordEvent(this.store, {
      involvedObject: current,
      type: 'Normal',
      reason: 'Started',
      message: 'VirtualMachineInstance started.',
      component: 'virt-handler',
    });
    if (agentCredentials)
      await recordEvent(this.store, {
        involvedObject: current,
        type: 'Warning',
        reason: 'AccessCredentialsSyncFailed',
        message: 'Access credentials sync failed: Guest agent is offline',
        component: 'virt-handler',
      });
  }

  /**
   * virt-handler's side of interface hot-plug: NICs of the spec the guest does not have are
   * plugged, NICs the spec has no more (or marks `absent`) are unplugged and then dropped from
   * the spec, and each link follows `state: down`. `status.interfaces` lists what the guest has.
   */
  private async syncInterfaces(vmi: KubeObject, status: Status) {
    const key = keyOf(vmi);
    // A guest on its way to another node is left alone until it is there.
    const migration = status.migrationState as { completed?: boolean } | undefined;
    if (migration && !migration.completed) return;
    const { entries, networks } = interfaceEntries(vmi);
    const before = (status.interfaces as InterfaceStatus[] | undefined) ?? [];
    let statuses = [...before];
    const wanted = entries.filter((e) => e.state !== 'absent');
    const problems: string[] = [];
    let retry = false;
    const failed = (what: string, error: unknown) => {
      problems.push(`${what}: ${(error as Error).message ?? String(error)}`);
      retry = true;
    };
    for (const attached of before) {
      if (wanted.some((e) => e.name === attached.name)) continue;
      try {
        await this.runtime.unplugInterface?.(key, attached.name);
        statuses = statuses.filter((s) => s.name !== attached.name);
      } catch (error) {
        failed(`failed to unplug interface ${attached.name}`, error);
      }
    }
    for (const entry of wanted) {
      if (statuses.some((s) => s.name === entry.name)) continue;
      const nic = planInterface(this.store, vmi, entry, networks);
      if ('error' in nic) {
        problems.push(`failed to hot plug interface ${entry.name}: ${nic.error}`);
        continue;
      }
      try {
        await this.runtime.hotplugInterface?.(key, nic);
        statuses.push(nicStatus(nic, nextInterfaceName(statuses)));
      } catch (error) {
        failed(`failed to hot plug interface ${entry.name}`, error);
      }
    }
    for (const [index, attached] of statuses.entries()) {
      const down = entries.find((e) => e.name === attached.name)?.state === 'down';
      if ((attached.linkState === 'down') === down) continue;
      try {
        await this.runtime.setLinkState?.(key, attached.name, !down);
        statuses[index] = { ...attached, linkState: down ? 'down' : 'up' };
      } catch (error) {
        failed(`failed to set the link of interface ${attached.name}`, error);
      }
    }
    for (const problem of problems)
      await recordEvent(this.store, {
        involvedObject: vmi,
        type: 'Warning',
        reason: 'SyncFailed',
        message: problem,
        component: 'virt-handler',
      });
    // A QMP command that failed is tried again (a missing NAD waits for the NAD instead).
    if (retry) this.queue.addAfter(key, 5_000);
    // Plugging took a while: write onto the VMI as it is now.
    const current = this.store.get(VMIS, vmi.metadata.namespace, vmi.metadata.name ?? '');
    if (!current || current.metadata.uid !== vmi.metadata.uid) return;
    const currentStatus = (current.status as Status | undefined) ?? {};
    if (currentStatus.phase !== 'Running') return;
    // Unplugged interfaces leave the spec, with their networks (KubeVirt's ClearDetachedInterfaces).
    const spec = structuredClone((current.spec ?? {}) as Record<string, unknown>) as {
      domain?: { devices?: { interfaces?: { name: string; state?: string }[] } };
      networks?: { name: string }[];
    };
    const gone = (spec.domain?.devices?.interfaces ?? [])
      .filter((i) => i.state === 'absent' && !statuses.some((s) => s.name === i.name))
      .map((i) => i.name);
    if (gone.length && spec.domain?.devices?.interfaces) {
      spec.domain.devices.interfaces = spec.domain.devices.interfaces.filter(
        (i) => !gone.includes(i.name),
      );
      spec.networks = (spec.networks ?? []).filter((n) => !gone.includes(n.name));
    }
    const nextStatus = { ...currentStatus, interfaces: statuses };
    if (!gone.length && isDeepStrictEqual(nextStatus, currentStatus)) return;
    await this.store.put(VMIS, {
      ...current,
      spec: gone.length ? (spec as Record<string, unknown>) : current.spec,
      status: nextStatus,
    });
  }

  /** The guest is gone: a clean power-off succeeds the VMI, anything else fails it. */
  private async exited(key: string, crashed: boolean, reason: string) {
    const { namespace, name } = splitKey(key);
    const vmi = this.store.get(VMIS, namespace, name);
    if (!vmi) return;
    const status = (vmi.status as Status | undefined) ?? {};
    if (status.phase === 'Succeeded' || status.phase === 'Failed') return;
    await this.writeStatus(vmi, {
      ...status,
      phase: crashed ? 'Failed' : 'Succeeded',
      reason: crashed ? 'Crashed' : undefined,
      conditions: setCondition(
        setCondition(status.conditions, {
          type: 'Ready',
          status: 'False',
          reason: crashed ? 'GuestCrashed' : 'GuestShutdown',
          message: reason,
        }),
        { type: 'Paused', status: 'False' },
      ).filter((c) => c.type !== 'Paused'),
    });
    if (crashed)
      await recordEvent(this.store, {
        involvedObject: vmi,
        type: 'Warning',
        reason: 'Crashed',
        message: `The guest stopped unexpectedly: ${reason}`,
        component: 'virt-handler',
      });
    else
      await recordEvent(this.store, {
        involvedObject: vmi,
        type: 'Normal',
        reason: 'Stopped',
        message: 'The VirtualMachineInstance was shut down.',
        component: 'virt-handler',
      });
  }

  /** Deleting a VMI shuts its guest down (grace period), then lets it go. */
  private async finalize(vmi: KubeObject) {
    const key = keyOf(vmi);
    const grace = Number(
      vmi.metadata.annotations?.[STOP_GRACE] ??
        (vmi.spec as { terminationGracePeriodSeconds?: number } | undefined)
          ?.terminationGracePeriodSeconds ??
        30,
    );
    if (this.runtime.running(key)) await this.runtime.stop(key, Math.min(grace, 30));
    await removeScratch(this.scratchRoot, vmi);
    const current = this.store.get(VMIS, vmi.metadata.namespace, vmi.metadata.name ?? '');
    if (!current) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== VMI_FINALIZER);
    if (finalizers.length)
      await this.store.put(VMIS, { ...current, metadata: { ...current.metadata, finalizers } });
    else await this.store.remove(VMIS, current);
  }

  async pause(key: string, paused: boolean) {
    const { namespace, name } = splitKey(key);
    const vmi = this.store.get(VMIS, namespace, name);
    const status = (vmi?.status as Status | undefined) ?? {};
    if (!vmi || status.phase !== 'Running') throw new Error(`VMI ${name} is not running`);
    if (paused) await this.runtime.pause(key);
    else await this.runtime.resume(key);
    const conditions = paused
      ? setCondition(status.conditions, {
          type: 'Paused',
          status: 'True',
          reason: 'PausedByUser',
          message: 'VMI was paused by user',
        })
      : (status.conditions ?? []).filter((c) => c.type !== 'Paused');
    await this.writeStatus(vmi, { ...status, conditions });
  }
}
