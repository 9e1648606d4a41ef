import { Button, Content, Flex, FlexItem, Progress, Spinner } from '@patternfly/react-core';
import { formatByteCount } from '../../../../../common/uploadProgress';
import { usePluginTranslation } from '../../../../i18n';
import type { AddVolumeStep } from './runAddVolume';

export interface UploadState {
  sent: number;
  total: number;
}

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
            helperText={t('Cancelling deletes the DataVolume the image was going into.')}
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
  const text = step === 'creating' ? t('Creating the DataVolume…') : t('Creating the DataSource…');
  return (
    <Content component="p" aria-live="polite">
      <Spinner size="md" aria-label={text} /> {text}
    </Content>
  );
};
