import type { K8sObject, VirtualMachine } from '../../../api/types';
import type { VmDraft } from '../draft/vmDraft';
import { quantityValue } from '../../../../common/quantity';

/**
 * What creating a draft asks of a project's quota, at least: what Kubernetes counts against
 * `hard` (cores, bytes, object counts). KubeVirt adds overhead to the launcher pod's memory and
 * may raise its CPU request, so these are lower bounds.
 */
export interface VmDemand {
  /** requests.cpu of the launcher pod: KubeVirt asks 100m per vCPU by default. */
  cpu: number;
  /** requests.memory of the launcher pod: the guest's memory, before overhead. */
  memory: number;
  /** The claims the VM's DataVolumes make, with their storage class (undefined: the default). */
  claims: { storageClass?: string; bytes: number }[];
  /** Object counts, by quota key (`pods`, `secrets`, `count/virtualmachines.kubevirt.io` …). */
  counts: Record<string, number>;
}

/** KubeVirt's default CPU allocation ratio is 10: each vCPU asks a tenth of a core. */
const CPU_REQUEST_PER_VCPU = 0.1;

interface DomainSpec {
  cpu?: { cores?: number; sockets?: number; threads?: number };
  memory?: { guest?: string };
  resources?: { requests?: { cpu?: string; memory?: string } };
}

interface DataVolumeTemplate {
  spec?: {
    storage?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
    pvc?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
  };
}

const starts = (vm: VirtualMachine) => {
  const strategy = vm.spec?.runStrategy;
  if (strategy) return strategy === 'Always' || strategy === 'RerunOnFailure';
  return vm.spec?.running === true;
};

const countKey = (object: K8sObject): string | undefined => {
  if (object.kind === 'Secret') return 'secrets';
  if (object.kind === 'ConfigMap') return 'configmaps';
  return undefined;
};

/**
 * The demand of a draft. `size` is the instance type's (the VM names it, so its spec has no CPU
 * or memory of its own); without it the domain's CPU topology and guest memory are used.
 */
export const vmDemand = (draft: VmDraft, size?: { cpu: number; memory: string }): VmDemand => {
  const vm = draft.vm;
  const domain = (vm.spec?.template?.spec?.domain ?? {}) as DomainSpec;
  const vcpus = size
    ? size.cpu
    : (domain.cpu?.cores ?? 1) * (domain.cpu?.sockets ?? 1) * (domain.cpu?.threads ?? 1);
  const cpu =
    quantityValue(domain.resources?.requests?.cpu) ??
    Math.round(vcpus * CPU_REQUEST_PER_VCPU * 1000) / 1000;
  const memory =
    quantityValue(size?.memory) ??
    quantityValue(domain.memory?.guest) ??
    quantityValue(domain.resources?.requests?.memory) ??
    0;
  const templates = (vm.spec?.dataVolumeTemplates ?? []) as DataVolumeTemplate[];
  const claims = templates.map((template) => {
    const storage = template.spec?.storage ?? template.spec?.pvc;
    return {
      storageClass: storage?.storageClassName || undefined,
      bytes: quantityValue(storage?.resources?.requests?.storage) ?? 0,
    };
  });
  const counts: Record<string, number> = {
    'count/virtualmachines.kubevirt.io': 1,
    persistentvolumeclaims: claims.length,
    'count/datavolumes.cdi.kubevirt.io': claims.length,
  };
  if (starts(vm)) {
    counts.pods = 1;
    counts['count/virtualmachineinstances.kubevirt.io'] = 1;
  }
  for (const object of draft.prerequisites) {
    const key = countKey(object);
    if (key) counts[key] = (counts[key] ?? 0) + 1;
  }
  return { cpu: starts(vm) ? cpu : 0, memory: starts(vm) ? memory : 0, claims, counts };
};
