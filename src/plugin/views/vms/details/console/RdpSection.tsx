import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  HelperText,
  HelperTextItem,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { k8sCreate } from '../../../../api/k8s';
import { ServiceModel } from '../../../../api/models';
import type { Service, VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import {
  buildRdpService,
  endpointOf,
  rdpSelectorOf,
  rdpServiceName,
  type ExposedPort,
} from './desktopService';
import { EndpointField } from './EndpointField';
import { buildRdpFile, rdpFileName } from './rdpFile';
import { saveFile } from '../../../../components/downloadFile';

interface RdpSectionProps {
  vm: VirtualMachine;
  /** The Service forwarding port 3389 to the VM, if there is one. */
  exposed?: ExposedPort;
  nodeAddress?: string;
}

/** Remote Desktop: the Service exposing port 3389 (or a button creating one) and the `.rdp` file. */
export const RdpSection = ({ vm, exposed, nodeAddress }: RdpSectionProps) => {
  const { t } = usePluginTranslation();
  const namespace = vm.metadata?.namespace ?? '';
  const name = vm.metadata?.name ?? '';
  const canCreate = useAccessReview(
    exposed ? null : { verb: 'create', resource: 'services', namespace },
  );
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>();
  const selector = rdpSelectorOf(vm);
  const endpoint = exposed ? endpointOf(exposed, nodeAddress) : undefined;

  const create = async () => {
    if (!selector) return;
    setCreating(true);
    setError(undefined);
    try {
      await k8sCreate<Service>(ServiceModel, buildRdpService(vm, selector));
    } catch (failure) {
      setError(failure);
    } finally {
      setCreating(false);
    }
  };

  const body = () => {
    if (exposed && endpoint)
      return (
        <>
          <DescriptionList isCompact isHorizontal>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Service')}</DescriptionListTerm>
              <DescriptionListDescription>
                {t('{{service}} ({{type}})', {
                  service: exposed.service.metadata?.name,
                  type: exposed.service.spec?.type,
                })}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Address')}</DescriptionListTerm>
              <DescriptionListDescription>
                <EndpointField endpoint={endpoint} label={t('RDP address')} />
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          <div>
            <Button
              variant="primary"
              icon={<DownloadIcon />}
              isDisabled={endpoint.kind !== 'address'}
              onClick={() =>
                endpoint.kind === 'address' &&
                saveFile(
                  rdpFileName(name),
                  buildRdpFile({ host: endpoint.host, port: endpoint.port }),
                  'application/x-rdp',
                )
              }
            >
              {t('Download .rdp')}
            </Button>
          </div>
          {endpoint.kind === 'any-node' && (
            <HelperText>
              <HelperTextItem>
                {t(
                  "The .rdp file needs a host: you may not list the cluster's Nodes, so enter a node's address and the port in your Remote Desktop client.",
                )}
              </HelperTextItem>
            </HelperText>
          )}
        </>
      );
    if (!selector)
      return (
        <Alert variant="warning" isInline title={t('The VirtualMachine needs a label')}>
          {t(
            'A Service selects the VirtualMachine by a label of its template, and this one has neither kubevirt.io/domain nor vm.kubevirt.io/name. Add one of them to spec.template.metadata.labels (Configuration → Metadata or YAML), restart the VirtualMachine, then create the RDP service.',
          )}
        </Alert>
      );
    const denied = !canCreate.loading && !canCreate.allowed;
    return (
      <>
        <p>
          {t(
            'No Service exposes port 3389 of this VirtualMachine. Create a NodePort Service {{service}} forwarding port 3389 to the guest.',
            { service: rdpServiceName(name) },
          )}
        </p>
        <div>
          <Button
            variant="primary"
            onClick={() => void create()}
            isLoading={creating}
            isDisabled={creating || canCreate.loading || denied}
          >
            {t('Create RDP service')}
          </Button>
        </div>
        {denied && (
          <HelperText>
            <HelperTextItem variant="warning">
              {t('You may not create Services in {{namespace}}.', { namespace })}
            </HelperTextItem>
          </HelperText>
        )}
      </>
    );
  };

  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h3">{t('Remote Desktop (RDP)')}</Title>
      </StackItem>
      <StackItem>
        <Stack hasGutter>{body()}</Stack>
      </StackItem>
      {!!error && (
        <StackItem>
          <Alert variant="danger" isInline title={t('The RDP service could not be created')}>
            {errorMessage(error)}
          </Alert>
        </StackItem>
      )}
    </Stack>
  );
};
