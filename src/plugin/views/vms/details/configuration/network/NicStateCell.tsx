import { Label, LabelGroup } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../../i18n';
import { stateLabel } from './nicLabels';
import type { NicRow } from './nicRows';

/** The NIC's state and what is pending for it on the running VM. */
export const NicStateCell = ({ row }: { row: NicRow }) => {
  const { t } = usePluginTranslation();
  return (
    <LabelGroup numLabels={4}>
      <Label
        isCompact
        status={row.state === 'up' ? 'success' : row.state === 'down' ? 'warning' : undefined}
      >
        {stateLabel(row.state, t)}
      </Label>
      {row.source === 'default' && (
        <Label isCompact color="grey">
          {t('Added by default')}
        </Label>
      )}
      {row.hotplug === 'plugging' && (
        <Label isCompact color="blue">
          {t('Hot-plug pending')}
        </Label>
      )}
      {row.hotplug === 'unplugging' && (
        <Label isCompact color="blue">
          {t('Hot-unplug pending')}
        </Label>
      )}
      {row.pendingRestart && (
        <Label isCompact color="orange">
          {t('Pending restart')}
        </Label>
      )}
    </LabelGroup>
  );
};
