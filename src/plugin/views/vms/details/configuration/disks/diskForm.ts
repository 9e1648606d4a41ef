// The Add disk form as data: its state, the choices each field offers, and its validation.
import type { Translate } from '../../../actions/vmActionModel';
import { formatByteCount } from '../../../../../../common/uploadProgress';
import {
  sizeBytes,
  validateDataVolumeName,
  validateDiskName,
  validateImage,
  validateImageUrl,
  validateSize,
  type SizeUnit,
} from './diskValidation';
import type { Bus, Drive } from './diskTypes';

/** Where the new disk's content comes from (seed 3.2). */
export type DiskSourceType =
  'blank' | 'url' | 'registry' | 'pvc' | 'clone' | 'snapshot' | 'upload' | 'containerDisk';

export const DISK_SOURCES: readonly DiskSourceType[] = [
  'blank',
  'url',
  'registry',
  'pvc',
  'clone',
  'snapshot',
  'upload',
  'containerDisk',
];

export type VolumeMode = 'Filesystem' | 'Block';
export type AccessMode = 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadOnlyMany';
export const VOLUME_MODES: readonly VolumeMode[] = ['Filesystem', 'Block'];
export const ACCESS_MODES: readonly AccessMode[] = [
  'ReadWriteOnce',
  'ReadWriteMany',
  'ReadOnlyMany',
];

export interface DiskFormState {
  source: DiskSourceType;
  name: string;
  url: string;
  /** Registry import and container disk: an image reference. */
  image: string;
  /** Existing PVC: the claim used as is. */
  pvcName: string;
  /** Clone PVC: the project and claim cloned. */
  cloneNamespace: string;
  clonePvcName: string;
  snapshotName: string;
  /** Upload: the chosen file's name and size (the file itself stays in the dialog). */
  file?: { name: string; size: number };
  size: string;
  unit: SizeUnit;
  drive: Drive;
  bus: Bus;
  /** '' when no class is known: the cluster's default applies. */
  storageClass: string;
  /** Apply optimized StorageProfile settings: no modes in the DataVolume, CDI picks them. */
  optimized: boolean;
  volumeMode: VolumeMode;
  accessMode: AccessMode;
  preallocation: boolean;
  /** LUN: `shareable` and SCSI persistent reservation. */
  shareable: boolean;
  reservation: boolean;
  /** Hot-plug: keep the disk in the VM (`persist`). */
  persist: boolean;
}

/** Where the form is used: the VM, whether it runs, what names are taken. */
export interface DiskFormContext {
  vmName: string;
  /** The VM exists in the cluster (not a draft). */
  live: boolean;
  /** Its guest runs: a disk added now is hot-plugged. */
  running: boolean;
  /** Names of the disks of the VM and of its running guest. */
  takenNames: readonly string[];
  /** The clone or snapshot source's size, which the new disk may not be smaller than. */
  sourceSize?: { bytes: number; label: string };
}

/** `disk-1`, `disk-2`, …: the first not taken. */
export const defaultDiskName = (taken: readonly string[]): string => {
  let index = 1;
  while (taken.includes(`disk-${index}`)) index += 1;
  return `disk-${index}`;
};

export const initialDiskForm = (
  taken: readonly string[],
  storageClass: string,
  namespace: string,
): DiskFormState => ({
  source: 'blank',
  name: defaultDiskName(taken),
  url: '',
  image: '',
  pvcName: '',
  cloneNamespace: namespace,
  clonePvcName: '',
  snapshotName: '',
  size: '30',
  unit: 'GiB',
  drive: 'disk',
  bus: 'virtio',
  storageClass,
  optimized: true,
  volumeMode: 'Filesystem',
  accessMode: 'ReadWriteOnce',
  preallocation: false,
  shareable: false,
  reservation: false,
  persist: true,
});

/** The sources that create a DataVolume (and so have a size and a storage class). */
export const createsDataVolume = (source: DiskSourceType): boolean =>
  source !== 'pvc' && source !== 'containerDisk';

