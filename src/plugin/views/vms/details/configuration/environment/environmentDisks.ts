import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import type { Translate } from '../../../actions/vmActionModel';
import type { Disk, Volume } from '../initialRun/cloudInitVolume';
import { DEVICES, setAt, TEMPLATE_SPEC } from '../editor/vmPatch';
import { randomNameSuffix } from '../editor/randomText';

/** What an environment disk exposes to the guest. */
export const ENVIRONMENT_KINDS = ['configMap', 'secret', 'serviceAccount'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

/** One row of the Environment form: a resource of the VM's namespace attached as a disk. */
export interface EnvironmentRow {
  /** Stable React key. */
  key: string;
  /** The volume (and disk) name when the row is saved already. */
  volumeName?: string;
  kind: EnvironmentKind;
  /** ConfigMap, Secret or ServiceAccount name; '' until chosen. */
  resource: string;
  serial: string;
}

export const environmentKindOf = (volume: Volume): EnvironmentKind | undefined =>
  ENVIRONMENT_KINDS.find((kind) => volume[kind] !== undefined);

const resourceOf = (volume: Volume): string =>
  volume.configMap?.name ??
  volume.secret?.secretName ??
  volume.serviceAccount?.serviceAccountName ??
  '';

const volumesOf = (vm: VirtualMachine): Volume[] => vm.spec?.template?.spec?.volumes ?? [];
const disksOf = (vm: VirtualMachine): Disk[] =>
  vm.spec?.template?.spec?.domain?.devices?.disks ?? [];

/** The saved environment disks, in volume order. */
export const environmentRowsOf = (vm: VirtualMachine): EnvironmentRow[] => {
  const disks = new Map(disksOf(vm).map((disk) => [disk.name, disk]));
  return volumesOf(vm).flatMap((volume) => {
    const kind = environmentKindOf(volume);
    if (!kind) return [];
    return [
      {
        key: volume.name,
        volumeName: volume.name,
        kind,
        resource: resourceOf(volume),
        serial: disks.get(volume.name)?.serial ?? '',
      },
    ];
  });
};

const volumeFor = (name: string, row: EnvironmentRow): Volume => {
  switch (row.kind) {
    case 'configMap':
      return { name, configMap: { name: row.resource } };
    case 'secret':
      return { name, secret: { secretName: row.resource } };
    case 'serviceAccount':
      return { name, serviceAccount: { serviceAccountName: row.resource } };
  }
};

/**
 * The patch that makes the VM's environment disks the rows: other volumes and disks stay as
 * they are and where they are; saved rows keep their names (and their disks' other settings),
 * new rows get `environment-disk-<random>` with a virtio disk carrying the serial.
 */
export const environmentOps = (
  vm: VirtualMachine,
  rows: EnvironmentRow[],
  newName: () => string = () => `environment-disk-${randomNameSuffix()}`,
): JsonPatchOp[] => {
  const volumes = volumesOf(vm);
  const disks = disksOf(vm);
  const taken = new Set([...volumes, ...disks].map((item) => item.name));
  const freeName = () => {
    let name = newName();
    while (taken.has(name)) name = newName();
    taken.add(name);
    return name;
  };
  const named = rows.map((row) => ({ row, name: row.volumeName ?? freeName() }));
  const byName = new Map(named.map((entry) => [entry.name, entry.row]));
  const isEnvironment = (name: string) =>
    volumes.some((volume) => volume.name === name && environmentKindOf(volume));

  const nextVolumes = [
    ...volumes.flatMap((volume) => {
      if (!environmentKindOf(volume)) return [volume];
      const row = byName.get(volume.name);
      return row ? [volumeFor(volume.name, row)] : [];
    }),
    ...named.filter(({ row }) => !row.volumeName).map(({ row, name }) => volumeFor(name, row)),
  ];
  const withSerial = (disk: Disk, serial: string): Disk => {
    const { serial: _old, ...rest } = disk;
    return serial ? { ...rest, serial } : rest;
  };
  const nextDisks = [
    ...disks.flatMap((disk) => {
      if (!isEnvironment(disk.name)) return [disk];
      const row = byName.get(disk.name);
      return row ? [withSerial(disk, row.serial)] : [];
    }),
    ...named
      .filter(({ name }) => !disks.some((disk) => disk.name === name))
      .map(({ row, name }) => withSerial({ name, disk: { bus: 'virtio' } }, row.serial)),
  ];
  return [
    ...setAt(vm, [...DEVICES, 'disks'], nextDisks),
    ...setAt(vm, [...TEMPLATE_SPEC, 'volumes'], nextVolumes),
  ];
};

/** KubeVirt's serial characters; the guest sees at most 20 (virtio-blk's limit). */
const SERIAL = /^[A-Za-z0-9_.+-]+$/;
export const SERIAL_MAX = 20;

export interface EnvironmentRowErrors {
  resource?: string;
  serial?: string;
}

/** Per-row messages; a row without messages may be saved. */
export const validateEnvironmentRows = (
  vm: VirtualMachine,
  rows: EnvironmentRow[],
  t: Translate,
): EnvironmentRowErrors[] => {
  const rowNames = new Set(rows.map((row) => row.volumeName).filter(Boolean));
  // Serials of the VM's other disks (not environment disks being edited here).
  const otherSerials = disksOf(vm)
    .filter((disk) => !rowNames.has(disk.name))
    .filter(
      (disk) =>
        !volumesOf(vm).some((volume) => volume.name === disk.name && environmentKindOf(volume)),
    )
    .map((disk) => disk.serial)
    .filter(Boolean);
  return rows.map((row, index) => {
    const errors: EnvironmentRowErrors = {};
    const earlier = rows.slice(0, index);
    if (!row.resource) errors.resource = t('Select a resource.');
    else if (earlier.some((other) => other.kind === row.kind && other.resource === row.resource))
      errors.resource = t('This resource is attached already.');
    else if (
      row.kind === 'serviceAccount' &&
      earlier.some((other) => other.kind === 'serviceAccount')
    )
      errors.resource = t('A VirtualMachine can have only one ServiceAccount disk.');
    if (!row.serial) errors.serial = t('Enter a serial number.');
    else if (!SERIAL.test(row.serial))
      errors.serial = t('Use letters, digits, "_", ".", "+" or "-" only.');
    else if (row.serial.length > SERIAL_MAX)
      errors.serial = t('The guest sees at most {{max}} characters.', { max: SERIAL_MAX });
    else if (
      otherSerials.includes(row.serial) ||
      earlier.some((other) => other.serial === row.serial)
    )
      errors.serial = t('Another disk has this serial number.');
    return errors;
  });
};

export const hasErrors = (errors: EnvironmentRowErrors[]): boolean =>
  errors.some((row) => row.resource || row.serial);
