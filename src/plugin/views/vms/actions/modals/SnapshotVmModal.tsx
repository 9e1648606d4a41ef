import {
  Alert,
  Button,
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
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { generatedSnapshotName, validateResourceName } from '../nameValidation';
import { takeSnapshot } from '../vmMutations';
import { ModalError } from './ModalError';
import { NameField } from './NameField';

/** Take snapshot: an editable generated name, a description, and the disks left out. */
export const SnapshotVmModal = ({ vm, close }: { vm: VirtualMachine; close: () => void }) => {
  const { t } = usePluginTranslation();
  const vmName = vm.metadata?.name ?? '';
  const [name, setName] = useState(() => generatedSnapshotName(vmName));
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const nameError = validateResourceName(name, t);
  const excluded = (vm.status?.volumeSnapshotStatuses ?? []).filter((volume) => !volume.enabled);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await takeSnapshot(
        { namespace: vm.metadata?.namespace ?? '', name: vmName },
        { name, description: description.trim() || undefined },
      );
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
      aria-labelledby="virtualization-plugin-snapshot-title"
    >
      <ModalHeader
        title={t('Take snapshot')}
        labelId="virtualization-plugin-snapshot-title"
        description={t('A snapshot of {{name}}: its disks and its configuration.', {
          name: vmName,
        })}
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-snapshot-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!nameError && !busy) void submit();
          }}
        >
          <NameField
            id="virtualization-plugin-snapshot-name"
            label={t('Snapshot name')}
            value={name}
            error={nameError}
            onChange={setName}
          />
          <FormGroup label={t('Description')} fieldId="virtualization-plugin-snapshot-description">
            <TextArea
              id="virtualization-plugin-snapshot-description"
              value={description}
              onChange={(_, value) => setDescription(value)}
              resizeOrientation="vertical"
            />
          </FormGroup>
          {excluded.length > 0 && (
            <Alert variant="warning" isInline title={t('Some disks are not included')}>
              <List>
                {excluded.map((volume) => (
                  <ListItem key={volume.name}>
                    {t('{{disk}}: {{reason}}', { disk: volume.name, reason: volume.reason ?? '' })}
                  </ListItem>
                ))}
              </List>
            </Alert>
          )}
          <ModalError error={error} />
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="virtualization-plugin-snapshot-form"
          isDisabled={!!nameError || busy}
          isLoading={busy}
        >
          {t('Save')}
        </Button>
        <Button variant="link" onClick={close}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
