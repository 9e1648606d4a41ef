import type { VirtualMachine, VirtualMachineInstance } from '../../../../../api/types';
import { networkRef } from './nadBinding';

type TemplateSpec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];
type Devices = NonNullable<NonNullable<TemplateSpec>['domain']>['devices'];
export type Interface = NonNullable<NonNullable<Devices>['interfaces']>[number];
export type Network = NonNullable<NonNullable<TemplateSpec>['networks']>[number];
type InterfaceStatus = NonNullable<
  NonNullable<VirtualMachineInstance['status']>['interfaces']
>[number];

/** Where a NIC is connected: the pod network, a NetworkAttachmentDefinition (`ns/name`), or nothing declared. */
export type NicNetwork = { kind: 'pod' } | { kind: 'multus'; ref: string } | { kind: 'missing' };

/** The interface's configured `state`: up (no state), down (link down), absent (being unplugged). */
export type NicState = 'up' | 'down' | 'absent';

export interface NicRow {
  name: string;
  /** Undefined for SR-IOV, which passes a virtual function through. */
  model?: string;
  network: NicNetwork;
  /** masquerade, bridge, sriov (or another binding the VM declares). */
  binding: string;
  /** The configured MAC address, or the one the running guest reports. */
  mac?: string;
  state: NicState;
  /** The running guest's link state, when reported. */
  linkState?: string;
  /** The interface's name inside the guest (`eth0`). */
  guestName?: string;
  ips: string[];
  /** The running instance has this NIC. */
  attached: boolean;
  /** Running with a different definition than the VM's: it changes at the next restart. */
  pendingRestart: boolean;
  /** Being attached to or detached from the running instance. */
  hotplug?: 'plugging' | 'unplugging';
  /**
   * template: declared by the VM; instance: only on the running instance (goes away at restart);
   * default: the pod NIC KubeVirt adds to a VM that declares none.
   */
  source: 'template' | 'instance' | 'default';
}

const BINDINGS = ['masquerade', 'bridge', 'sriov', 'passt', 'slirp', 'macvtap'] as const;

export const bindingOf = (iface: Interface): string =>
  BINDINGS.find((key) => iface[key]) ?? iface.binding?.name ?? '';

export const networkOf = (network: Network | undefined, vmNamespace: string): NicNetwork => {
  if (network?.pod) return { kind: 'pod' };
  if (network?.multus?.networkName)
    return { kind: 'multus', ref: networkRef(network.multus.networkName, vmNamespace) };
  return { kind: 'missing' };
};

/** KubeVirt hot-plugs (and unplugs) virtio NICs bound by a bridge to a secondary network. */
export const isHotPluggable = (binding: string, network: NicNetwork, model?: string): boolean =>
  binding === 'bridge' && network.kind === 'multus' && (model ?? 'virtio') === 'virtio';

/** The VM declares no NIC at all, so KubeVirt attaches the pod network itself. */
export const hasDefaultPodNic = (vm: VirtualMachine): boolean => {
  const spec = vm.spec?.template?.spec;
  return (
    !spec?.domain?.devices?.interfaces?.length &&
    !spec?.networks?.length &&
    spec?.domain?.devices?.autoattachPodInterface !== false
  );
};

export const DEFAULT_POD_INTERFACE: Interface = { name: 'default', masquerade: {} };
export const DEFAULT_POD_NETWORK: Network = { name: 'default', pod: {} };

const ipsOf = (status?: InterfaceStatus): string[] =>
  status?.ipAddresses?.length ? status.ipAddresses : status?.ipAddress ? [status.ipAddress] : [];

/** What the guest would see differently: compared between the VM and the running instance. */
const signature = (iface: Interface, network: NicNetwork, macFallback?: string) =>
  JSON.stringify([
    bindingOf(iface),
    iface.binding?.name ?? '',
    iface.sriov ? '' : (iface.model ?? 'virtio'),
    (iface.macAddress ?? macFallback ?? '').toLowerCase(),
    network,
  ]);

/**
 * The NICs of a VM joined with its networks and, when it runs, with its instance: what the
 * instance runs now (spec) and reports (status: guest name, IPs, link state). A NIC that is on
 * the instance but no longer in the VM is listed too, until the restart removes it.
 */
export const interfaceRows = (vm: VirtualMachine, vmi?: VirtualMachineInstance): NicRow[] => {
  const namespace = vm.metadata?.namespace ?? '';
  const spec = vm.spec?.template?.spec;
  const implicit = hasDefaultPodNic(vm);
  const interfaces = implicit ? [DEFAULT_POD_INTERFACE] : (spec?.domain?.devices?.interfaces ?? []);
  const networks = implicit ? [DEFAULT_POD_NETWORK] : (spec?.networks ?? []);
  const vmiInterfaces = vmi?.spec?.domain?.devices?.interfaces ?? [];
  const vmiNetworks = vmi?.spec?.networks ?? [];
  const statuses = vmi?.status?.interfaces ?? [];
  const running = !!vmi;

  const row = (iface: Interface, source: NicRow['source']): NicRow => {
    const network = networkOf(
      (source === 'instance' ? vmiNetworks : networks).find((n) => n.name === iface.name),
      namespace,
    );
    const status = statuses.find((s) => s.name === iface.name);
    const binding = bindingOf(iface);
    const state: NicState =
      iface.state === 'absent' ? 'absent' : iface.state === 'down' ? 'down' : 'up';
    const attached = !!status;
    let pendingRestart = false;
    let hotplug: NicRow['hotplug'];
    if (running && source === 'instance') pendingRestart = true;
    else if (running) {
      const live = vmiInterfaces.find((i) => i.name === iface.name);
      const hotPluggable = isHotPluggable(binding, network, iface.model);
      if (state === 'absent') {
        if (attached) hotplug = hotPluggable ? 'unplugging' : undefined;
        pendingRestart = attached && !hotPluggable;
      } else if (!live || !attached) {
        if (hotPluggable) hotplug = 'plugging';
        else pendingRestart = !live;
      } else {
        const liveNetwork = networkOf(
          vmiNetworks.find((n) => n.name === iface.name),
          namespace,
        );
        pendingRestart =
          signature(iface, network, status?.mac) !== signature(live, liveNetwork, status?.mac);
      }
    }
    return {
      name: iface.name,
      model: iface.sriov ? undefined : (iface.model ?? 'virtio'),
      network,
      binding,
      mac: iface.macAddress ?? status?.mac,
      state,
      linkState: status?.linkState,
      guestName: status?.interfaceName,
      ips: ipsOf(status),
      attached,
      pendingRestart,
      hotplug,
      source,
    };
  };

  const declared = new Set(interfaces.map((i) => i.name));
  return [
    ...interfaces.map((iface) => row(iface, implicit ? 'default' : 'template')),
    ...vmiInterfaces
      .filter((iface) => !declared.has(iface.name) && iface.state !== 'absent')
      .map((iface) => row(iface, 'instance')),
  ];
};
