import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextArea,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { generatedSnapshotName, validateResourceName } from '../nameValidation';
import { takeSnapshot } from '../vmMutations';
import { ModalError } from './ModalError';
import { NameField } from './NameField';

export const guestAgentConnected = (vmi?: VirtualMachineInstance) =>
  !!vmi?.status?.conditions?.some((c) => c.type === 'AgentConnected' && c.status === 'True');

/**
 * Take snapshot, the one dialog for the Actions menus and the Snapshots tab: an editable
 * generated name, a description, and what the snapshot will not capture (disks left out must be
 * acknowledged; a running VM without guest agent gets a best-effort snapshot).
 */
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
  const [name, setName] = useState(() => generatedSnapshotName(vmName));
  const [description, setDescription] = useState('');
  const [aware, setAware] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  const noAgent = vmi?.status?.phase === 'Running' && !guestAgentConnected(vmi);
  const excluded = (vm.status?.volumeSnapshotStatuses ?? []).filter((v) => !v.enabled);
  const nameError = validateResourceName(name, t);
  const canSubmit = !nameError && (excluded.length === 0 || aware) && !submitting;

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await takeSnapshot(
        { namespace, name: vmName },
        { name, description: description.trim() || undefined },
      );
      onClose();
    } catch (failure) {
      setError(failure);
      setSubmitting(false);
    }
  };

  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="take-snapshot-title">
      <ModalHeader
        title={t('Take snapshot')}
        labelId="take-snapshot-title"
        description={t('A snapshot of {{name}}: its disks and its configuration.', {
          name: vmName,
        })}
      />
      <ModalBody>
        <Form
          id="take-snapshot-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (canSubmit) void submit();
          }}
        >
          <NameField
            id="snapshot-name"
            label={t('Snapshot name')}
            value={name}
            error={nameError}
            onChange={setName}
          />
          <FormGroup label={t('Description')} fieldId="snapshot-description">
            <TextArea
              id="snapshot-description"
              value={description}
              onChange={(_e, value) => setDescription(value)}
              resizeOrientation="vertical"
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
          <ModalError error={error} title={t('The snapshot could not be taken')} />
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