/** A disk added to a running guest is hot-plugged, except a container disk (restart-bound). */
export const isHotplug = (source: DiskSourceType, ctx: Pick<DiskFormContext, 'running'>): boolean =>
  ctx.running && source !== 'containerDisk';

/** Hot-plugged volumes are attached as disks. */
export const driveChoices = (hotplug: boolean): readonly Drive[] =>
  hotplug ? ['disk'] : ['disk', 'cdrom', 'lun'];

/**
 * Hot-plug uses the SCSI bus (virtio disks each take one of the few PCIe slots reserved at boot);
 * a CD-ROM is SATA or SCSI; a LUN is SCSI.
 */
export const busChoices = (drive: Drive, hotplug: boolean): readonly Bus[] => {
  if (hotplug || drive === 'lun') return ['scsi'];
  if (drive === 'cdrom') return ['sata', 'scsi'];
  return ['virtio', 'sata', 'scsi'];
};

/** Keeps type and interface within what the source and the VM's state allow. */
export const withValidDevice = (
  form: DiskFormState,
  ctx: Pick<DiskFormContext, 'running'>,
): DiskFormState => {
  const hotplug = isHotplug(form.source, ctx);
  const drives = driveChoices(hotplug);
  const drive = drives.includes(form.drive) ? form.drive : (drives[0] ?? 'disk');
  const buses = busChoices(drive, hotplug);
  const bus = buses.includes(form.bus) ? form.bus : (buses[0] ?? 'virtio');
  return drive === form.drive && bus === form.bus ? form : { ...form, drive, bus };
};

export type DiskFormField =
  | 'source'
  | 'name'
  | 'url'
  | 'image'
  | 'pvcName'
  | 'clonePvcName'
  | 'snapshotName'
  | 'file'
  | 'size';

export type DiskFormErrors = Partial<Record<DiskFormField, string>>;

/** Every problem of the form, by field; nothing is sent while there is one. */
export const validateDiskForm = (
  form: DiskFormState,
  ctx: DiskFormContext,
  t: Translate,
): DiskFormErrors => {
  const errors: DiskFormErrors = {};
  errors.name = validateDiskName(form.name, ctx.takenNames, t);
  if (!errors.name && createsDataVolume(form.source))
    errors.name = validateDataVolumeName(ctx.vmName, form.name, t);
  switch (form.source) {
    case 'url':
      errors.url = validateImageUrl(form.url, t);
      break;
    case 'registry':
    case 'containerDisk':
      errors.image = validateImage(form.image, t);
      break;
    case 'pvc':
      if (!form.pvcName) errors.pvcName = t('Select a PersistentVolumeClaim.');
      break;
    case 'clone':
      if (!form.clonePvcName) errors.clonePvcName = t('Select the PersistentVolumeClaim to clone.');
      break;
    case 'snapshot':
      if (!form.snapshotName) errors.snapshotName = t('Select a VolumeSnapshot.');
      break;
    case 'upload':
      if (!ctx.live)
        errors.source = t(
          'An image can be uploaded once the VirtualMachine exists: create it first, then add the disk.',
        );
      else if (!form.file) errors.file = t('Choose the image file to upload.');
      break;
    default:
      break;
  }
  if (createsDataVolume(form.source)) {
    const cloned = form.source === 'clone' || form.source === 'snapshot';
    errors.size = validateSize(form.size, form.unit, t, cloned ? ctx.sourceSize : undefined);
    const bytes = sizeBytes(form.size, form.unit) ?? 0;
    if (!errors.size && form.source === 'upload' && form.file && bytes < form.file.size)
      errors.size = t(
        'The disk must be at least as large as the file ({{size}}), and large enough for the image once uncompressed.',
        { size: formatByteCount(form.file.size) },
      );
  }
  return Object.fromEntries(
    Object.entries(errors).filter(([, message]) => message !== undefined),
  ) as DiskFormErrors;
};
