import { ClipboardCopy, Content } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../i18n';
import type { Endpoint } from './desktopService';
import { hostPort } from './rdpFile';

/** Where to connect: a copyable `host:port`, a port on any node, or "pending". */
export const EndpointField = ({ endpoint, label }: { endpoint: Endpoint; label: string }) => {
  const { t } = usePluginTranslation();
  if (endpoint.kind === 'pending')
    return (
      <Content component="p">
        {t('Pending: the Service has no external address or port yet.')}
      </Content>
    );
  if (endpoint.kind === 'any-node')
    return (
      <>
        <ClipboardCopy isReadOnly hoverTip={t('Copy')} clickTip={t('Copied')} textAriaLabel={label}>
          {String(endpoint.port)}
        </ClipboardCopy>
        <Content component="p">
          {t("Connect to port {{port}} on any node's address that you can reach.", {
            port: endpoint.port,
          })}
        </Content>
      </>
    );
  return (
    <ClipboardCopy isReadOnly hoverTip={t('Copy')} clickTip={t('Copied')} textAriaLabel={label}>
      {hostPort(endpoint.host, endpoint.port)}
    </ClipboardCopy>
  );
};
