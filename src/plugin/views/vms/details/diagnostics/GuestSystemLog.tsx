import { consoleFetchText } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Button, CodeBlock, CodeBlockCode, Content } from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { bffURL, errorMessage } from '../../../../api/bff';
import { apiPath, PodModel } from '../../../../api/models';
import type { Pod, VirtualMachine } from '../../../../api/types';
import { stripAnsi } from '../../../../components/consoles/serial/transcript';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import { vmTabPath } from '../detailsPaths';

/** KubeVirt's sidecar that copies the serial console to the pod log (`logSerialConsole`). */
export const GUEST_LOG_CONTAINER = 'guest-console-log';
const TAIL_LINES = 1000;

/**
 * The guest's serial console log, read as the pod log of KubeVirt's `guest-console-log`
 * container. Without that container there is nothing to read: the Console tab shows it live.
 */
export const GuestSystemLog = ({ vm, pod }: { vm: VirtualMachine; pod?: Pod }) => {
  const { t } = usePluginTranslation();
  const namespace = vm.metadata?.namespace ?? '';
  const name = vm.metadata?.name ?? '';
  const hasContainer = !!pod?.spec?.containers?.some((c) => c.name === GUEST_LOG_CONTAINER);
  const podName = pod?.metadata?.name ?? '';
  const log = useQuery({
    queryKey: ['guest-system-log', namespace, podName],
    enabled: hasContainer,
    refetchInterval: 10_000,
    queryFn: () =>
      consoleFetchText(
        bffURL(
          `k8s${apiPath(PodModel, { namespace, name: podName, subresource: 'log' })}?${new URLSearchParams(
            {
              container: GUEST_LOG_CONTAINER,
              tailLines: String(TAIL_LINES),
            },
          )}`,
        ),
      ) as Promise<string>,
  });
  const consoleLink = (
    <Link to={vmTabPath(namespace, name, 'console')}>{t('Open the serial console')}</Link>
  );

  if (!pod)
    return (
      <Content component="p">
        {t('The VirtualMachine is not running: there is no guest system log to show.')}{' '}
        {consoleLink}
      </Content>
    );
  if (!hasContainer)
    return (
      <Alert variant="info" isInline isPlain title={t('Guest system log not available')}>
        <p>
          {t(
            'The log is read from the {{container}} container of the VirtualMachine\u2019s pod, which this VirtualMachine does not have. Turn on guest system log access (spec.template.spec.domain.devices.logSerialConsole) and restart the VirtualMachine to keep one; meanwhile the serial console shows the guest\u2019s output live.',
            { container: GUEST_LOG_CONTAINER },
          )}
        </p>
        {consoleLink}
      </Alert>
    );
  if (log.isPending) return <LoadingSkeleton label={t('Loading the guest system log')} />;
  if (log.error)
    return (
      <Alert variant="danger" isInline title={t('The guest system log could not be read')}>
        {errorMessage(log.error)}
      </Alert>
    );
  return (
    <>
      <Content component="p">
        {t('The last {{count}} lines of the serial console.', { count: TAIL_LINES })}{' '}
        <Button variant="link" isInline onClick={() => void log.refetch()}>
          {t('Refresh')}
        </Button>
      </Content>
      <CodeBlock>
        <CodeBlockCode>{stripAnsi(log.data ?? '') || t('(empty)')}</CodeBlockCode>
      </CodeBlock>
    </>
  );
};
