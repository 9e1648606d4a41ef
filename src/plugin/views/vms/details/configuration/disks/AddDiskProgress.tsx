import { Button, Content, Flex, FlexItem, Progress, Spinner } from '@patternfly/react-core';
import { formatByteCount } from '../../../../../../common/uploadProgress';
import { usePluginTranslation } from '../../../../../i18n';
import type { AddDiskStep } from './runAddDisk';
import type { Readiness } from './volumeReadiness';

export interface UploadState {
  sent: number;
  total: number;
}

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
  if (step === 'uploading') {
    const percent = upload && upload.total > 0 ? Math.round((upload.sent / upload.total) * 100) : 0;
    return (
      <Flex alignItems={{ default: 'alignItemsCenter' }}>
        <FlexItem grow={{ default: 'grow' }}>
          <Progress
            title={t('Uploading the image')}
            value={percent}
            label={
              upload
                ? t('{{sent}} of {{total}}', {
                    sent: formatByteCount(upload.sent),
                    total: formatByteCount(upload.total),
                  })
                : undefined
            }
          />
        </FlexItem>
        <FlexItem>
          <Button variant="secondary" onClick={onCancelUpload}>
            {t('Cancel upload')}
          </Button>
        </FlexItem>
      </Flex>
    );
  }
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
