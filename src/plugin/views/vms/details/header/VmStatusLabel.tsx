import { Label, type LabelProps } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  InProgressIcon,
  OffIcon,
  PauseCircleIcon,
  UnknownIcon,
} from '@patternfly/react-icons';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';

type Tone = { status?: LabelProps['status']; color?: LabelProps['color']; icon: ReactElement };

const IN_PROGRESS: Tone = { color: 'blue', icon: <InProgressIcon /> };
const ERROR: Tone = { status: 'danger', icon: <ExclamationCircleIcon /> };

/** KubeVirt's printable statuses, how they look and what they say. */
const STATUSES: Record<string, { tone: Tone; text: (t: TFunction) => string }> = {
  Running: { tone: { status: 'success', icon: <CheckCircleIcon /> }, text: (t) => t('Running') },
  Stopped: { tone: { color: 'grey', icon: <OffIcon /> }, text: (t) => t('Stopped') },
  Paused: { tone: { color: 'blue', icon: <PauseCircleIcon /> }, text: (t) => t('Paused') },
  Migrating: { tone: IN_PROGRESS, text: (t) => t('Migrating') },
  Starting: { tone: IN_PROGRESS, text: (t) => t('Starting') },
  Stopping: { tone: IN_PROGRESS, text: (t) => t('Stopping') },
  Terminating: { tone: IN_PROGRESS, text: (t) => t('Terminating') },
  Provisioning: { tone: IN_PROGRESS, text: (t) => t('Provisioning') },
  WaitingForVolumeBinding: { tone: IN_PROGRESS, text: (t) => t('Waiting for volume binding') },
  WaitingForReceiver: { tone: IN_PROGRESS, text: (t) => t('Waiting for receiver') },
  ErrorUnschedulable: { tone: ERROR, text: (t) => t('Unschedulable') },
  ErrImagePull: { tone: ERROR, text: (t) => t('Image pull error') },
  ImagePullBackOff: { tone: ERROR, text: (t) => t('Image pull back-off') },
  ErrorPvcNotFound: { tone: ERROR, text: (t) => t('PVC not found') },
  ErrorDataVolumeNotFound: { tone: ERROR, text: (t) => t('DataVolume not found') },
  DataVolumeError: { tone: ERROR, text: (t) => t('DataVolume error') },
  CrashLoopBackOff: { tone: ERROR, text: (t) => t('Crash loop back-off') },
};

/** The VM's printable status as a label (the list's popover explains it in more detail). */
export const VmStatusLabel = ({ vm }: { vm?: VirtualMachine }) => {
  const { t } = usePluginTranslation();
  const status = vm?.status?.printableStatus ?? 'Unknown';
  const known = STATUSES[status];
  const tone: Tone = known?.tone ?? { color: 'grey', icon: <UnknownIcon /> };
  const text = known ? known.text(t) : status === 'Unknown' ? t('Unknown') : status;
  return (
    <Label status={tone.status} color={tone.color} icon={tone.status ? undefined : tone.icon}>
      {text}
    </Label>
  );
};
