import type { CheckupDefinition } from './checkupKinds';
import type { CheckupReason } from './model/checkupStatus';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Why a checkup failed or waits, in words. `serviceAccountMissing`: the Job waits for the
 * account Install permissions creates.
 */
export const statusReasonText = (
  reason: CheckupReason | undefined,
  checkup: CheckupDefinition,
  t: Translate,
  serviceAccountMissing = false,
): string | undefined => {
  switch (reason?.kind) {
    case 'checkup':
      return reason.message || t('The checkup failed without giving a reason.');
    case 'job':
      if (reason.reason === 'BackoffLimitExceeded')
        return t('The checkup\u2019s pod failed before it reported a result; see its logs.');
      return reason.message || reason.reason || t('The checkup\u2019s Job failed.');
    case 'noResult':
      return t('The checkup\u2019s Job completed without writing a result into the ConfigMap.');
    case 'jobNotStarted':
      return serviceAccountMissing
        ? t(
            'The Job cannot start: service account {{account}} does not exist in this project. Install permissions, then rerun the checkup.',
            { account: checkup.serviceAccount },
          )
        : t('The Job has not started its pod yet.');
    case 'noJob':
      return t('No Job runs this checkup. Rerun it to start one.');
    default:
      return undefined;
  }
};
