import {
  ClipboardCopy,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useAccessReview } from '../../../../../api/access';
import { errorMessage } from '../../../../../api/bff';
import { k8sCreate, k8sDelete, k8sPatch } from '../../../../../api/k8s';
import { NodeModel, ServiceModel } from '../../../../../api/models';
import type { Node, Service } from '../../../../../api/types';
import { useK8sWatchList, useK8sWatchObject } from '../../../../../api/watch';
import { usePluginTranslation } from '../../../../../i18n';
import { ModalError } from '../../../actions/modals/ModalError';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import {
  NODE_ADDRESS_PLACEHOLDER,
  nodeAddressOf,
  serviceSshCommand,
  sshServiceOf,
  sshUserOf,
  virtctlSshCommand,
} from '../../../actions/sshCommand';
import type { VmEditor } from '../editor/vmEditor';
import { DEFAULT_GUEST_USER } from './accessCredentials';
import {
  buildSshService,
  managedSshServiceOf,
  SSH_SERVICE_TYPES,
  sshSelectorOf,
  sshServiceName,
  sshServiceTypeOf,
  type SshServiceType,
} from './sshService';

const Copyable = ({ label, children }: { label: string; children: string }) => {
  const { t } = usePluginTranslation();
  return (
    <ClipboardCopy isReadOnly hoverTip={t('Copy')} clickTip={t('Copied')} textAriaLabel={label}>
      {children}
    </ClipboardCopy>
  );
};

/**
 * SSH access from outside the cluster: a NodePort or LoadBalancer Service forwarding port 22 of
 * the VM's pod (`<vm>-ssh-service`), and the commands that reach the guest.
 */
export const SshAccessSection = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const { vm, vmi } = editor;
  const namespace = vm.metadata?.namespace ?? '';
  const name = vm.metadata?.name ?? '';
  const services = useK8sWatchList<Service>(ServiceModel, editor.live ? { namespace } : null);
  const canCreate = useAccessReview(
    editor.live ? { verb: 'create', resource: 'services', namespace } : null,
  );
  const canDelete = useAccessReview(
    editor.live ? { verb: 'delete', resource: 'services', namespace } : null,
  );
  const canGetNodes = useAccessReview({ verb: 'get', resource: 'nodes' });
  const nodeName = vmi?.status?.nodeName;
  const node = useK8sWatchObject<Node>(
    NodeModel,
    canGetNodes.allowed && nodeName ? { name: nodeName } : null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const managed = managedSshServiceOf(vm, services.data);
  const type = sshServiceTypeOf(managed);
  const user = sshUserOf(vm) ?? DEFAULT_GUEST_USER;
  const ordered = managed
    ? [managed, ...services.data.filter((s) => s !== managed)]
    : services.data;
  const managedPort = managed?.spec?.ports?.find((port) => String(port.targetPort) === '22');
  // The managed service shows even before its selector matches (the label patch may lag).
  const match =
    sshServiceOf(vm, vmi, ordered) ??
    (managed && managedPort ? { service: managed, port: managedPort } : undefined);
  const nodeAddress = nodeAddressOf(node.data);
  const command = match ? serviceSshCommand(match, user, nodeAddress) : undefined;

  const label: Record<SshServiceType, string> = {
    None: t('None'),
    NodePort: t('SSH over NodePort'),
    LoadBalancer: t('SSH over LoadBalancer'),
  };
  const permissionReason = services.error
    ? t('The Services of {{namespace}} cannot be listed: {{message}}', {
        namespace,
        message: errorMessage(services.error),
      })
    : !canCreate.loading && !canCreate.allowed
      ? t('You may not create Services in {{namespace}}.', { namespace })
      : managed && !canDelete.loading && !canDelete.allowed
        ? t('You may not delete Services in {{namespace}}.', { namespace })
        : undefined;

  const change = async (next: SshServiceType) => {
    if (next === type) return;
    setBusy(true);
    setError(undefined);
    try {
      const ref = { namespace, name: managed?.metadata?.name ?? '' };
      if (next === 'None') await k8sDelete(ServiceModel, ref);
      else if (managed) await k8sPatch(ServiceModel, ref, { spec: { type: next } });
      else {
        const { selector, labelOps } = sshSelectorOf(vm);
        // The template says which label the service selects (KubeVirt's pods carry it already).
        if (labelOps.length) await editor.patch(labelOps);
        await k8sCreate<Service>(ServiceModel, buildSshService(vm, next, selector));
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (!editor.live)
    return (
      <Content component="p">
        {t('SSH access through a Service can be set up once the VirtualMachine exists.')}
      </Content>
    );

  return (
    <>
      <Title headingLevel="h3">{t('SSH access')}</Title>
      <Form onSubmit={(event) => event.preventDefault()}>
        <FormGroup label={t('SSH service type')} fieldId="virtualization-plugin-ssh-service-type">
          <FormSelect
            id="virtualization-plugin-ssh-service-type"
            value={type}
            isDisabled={busy || !services.loaded || !!permissionReason || canCreate.loading}
            onChange={(_, value) => void change(value as SshServiceType)}
          >
            {SSH_SERVICE_TYPES.map((option) => (
              <FormSelectOption key={option} value={option} label={label[option]} />
            ))}
          </FormSelect>
          <FieldHelp warning={permissionReason}>
            {type === 'LoadBalancer'
              ? t(
                  'A LoadBalancer service needs a load balancer in the cluster (for example MetalLB); the address shows once one is assigned.',
                )
              : t('Creates the Service {{service}} forwarding port 22 of the VirtualMachine.', {
                  service: sshServiceName(name),
                })}
          </FieldHelp>
        </FormGroup>
        {busy && <Spinner size="md" aria-label={t('Updating the SSH service')} />}
        <ModalError error={error} />
        {match && (
          <FormGroup label={t('SSH command')} fieldId="virtualization-plugin-ssh-command">
            {command ? (
              <Copyable label={t('SSH command')}>{command}</Copyable>
            ) : (
              <Content component="p">
                {t('Pending: the service {{service}} has no address yet.', {
                  service: match.service.metadata?.name,
                })}
              </Content>
            )}
            {command?.includes(NODE_ADDRESS_PLACEHOLDER) && (
              <FieldHelp>
                {t('Use the address of any node of the cluster that you can reach.')}
              </FieldHelp>
            )}
          </FormGroup>
        )}
        <FormGroup label={t('With virtctl')} fieldId="virtualization-plugin-ssh-virtctl">
          <Copyable label={t('virtctl SSH command')}>
            {virtctlSshCommand(namespace, name, user)}
          </Copyable>
        </FormGroup>
      </Form>
    </>
  );
};
