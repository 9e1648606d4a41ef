import type { Translate } from '../../../actions/vmActionModel';
import type { AffinityCondition, AffinityRuleType } from './affinityRules';
import type { EvictionStrategy } from './schedulingOps';

export const ruleTypeLabel = (type: AffinityRuleType, t: Translate): string =>
  type === 'node'
    ? t('Node affinity')
    : type === 'pod'
      ? t('Workload (pod) affinity')
      : t('Workload anti-affinity');

export const conditionLabel = (condition: AffinityCondition, t: Translate): string =>
  condition === 'required' ? t('Required during scheduling') : t('Preferred during scheduling');

/** One line per strategy; unset is the cluster's default. */
export const evictionDescription = (
  strategy: EvictionStrategy | undefined,
  t: Translate,
): string => {
  switch (strategy) {
    case 'LiveMigrate':
      return t(
        'Live migrate the VirtualMachine when its node is drained; the drain waits while it cannot migrate.',
      );
    case 'LiveMigrateIfPossible':
      return t(
        'Live migrate when it can; otherwise shut it down, so it never blocks a drain or an upgrade.',
      );
    case 'None':
      return t(
        'Shut the VirtualMachine down when its node is drained (for RWO storage or passthrough devices).',
      );
    case 'External':
      return t(
        'Block the eviction and leave it to an external controller, which is told the node to leave.',
      );
    default:
      return t('Use the cluster default eviction strategy.');
  }
};
