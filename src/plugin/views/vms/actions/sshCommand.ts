import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';

/** How to reach a VM over SSH: `virtctl ssh`, or `ssh -p` through a Service that exposes port 22. */

interface ServiceLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    ports?: { port?: number; nodePort?: number; targetPort?: number | string; protocol?: string }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

interface NodeLike {
  status?: { addresses?: { type?: string; address?: string }[] };
}

const cloudInitUserData = (vm: VirtualMachine | undefined): string => {
  for (const volume of vm?.spec?.template?.spec?.volumes ?? []) {
    const source = volume.cloudInitNoCloud ?? volume.cloudInitConfigDrive;
    if (source?.userData) return source.userData;
  }
  return '';
};

/** The guest user cloud-init creates (`user:` or the first of `users:`), if the VM says. */
export const sshUserOf = (vm: VirtualMachine | undefined): string | undefined => {
  const userData = cloudInitUserData(vm);
  const single = /^user:\s*['"]?([\w.-]+)/m.exec(userData);
  if (single) return single[1];
  const list = /^users:\s*\n(?:\s*-\s*default\s*\n)*\s*-\s*(?:name:\s*)?['"]?([\w.-]+)/m.exec(
    userData,
  );
  return list?.[1];
};

export const virtctlSshCommand = (namespace: string, name: string, user: string) =>
  `virtctl -n ${namespace} ssh ${user}@vm/${name}`;

/** The Service (NodePort or LoadBalancer) whose selector picks this VM's pod and that forwards to port 22. */
export const sshServiceOf = (
  vm: VirtualMachine | undefined,
  vmi: VirtualMachineInstance | undefined,
  services: ServiceLike[],
):
  | { service: ServiceLike; port: NonNullable<NonNullable<ServiceLike['spec']>['ports']>[number] }
  | undefined => {
  const labels = {
    ...(vm?.spec?.template?.metadata?.labels ?? {}),
    ...(vmi?.metadata?.labels ?? {}),
  };
  for (const service of services) {
    const type = service.spec?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
    const selector = service.spec?.selector ?? {};
    const keys = Object.keys(selector);
    if (!keys.length || !keys.every((key) => labels[key] === selector[key])) continue;
    const port = service.spec?.ports?.find(
      (candidate) =>
        (candidate.targetPort ?? candidate.port) === 22 || candidate.targetPort === '22',
    );
    if (port) return { service, port };
  }
  return undefined;
};

export const NODE_ADDRESS_PLACEHOLDER = '<node address>';

/** A node's address clients outside the cluster are most likely to reach. */
export const nodeAddressOf = (node: NodeLike | undefined): string | undefined => {
  const addresses = node?.status?.addresses ?? [];
  return (
    addresses.find((address) => address.type === 'ExternalIP')?.address ??
    addresses.find((address) => address.type === 'InternalIP')?.address
  );
};

export const serviceSshCommand = (
  match: NonNullable<ReturnType<typeof sshServiceOf>>,
  user: string,
  nodeAddress: string | undefined,
): string | undefined => {
  const { service, port } = match;
  if (service.spec?.type === 'NodePort') {
    if (!port.nodePort) return undefined;
    return `ssh ${user}@${nodeAddress ?? NODE_ADDRESS_PLACEHOLDER} -p ${port.nodePort}`;
  }
  const ingress = service.status?.loadBalancer?.ingress?.[0];
  const host = ingress?.ip ?? ingress?.hostname;
  return host ? `ssh ${user}@${host} -p ${port.port ?? 22}` : undefined;
};
