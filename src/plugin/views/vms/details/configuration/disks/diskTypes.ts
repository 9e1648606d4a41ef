// The pieces of a VM a disk is made of, under short names (from the generated KubeVirt types).
import type { VirtualMachine } from '../../../../../api/types';

type TemplateSpec = NonNullable<
  NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec']
>;

/** `spec.template.spec.domain.devices.disks[]`. */
export type Disk = NonNullable<NonNullable<TemplateSpec['domain']['devices']>['disks']>[number];
/** `spec.template.spec.volumes[]`. */
export type Volume = NonNullable<TemplateSpec['volumes']>[number];
/** `spec.dataVolumeTemplates[]`. */
export type DataVolumeTemplate = NonNullable<
  NonNullable<VirtualMachine['spec']>['dataVolumeTemplates']
>[number];
/** A DataVolume's `spec`, as a VM's `dataVolumeTemplates` hold it. */
export type DataVolumeSpec = DataVolumeTemplate['spec'];

/** How the guest sees a disk. */
export type Drive = 'disk' | 'cdrom' | 'lun';
export type Bus = 'virtio' | 'sata' | 'scsi';

export const DRIVES: readonly Drive[] = ['disk', 'cdrom', 'lun'];
export const BUSES: readonly Bus[] = ['virtio', 'sata', 'scsi'];

export const driveOf = (disk: Disk): Drive => (disk.cdrom ? 'cdrom' : disk.lun ? 'lun' : 'disk');

/** The bus a disk uses; KubeVirt's defaults when it names none (CD-ROM: SATA, else virtio). */
export const busOf = (disk: Disk): string =>
  (disk.cdrom ?? disk.lun ?? disk.disk)?.bus ??
  (disk.cdrom ? 'sata' : disk.lun ? 'scsi' : 'virtio');

/** The claim a volume reads: its PVC, or the DataVolume's claim (named as the DataVolume). */
export const claimNameOf = (volume?: Volume): string | undefined =>
  volume?.persistentVolumeClaim?.claimName ?? volume?.dataVolume?.name;

/** A volume KubeVirt may attach to and detach from a running guest. */
export const isHotpluggable = (volume?: Volume): boolean =>
  !!(volume?.persistentVolumeClaim?.hotpluggable || volume?.dataVolume?.hotpluggable);
