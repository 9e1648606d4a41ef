// Instance types and preferences a VM refers to: which object, its size, and the choices offered.
import type { TFunction } from 'i18next';
import {
  VirtualMachineClusterInstancetypeModel,
  VirtualMachineClusterPreferenceModel,
  VirtualMachineInstancetypeModel,
  VirtualMachinePreferenceModel,
  type ResourceModel,
} from '../../../../../api/models';
import type { JsonPatchOp, K8sObject, VirtualMachine } from '../../../../../api/types';
import { quantityBytes } from '../../overview/formatQuantity';
import { setAt } from '../editor/vmPatch';
import { memoryLabel } from './memory';

export type Which = 'instancetype' | 'preference';

/** An instance type (cluster or namespaced): what sizes a VM. */
export interface Instancetype extends K8sObject {
  spec?: { cpu?: { guest?: number }; memory?: { guest?: string } };
}

/** Which object a VM refers to: cluster-wide (the default kind) or in the VM's namespace. */
export interface TypeRef {
  cluster: boolean;
  name: string;
}

const MODELS: Record<Which, { cluster: ResourceModel; namespaced: ResourceModel }> = {
  instancetype: {
    cluster: VirtualMachineClusterInstancetypeModel,
    namespaced: VirtualMachineInstancetypeModel,
  },
  preference: {
    cluster: VirtualMachineClusterPreferenceModel,
    namespaced: VirtualMachinePreferenceModel,
  },
};

export const modelOf = (which: Which, cluster: boolean): ResourceModel =>
  cluster ? MODELS[which].cluster : MODELS[which].namespaced;

/** `spec.instancetype` / `spec.preference`; `kind` is matched without case (`virtctl` writes it lower). */
export const refOf = (vm: VirtualMachine, which: Which): TypeRef | undefined => {
  const matcher = vm.spec?.[which];
  if (!matcher?.name) return undefined;
  const namespacedKind = MODELS[which].namespaced.kind.toLowerCase();
  return { cluster: matcher.kind?.toLowerCase() !== namespacedKind, name: matcher.name };
};

/** A ref as a select's value, and back. */
export const refKey = (ref?: TypeRef): string =>
  ref ? `${ref.cluster ? 'cluster' : 'namespaced'}/${ref.name}` : '';
export const refFromKey = (key: string): TypeRef | undefined => {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  return { cluster: key.slice(0, slash) === 'cluster', name: key.slice(slash + 1) };
};

/**
 * Points the VM at another instance type or preference (none removes it). The whole matcher is
 * replaced: its `revisionName` belongs to the old object and must go.
 */
export const refOps = (vm: VirtualMachine, which: Which, ref?: TypeRef): JsonPatchOp[] => {
  if (refKey(ref) === refKey(refOf(vm, which))) return [];
  return setAt(
    vm,
    ['spec', which],
    ref ? { kind: modelOf(which, ref.cluster).kind, name: ref.name } : undefined,
  );
};

export const sizeOf = (it?: Instancetype): { cpus?: number; memory?: string } => ({
  cpus: it?.spec?.cpu?.guest,
  memory: it?.spec?.memory?.guest,
});

/** "1 CPU | 4 GiB". */
export const sizeLabel = (it: Instancetype | undefined, t: TFunction): string => {
  const { cpus, memory } = sizeOf(it);
  return t('{{count}} CPU | {{memory}}', { count: cpus ?? 0, memory: memoryLabel(memory) ?? '—' });
};

/** "u1.medium: 1 CPU | 4 GiB". */
export const instancetypeOptionLabel = (it: Instancetype, t: TFunction): string => {
  const { cpus, memory } = sizeOf(it);
  return t('{{name}}: {{count}} CPU | {{memory}}', {
    name: it.metadata?.name ?? '',
    count: cpus ?? 0,
    memory: memoryLabel(memory) ?? '—',
  });
};

export interface InstancetypeGroup {
  /** `series` for `u1.medium` style names, `other` for the rest, `namespaced` for the project's own. */
  kind: 'series' | 'other' | 'namespaced';
  /** The series (`u1`), for `series` groups. */
  series?: string;
  cluster: boolean;
  items: Instancetype[];
}

const bySize = (a: Instancetype, b: Instancetype) =>
  (sizeOf(a).cpus ?? 0) - (sizeOf(b).cpus ?? 0) ||
  (quantityBytes(sizeOf(a).memory) ?? 0) - (quantityBytes(sizeOf(b).memory) ?? 0) ||
  (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');

/**
 * Cluster instance types grouped by series (the part of the name before the dot), smallest first;
 * then the project's own instance types.
 */
export const groupInstancetypes = (
  cluster: Instancetype[],
  namespaced: Instancetype[],
): InstancetypeGroup[] => {
  const series = new Map<string, Instancetype[]>();
  const other: Instancetype[] = [];
  for (const it of cluster) {
    const name = it.metadata?.name ?? '';
    const dot = name.indexOf('.');
    if (dot > 0) series.set(name.slice(0, dot), [...(series.get(name.slice(0, dot)) ?? []), it]);
    else other.push(it);
  }
  const groups: InstancetypeGroup[] = [...series.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((key) => ({
      kind: 'series',
      series: key,
      cluster: true,
      items: [...(series.get(key) ?? [])].sort(bySize),
    }));
  if (other.length) groups.push({ kind: 'other', cluster: true, items: [...other].sort(bySize) });
  if (namespaced.length)
    groups.push({ kind: 'namespaced', cluster: false, items: [...namespaced].sort(bySize) });
  return groups;
};
