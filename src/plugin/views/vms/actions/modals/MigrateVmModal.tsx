import {
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalHeader,
} from '@patternfly/react-core';
import { useState } from 'react';
import { NodeModel } from '../../../../api/models';
import type { K8sObject, VirtualMachineInstance } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { migrateVm } from '../vmMutations';
import { ModalError } from './ModalError';
import { SubmitFooter } from './SubmitFooter';

type NodeObject = K8sObject & { spec?: { unschedulable?: boolean } };

const AUTOMATIC = '';

/** Live migration, with a target node for users who may list nodes. */
export const MigrateVmModal = ({
  namespace,
  name,
  vmi,
  canListNodes,
  close,
}: {
  namespace: string;
  name: string;
  vmi?: VirtualMachineInstance;
  canListNodes: boolean;
  close: () => void;
}) => {
  const { t } = usePluginTranslation();
  const nodes = useK8sWatchList<NodeObject>(NodeModel, canListNodes ? {} : null);
  const [target, setTarget] = useState(AUTOMATIC);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const current = vmi?.status?.nodeName;
  const candidates = (nodes.data ?? [])
    .filter((node) => node.metadata?.name && node.metadata.name !== current)
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await migrateVm({ namespace, name }, { targetNode: target || undefined });
      close();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Modal
      isOpen
      variant="small"
      onClose={close}
      aria-labelledby="virtualization-plugin-migrate-title"
    >
      <ModalHeader
        title={t('Migrate {{name}}', { name })}
        labelId="virtualization-plugin-migrate-title"
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-migrate-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void submit();
          }}
        >
          <Content component="p">
            {current
              ? t('The VM keeps running while it moves from node {{node}} to another node.', {
                  node: current,
                })
              : t('The VM keeps running while it moves to another node.')}
          </Content>
          {canListNodes && (
            <FormGroup label={t('Target node')} fieldId="virtualization-plugin-migrate-node">
              <FormSelect
                id="virtualization-plugin-migrate-node"
                value={target}
                onChange={(_, value) => setTarget(value)}
              >
                <FormSelectOption
                  value={AUTOMATIC}
                  label={t('Automatic (the scheduler chooses)')}
                />
                {candidates.map((node) => (
                  <FormSelectOption
                    key={node.metadata?.name}
                    value={node.metadata?.name ?? ''}
                    label={
                      node.spec?.unschedulable
                        ? t('{{node}} (unschedulable)', { node: node.metadata?.name })
                        : (node.metadata?.name ?? '')
                    }
                    isDisabled={node.spec?.unschedulable}
                  />
                ))}
              </FormSelect>
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>
                    {nodes.error
                      ? t('The nodes could not be listed; the scheduler will choose.')
                      : t(
                          'A chosen node is added to the VM’s node selector for this migration only.',
                        )}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          )}
          <ModalError error={error} />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId="virtualization-plugin-migrate-form"
        label={t('Migrate')}
        isDisabled={busy}
        busy={busy}
        onCancel={close}
      />
    </Modal>
  );
};
