import {
  Alert,
  Button,
  Checkbox,
  Content,
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
  NumberInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { errorMessage } from '../../../../api/bff';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { deleteVm } from '../vmMutations';
import { disksOf, type VmDisk } from '../vmState';
import { ModalError } from './ModalError';
import { SubmitFooter } from './SubmitFooter';

/** KubeVirt's default when the VM does not set `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE_SECONDS = 180;

const diskKey = (disk: VmDisk) => `${disk.kind}/${disk.name}`;

/** Delete a VM: an optional grace period, and which of its disks go with it. */
export const DeleteVmModal = ({ vm, close }: { vm: VirtualMachine; close: () => void }) => {
  const { t } = usePluginTranslation();
  const name = vm.metadata?.name ?? '';
  const namespace = vm.metadata?.namespace ?? '';
  const disks = disksOf(vm);
  const [withGrace, setWithGrace] = useState(false);
  const [grace, setGrace] = useState<number>(
    vm.spec?.template?.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
  );
  // DataVolumes from the VM's templates share its life: deleted by default. Other claims stay.
  const [chosen, setChosen] = useState(
    () => new Set(disks.filter((disk) => disk.ownedByVm).map(diskKey)),
  );
  const [error, setError] = useState<unknown>();
  const [diskFailures, setDiskFailures] = useState<{ disk: VmDisk; error: unknown }[]>();
  const [busy, setBusy] = useState(false);
  const graceInvalid = withGrace && (!Number.isInteger(grace) || grace < 0);

  const toggle = (disk: VmDisk, checked: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(diskKey(disk));
      else next.delete(diskKey(disk));
      return next;
    });

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const failures = await deleteVm(
        { namespace, name },
        {
          gracePeriodSeconds: withGrace ? grace : undefined,
          deleteDisks: disks.filter((disk) => chosen.has(diskKey(disk))),
          disks,
          uid: vm.metadata?.uid,
        },
      );
      if (failures.length) {
        setDiskFailures(failures);
        setBusy(false);
      } else close();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  if (diskFailures)
    return (
      <Modal
        isOpen
        variant="small"
        onClose={close}
        aria-labelledby="virtualization-plugin-delete-title"
      >
        <ModalHeader
          title={t('{{name}} was deleted', { name })}
          labelId="virtualization-plugin-delete-title"
        />
        <ModalBody>
          <Alert variant="warning" isInline title={t('Some disks could not be deleted')}>
            <List>
              {diskFailures.map(({ disk, error: failure }) => (
                <ListItem key={diskKey(disk)}>
                  {t('{{disk}}: {{message}}', { disk: disk.name, message: errorMessage(failure) })}
                </ListItem>
              ))}
            </List>
          </Alert>
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={close}>
            {t('Close')}
          </Button>
        </ModalFooter>
      </Modal>
    );

  return (
    <Modal
      isOpen
      variant="small"
      onClose={close}
      aria-labelledby="virtualization-plugin-delete-title"
    >
      <ModalHeader
        title={t('Delete {{name}}?', { name })}
        titleIconVariant="warning"
        labelId="virtualization-plugin-delete-title"
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-delete-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy && !graceInvalid) void submit();
          }}
        >
          <Content component="p">
            {t('The VirtualMachine {{name}} in project {{namespace}} is stopped and deleted.', {
              name,
              namespace,
            })}
          </Content>
          <FormGroup fieldId="virtualization-plugin-delete-grace" role="group">
            <Checkbox
              id="virtualization-plugin-delete-grace"
              label={t('With grace period')}
              isChecked={withGrace}
              onChange={(_, checked) => setWithGrace(checked)}
            />
            {withGrace && (
              <>
                <NumberInput
                  value={grace}
                  min={0}
                  unit={t('seconds')}
                  inputAriaLabel={t('Grace period in seconds')}
                  minusBtnAriaLabel={t('Less')}
                  plusBtnAriaLabel={t('More')}
                  onMinus={() => setGrace((value) => Math.max(0, value - 1))}
                  onPlus={() => setGrace((value) => value + 1)}
                  onChange={(event) => setGrace(Number((event.target as HTMLInputElement).value))}
                  validated={graceInvalid ? 'error' : 'default'}
                />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem variant={graceInvalid ? 'error' : 'default'}>
                      {graceInvalid
                        ? t('Enter a whole number of seconds, 0 or more.')
                        : t('How long the guest may take to shut down before it is stopped.')}
                    </HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </>
            )}
          </FormGroup>
          {disks.length > 0 && (
            <FormGroup
              label={t('Delete these disks')}
              role="group"
              fieldId="virtualization-plugin-delete-disks"
            >
              {disks.map((disk) => (
                <Checkbox
                  key={diskKey(disk)}
                  id={`virtualization-plugin-delete-disk-${disk.kind}-${disk.name}`}
                  label={disk.name}
                  description={
                    disk.kind === 'DataVolume'
                      ? disk.ownedByVm
                        ? t('DataVolume created with the VM; kept when cleared')
                        : t('DataVolume')
                      : t('PersistentVolumeClaim')
                  }
                  isChecked={chosen.has(diskKey(disk))}
                  onChange={(_, checked) => toggle(disk, checked)}
                />
              ))}
            </FormGroup>
          )}
          <ModalError error={error} />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId="virtualization-plugin-delete-form"
        label={t('Delete')}
        danger
        isDisabled={busy || graceInvalid}
        busy={busy}
        onCancel={close}
      />
    </Modal>
  );
};
