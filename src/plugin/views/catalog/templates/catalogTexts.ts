// The catalog's words for the values it reads from templates, as literal t() keys.
import type { Translate } from '../../vms/actions/vmActionModel';
import { osName } from '../instanceTypes/volumes/operatingSystems';
import type { DiskSourceChoice } from './drawerForm';
import { PROVIDER_RED_HAT, type FilterGroupId } from './templateFilters';
import type { SourceProblem } from './templateModel';

export const workloadLabel = (t: Translate, workload: string): string => {
  switch (workload) {
    case 'server':
      return t('Server');
    case 'desktop':
      return t('Desktop');
    case 'highperformance':
      return t('High performance');
    case 'saphana':
      return t('SAP HANA');
    default:
      return workload;
  }
};

export const osFamilyLabel = (t: Translate, family: string): string =>
  family === 'other' ? t('Other') : (osName(t, family) ?? family);

export const providerLabel = (t: Translate, provider: string): string =>
  provider === PROVIDER_RED_HAT ? t('Red Hat') : t('User provided');

/** An option of a sidebar group, as shown. */
export const optionLabel = (t: Translate, group: FilterGroupId, value: string): string => {
  switch (group) {
    case 'os':
      return osFamilyLabel(t, value);
    case 'workload':
      return workloadLabel(t, value);
    case 'provider':
      return providerLabel(t, value);
    default:
      return value;
  }
};

export const groupTitle = (t: Translate, group: FilterGroupId): string => {
  switch (group) {
    case 'os':
      return t('Operating system');
    case 'workload':
      return t('Workload');
    case 'provider':
      return t('Template provider');
    case 'project':
      return t('Template project');
  }
};

/** The seed's Disk source names (§5.1-5.4). */
export const diskSourceLabel = (t: Translate, choice: DiskSourceChoice): string => {
  switch (choice) {
    case 'template':
      return t('Template default');
    case 'url':
      return t('URL (creates PVC)');
    case 'registry':
      return t('Registry (creates PVC)');
    case 'pvc':
      return t('PVC (clone PVC)');
    case 'upload':
      return t('Upload (Upload a new file to a PVC)');
  }
};

/** Why the boot source is not there, in a sentence. */
/** A server's message as a sentence, so that another can follow it: "PVC not found" → "PVC not found." */
const asSentence = (message: string): string => {
  const trimmed = message.trim();
  return /[.!?。]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

export const sourceProblemText = (t: Translate, problem?: SourceProblem): string => {
  switch (problem?.kind) {
    case 'unresolved':
      return t('The boot source names {{reference}}, a parameter without a value.', {
        reference: problem.reference,
      });
    case 'not-found':
      return t('The boot source {{kind}} {{namespace}}/{{name}} does not exist.', {
        kind: problem.sourceKind,
        namespace: problem.namespace,
        name: problem.name,
      });
    case 'not-ready':
      return problem.message
        ? t('The boot source DataSource {{namespace}}/{{name}} is not ready: {{message}}', {
            namespace: problem.namespace,
            name: problem.name,
            message: asSentence(problem.message),
          })
        : t('The boot source DataSource {{namespace}}/{{name}} is not ready.', {
            namespace: problem.namespace,
            name: problem.name,
          });
    case 'not-bound':
      return t('The boot source PersistentVolumeClaim {{namespace}}/{{name}} is {{phase}}.', {
        namespace: problem.namespace,
        name: problem.name,
        phase: problem.phase ?? t('not bound'),
      });
    case 'not-known':
      return t('The boot sources of {{namespace}} cannot be looked up.', {
        namespace: problem.namespace,
      });
    default:
      return t('The template has no boot source.');
  }
};
