// The JSON patches of the simple Details rows, and the checks before they are sent.
import type { TFunction } from 'i18next';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DOMAIN, setAt, TEMPLATE_SPEC, valueAt } from '../editor/vmPatch';
import type { Cpu } from './cpuTopology';

export const DESCRIPTION_PATH = ['metadata', 'annotations', 'description'] as const;
export const HOSTNAME_PATH = [...TEMPLATE_SPEC, 'hostname'] as const;
const MEMORY_GUEST = [...DOMAIN, 'memory', 'guest'] as const;
const MEMORY_REQUEST = [...DOMAIN, 'resources', 'requests', 'memory'] as const;

export const descriptionOf = (vm: VirtualMachine): string =>
  vm.metadata?.annotations?.description ?? '';

/** An empty description removes the annotation. */
export const descriptionOps = (vm: VirtualMachine, description: string): JsonPatchOp[] =>
  setAt(vm, DESCRIPTION_PATH, description.trim() ? description : undefined);

export const hostnameOf = (vm: VirtualMachine): string =>
  (valueAt(vm, HOSTNAME_PATH) as string | undefined) ?? '';

/** An empty hostname removes it: the guest is then named after the VM. */
export const hostnameOps = (vm: VirtualMachine, hostname: string): JsonPatchOp[] =>
  setAt(vm, HOSTNAME_PATH, hostname.trim() || undefined);

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A hostname is a DNS-1123 label; empty is allowed (the VM's name is used). */
export const validateHostname = (hostname: string, t: TFunction): string | undefined => {
  const value = hostname.trim();
  if (!value) return undefined;
  if (value.length > 63) return t('A hostname must be at most 63 characters.');
  if (!DNS_1123_LABEL.test(value))
    return t(
      'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
    );
  return undefined;
};

/**
 * Where the VM keeps its memory size: `memory.guest`, or `resources.requests.memory` when that
 * is all it sets (the VM's own choice is kept).
 */
export const memoryPath = (vm: VirtualMachine) =>
  valueAt(vm, MEMORY_GUEST) === undefined && valueAt(vm, MEMORY_REQUEST) !== undefined
    ? MEMORY_REQUEST
    : MEMORY_GUEST;

export const memoryOf = (vm: VirtualMachine): string | undefined =>
  valueAt(vm, memoryPath(vm)) as string | undefined;

export const cpuOf = (vm: VirtualMachine): Cpu | undefined =>
  valueAt(vm, [...DOMAIN, 'cpu']) as Cpu | undefined;

/** The whole `cpu` object is written, so adding it to a VM without one is a single op. */
export const cpuMemoryOps = (vm: VirtualMachine, cpu: Cpu, memory: string): JsonPatchOp[] => [
  ...setAt(vm, [...DOMAIN, 'cpu'], cpu),
  ...setAt(vm, memoryPath(vm), memory),
];
