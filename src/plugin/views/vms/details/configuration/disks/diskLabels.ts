// What the Disks sub-tab calls things, through t() with literal keys (so `npm run i18n` finds them).
import type { Translate } from '../../../actions/vmActionModel';
import type { SourceKind } from './diskRows';
import type { AccessMode, DiskSourceType } from './diskForm';
import type { Drive } from './diskTypes';

export const sourceTypeLabel = (t: Translate, source: DiskSourceType): string =>
  ({
    blank: () => t('Blank (creates PVC)'),
    url: () => t('Import via URL (creates PVC)'),
    registry: () => t('Import via Registry (creates PVC)'),
    pvc: () => t('Use an existing PVC'),
    clone: () => t('Clone existing PVC (creates PVC)'),
    snapshot: () => t('Volume snapshot (creates PVC)'),
    upload: () => t('Upload (Upload a new file to a PVC)'),
    containerDisk: () => t('Container (ephemeral)'),
  })[source]();

export const driveLabel = (t: Translate, drive: Drive): string =>
  drive === 'cdrom' ? t('CD-ROM') : drive === 'lun' ? t('LUN') : t('Disk');

export const busLabel = (t: Translate, bus: string): string => {
  const labels: Record<string, () => string> = {
    virtio: () => t('virtio'),
    sata: () => t('SATA'),
    scsi: () => t('SCSI'),
  };
  return labels[bus]?.() ?? bus;
};

export const accessModeLabel = (t: Translate, mode: AccessMode): string =>
  ({
    ReadWriteOnce: () => t('Single user (RWO)'),
    ReadWriteMany: () => t('Shared access (RWX)'),
    ReadOnlyMany: () => t('Read only (ROX)'),
  })[mode]();

export const volumeModeLabel = (t: Translate, mode: string): string =>
  mode === 'Block' ? t('Block') : mode === 'Filesystem' ? t('Filesystem') : mode;

/** The kind of a disk's source, for the table (the name, if any, is shown beside it). */
export const sourceKindLabel = (t: Translate, kind: SourceKind): string =>
  ({
    dataVolume: () => t('DataVolume'),
    persistentVolumeClaim: () => t('PVC'),
    containerDisk: () => t('Container disk'),
    cloudInit: () => t('cloud-init'),
    emptyDisk: () => t('Empty disk'),
    ephemeral: () => t('Ephemeral PVC'),
    configMap: () => t('ConfigMap'),
    secret: () => t('Secret'),
    serviceAccount: () => t('ServiceAccount'),
    sysprep: () => t('Sysprep'),
    downwardMetrics: () => t('Downward metrics'),
    none: () => t('No volume'),
    other: () => t('Other'),
  })[kind]();
