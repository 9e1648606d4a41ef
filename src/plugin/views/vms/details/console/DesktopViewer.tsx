import { Alert, Skeleton, Stack, StackItem } from '@patternfly/react-core';
import { errorMessage } from '../../../../api/bff';
import { ServiceModel } from '../../../../api/models';
import type { Service, VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { exposedPortOf, podLabelsOf, RDP_PORT, VNC_PORT } from './desktopService';
import { RdpSection } from './RdpSection';
import { useNodeAddress } from './useNodeAddress';
import { VncViewerSection } from './VncViewerSection';

export interface DesktopViewerProps {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
}

/**
 * Connecting with a desktop client: Remote Desktop through a Service on port 3389 (created here
 * if missing) with a `.rdp` file, and remote-viewer with a `.vv` file where a VNC port is exposed.
 */
export const DesktopViewer = ({ vm, vmi }: DesktopViewerProps) => {
  const { t } = usePluginTranslation();
  const namespace = vm.metadata?.namespace ?? '';
  const name = vm.metadata?.name ?? '';
  const services = useK8sWatchList<Service>(ServiceModel, { namespace });
  const nodeAddress = useNodeAddress(vmi?.status?.nodeName);
  const labels = podLabelsOf(vm, vmi);
  const rdp = exposedPortOf(services.data, labels, RDP_PORT);
  const vnc = exposedPortOf(services.data, labels, VNC_PORT);
  const running = vmi?.status?.phase === 'Running';

  return (
    <Stack hasGutter className="virtualization-plugin-desktop-viewer">
      <StackItem>
        <Alert
          variant="info"
          isInline
          isPlain
          title={t('Remote Desktop must be enabled in the guest')}
        >
          {t(
            "Windows guests need Remote Desktop turned on (Settings → System → Remote Desktop) and port 3389 allowed by the guest firewall; the QEMU guest agent helps report the guest's state.",
          )}
        </Alert>
      </StackItem>
      {!running && (
        <StackItem>
          <Alert variant="info" isInline title={t('The VirtualMachine is not running')}>
            {t('The addresses below answer once the VirtualMachine runs.')}
          </Alert>
        </StackItem>
      )}
      {services.error ? (
        <StackItem>
          <Alert variant="danger" isInline title={t('The Services could not be listed')}>
            {errorMessage(services.error)}
          </Alert>
        </StackItem>
      ) : !services.loaded ? (
        <StackItem>
          <Skeleton width="60%" screenreaderText={t('Loading Services')} />
        </StackItem>
      ) : (
        <>
          <StackItem>
            <RdpSection vm={vm} exposed={rdp} nodeAddress={nodeAddress} />
          </StackItem>
          <StackItem>
            <VncViewerSection
              namespace={namespace}
              name={name}
              exposed={vnc}
              nodeAddress={nodeAddress}
            />
          </StackItem>
        </>
      )}
    </Stack>
  );
};
