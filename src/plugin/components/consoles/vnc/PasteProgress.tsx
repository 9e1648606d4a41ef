import {
  Alert,
  AlertActionCloseButton,
  Button,
  Flex,
  FlexItem,
  Progress,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import type { PasteJob } from './usePasteTyping';

/** Progress of typed paste, its Cancel button, and the characters the layout could not type. */
export const PasteProgress = ({
  job,
  layout,
  onCancel,
  onDismiss,
}: {
  job: PasteJob;
  layout: string;
  onCancel: () => void;
  onDismiss: () => void;
}) => {
  const { t } = usePluginTranslation();
  const skipped = job.unknown.length
    ? t('Skipped characters the {{layout}} layout cannot type: {{chars}}', {
        layout,
        chars: job.unknown.map((char) => JSON.stringify(char).slice(1, -1)).join(' '),
      })
    : undefined;
  if (job.done)
    return (
      <Alert
        isInline
        variant={job.cancelled || skipped ? 'warning' : 'success'}
        title={
          job.cancelled
            ? t('Paste cancelled after {{typed}} of {{total}} characters', {
                typed: job.typed,
                total: job.total,
              })
            : t('Paste finished: {{typed}} of {{total}} characters typed', {
                typed: job.typed,
                total: job.total,
              })
        }
        actionClose={<AlertActionCloseButton onClose={onDismiss} />}
      >
        {skipped}
      </Alert>
    );
  return (
    <Flex
      className="virtualization-plugin-vnc-paste-progress"
      alignItems={{ default: 'alignItemsFlexEnd' }}
      spaceItems={{ default: 'spaceItemsMd' }}
    >
      <FlexItem grow={{ default: 'grow' }}>
        <Progress
          value={job.total ? (job.typed / job.total) * 100 : 100}
          title={t('Typing pasted text: {{typed}} of {{total}} characters', {
            typed: job.typed,
            total: job.total,
          })}
          measureLocation="none"
        />
        {skipped && <Alert isInline isPlain variant="warning" title={skipped} />}
      </FlexItem>
      <Button variant="secondary" onClick={onCancel}>
        {t('Cancel paste')}
      </Button>
    </Flex>
  );
};
