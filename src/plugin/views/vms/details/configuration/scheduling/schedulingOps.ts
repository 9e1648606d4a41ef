import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DOMAIN, setAt, TEMPLATE_SPEC, valueAt } from '../editor/vmPatch';
import type { Affinity, Toleration } from './schedulingTypes';

export const NODE_SELECTOR_PATH = [...TEMPLATE_SPEC, 'nodeSelector'] as const;
export const TOLERATIONS_PATH = [...TEMPLATE_SPEC, 'tolerations'] as const;
export const AFFINITY_PATH = [...TEMPLATE_SPEC, 'affinity'] as const;
export const EVICTION_PATH = [...TEMPLATE_SPEC, 'evictionStrategy'] as const;
export const DEDICATED_PATH = [...DOMAIN, 'cpu', 'dedicatedCpuPlacement'] as const;
export const DESCHEDULER_ANNOTATION = 'descheduler.alpha.kubernetes.io/evict';
export const DESCHEDULER_PATH = [
  'spec',
  'template',
  'metadata',
  'annotations',
  DESCHEDULER_ANNOTATION,
] as const;

/** The label nodes with a configured CPU manager carry. */
export const CPU_MANAGER_LABEL = 'cpumanager';

export const EVICTION_STRATEGIES = [
  'LiveMigrate',
  'LiveMigrateIfPossible',
  'None',
  'External',
] as const;
export type EvictionStrategy = (typeof EVICTION_STRATEGIES)[number];

export const nodeSelectorOf = (vm: VirtualMachine): Record<string, string> =>
  vm.spec?.template?.spec?.nodeSelector ?? {};
export const tolerationsOfVm = (vm: VirtualMachine): Toleration[] =>
  (vm.spec?.template?.spec?.tolerations ?? []) as Toleration[];
export const affinityOf = (vm: VirtualMachine): Affinity | undefined =>
  vm.spec?.template?.spec?.affinity as Affinity | undefined;
export const evictionStrategyOf = (vm: VirtualMachine): string | undefined =>
  vm.spec?.template?.spec?.evictionStrategy;
export const dedicatedOf = (vm: VirtualMachine): boolean => valueAt(vm, DEDICATED_PATH) === true;
export const deschedulerOf = (vm: VirtualMachine): boolean =>
  valueAt(vm, DESCHEDULER_PATH) === 'true';

const orUndefined = <T>(value: T, empty: boolean) => (empty ? undefined : value);

export const nodeSelectorOps = (vm: VirtualMachine, selector: Record<string, string>) =>
  setAt(vm, NODE_SELECTOR_PATH, orUndefined(selector, !Object.keys(selector).length));

export const tolerationsOps = (vm: VirtualMachine, tolerations: Toleration[]) =>
  setAt(vm, TOLERATIONS_PATH, orUndefined(tolerations, !tolerations.length));

export const affinityOps = (vm: VirtualMachine, affinity: Affinity | undefined) =>
  setAt(vm, AFFINITY_PATH, affinity);

/** Dedicated CPUs: set true, or removed (not false) so the VM reads as it did before. */
export const dedicatedOps = (vm: VirtualMachine, dedicated: boolean): JsonPatchOp[] =>
  setAt(vm, DEDICATED_PATH, dedicated ? true : undefined);

/** Unset: the cluster's default strategy applies. */
export const evictionOps = (vm: VirtualMachine, strategy: EvictionStrategy | undefined) =>
  setAt(vm, EVICTION_PATH, strategy);

export const deschedulerOps = (vm: VirtualMachine, evictable: boolean) =>
  setAt(vm, DESCHEDULER_PATH, evictable ? 'true' : undefined);
