import {
  ClipboardCopy,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Button,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons';
import { usePluginTranslation } from '../../../../i18n';
import { endpointOf, type ExposedPort } from './desktopService';
import { EndpointField } from './EndpointField';
import { saveFile } from '../../../../components/downloadFile';
import { buildVvFile, vvFileName } from './vvFile';

interface VncViewerSectionProps {
  namespace: string;
  name: string;
  /** A Service forwarding port 5900 to a VNC server in the guest, if there is one. */
  exposed?: ExposedPort;
  nodeAddress?: string;
}

/**
 * remote-viewer (virt-viewer): a `.vv` file when a Service exposes a VNC server in the guest;
 * otherwise `virtctl vnc`, which tunnels KubeVirt's own display (it has no network port).
 */
export const VncViewerSection = ({
  namespace,
  name,
  exposed,
  nodeAddress,
}: VncViewerSectionProps) => {
  const { t } = usePluginTranslation();
  const endpoint = exposed ? endpointOf(exposed, nodeAddress) : undefined;
  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h3">{t('VNC viewer (remote-viewer)')}</Title>
      </StackItem>
      {exposed && endpoint ? (
        <>
          <StackItem>
            <DescriptionList isCompact isHorizontal>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Service')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {exposed.service.metadata?.name}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('Address')}</DescriptionListTerm>
                <DescriptionListDescription>
                  <EndpointField endpoint={endpoint} label={t('VNC address')} />
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </StackItem>
          <StackItem>
            <Button
              variant="secondary"
              icon={<DownloadIcon />}
              isDisabled={endpoint.kind !== 'address'}
              onClick={() =>
                endpoint.kind === 'address' &&
                saveFile(
                  vvFileName(name),
                  buildVvFile({ host: endpoint.host, port: endpoint.port, title: name }),
                  'application/x-virt-viewer',
                )
              }
            >
              {t('Download .vv')}
            </Button>
          </StackItem>
        </>
      ) : (
        <StackItem>
          <Content component="p">
            {t(
              "No Service exposes a VNC server (port 5900) of this VirtualMachine, so there is no .vv file to download: KubeVirt's own display is reached through the API server, not a network port. With virtctl and remote-viewer installed, this command opens it:",
            )}
          </Content>
        </StackItem>
      )}
      <StackItem>
        <ClipboardCopy
          isReadOnly
          hoverTip={t('Copy')}
          clickTip={t('Copied')}
          textAriaLabel={t('virtctl VNC command')}
        >
          {`virtctl vnc ${name} -n ${namespace}`}
        </ClipboardCopy>
      </StackItem>
    </Stack>
  );
};
