import {
  Button,
  ClipboardCopy,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { NodeModel, ServiceModel } from '../../../../api/models';
import type { K8sObject, VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { useK8sWatchList, useK8sWatchObject } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import {
  nodeAddressOf,
  serviceSshCommand,
  sshServiceOf,
  sshUserOf,
  virtctlSshCommand,
} from '../sshCommand';

/** Copy SSH command: `virtctl ssh`, and `ssh -p` when a NodePort or LoadBalancer service exposes port 22. */
export const SshCommandModal = ({
  namespace,
  name,
  vm,
  vmi,
  canGetNodes,
  close,
}: {
  namespace: string;
  name: string;
  vm?: VirtualMachine;
  vmi?: VirtualMachineInstance;
  canGetNodes: boolean;
  close: () => void;
}) => {
  const { t } = usePluginTranslation();
  const services = useK8sWatchList<Parameters<typeof sshServiceOf>[2][number] & K8sObject>(
    ServiceModel,
    {
      namespace,
    },
  );
  const nodeName = vmi?.status?.nodeName;
  const node = useK8sWatchObject<K8sObject>(
    NodeModel,
    canGetNodes && nodeName ? { name: nodeName } : null,
  );
  const user = sshUserOf(vm) ?? t('<username>');
  const virtctl = virtctlSshCommand(namespace, name, user);
  const match = sshServiceOf(vm, vmi, services.data ?? []);
  const viaService = match
    ? serviceSshCommand(
        match,
        user,
        nodeAddressOf(node.data as Parameters<typeof nodeAddressOf>[0]),
      )
    : undefined;

  return (
    <Modal
      isOpen
      variant="medium"
      onClose={close}
      aria-labelledby="virtualization-plugin-ssh-title"
    >
      <ModalHeader
        title={t('SSH to {{name}}', { name })}
        labelId="virtualization-plugin-ssh-title"
      />
      <ModalBody>
        <Form onSubmit={(event) => event.preventDefault()}>
          <FormGroup label={t('With virtctl')} fieldId="virtualization-plugin-ssh-virtctl">
            <ClipboardCopy
              id="virtualization-plugin-ssh-virtctl"
              isReadOnly
              hoverTip={t('Copy')}
              clickTip={t('Copied')}
              textAriaLabel={t('virtctl SSH command')}
            >
              {virtctl}
            </ClipboardCopy>
            <FormHelperText>
              <HelperText>
                <HelperTextItem>
                  {t(
                    'Goes through the Kubernetes API with your credentials; add -i to pick a key.',
                  )}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('Through a service')} fieldId="virtualization-plugin-ssh-service">
            {viaService ? (
              <>
                <ClipboardCopy
                  id="virtualization-plugin-ssh-service"
                  isReadOnly
                  hoverTip={t('Copy')}
                  clickTip={t('Copied')}
                  textAriaLabel={t('SSH command through the service')}
                >
                  {viaService}
                </ClipboardCopy>
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>
                      {t('Service {{service}} ({{type}})', {
                        service: match?.service.metadata?.name,
                        type: match?.service.spec?.type,
                      })}
                    </HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </>
            ) : (
              <Content component="p">
                {services.loaded
                  ? t(
                      'No NodePort or LoadBalancer service exposes port 22 of this VM. Create one (virtctl expose vm {{name}} --type NodePort --port 22) to reach it from outside the cluster.',
                      { name },
                    )
                  : t('Looking for a service…')}
              </Content>
            )}
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={close}>
          {t('Close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
