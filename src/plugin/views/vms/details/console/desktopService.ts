import type { Node, Service, VirtualMachine, VirtualMachineInstance } from '../../../../api/types';

export const RDP_PORT = 3389;
export const VNC_PORT = 5900;

/** The label KubeVirt puts on the VM's launcher pod; the created Service carries it too. */
const VM_NAME_LABEL = 'vm.kubevirt.io/name';
const DOMAIN_LABEL = 'kubevirt.io/domain';
const SELECTABLE_LABELS = [DOMAIN_LABEL, VM_NAME_LABEL];

type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** A Service that reaches the VM from outside the cluster, and its port for the guest port. */
export interface ExposedPort {
  service: Service;
  port: ServicePort;
}

/** `<vm>-rdp`, kept a DNS-1035 label (63 characters, a letter first) as Services need. */
export const rdpServiceName = (vmName: string): string => {
  const suffix = '-rdp';
  const base = vmName.slice(0, 63 - suffix.length - 3).replace(/-+$/, '');
  return /^[a-z]/.test(base) ? `${base}${suffix}` : `vm-${base}${suffix}`;
};

/** The labels the VM's launcher pod carries: the template's, and the running instance's. */
export const podLabelsOf = (
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
): Record<string, string> => ({
  ...(vm.spec?.template?.metadata?.labels ?? {}),
  ...(vmi?.metadata?.labels ?? {}),
});

const targetsGuestPort = (port: ServicePort, guestPort: number) =>
  Number(port.targetPort ?? port.port) === guestPort;

/**
 * The first NodePort or LoadBalancer Service whose selector picks the VM's pod and that forwards
 * to `guestPort` (3389 for RDP, 5900 for a VNC server in the guest).
 */
export const exposedPortOf = (
  services: Service[],
  podLabels: Record<string, string>,
  guestPort: number,
): ExposedPort | undefined => {
  for (const service of services) {
    const type = service.spec?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
    const selector = service.spec?.selector ?? {};
    const keys = Object.keys(selector);
    if (!keys.length || !keys.every((key) => podLabels[key] === selector[key])) continue;
    const port = service.spec?.ports?.find((candidate) => targetsGuestPort(candidate, guestPort));
    if (port) return { service, port };
  }
  return undefined;
};

/**
 * The template label a Service can select the VM by: one naming the VM first, then any of
 * `kubevirt.io/domain`, `vm.kubevirt.io/name`. None: the VM needs a label first.
 */
export const rdpSelectorOf = (vm: VirtualMachine): Record<string, string> | undefined => {
  const name = vm.metadata?.name ?? '';
  const labels = vm.spec?.template?.metadata?.labels ?? {};
  const key =
    SELECTABLE_LABELS.find((candidate) => labels[candidate] === name) ??
    SELECTABLE_LABELS.find((candidate) => labels[candidate]);
  const value = key ? labels[key] : undefined;
  return key && value ? { [key]: value } : undefined;
};

/** The NodePort Service forwarding port 3389 to the VM's pod. */
export const buildRdpService = (vm: VirtualMachine, selector: Record<string, string>): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: rdpServiceName(vm.metadata?.name ?? ''),
    namespace: vm.metadata?.namespace,
    labels: { [VM_NAME_LABEL]: vm.metadata?.name ?? '' },
  },
  spec: {
    type: 'NodePort',
    selector,
    // targetPort is an IntOrString typed as string: the number 3389, not a port named "3389".
    ports: [
      { name: 'rdp', protocol: 'TCP', port: RDP_PORT, targetPort: RDP_PORT as unknown as string },
    ],
  },
});

/** Where a client connects: a host and port, a port on any node, or not known yet. */
export type Endpoint =
  | { kind: 'address'; host: string; port: number }
  | { kind: 'any-node'; port: number }
  | { kind: 'pending' };

/**
 * A NodePort answers on every node: the given node address, else "any node's address". A
 * LoadBalancer answers on its ingress once the cluster has assigned one.
 */
export const endpointOf = (exposed: ExposedPort, nodeAddress?: string): Endpoint => {
  const { service, port } = exposed;
  if (service.spec?.type === 'NodePort') {
    if (!port.nodePort) return { kind: 'pending' };
    return nodeAddress
      ? { kind: 'address', host: nodeAddress, port: port.nodePort }
      : { kind: 'any-node', port: port.nodePort };
  }
  const ingress = service.status?.loadBalancer?.ingress?.[0];
  const host = ingress?.ip ?? ingress?.hostname;
  return host && port.port ? { kind: 'address', host, port: port.port } : { kind: 'pending' };
};

const addressOf = (node: Node, type: string) =>
  node.status?.addresses?.find((address) => address.type === type)?.address;

/**
 * A node address for a NodePort: the VM's own node first, then any; its ExternalIP where it has
 * one (reachable from outside), else its InternalIP.
 */
export const nodeAddressFor = (nodes: Node[], preferredNode?: string): string | undefined => {
  const ordered = [
    ...nodes.filter((node) => node.metadata?.name === preferredNode),
    ...nodes.filter((node) => node.metadata?.name !== preferredNode),
  ];
  for (const node of ordered) {
    const address = addressOf(node, 'ExternalIP') ?? addressOf(node, 'InternalIP');
    if (address) return address;
  }
  return undefined;
};
