import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { recordEvent } from '../events';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import type { VmRuntime } from './vmRuntime';
import { WorkQueue } from './workQueue';

export const VMIS = 'kubevirt.io/virtualmachineinstances';
export const PODS = 'core/pods';
export const NODES = 'core/nodes';
export const VMI_FINALIZER = 'kubevirt.io/virtualMachineControllerFinalize';
/** Set by `stop --grace-period N` (0 with `--force`): overrides the VMI's grace for this stop. */
export const STOP_GRACE = 'kubevirt.io/stop-grace-period-seconds';

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
const splitKey = (key: string) => {
  const [namespace = '', name = ''] = key.split('/');
  return { namespace, name };
};

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

const quantityMiB = (value: unknown, fallback: number): number => {
  if (typeof value === 'number') return Math.round(value / (1024 * 1024));
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(String(value ?? ''));
  if (!match) return fallback;
  const n = Number(match[1]);
  const unit =
    {
      Ki: 1 / 1024,
      Mi: 1,
      Gi: 1024,
      Ti: 1024 * 1024,
      K: 1000 / 1048576,
      M: 1e6 / 1048576,
      G: 1e9 / 1048576,
      T: 1e12 / 1048576,
    }[match[2] ?? ''] ?? 1 / 1048576;
  return Math.max(1, Math.round(n * unit));
};

/** The memory a VMI asks for: guest memory, else its memory request (MiB). */
const memoryRequestMiB = (vmi: KubeObject): number => {
  const domain = (
    vmi.spec as
      | {
          domain?: {
            memory?: { guest?: unknown };
            resources?: { requests?: { memory?: unknown } };
          };
        }
      | undefined
  )?.domain;
  return quantityMiB(domain?.memory?.guest ?? domain?.resources?.requests?.memory, 128);
};

/**
 * virt-controller and virt-handler for VMIs in one: schedules each VMI on a node, creates its
 * virt-launcher Pod, runs the guest through the runtime, and reports phases (Pending →
 * Scheduling → Scheduled → Running → Succeeded/Failed), conditions and interfaces.
 */
export class VmiController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: VmRuntime,
  ) {
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`vmi ${key}:`, error),
    );
    this.unsubscribe = store.subscribe(VMIS, (event) => this.queue.add(keyOf(event.object)));
    runtime.onExit((key, info) => void this.exited(key, info.crashed, info.reason));
    for (const vmi of store.list(VMIS)) this.queue.add(keyOf(vmi));
  }

  stop() {
    this.unsubscribe();
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
        return;
      default:
        return;
    }
  }

  /** Picks the node with the fewest VMIs among those that are Ready. */
  private async schedule(vmi: KubeObject, status: Status) {
    const nodes = this.store
      .list(NODES)
      .filter((node) =>
        (node.status as Status | undefined)?.conditions?.some(
          (c) => c.type === 'Ready' && c.status === 'True',
        ),
      );
    const onNode = (node: string) =>
      this.store
        .list(VMIS)
        .filter(
          (other) => other !== vmi && (other.status as Status | undefined)?.nodeName === node,
        );
    const selector =
      (vmi.spec as { nodeSelector?: Record<string, string> } | undefined)?.nodeSelector ?? {};
    const matching = nodes.filter((node) =>
      Object.entries(selector).every(([k, v]) => node.metadata.labels?.[k] === v),
    );
    // Memory is what limits guests: a node fits when what its VMIs ask leaves room for this one.
    const wanted = memoryRequestMiB(vmi);
    const allocatable = (node: KubeObject) =>
      quantityMiB(
        (node.status as { allocatable?: { memory?: unknown } } | undefined)?.allocatable?.memory,
        Number.MAX_SAFE_INTEGER,
      );
    const fitting = matching.filter(
      (node) =>
        onNode(node.metadata.name ?? '').reduce((sum, other) => sum + memoryRequestMiB(other), 0) +
          wanted <=
        allocatable(node),
    );
    const node = fitting.sort(
      (a, b) => onNode(a.metadata.name ?? '').length - onNode(b.metadata.name ?? '').length,
    )[0];
    if (!node) {
      const reasons = [
        ...(matching.length < nodes.length
          ? [`${nodes.length - matching.length} node(s) didn't match Pod's node affinity/selector`]
          : []),
        ...(fitting.length < matching.length
          ? [`${matching.length - fitting.length} Insufficient memory`]
          : []),
      ];
      await this.writeStatus(vmi, {
        ...status,
        conditions: setCondition(status.conditions, {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: `0/${nodes.length} nodes are available: ${reasons.join(', ')}.`,
        }),
      });
      // Room may free up when other VMIs go.
      this.queue.addAfter(keyOf(vmi), 5_000);
      return;
    }
    const nodeName = node.metadata.name ?? '';
    const podName = `virt-launcher-${vmi.metadata.name}-${randomUUID().slice(0, 5)}`;
    await this.store.put(PODS, {
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
      spec: { nodeName, containers: [{ name: 'compute', image: 'virt-launcher' }] },
      status: {
        phase: 'Running',
        podIP: '10.0.2.15',
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
    await this.writeStatus(vmi, {
      ...status,
      phase: 'Scheduled',
      nodeName,
      conditions: setCondition(status.conditions, { type: 'PodScheduled', status: 'True' }),
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
    try {
      const started = await this.runtime.start({
        key: keyOf(vmi),
        name: vmi.metadata.name ?? '',
        namespace: vmi.metadata.namespace ?? '',
        os:
          labels['kubevirt.io/os'] ??
          labels['vm.kubevirt.io/os'] ??
          vmi.metadata.annotations?.['vm.kubevirt.io/os'] ??
          'linux',
        memoryMiB: requested,
        cpus: (cpu?.cores ?? 1) * (cpu?.sockets ?? 1) * (cpu?.threads ?? 1),
        paused,
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
    conditions = setCondition(conditions, { type: 'LiveMigratable', status: 'True' });
    if (paused)
      conditions = setCondition(conditions, {
        type: 'Paused',
        status: 'True',
        reason: 'PausedByUser',
        message: 'VMI was started paused',
      });
    await this.writeStatus(current, {
      ...((current.status as Status | undefined) ?? {}),
      phase: 'Running',
      conditions,
      interfaces: [
        {
          name: 'default',
          ipAddress: '10.0.2.15',
          ipAddresses: ['10.0.2.15'],
          mac: '52:54:00:12:34:56',
          infoSource: 'domain, guest-agent',
        },
      ],
      guestOSInfo: {
        id: labels['kubevirt.io/os'] ?? 'linux',
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
