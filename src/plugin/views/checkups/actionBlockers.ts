import { missingText } from './hooks/checkupAccess';
import type { CheckupAccess } from './hooks/useCheckupAccess';
import type { CheckupStatus } from './model/checkupStatus';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Why Rerun or Delete cannot be used on this checkup now; empty when it can. */
export const actionBlockers = (
  action: 'rerun' | 'delete',
  status: CheckupStatus,
  access: CheckupAccess,
  namespace: string,
  t: Translate,
): string[] => [
  ...(action === 'rerun' && status.phase === 'Running'
    ? [t('The checkup is running: rerun it once it has ended.')]
    : []),
  ...access.actions[action].missing.map((item) => missingText(item, namespace, t)),
];
