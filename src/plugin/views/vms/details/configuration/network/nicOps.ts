import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DEVICES, setAt, setManyAt, TEMPLATE_SPEC } from '../editor/vmPatch';
import { networkNameFor, networkRef, type NicBinding } from './nadBinding';
import {
  bindingOf,
  DEFAULT_POD_INTERFACE,
  DEFAULT_POD_NETWORK,
  hasDefaultPodNic,
  type Interface,
  type Network,
} from './nicRows';

export const INTERFACES_PATH = [...DEVICES, 'interfaces'] as const;
export const NETWORKS_PATH = [...TEMPLATE_SPEC, 'networks'] as const;
const AUTOATTACH_PATH = [...DEVICES, 'autoattachPodInterface'] as const;

/** A NIC as the form gives it. `network` is `pod` or a NetworkAttachmentDefinition's `ns/name`. */
export interface NicSpec {
  name: string;
  model?: string;
  network: string;
  /** How it is bound; SR-IOV has no model. */
  binding: NicBinding | string;
  /** Empty: the cluster assigns one. */
  mac?: string;
}

const BINDING_KEYS = ['masquerade', 'bridge', 'sriov', 'passt', 'slirp', 'macvtap', 'binding'];

/** The VM's NICs and networks as declared; KubeVirt's implicit pod NIC made explicit. */
const current = (vm: VirtualMachine): { interfaces: Interface[]; networks: Network[] } => {
  if (hasDefaultPodNic(vm))
    return { interfaces: [DEFAULT_POD_INTERFACE], networks: [DEFAULT_POD_NETWORK] };
  const spec = vm.spec?.template?.spec;
  return {
    interfaces: spec?.domain?.devices?.interfaces ?? [],
    networks: spec?.networks ?? [],
  };
};

const networkEntry = (nic: NicSpec, vmNamespace: string): Network =>
  nic.network === 'pod'
    ? { name: nic.name, pod: {} }
    : { name: nic.name, multus: { networkName: networkNameFor(nic.network, vmNamespace) } };

/** `base` with the form's model, binding and MAC; everything else it had (boot order, ports…) kept. */
const interfaceEntry = (nic: NicSpec, base: Interface = { name: nic.name }): Interface => {
  const rebind = bindingOf(base) !== nic.binding;
  const next: Record<string, unknown> = Object.fromEntries(
    Object.entries({ ...base, name: nic.name }).filter(
      ([key]) => !rebind || !BINDING_KEYS.includes(key),
    ),
  );
  if (rebind) next[nic.binding] = {};
  // Port forwarding exists only on the masquerade binding.
  if (nic.binding !== 'masquerade') delete next.ports;
  if (nic.binding === 'sriov' || !nic.model) delete next.model;
  else next.model = nic.model;
  if (nic.mac) next.macAddress = nic.mac.toLowerCase();
  else delete next.macAddress;
  return next as unknown as Interface;
};

const write = (vm: VirtualMachine, interfaces: Interface[], networks: Network[]): JsonPatchOp[] =>
  setManyAt(vm, [
    [INTERFACES_PATH, interfaces],
    [NETWORKS_PATH, networks],
  ]);

/** Adds a NIC and its network; on a running VM a bridge NIC is then hot-plugged by KubeVirt. */
export const addNicOps = (vm: VirtualMachine, nic: NicSpec): JsonPatchOp[] => {
  const { interfaces, networks } = current(vm);
  return write(
    vm,
    [...interfaces, interfaceEntry(nic)],
    [...networks, networkEntry(nic, vm.metadata?.namespace ?? '')],
  );
};

/** Changes a NIC's model, network (and so binding) and MAC; its name stays. */
export const editNicOps = (vm: VirtualMachine, nic: NicSpec): JsonPatchOp[] => {
  const namespace = vm.metadata?.namespace ?? '';
  const { interfaces, networks } = current(vm);
  const before = networks.find((n) => n.name === nic.name);
  const sameNetwork =
    before &&
    ((nic.network === 'pod' && !!before.pod) ||
      (!!before.multus?.networkName &&
        networkRef(before.multus.networkName, namespace) === nic.network));
  return write(
    vm,
    interfaces.map((iface) => (iface.name === nic.name ? interfaceEntry(nic, iface) : iface)),
    before
      ? networks.map((n) =>
          n.name === nic.name && !sameNetwork ? networkEntry(nic, namespace) : n,
        )
      : [...networks, networkEntry(nic, namespace)],
  );
};

/**
 * Sets a NIC's `state`: `down` takes its link down, `absent` asks KubeVirt to unplug it from the
 * running guest; `up` removes the state.
 */
export const setNicStateOps = (
  vm: VirtualMachine,
  name: string,
  state: 'up' | 'down' | 'absent',
): JsonPatchOp[] => {
  const { interfaces, networks } = current(vm);
  return write(
    vm,
    interfaces.map((iface) => {
      if (iface.name !== name) return iface;
      const { state: _previous, ...rest } = iface;
      return state === 'up' ? rest : { ...rest, state };
    }),
    networks,
  );
};

/**
 * Removes a NIC and its network from the VM. Removing the last one also turns off KubeVirt's
 * automatic pod NIC, or it would come back at the next start.
 */
export const removeNicOps = (vm: VirtualMachine, name: string): JsonPatchOp[] => {
  const { interfaces, networks } = current(vm);
  const nextInterfaces = interfaces.filter((iface) => iface.name !== name);
  const nextNetworks = networks.filter((n) => n.name !== name);
  const ops = write(vm, nextInterfaces, nextNetworks);
  return nextInterfaces.length || nextNetworks.length
    ? ops
    : [...ops, ...setAt(vm, AUTOATTACH_PATH, false)];
};
