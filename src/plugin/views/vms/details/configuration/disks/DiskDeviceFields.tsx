import {
  Checkbox,
  ExpandableSection,
  FormGroup,
  FormSelect,
  FormSelectOption,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import type { AddDiskFieldProps } from './addDiskFieldProps';
import { busChoices, driveChoices } from './diskForm';
import { busLabel, driveLabel } from './diskLabels';
import type { Bus, Drive } from './diskTypes';
import { FieldHelp } from '../../../actions/modals/FieldHelp';

const ID = 'virtualization-plugin-add-disk';

/** Type and interface, and a LUN's sharing and SCSI reservation. */
export const DiskDeviceFields = ({
  form,
  update,
  busy,
  hotplug,
}: AddDiskFieldProps & { hotplug: boolean }) => {
  const { t } = usePluginTranslation();
  const [advanced, setAdvanced] = useState(false);
  const drives = driveChoices(hotplug);
  const buses = busChoices(form.drive, hotplug);
  const busHelp = hotplug
    ? t(
        'Hot-plugged disks use the SCSI bus: every virtio disk takes one of the few PCIe slots reserved when the guest starts, so virtio disks cannot be added to a running guest.',
      )
    : form.drive === 'cdrom'
      ? t('A CD-ROM uses SATA or SCSI.')
      : form.drive === 'lun'
        ? t('A LUN passes SCSI commands through: it uses SCSI.')
        : t('virtio performs best; SATA and SCSI suit guests without virtio drivers.');
  return (
    <>
      <FormGroup label={t('Type')} fieldId={`${ID}-type`}>
        <FormSelect
          id={`${ID}-type`}
          value={form.drive}
          isDisabled={busy}
          onChange={(_, value) => update({ drive: value as Drive })}
        >
          {drives.map((drive) => (
            <FormSelectOption key={drive} value={drive} label={driveLabel(t, drive)} />
          ))}
        </FormSelect>
        <FieldHelp>
          {hotplug
            ? t('A volume hot-plugged into a running guest is attached as a disk.')
            : undefined}
        </FieldHelp>
      </FormGroup>
      <FormGroup label={t('Interface')} fieldId={`${ID}-interface`}>
        <FormSelect
          id={`${ID}-interface`}
          value={form.bus}
          isDisabled={busy}
          onChange={(_, value) => update({ bus: value as Bus })}
        >
          {buses.map((bus) => (
            <FormSelectOption key={bus} value={bus} label={busLabel(t, bus)} />
          ))}
        </FormSelect>
        <FieldHelp>{busHelp}</FieldHelp>
      </FormGroup>
      {form.drive === 'lun' && (
        <ExpandableSection
          toggleText={t('Advanced settings')}
          isExpanded={advanced}
          onToggle={(_, expanded) => setAdvanced(expanded)}
        >
          <Checkbox
            id={`${ID}-shareable`}
            label={t('Enable sharing')}
            description={t(
              'Several VirtualMachines may use the disk at once. It needs Block volume mode, and shared access (RWX) when they run on different nodes.',
            )}
            isChecked={form.shareable}
            isDisabled={busy}
            onChange={(_, shareable) => update({ shareable })}
          />
          <Checkbox
            id={`${ID}-reservation`}
            label={t('SCSI persistent reservation')}
            description={t(
              'Lets clustered guests (such as Windows Failover Clustering) reserve the LUN. Needs the persistentReservation feature gate.',
            )}
            isChecked={form.reservation}
            isDisabled={busy}
            onChange={(_, reservation) => update({ reservation })}
          />
        </ExpandableSection>
      )}
    </>
  );
};
