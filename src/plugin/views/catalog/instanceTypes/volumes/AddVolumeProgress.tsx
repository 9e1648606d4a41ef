import { Content, Spinner } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../i18n';
import {
  UploadProgress,
  type UploadState,
} from '../../../vms/details/configuration/disks/UploadProgress';
import type { AddVolumeStep } from './runAddVolume';

/** Where adding the volume stands; while uploading, a progress bar and Cancel upload. */
export const AddVolumeProgress = ({
  step,
  upload,
  onCancelUpload,
}: {
  step: AddVolumeStep;
  upload?: UploadState;
  onCancelUpload(): void;
}) => {
  const { t } = usePluginTranslation();
  if (step === 'uploading')
    return (
      <UploadProgress
        upload={upload}
        helperText={t('Cancelling deletes the DataVolume the image was going into.')}
        onCancelUpload={onCancelUpload}
      />
    );
  const text = step === 'creating' ? t('Creating the DataVolume…') : t('Creating the DataSource…');
  return (
    <Content component="p" aria-live="polite">
      <Spinner size="md" aria-label={text} /> {text}
    </Content>
  );
};
