// The drawer's form as data: its state, its validation (nothing is sent while it has errors),
// and the overrides it hands to processing.
import { validateResourceName } from '../../vms/actions/nameValidation';
import type { Translate } from '../../vms/actions/vmActionModel';
import {
  validateImage,
  validateImageUrl,
} from '../../vms/details/configuration/disks/diskValidation';
import { randomNameSuffix } from '../../vms/details/configuration/editor/randomText';
import { diskSizeBytes } from '../instanceTypes/details/diskSize';
import type { SshKeyChoice } from '../instanceTypes/flow';
import { sourceProblemText } from './catalogTexts';
import type { CatalogEntry } from './templateFilters';
import { requiredParameters, optionalParameters } from './templateModel';
import type { DiskSourceOverride, TemplateOverrides } from './templateOverrides';

/** The Storage section's "Disk source": the template's, or one of the seed's four. */
export type DiskSourceChoice = 'template' | 'url' | 'registry' | 'pvc' | 'upload';

export const DISK_SOURCE_CHOICES: readonly DiskSourceChoice[] = [
  'template',
  'url',
  'registry',
  'pvc',
  'upload',
];

export interface DrawerForm {
  name: string;
  namespace: string;
  /** Parameter values by name; empty keeps the default or lets the server generate one. */
  parameters: Record<string, string>;
  diskSource: DiskSourceChoice;
  url: string;
  image: string;
  pvcNamespace: string;
  pvcName: string;
  file?: File;
  /** Empty: the template's. */
  storageClass: string;
  /** A quantity (`30Gi`); empty: the template's. */
  diskSize: string;
  sshKey: SshKeyChoice;
  startAfterCreation: boolean;
  windowsDrivers: boolean;
}

export type FormField =
  'name' | 'namespace' | 'url' | 'image' | 'pvcNamespace' | 'pvcName' | 'file' | 'diskSize';

export interface FormErrors {
  fields: Partial<Record<FormField, string>>;
  /** By parameter name. */
  parameters: Record<string, string>;
}

/** `rhel9-server-small-x7k2p`: the template's name and a random suffix, at most 63 characters. */
export const defaultVmName = (entry: CatalogEntry, suffix = randomNameSuffix()): string => {
  const base = entry.name.slice(0, 63 - suffix.length - 1).replace(/-+$/, '');
  return `${base || 'vm'}-${suffix}`;
};

export const initialForm = (
  entry: CatalogEntry,
  namespace: string,
  sshKey: SshKeyChoice,
  name = defaultVmName(entry),
): DrawerForm => ({
  name,
  namespace,
  parameters: Object.fromEntries(
    [...requiredParameters(entry), ...optionalParameters(entry)].map((p) => [
      p.name,
      p.defaultValue ?? '',
    ]),
  ),
  diskSource: 'template',
  url: '',
  image: '',
  pvcNamespace: namespace,
  pvcName: '',
  storageClass: '',
  diskSize: '',
  sshKey,
  startAfterCreation: true,
  windowsDrivers: entry.windows,
});

/** The seed: VirtualMachines are not created in `openshift*` projects. */
export const isOpenShiftProject = (namespace: string): boolean => /^openshift(-|$)/.test(namespace);

/** What stops the VM from being created, by field and by parameter (empty when nothing). */
export const validateForm = (form: DrawerForm, entry: CatalogEntry, t: Translate): FormErrors => {
  const fields: FormErrors['fields'] = {};
  const nameError = validateResourceName(form.name, t);
  if (nameError) fields.name = nameError;
  if (!form.namespace) fields.namespace = t('Select a project.');
  else if (isOpenShiftProject(form.namespace))
    fields.namespace = t(
      'Do not create VirtualMachines in the {{namespace}} project; choose a project of your own.',
      { namespace: form.namespace },
    );
  switch (form.diskSource) {
    case 'url': {
      const error = validateImageUrl(form.url, t);
      if (error) fields.url = error;
      break;
    }
    case 'registry': {
      const error = validateImage(form.image, t);
      if (error) fields.image = error;
      break;
    }
    case 'pvc':
      if (!form.pvcNamespace) fields.pvcNamespace = t('Select a project.');
      if (!form.pvcName) fields.pvcName = t('Select a PersistentVolumeClaim.');
      break;
    case 'upload':
      if (!form.file) fields.file = t('Choose the image file to upload.');
      break;
    default:
      break;
  }
  if (form.diskSize && diskSizeBytes(form.diskSize) === undefined)
    fields.diskSize = t('Enter the disk size as a number above 0, such as 30.');

  const parameters: Record<string, string> = {};
  for (const parameter of requiredParameters(entry))
    if (!form.parameters[parameter.name]?.trim() && parameter.generated === undefined)
      parameters[parameter.name] = t('Enter a value for {{name}}.', {
        name: parameter.displayName ?? parameter.name,
      });
  return { fields, parameters };
};

export const hasErrors = (errors: FormErrors): boolean =>
  Object.keys(errors.fields).length > 0 || Object.keys(errors.parameters).length > 0;

const diskSourceOf = (form: DrawerForm): DiskSourceOverride | undefined => {
  switch (form.diskSource) {
    case 'url':
      return { kind: 'url', url: form.url };
    case 'registry':
      return { kind: 'registry', image: form.image };
    case 'pvc':
      return { kind: 'pvc', namespace: form.pvcNamespace, name: form.pvcName };
    case 'upload':
      return { kind: 'upload' };
    default:
      return undefined;
  }
};

export const overridesOf = (form: DrawerForm, entry: CatalogEntry): TemplateOverrides => ({
  name: form.name,
  namespace: form.namespace,
  diskSource: diskSourceOf(form),
  storageClass: form.storageClass,
  diskSize: form.diskSize,
  // Windows guests read no cloud-init: no key reaches them that way.
  sshKey: entry.windows ? { kind: 'none' } : form.sshKey,
  startAfterCreation: form.startAfterCreation,
  windowsDrivers: entry.windows && form.windowsDrivers,
});

/** The parameter values to send: the non-empty ones. */
export const parameterValuesOf = (form: DrawerForm): Record<string, string> =>
  Object.fromEntries(
    Object.entries(form.parameters)
      .map(([name, value]) => [name, value.trim()] as const)
      .filter(([, value]) => value),
  );

/**
 * Why Quick create cannot run: the template's boot source is not there and the Storage section
 * names no other. Undefined when it can.
 */
export const quickCreateBlocker = (
  entry: CatalogEntry,
  form: DrawerForm,
  t: Translate,
): string | undefined => {
  if (form.diskSource !== 'template' || entry.source.availability === 'available') return undefined;
  return t('{{problem}} Choose a disk source under Storage, or customize the VirtualMachine.', {
    problem: sourceProblemText(t, entry.source.problem),
  });
};
