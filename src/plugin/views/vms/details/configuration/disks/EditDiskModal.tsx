import { FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { NameField } from '../../../actions/modals/NameField';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { busChoices, driveChoices } from './diskForm';
import { busLabel, driveLabel } from './diskLabels';
import { editDiskOps } from './diskOps';
import type { DiskRow } from './diskRows';
import type { Bus, Drive } from './diskTypes';
import { validateDiskName } from './diskValidation';
import { guestRuns } from './guestRuns';
import { RestartHint } from '../editor/RestartHint';

const DISKS_FIELD = 'spec.template.spec.domain.devices.disks';
const VOLUMES_FIELD = 'spec.template.spec.volumes';

/** Rename a disk (with its volume), change its type and interface. */
export const EditDiskModal = ({
  editor,
  row,
  takenNames,
  onClose,
}: {
  editor: VmEditor;
  row: DiskRow;
  takenNames: readonly string[];
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  // A hot-pluggable volume stays on the SCSI bus as a disk.
  const hotplug = row.hotplug === 'persistent';
  const [name, setName] = useState(row.name);
  const [drive, setDrive] = useState<Drive>(row.drive);
  const [bus, setBus] = useState(row.bus as Bus);
  const drives = driveChoices(hotplug);
  const buses = busChoices(drive, hotplug);
  const nameError = validateDiskName(
    name,
    takenNames.filter((taken) => taken !== row.name),
    t,
  );
  const busError = buses.includes(bus) ? undefined : t('Choose an interface this type supports.');
  const changeDrive = (next: Drive) => {
    setDrive(next);
    const allowed = busChoices(next, hotplug);
    if (!allowed.includes(bus)) setBus(allowed[0] ?? 'virtio');
  };
  return (
    <FormModal
      title={t('Edit disk')}
      isValid={!nameError && !busError}
      onSubmit={async () => {
        await editor.patch(editDiskOps(editor.vm, row.name, { name, drive, bus }));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <NameField
            id="virtualization-plugin-edit-disk-name"
            label={t('Name')}
            value={name}
            error={nameError ?? fieldErrorOf(error, DISKS_FIELD, VOLUMES_FIELD)}
            onChange={setName}
          />
          <FormGroup label={t('Type')} fieldId="virtualization-plugin-edit-disk-type">
            <FormSelect
              id="virtualization-plugin-edit-disk-type"
              value={drive}
              onChange={(_, value) => changeDrive(value as Drive)}
            >
              {drives.map((value) => (
                <FormSelectOption key={value} value={value} label={driveLabel(t, value)} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label={t('Interface')} fieldId="virtualization-plugin-edit-disk-interface">
            <FormSelect
              id="virtualization-plugin-edit-disk-interface"
              value={bus}
              validated={busError ? 'error' : 'default'}
              onChange={(_, value) => setBus(value as Bus)}
            >
              {!buses.includes(bus) && <FormSelectOption value={bus} label={busLabel(t, bus)} />}
              {buses.map((value) => (
                <FormSelectOption key={value} value={value} label={busLabel(t, value)} />
              ))}
            </FormSelect>
            <FieldHelp error={busError}>
              {hotplug
                ? t('A hot-pluggable disk stays on the SCSI bus.')
                : t('The boot order is set in Details, with the other boot devices.')}
            </FieldHelp>
          </FormGroup>
          {guestRuns(editor) && <RestartHint />}
        </>
      )}
    </FormModal>
  );
};
