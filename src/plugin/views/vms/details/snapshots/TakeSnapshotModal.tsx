import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { errorMessage } from '../../../../api/bff';
import { k8sCreate } from '../../../../api/k8s';
import { VirtualMachineSnapshotModel } from '../../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { defaultSnapshotName, isDnsLabel } from './names';
import { newSnapshot } from './snapshotObjects';

export const guestAgentConnected = (vmi?: VirtualMachineInstance) =>
  !!vmi?.status?.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True');

/** Name a snapshot of the VM and take it, warned about what it will not capture. */
export const TakeSnapshotModal = ({
  vm,
  vmi,
  onClose,
}: {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const namespace = vm.metadata?.namespace ?? '';
  const vmName = vm.metadata?.name ?? '';
  const [name, setName] = useState(() => defaultSnapshotName(vmName));
  const [description, setDescription] = useState('');
  const [aware, setAware] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const running = !!vmi;
  const noAgent = running && !guestAgentConnected(vmi);
  const excluded = (vm.status?.volumeSnapshotStatuses ?? []).filter((v) => !v.enabled);
  const validName = isDnsLabel(name);
  const canSubmit = validName && (excluded.length === 0 || aware) && !submitting;

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await k8sCreate(
        VirtualMachineSnapshotModel,
        newSnapshot(namespace, vmName, name, description.trim()),
        {
          namespace,
        },
      );
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="take-snapshot-title">
      <ModalHeader title={t('Take snapshot')} labelId="take-snapshot-title" />
      <ModalBody>
        <Form
          id="take-snapshot-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (canSubmit) void submit();
          }}
        >
          <FormGroup label={t('Snapshot name')} isRequired fieldId="snapshot-name">
            <TextInput
              id="snapshot-name"
              isRequired
              value={name}
              onChange={(_e, value) => setName(value)}
              validated={validName ? 'default' : 'error'}
            />
            {!validName && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem variant="error">
                    {t(
                      'Use up to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
                    )}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          <FormGroup label={t('Description')} fieldId="snapshot-description">
            <TextInput
              id="snapshot-description"
              value={description}
              onChange={(_e, value) => setDescription(value)}
            />
          </FormGroup>
          {noAgent && (
            <Alert variant="warning" isInline title={t('No guest agent')}>
              {t(
                'The VirtualMachine is running without a connected guest agent, so its file systems cannot be frozen: the snapshot is taken online on a best-effort basis and may not be consistent (indication NoGuestAgent). Install and start the QEMU guest agent, or stop the VirtualMachine first.',
              )}
            </Alert>
          )}
          {excluded.length > 0 && (
            <Alert variant="warning" isInline title={t('Disks not included in this snapshot')}>
              <List>
                {excluded.map((v) => (
                  <ListItem key={v.name}>
                    {t('{{disk}}: {{reason}}', {
                      disk: v.name,
                      reason: v.reason ?? t('not supported'),
                    })}
                  </ListItem>
                ))}
              </List>
              <Checkbox
                id="snapshot-aware"
                label={t('I am aware of this warning and wish to proceed')}
                isChecked={aware}
                onChange={(_e, checked) => setAware(checked)}
              />
            </Alert>
          )}
          {error && (
            <Alert variant="danger" isInline title={t('The snapshot could not be taken')}>
              {error}
            </Alert>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="take-snapshot-form"
          isDisabled={!canSubmit}
          isLoading={submitting}
        >
          {t('Save')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
