import type { JsonPatchOp, Service, VirtualMachine } from '../../../../../api/types';
import { setAt } from '../editor/vmPatch';

/** How SSH reaches the VM from outside the cluster; None deletes the VM's SSH service. */
export const SSH_SERVICE_TYPES = ['None', 'NodePort', 'LoadBalancer'] as const;
export type SshServiceType = (typeof SSH_SERVICE_TYPES)[number];

/** `<vm>-ssh-service`, kept a DNS-1035 label (63 characters, a letter first) as Services need. */
export const sshServiceName = (vmName: string): string => {
  const suffix = '-ssh-service';
  const base = vmName.slice(0, 63 - suffix.length - 3).replace(/-+$/, '');
  return /^[a-z]/.test(base) ? `${base}${suffix}` : `vm-${base}${suffix}`;
};

/** The label KubeVirt also puts on the VM's launcher pod. */
export const VM_NAME_LABEL = 'vm.kubevirt.io/name';
const DOMAIN_LABEL = 'kubevirt.io/domain';

/**
 * The selector that picks this VM's pod: a template label naming the VM when there is one,
 * else `vm.kubevirt.io/name` (`labelOps` adds it to the template so the VM says so too).
 */
export const sshSelectorOf = (
  vm: VirtualMachine,
): { selector: Record<string, string>; labelOps: JsonPatchOp[] } => {
  const name = vm.metadata?.name ?? '';
  const labels = vm.spec?.template?.metadata?.labels ?? {};
  for (const key of [DOMAIN_LABEL, VM_NAME_LABEL])
    if (labels[key] === name) return { selector: { [key]: name }, labelOps: [] };
  return {
    selector: { [VM_NAME_LABEL]: name },
    labelOps: setAt(vm, ['spec', 'template', 'metadata', 'labels', VM_NAME_LABEL], name),
  };
};

/** The Service forwarding port 22 of the VM's pod, of the given type. */
export const buildSshService = (
  vm: VirtualMachine,
  type: Exclude<SshServiceType, 'None'>,
  selector: Record<string, string>,
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: sshServiceName(vm.metadata?.name ?? ''),
    namespace: vm.metadata?.namespace,
    labels: { [VM_NAME_LABEL]: vm.metadata?.name ?? '' },
  },
  spec: {
    type,
    selector,
    // targetPort is an IntOrString typed as string: the number 22, not a port named "22".
    ports: [{ name: 'ssh', protocol: 'TCP', port: 22, targetPort: 22 as unknown as string }],
  },
});

/** The VM's own SSH service (the one this tab creates), if it exists. */
export const managedSshServiceOf = (vm: VirtualMachine, services: Service[]): Service | undefined =>
  services.find((service) => service.metadata?.name === sshServiceName(vm.metadata?.name ?? ''));

export const sshServiceTypeOf = (service: Service | undefined): SshServiceType =>
  service?.spec?.type === 'NodePort' || service?.spec?.type === 'LoadBalancer'
    ? service.spec.type
    : 'None';
