import { Label } from '@patternfly/react-core';
import { HourglassHalfIcon, InProgressIcon } from '@patternfly/react-icons';
import { usePluginTranslation } from '../../i18n';
import type { CheckupPhase } from './model/checkupStatus';

/** A checkup's phase as a label: green Succeeded, red Failed, blue Running, grey Pending. */
export const CheckupStatusLabel = ({ phase }: { phase: CheckupPhase }) => {
  const { t } = usePluginTranslation();
  switch (phase) {
    case 'Succeeded':
      return <Label status="success">{t('Succeeded')}</Label>;
    case 'Failed':
      return <Label status="danger">{t('Failed')}</Label>;
    case 'Running':
      return (
        <Label color="blue" icon={<InProgressIcon />}>
          {t('Running')}
        </Label>
      );
    default:
      return (
        <Label color="grey" icon={<HourglassHalfIcon />}>
          {t('Pending')}
        </Label>
      );
  }
};
