import { Content, Spinner } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../../i18n';
import type { AddDiskStep } from './runAddDisk';
import { UploadProgress, type UploadState } from './UploadProgress';
import type { Readiness } from './volumeReadiness';

/** Where adding the disk stands: creating, uploading (with Cancel), preparing, attaching. */
export const AddDiskProgress = ({
  step,
  upload,
  readiness,
  onCancelUpload,
}: {
  step: AddDiskStep;
  upload?: UploadState;
  readiness?: Readiness;
  onCancelUpload(): void;
}) => {
  const { t } = usePluginTranslation();
  if (step === 'uploading')
    return <UploadProgress upload={upload} onCancelUpload={onCancelUpload} />;
  const text = {
    creating: t('Creating the DataVolume…'),
    preparing: t('Preparing the disk…'),
    attaching: t('Attaching the disk to the running guest…'),
    saving: t('Saving the VirtualMachine…'),
  }[step];
  const waiting = step === 'preparing' && readiness?.state === 'waiting' ? readiness : undefined;
  return (
    <Content component="p" aria-live="polite">
      <Spinner size="md" aria-label={text} /> {text}{' '}
      {waiting?.progress
        ? t('{{phase}}, {{progress}}', {
            phase: waiting.phase ?? t('Pending'),
            progress: waiting.progress,
          })
        : waiting?.phase}
      {waiting?.message && <Content component="small"> {waiting.message}</Content>}
    </Content>
  );
};
