import { Label, LabelGroup } from '@patternfly/react-core';
import type { TFunction } from 'i18next';
import type { VirtualMachineSnapshot } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';

const phaseText = (t: TFunction, phase?: string) => {
  switch (phase) {
    case 'Succeeded':
      return t('Succeeded');
    case 'InProgress':
      return t('In progress');
    case 'Failed':
      return t('Failed');
    case 'Unknown':
    case undefined:
      return t('Unknown');
    default:
      return phase;
  }
};

/** Phase, with whether it can be used, as a label. */
export const SnapshotPhase = ({ snapshot }: { snapshot: VirtualMachineSnapshot }) => {
  const { t } = usePluginTranslation();
  const phase = snapshot.status?.phase;
  const ready = snapshot.status?.readyToUse;
  return (
    <Label
      isCompact
      status={phase === 'Failed' ? 'danger' : ready ? 'success' : undefined}
      color={phase === 'InProgress' ? 'blue' : undefined}
    >
      {ready ? t('Ready') : phaseText(t, phase)}
    </Label>
  );
};

const indicationText = (t: TFunction, indication: string) => {
  switch (indication) {
    case 'Online':
      return t('Online');
    case 'GuestAgent':
      return t('Guest agent');
    case 'NoGuestAgent':
      return t('No guest agent');
    default:
      return indication;
  }
};

/** Online / GuestAgent / NoGuestAgent: how consistent the snapshot is. */
export const SnapshotIndications = ({ snapshot }: { snapshot: VirtualMachineSnapshot }) => {
  const { t } = usePluginTranslation();
  const indications = snapshot.status?.indications ?? [];
  if (!indications.length) return <>{'—'}</>;
  return (
    <LabelGroup>
      {indications.map((indication) => (
        <Label
          key={indication}
          isCompact
          status={indication === 'NoGuestAgent' ? 'warning' : undefined}
          color={indication === 'NoGuestAgent' ? undefined : 'grey'}
        >
          {indicationText(t, indication)}
        </Label>
      ))}
    </LabelGroup>
  );
};
