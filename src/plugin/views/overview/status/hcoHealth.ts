import type { HyperConverged, K8sCondition } from '../../../api/types';

/** The HyperConverged conditions the seed names, in the order the card lists them. */
export const HCO_CONDITION_TYPES = [
  'Available',
  'Progressing',
  'Degraded',
  'ReconcileComplete',
  'Upgradeable',
] as const;
export type HcoConditionType = (typeof HCO_CONDITION_TYPES)[number];

/** The status each condition has when all is well. */
const HEALTHY_STATUS: Record<HcoConditionType, 'True' | 'False'> = {
  Available: 'True',
  Progressing: 'False',
  Degraded: 'False',
  ReconcileComplete: 'True',
  Upgradeable: 'True',
};

export type HealthTone = 'success' | 'info' | 'warning' | 'danger' | 'unknown';

/** How a condition reads: well, busy (progressing), worth a look, bad, or not reported. */
export const conditionTone = (type: HcoConditionType, condition?: K8sCondition): HealthTone => {
  if (!condition || (condition.status !== 'True' && condition.status !== 'False')) return 'unknown';
  if (condition.status === HEALTHY_STATUS[type]) return 'success';
  if (type === 'Degraded' || type === 'Available') return 'danger';
  if (type === 'Progressing') return 'info';
  return 'warning';
};

export const conditionOf = (hco: HyperConverged, type: string): K8sCondition | undefined =>
  hco.status?.conditions?.find((condition) => condition.type === type);

export type OverallHealth = 'healthy' | 'degraded' | 'unavailable' | 'progressing' | 'warning';

/** One word for the whole: the worst of the conditions, degraded before unavailable. */
export const overallHealth = (hco: HyperConverged): OverallHealth => {
  const tone = (type: HcoConditionType) => conditionTone(type, conditionOf(hco, type));
  if (tone('Degraded') === 'danger') return 'degraded';
  if (tone('Available') === 'danger') return 'unavailable';
  if (tone('Progressing') === 'info') return 'progressing';
  if (HCO_CONDITION_TYPES.some((type) => tone(type) === 'warning')) return 'warning';
  return 'healthy';
};

/** The operator's version (`status.versions[name=operator]`). */
export const operatorVersion = (hco: HyperConverged): string | undefined =>
  hco.status?.versions?.find((version) => version.name === 'operator')?.version;
