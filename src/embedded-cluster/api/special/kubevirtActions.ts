import {
  instancetypeSize,
  runStrategyOf,
  START_PAUSED,
  VMS,
  type StateChangeRequest,
} from '../../controllers/vmController';
import { randomUUID } from 'node:crypto';
import { MIGRATIONS } from '../../controllers/migrationController';
import { STOP_GRACE, VMIS, type VmiController } from '../../controllers/vmiController';
import type { VmRuntime } from '../../controllers/vmRuntime';
import type { Hotplug } from './hotplug';
import type { ObjectStore } from '../../store/objectStore';
import type { KubeObject } from '../../types';
import type { HandlerResult, RequestContext, SpecialResource } from '../apiServer';
import { ApiError, badRequest } from '../errors';
import { now } from '../../objectRefs';

const conflict = (message: string) => new ApiError(409, 'Conflict', message);
const notFound = (kind: string, name: string) =>
  new ApiError(404, 'NotFound', `${kind}.kubevirt.io "${name}" not found`, {
    name,
    group: 'kubevirt.io',
    kind,
  });

type VmiPhase = { phase?: string; conditions?: { type: string; status: string }[] } | undefined;

/**
 * The actions of `subresources.kubevirt.io/v1`, as virt-api answers them: start, stop and restart
 * on VMs (through the run strategy or stateChangeRequests), pause, unpause and soft reboot on
 * VMIs, and the guest information reads. The consoles are WebSocket routes handled elsewhere.
 */
