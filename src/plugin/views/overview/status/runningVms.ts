import type { VmSummary } from '../../../api/vmIndex';

/** The label a VM created from a template carries (the template's name). */
export const TEMPLATE_LABEL = 'vm.kubevirt.io/template';

export interface RankedCount {
  /** '' for the VMs without one. */
  key: string;
  count: number;
}

/**
 * The `limit` most frequent keys, most first (then by name), and how many VMs the rest hold.
 * VMs without a key are counted under ''.
 */
export const rankBy = (
  vms: VmSummary[],
  keyOf: (vm: VmSummary) => string | undefined,
  limit = 5,
): { ranked: RankedCount[]; rest: number } => {
  const counts = new Map<string, number>();
  for (const vm of vms) {
    const key = keyOf(vm) ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const all = [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const ranked = all.slice(0, limit);
  return { ranked, rest: all.slice(limit).reduce((sum, entry) => sum + entry.count, 0) };
};

/** The template a VM was created from, if any (an empty label is none). */
export const templateOf = (vm: VmSummary): string | undefined =>
  vm.labels[TEMPLATE_LABEL] || undefined;

/** The guest OS: the agent's report, else the VM's OS label (the index's `os`). */
export const osOf = (vm: VmSummary): string | undefined => vm.os || undefined;
