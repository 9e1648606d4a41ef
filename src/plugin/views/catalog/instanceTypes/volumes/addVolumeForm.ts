// The Add volume form as data: its fields, what they must hold, and whether the volume chosen
// is used where it is or copied into the destination project.
import type { Translate } from '../../../vms/actions/vmActionModel';
import { validateResourceName } from '../../../vms/actions/nameValidation';
import {
  sizeBytes,
  sizeLabel,
  validateImage,
  validateImageUrl,
  validateSize,
  type SizeUnit,
} from '../../../vms/details/configuration/disks/diskValidation';

export type VolumeSourceType = 'upload' | 'pvc' | 'snapshot' | 'registry' | 'url';

export const VOLUME_SOURCE_TYPES: readonly VolumeSourceType[] = [
  'upload',
  'pvc',
  'snapshot',
  'registry',
  'url',
];

export const volumeSourceLabel = (t: Translate, type: VolumeSourceType): string =>
  ({
    upload: t('Upload volume'),
    pvc: t('Use existing volume'),
    snapshot: t('Use existing volume snapshot'),
    registry: t('Download from registry'),
    url: t('Import from URL'),
  })[type];

export interface AddVolumeForm {
  sourceType: VolumeSourceType;
  /** The chosen file's name and size (the File itself stays with the dialog). */
  file?: { name: string; size: number };
  /** The project of the claim or snapshot used. */
  sourceNamespace: string;
  pvcName: string;
  snapshotName: string;
  /** A container disk, with or without `docker://`. */
  image: string;
  url: string;
  name: string;
  /** The destination project of the DataSource (and of the DataVolume, when one is made). */
  namespace: string;
  /** Empty: the cluster's default class, or the source's own for a claim or snapshot. */
  storageClass: string;
  size: string;
  unit: SizeUnit;
  preference: string;
  /** Empty: no default instance type. */
  instancetype: string;
  description: string;
}

export type AddVolumeField = keyof AddVolumeForm;

/** What the claim or snapshot chosen is. */
export interface SourceFacts {
  bytes?: number;
  storageClass?: string;
}

export const initialAddVolumeForm = (namespace: string, preference = ''): AddVolumeForm => ({
  sourceType: 'upload',
  sourceNamespace: namespace,
  pvcName: '',
  snapshotName: '',
  image: '',
  url: '',
  name: '',
  namespace,
  storageClass: '',
  size: '30',
  unit: 'GiB',
  preference,
  instancetype: '',
  description: '',
});

const usesExisting = (type: VolumeSourceType) => type === 'pvc' || type === 'snapshot';

/**
 * Whether a DataVolume is made. Upload, registry and URL always fill a new one. An existing
 * claim or snapshot is used where it is, unless it lives in another project than the
 * destination (others could not clone from it there) or is to get another size or class:
 * then it is copied by a DataVolume cloning it.
 */
export const createsDataVolume = (form: AddVolumeForm, source?: SourceFacts): boolean => {
  if (!usesExisting(form.sourceType)) return true;
  if (form.namespace !== form.sourceNamespace) return true;
  const bytes = sizeBytes(form.size, form.unit);
  const resized = source?.bytes !== undefined && bytes !== undefined && bytes !== source.bytes;
  const reclassed = form.storageClass !== '' && form.storageClass !== source?.storageClass;
  return resized || reclassed;
};

export interface AddVolumeContext {
  source?: SourceFacts;
  /** DataSources in the destination project. */
  dataSourceNames: readonly string[];
  /** DataVolumes and PVCs in the destination project. */
  claimNames: readonly string[];
  /** What the user may not do in the destination project, as a sentence; undefined when allowed. */
  accessProblem?: string;
}

/** The errors of the form by field; empty when it may be sent. */
export const validateAddVolume = (
  form: AddVolumeForm,
  ctx: AddVolumeContext,
  t: Translate,
): Partial<Record<AddVolumeField, string>> => {
  const errors: Partial<Record<AddVolumeField, string>> = {};
  const copy = createsDataVolume(form, ctx.source);
  const project = form.namespace;

  const nameError = validateResourceName(form.name, t);
  if (nameError) errors.name = nameError;
  else if (ctx.dataSourceNames.includes(form.name))
    errors.name = t('A DataSource named {{name}} exists in project {{project}} already.', {
      name: form.name,
      project,
    });
  else if (copy && ctx.claimNames.includes(form.name))
    errors.name = t(
      'A DataVolume or PVC named {{name}} exists in project {{project}} already: the new volume needs the name.',
      { name: form.name, project },
    );

  if (!project.trim()) errors.namespace = t('Choose a project.');
  else if (ctx.accessProblem) errors.namespace = ctx.accessProblem;

  switch (form.sourceType) {
    case 'upload':
      if (!form.file) errors.file = t('Choose the image file to upload.');
      break;
    case 'pvc':
      if (!form.sourceNamespace.trim()) errors.sourceNamespace = t('Choose a project.');
      if (!form.pvcName) errors.pvcName = t('Choose a PersistentVolumeClaim.');
      break;
    case 'snapshot':
      if (!form.sourceNamespace.trim()) errors.sourceNamespace = t('Choose a project.');
      if (!form.snapshotName) errors.snapshotName = t('Choose a VolumeSnapshot.');
      break;
    case 'registry': {
      const error = validateImage(form.image, t);
      if (error) errors.image = error;
      break;
    }
    case 'url': {
      const error = validateImageUrl(form.url, t);
      if (error) errors.url = error;
      break;
    }
  }

  const min = minimumSize(form, ctx.source);
  const sizeError = validateSize(form.size, form.unit, t, min);
  if (sizeError) errors.size = sizeError;

  if (!form.preference) errors.preference = t('Choose a preference.');
  return errors;
};

/** The least the volume may hold: the source's size, or the file's. */
export const minimumSize = (
  form: AddVolumeForm,
  source?: SourceFacts,
): { bytes: number; label: string } | undefined => {
  const bytes = usesExisting(form.sourceType)
    ? source?.bytes
    : form.sourceType === 'upload'
      ? form.file?.size
      : undefined;
  return bytes ? { bytes, label: sizeLabel(bytes) } : undefined;
};

/** Text made into a DNS-1123 label: lowercase, `-` for the rest, at most 63 characters. */
const asName = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');

const IMAGE_SUFFIXES = /(\.(img|iso|qcow2|raw))?(\.(gz|xz|tar))*$/i;

/**
 * A name to start with, from what the source is: the file or URL without its image suffixes,
 * the image's repository and tag, the claim or snapshot's name. Empty when there is nothing yet.
 */
export const suggestedVolumeName = (form: AddVolumeForm): string => {
  switch (form.sourceType) {
    case 'upload':
      return asName((form.file?.name ?? '').replace(IMAGE_SUFFIXES, ''));
    case 'url': {
      const last = form.url.trim().split(/[?#]/)[0]?.split('/').pop() ?? '';
      return asName(last.replace(IMAGE_SUFFIXES, ''));
    }
    case 'registry': {
      const reference =
        form.image
          .trim()
          .replace(/^docker:\/\//, '')
          .split('@')[0] ?? '';
      const [repository = '', tag] = (reference.split('/').pop() ?? '').split(':');
      return asName(tag && tag !== 'latest' ? `${repository}-${tag}` : repository);
    }
    case 'pvc':
      return form.pvcName;
    case 'snapshot':
      return form.snapshotName;
  }
};
