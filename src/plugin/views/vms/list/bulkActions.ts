import { k8sDelete, k8sPatch } from '../../../api/k8s';
import { VirtualMachineInstanceModel, VirtualMachineModel } from '../../../api/models';
import type { VmSummary } from '../../../api/vmIndex';
import type { VmAccessKey } from '../actions/vmActionAccess';
import type { Translate } from '../actions/vmActionModel';
import { pauseVm, restartVm, startVm, stopVm, unpauseVm } from '../actions/vmMutations';

/** Actions on many VMs at once: which rows they apply to, and what they do to one. */

export type BulkActionId = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'labels' | 'delete';

export interface LabelChange {
  key: string;
  /** Set the label to this value; `null` removes it. */
  value: string | null;
}

export interface BulkAction {
  id: BulkActionId;
  label: (t: Translate) => string;
  /** Rows the action makes sense for; the others are skipped and counted. */
  applies: (row: VmSummary) => boolean;
  run: (row: VmSummary, labels?: LabelChange) => Promise<unknown>;
  /** Asks first, listing the VMs (actions that lose work). */
  confirm: boolean;
  access: VmAccessKey;
}

const ref = (row: VmSummary) => ({ namespace: row.namespace, name: row.name });
const BUSY = ['Running', 'Paused', 'Migrating', 'Starting', 'Stopping', 'Terminating'];

export const BULK_ACTIONS: BulkAction[] = [
  {
    id: 'start',
    label: (t) => t('Start'),
    applies: (row) => !row.standalone && !BUSY.includes(row.status),
    run: (row) => startVm(ref(row)),
    confirm: false,
    access: 'start',
  },
  {
    id: 'stop',
    label: (t) => t('Stop'),
    applies: (row) => !row.standalone && row.status !== 'Stopped' && row.status !== 'Terminating',
    run: (row) => stopVm(ref(row)),
    confirm: true,
    access: 'stop',
  },
  {
    id: 'restart',
    label: (t) => t('Restart'),
    applies: (row) => !row.standalone && ['Running', 'Paused', 'Migrating'].includes(row.status),
    run: (row) => restartVm(ref(row)),
    confirm: true,
    access: 'restart',
  },
  {
    id: 'pause',
    label: (t) => t('Pause'),
    applies: (row) => row.status === 'Running',
    run: (row) => pauseVm(ref(row)),
    confirm: false,
    access: 'pause',
  },
  {
    id: 'unpause',
    label: (t) => t('Unpause'),
    applies: (row) => row.status === 'Paused',
    run: (row) => unpauseVm(ref(row)),
    confirm: false,
    access: 'unpause',
  },
  {
    id: 'labels',
    label: (t) => t('Edit labels'),
    applies: () => true,
    run: (row, change) =>
      change
        ? k8sPatch(row.standalone ? VirtualMachineInstanceModel : VirtualMachineModel, ref(row), {
            metadata: { labels: { [change.key]: change.value } },
          })
        : Promise.resolve(),
    confirm: false,
    access: 'update',
  },
  {
    id: 'delete',
    label: (t) => t('Delete'),
    applies: (row) => row.status !== 'Terminating',
    run: (row) =>
      k8sDelete(row.standalone ? VirtualMachineInstanceModel : VirtualMachineModel, ref(row)),
    confirm: true,
    access: 'delete',
  },
];

export interface BulkOutcome {
  row: VmSummary;
  status: 'done' | 'skipped' | 'failed';
  error?: unknown;
}

/** Runs `task` over the items, at most `limit` at a time, in order of the items. */
export const runLimited = async <T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> => {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      try {
        results[at] = { status: 'fulfilled', value: await task(items[at] as T) };
      } catch (reason) {
        results[at] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

/** How many requests a bulk action keeps in flight. */
export const BULK_CONCURRENCY = 4;

/** One bulk action over the selection: each row done, skipped (does not apply) or failed. */
export const runBulkAction = async (
  action: BulkAction,
  rows: VmSummary[],
  labels?: LabelChange,
  onProgress?: (finished: number) => void,
): Promise<BulkOutcome[]> => {
  const applicable = rows.filter(action.applies);
  let finished = 0;
  const settled = await runLimited(applicable, BULK_CONCURRENCY, async (row) => {
    try {
      return await action.run(row, labels);
    } finally {
      onProgress?.(++finished);
    }
  });
  const outcomes = new Map<VmSummary, BulkOutcome>();
  applicable.forEach((row, at) => {
    const result = settled[at];
    outcomes.set(
      row,
      result?.status === 'rejected'
        ? { row, status: 'failed', error: result.reason }
        : { row, status: 'done' },
    );
  });
  return rows.map((row) => outcomes.get(row) ?? { row, status: 'skipped' });
};
