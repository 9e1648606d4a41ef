import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { setAt } from '../editor/vmPatch';

export type MetadataField = 'labels' | 'annotations';

/**
 * The VM's labels or annotations replaced by `map` (an empty map removes the field), tested
 * first: for a draft VM, where the merge patch of the actions' modal does not apply.
 */
export const metadataOps = (
  vm: VirtualMachine,
  field: MetadataField,
  map: Record<string, string>,
): JsonPatchOp[] => setAt(vm, ['metadata', field], Object.keys(map).length ? map : undefined);

/** Sorted `[key, value]` pairs, for display. */
export const sortedEntries = (map?: Record<string, string>): [string, string][] =>
  Object.entries(map ?? {}).sort(([a], [b]) => a.localeCompare(b));
