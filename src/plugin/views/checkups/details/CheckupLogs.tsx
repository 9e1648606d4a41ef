import { Alert, Button, Content, Flex, FlexItem, Title } from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons';
import { useId } from 'react';
import { errorMessage } from '../../../api/bff';
import { saveFile } from '../../../components/downloadFile';
import { usePluginTranslation } from '../../../i18n';
import { LoadingSkeleton } from '../../vms/details/DetailsStates';
import { useCheckupLog } from '../hooks/useCheckupLog';
import type { Pod } from '../model/types';

const logStyle = {
  maxHeight: '28rem',
  overflow: 'auto',
  margin: 0,
  padding: 'var(--pf-t--global--spacer--md)',
  fontFamily: 'var(--pf-t--global--font--family--mono)',
  fontSize: 'var(--pf-t--global--font--size--body--sm)',
  whiteSpace: 'pre-wrap' as const,
  wordBreak: 'break-word' as const,
  color: 'var(--pf-t--global--text--color--regular)',
  backgroundColor: 'var(--pf-t--global--background--color--secondary--default)',
  border:
    'var(--pf-t--global--border--width--regular) solid var(--pf-t--global--border--color--default)',
  borderRadius: 'var(--pf-t--global--border--radius--small)',
};

/**
 * The log of the newest Job's pod, read again every few seconds while the checkup runs; a
 * download of what is shown. "No logs yet" until the pod has printed something.
 */
export const CheckupLogs = ({
  namespace,
  checkupName,
  pod,
  running,
}: {
  namespace: string;
  checkupName: string;
  pod?: Pod;
  running: boolean;
}) => {
  const { t } = usePluginTranslation();
  const headingId = useId();
  const podName = pod?.metadata?.name;
  const log = useCheckupLog(namespace, podName, running);
  const text = log.data ?? '';

  const body = () => {
    if (!podName) return <Content component="p">{t('No logs yet.')}</Content>;
    if (log.isPending) return <LoadingSkeleton label={t('Loading the logs')} rows={3} />;
    if (log.error && !text)
      return (
        <Alert variant="danger" isInline title={t('The logs could not be read')}>
          {errorMessage(log.error)}
        </Alert>
      );
    if (!text) return <Content component="p">{t('No logs yet.')}</Content>;
    return (
      // A scrollable region is focusable so it can be scrolled by keyboard.
      <pre
        style={logStyle}
        role="region"
        aria-label={t('Log of pod {{pod}}', { pod: podName })}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
      >
        {text}
      </pre>
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <FlexItem>
          <Title headingLevel="h2" id={headingId}>
            {t('Logs')}
          </Title>
          {podName && (
            <Content component="small">
              {running
                ? t('Pod {{pod}}, refreshed while the checkup runs', { pod: podName })
                : t('Pod {{pod}}', { pod: podName })}
            </Content>
          )}
        </FlexItem>
        <FlexItem>
          <Button
            variant="secondary"
            icon={<DownloadIcon />}
            isDisabled={!text}
            onClick={() => saveFile(`${checkupName}.log`, text, 'text/plain')}
          >
            {t('Download')}
          </Button>
        </FlexItem>
      </Flex>
      {body()}
    </section>
  );
};
