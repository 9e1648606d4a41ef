import { Button, Flex, FlexItem, Progress } from '@patternfly/react-core';
import { formatByteCount } from '../../../../../../common/uploadProgress';
import { usePluginTranslation } from '../../../../../i18n';

export interface UploadState {
  sent: number;
  total: number;
}

/** An image upload under way: a progress bar in bytes and Cancel upload (Add disk, Add volume). */
export const UploadProgress = ({
  upload,
  helperText,
  onCancelUpload,
}: {
  upload?: UploadState;
  helperText?: string;
  onCancelUpload(): void;
}) => {
  const { t } = usePluginTranslation();
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
          helperText={helperText}
        />
      </FlexItem>
      <FlexItem>
        <Button variant="secondary" onClick={onCancelUpload}>
          {t('Cancel upload')}
        </Button>
      </FlexItem>
    </Flex>
  );
};
