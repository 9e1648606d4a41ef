// The JSON patches a VirtualMachineClone hands to its restore, as KubeVirt's clone controller
// generates them: new (or no) MAC addresses, a new SMBIOS serial, no firmware UUID, and the
// labels and annotations the filters leave out removed.
import type { KubeObject } from '../types';
import { vmSpec } from './vmVolumes';

export interface CloneSpec {
  source?: { apiGroup?: string; kind?: string; name?: string };
  target?: { apiGroup?: string; kind?: string; name?: string };
  labelFilters?: string[];
  annotationFilters?: string[];
  template?: { labelFilters?: string[]; annotationFilters?: string[] };
  newMacAddresses?: Record<string, string>;
  newSMBiosSerial?: string;
  patches?: string[];
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Go's regexp.MatchString: the filter matches anywhere in the key; a bad filter matches nothing. */
const matches = (filter: string, key: string) => {
  try {
    return new RegExp(filter).test(key);
  } catch {
    return false;
  }
};

/**
 * Keys a filter list keeps: `*` is every key, `!expr` excludes (negations win), the others are
 * regular expressions. No filters keep everything.
 */
export const keptKeys = (keys: string[], filters: string[] | undefined): Set<string> => {
  if (!filters) return new Set(keys);
  const include = filters.filter((f) => !f.startsWith('!')).map((f) => (f === '*' ? '.*' : f));
  const exclude = filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
  return new Set(
    keys.filter(
      (key) => include.some((f) => matches(f, key)) && !exclude.some((f) => matches(f, key)),
    ),
  );
};

const removalPatches = (
  map: Record<string, string> | undefined,
  filters: string[] | undefined,
  basePath: string,
) => {
  const keys = Object.keys(map ?? {});
  const kept = keptKeys(keys, filters);
  return keys
    .filter((key) => !kept.has(key))
    .map((key) => JSON.stringify({ op: 'remove', path: `${basePath}/${escapeKey(key)}` }));
};

export const generateClonePatches = (source: KubeObject, spec: CloneSpec): string[] => {
  const template = vmSpec(source).template;
  const domain = template?.spec?.domain;
  const patches: string[] = [];
  (domain?.devices?.interfaces ?? []).forEach((nic, index) => {
    // No new address given: an empty one, which the MAC pool replaces.
    patches.push(
      JSON.stringify({
        op: 'replace',
        path: `/spec/template/spec/domain/devices/interfaces/${index}/macAddress`,
        value: spec.newMacAddresses?.[nic.name] ?? '',
      }),
    );
  });
  if (domain?.firmware) {
    patches.push(
      JSON.stringify({
        op: 'replace',
        path: '/spec/template/spec/domain/firmware/serial',
        value: spec.newSMBiosSerial ?? '',
      }),
    );
  }
  patches.push(...removalPatches(source.metadata.labels, spec.labelFilters, '/metadata/labels'));
  const annotations = { ...(source.metadata.annotations ?? {}) };
  // Needed by the restore itself.
  delete annotations['restore.kubevirt.io/lastRestoreUID'];
  patches.push(...removalPatches(annotations, spec.annotationFilters, '/metadata/annotations'));
  patches.push(
    ...removalPatches(
      template?.metadata?.labels,
      spec.template?.labelFilters,
      '/spec/template/metadata/labels',
    ),
    ...removalPatches(
      template?.metadata?.annotations,
      spec.template?.annotationFilters,
      '/spec/template/metadata/annotations',
    ),
  );
  if (domain?.firmware) {
    patches.push(
      JSON.stringify({
        op: 'replace',
        path: '/spec/template/spec/domain/firmware/uuid',
        value: '',
      }),
    );
  }
  return [...patches, ...(spec.patches ?? [])];
};
