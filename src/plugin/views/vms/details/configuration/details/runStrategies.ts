import type { TFunction } from 'i18next';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { setAt } from '../editor/vmPatch';

export type RunStrategy = 'Always' | 'RerunOnFailure' | 'Once' | 'Manual' | 'Halted';

/** KubeVirt's run strategies, each with what it does in one line. */
export const RUN_STRATEGIES: {
  id: RunStrategy;
  label: (t: TFunction) => string;
  description: (t: TFunction) => string;
}[] = [
  {
    id: 'Always',
    label: (t) => t('Always'),
    description: (t) =>
      t('Keeps the VirtualMachine running: it is started again whenever it stops or fails.'),
  },
  {
    id: 'RerunOnFailure',
    label: (t) => t('RerunOnFailure'),
    description: (t) =>
      t('Started again only after a failure; a shutdown from inside the guest keeps it stopped.'),
  },
  {
    id: 'Once',
    label: (t) => t('Once'),
    description: (t) => t('Runs once and is not started again, whether it stops or fails.'),
  },
  {
    id: 'Manual',
    label: (t) => t('Manual'),
    description: (t) =>
      t('Started, stopped and restarted only by you; never started again automatically.'),
  },
  {
    id: 'Halted',
    label: (t) => t('Halted'),
    description: (t) => t('Kept stopped; saving this on a running VirtualMachine stops it.'),
  },
];

export const runStrategyLabel = (strategy: string, t: TFunction): string =>
  RUN_STRATEGIES.find((entry) => entry.id === strategy)?.label(t) ?? strategy;

/** The strategy in effect: `spec.runStrategy`, or the legacy `spec.running` flag. */
export const runStrategyOf = (vm: VirtualMachine): string => {
  if (vm.spec?.runStrategy) return vm.spec.runStrategy;
  return vm.spec?.running ? 'Always' : 'Halted';
};

/** The VM still uses the legacy `spec.running` flag. */
export const usesRunningFlag = (vm: VirtualMachine): boolean => vm.spec?.running !== undefined;

/** Sets `spec.runStrategy`; `spec.running` is removed, as the two may not be set together. */
export const runStrategyOps = (vm: VirtualMachine, strategy: RunStrategy): JsonPatchOp[] => [
  ...setAt(vm, ['spec', 'running'], undefined),
  ...setAt(vm, ['spec', 'runStrategy'], strategy),
];