export class KubevirtActions implements SpecialResource {
  constructor(
    private readonly store: ObjectStore,
    private readonly vmis: VmiController,
    private readonly runtime: VmRuntime,
    private readonly hotplug: Hotplug,
  ) {}

  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    const { info } = context;
    const name = info.name;
    if (!name || !info.subresource)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const namespace = info.namespace ?? '';
    if (info.resource === 'virtualmachines')
      return this.vmAction(namespace, name, info.subresource, info.verb, context);
    if (info.resource === 'virtualmachineinstances')
      return this.vmiAction(namespace, name, info.subresource, info.verb, context);
    return undefined;
  }

  private async vmAction(
    namespace: string,
    name: string,
    action: string,
    verb: string,
    context: RequestContext,
  ): Promise<HandlerResult> {
    const vm = this.store.get(VMS, namespace, name);
    if (!vm) throw notFound('virtualmachines', name);
    if (action === 'expand-spec' && verb === 'get')
      return { status: 200, body: this.expandSpec(vm) };
    if (verb !== 'update') throw new ApiError(405, 'MethodNotAllowed', `${action} needs PUT`);
    const body = ((await context.body()) ?? {}) as {
      startPaused?: boolean;
      gracePeriod?: number;
      dryRun?: string[];
    };
    const vmi = this.store.get(VMIS, namespace, name);
    const phase = (vmi?.status as VmiPhase)?.phase;
    const running = !!vmi && phase !== 'Succeeded' && phase !== 'Failed';
    const strategy = runStrategyOf(vm);
    const usesRunning = (vm.spec as { running?: boolean } | undefined)?.running !== undefined;
    switch (action) {
      case 'start': {
        if (running) throw conflict('VM is already running');
        if (strategy === 'Always' && !usesRunning)
          throw conflict('Always does not support manual start requests');
        if (body.startPaused) await this.markStartPaused(vm);
        if (strategy === 'Halted') await this.setStrategy(vm, 'Always');
        else await this.request(vm, [{ action: 'Start' }]);
        break;
      }
      case 'stop': {
        if (!running && strategy !== 'Always' && strategy !== 'RerunOnFailure')
          throw conflict('VM is not running');
        if (strategy === 'Halted' && !running) throw conflict('VM is not running');
        // `--grace-period` / `--force` shorten the guest's shutdown for this stop only.
        if (vmi && body.gracePeriod !== undefined) await this.setStopGrace(vmi, body.gracePeriod);
        if (strategy === 'Manual' || strategy === 'Once')
          await this.request(vm, [{ action: 'Stop', uid: vmi?.metadata.uid }]);
        else await this.setStrategy(vm, 'Halted');
        break;
      }
      case 'addvolume':
        await this.hotplug.addToVm(vm, body as Parameters<Hotplug['addToVm']>[1]);
        break;
      case 'migrate': {
        if (!running) throw conflict('VM is not running');
        // As virt-api does: the action creates a VirtualMachineInstanceMigration for the VMI.
        await this.store.put(MIGRATIONS, {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachineInstanceMigration',
          metadata: {
            name: `${name}-migration-${randomUUID().slice(0, 5)}`,
            namespace,
            uid: randomUUID(),
            creationTimestamp: now(),
            labels: { 'kubevirt.io/vmi-name': name },
          },
          spec: { vmiName: name },
        });
        break;
      }
      case 'removevolume':
        await this.hotplug.removeFromVm(vm, (body as { name?: string }).name);
        break;
      case 'restart': {
        if (!running) throw conflict('VM is not running');
        await this.request(vm, [{ action: 'Stop', uid: vmi?.metadata.uid }, { action: 'Start' }]);
        break;
      }
      default:
        throw new ApiError(404, 'NotFound', `virtualmachines/${action} is not supported here`);
    }
    return { status: 202, body: '' };
  }

  private async vmiAction(
    namespace: string,
    name: string,
    action: string,
    verb: string,
    context: RequestContext,
  ): Promise<HandlerResult> {
    const vmi = this.store.get(VMIS, namespace, name);
    if (!vmi) throw notFound('virtualmachineinstances', name);
    const status = vmi.status as VmiPhase;
    const paused = status?.conditions?.some((c) => c.type === 'Paused' && c.status === 'True');
    const key = `${namespace}/${name}`;
    if (verb === 'get') {
      if (action === 'guestosinfo')
        return {
          status: 200,
          body: (vmi.status as { guestOSInfo?: object } | undefined)?.guestOSInfo ?? {},
        };
      if (action === 'userlist')
        return { status: 200, body: { items: [{ userName: 'root', domain: '', loginTime: 0 }] } };
      if (action === 'filesystemlist') return { status: 200, body: { items: [] } };
      if (action === 'vnc/screenshot') return this.screenshot(key, status?.phase);
      throw new ApiError(
        400,
        'BadRequest',
        `${action} is a WebSocket: connect with an Upgrade request`,
      );
    }
    const body = await context.body();
    if (status?.phase !== 'Running') throw conflict('VMI is not running');
    switch (action) {
      case 'pause':
        if (paused) throw conflict('VMI is already paused');
        await this.vmis.pause(key, true);
        break;
      case 'unpause':
        if (!paused) throw conflict('VMI is not paused');
        await this.vmis.pause(key, false);
        break;
      case 'addvolume':
        await this.hotplug.addToVmi(namespace, name, body as Parameters<Hotplug['addToVmi']>[2]);
        break;
      case 'removevolume':
        await this.hotplug.removeFromVmi(
          namespace,
          name,
          (body as { name?: string } | undefined)?.name,
        );
        break;
      case 'softreboot':
        if (paused) throw conflict('VMI is paused');
        // KubeVirt soft-reboots through the QEMU guest agent; this guest image has none, so say
        // so instead of pretending (a restart of the VM is the way here).
        throw new ApiError(
          422,
          'Invalid',
          `VMI ${name} does not have a guest agent connected: soft reboot is not possible, restart the VM instead`,
        );
      default:
        throw badRequest(`virtualmachineinstances/${action} is not supported here`);
    }
    return { status: 202, body: '' };
  }

  private async screenshot(key: string, phase: string | undefined): Promise<HandlerResult> {
    if (phase !== 'Running') throw conflict('VMI is not running');
    if (!this.runtime.screenshot)
      throw new ApiError(
        503,
        'ServiceUnavailable',
        'no display in this environment: QEMU is not installed, so the VM runs without a guest',
      );
    return {
      status: 200,
      body: undefined,
      raw: { contentType: 'image/png', data: await this.runtime.screenshot(key) },
    };
  }

  /** `expand-spec`: the VM as it would run, with its instance type's size written in. */
  private expandSpec(vm: KubeObject): KubeObject {
    const spec = structuredClone(
      (vm.spec ?? {}) as {
        instancetype?: { name: string };
        template?: { spec?: { domain?: Record<string, unknown> } };
      },
    );
    if (!spec.instancetype) return vm;
    const size = instancetypeSize(this.store, vm);
    if (!size)
      throw new ApiError(422, 'Invalid', `instance type ${spec.instancetype.name} not found`);
    const domain = { ...(spec.template?.spec?.domain ?? {}) };
    domain.cpu = { ...((domain.cpu as object) ?? {}), sockets: size.cpus, cores: 1, threads: 1 };
    domain.memory = { ...((domain.memory as object) ?? {}), guest: size.memory };
    delete spec.instancetype;
    return {
      ...vm,
      spec: { ...spec, template: { ...spec.template, spec: { ...spec.template?.spec, domain } } },
    };
  }

  private async setStopGrace(vmi: KubeObject, seconds: unknown) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0)
      throw badRequest('gracePeriod must be a non-negative integer number of seconds');
    await this.store.put(VMIS, {
      ...vmi,
      metadata: {
        ...vmi.metadata,
        annotations: { ...vmi.metadata.annotations, [STOP_GRACE]: String(seconds) },
      },
    });
  }

  private async current(vm: KubeObject) {
    const current = this.store.get(VMS, vm.metadata.namespace, vm.metadata.name ?? '');
    if (!current) throw notFound('virtualmachines', vm.metadata.name ?? '');
    return current;
  }

  private async setStrategy(vm: KubeObject, strategy: 'Always' | 'Halted') {
    const current = await this.current(vm);
    const spec = { ...((current.spec as Record<string, unknown>) ?? {}) };
    if (spec.running !== undefined) spec.running = strategy === 'Always';
    else spec.runStrategy = strategy;
    await this.store.put(VMS, {
      ...current,
      metadata: { ...current.metadata, generation: (current.metadata.generation ?? 1) + 1 },
      spec,
    });
  }

  /** `start --paused` applies to the next VMI only, so it travels as an annotation, not in spec. */
  private async markStartPaused(vm: KubeObject) {
    const current = await this.current(vm);
    await this.store.put(VMS, {
      ...current,
      metadata: {
        ...current.metadata,
        annotations: { ...current.metadata.annotations, [START_PAUSED]: 'true' },
      },
    });
  }

  private async request(vm: KubeObject, requests: StateChangeRequest[]) {
    const current = await this.current(vm);
    const status = { ...((current.status as Record<string, unknown>) ?? {}) } as {
      stateChangeRequests?: StateChangeRequest[];
    };
    if (status.stateChangeRequests?.length)
      throw conflict('unable to complete request: stop/start already underway');
    await this.store.put(VMS, { ...current, status: { ...status, stateChangeRequests: requests } });
  }
}
