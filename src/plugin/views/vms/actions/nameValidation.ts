import type { Translate } from './vmActionModel';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A name for a new VM or snapshot: a DNS-1123 label (KubeVirt copies VM names into labels, so
 * 63 characters at most).
 */
export const validateResourceName = (name: string, t: Translate): string | undefined => {
  if (!name) return t('Enter a name.');
  if (name.length > 63) return t('A name must be at most 63 characters.');
  if (!DNS_1123_LABEL.test(name))
    return t(
      'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
    );
  return undefined;
};

const pad = (value: number) => String(value).padStart(2, '0');

/** `NAME-snapshot-20250102-030405`, cut so the whole stays a valid name. */
export const generatedSnapshotName = (vmName: string, now = new Date()): string => {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const suffix = `-snapshot-${stamp}`;
  return `${vmName.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
};

export const generatedCloneName = (vmName: string): string => {
  const suffix = '-clone';
  return `${vmName.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
};
