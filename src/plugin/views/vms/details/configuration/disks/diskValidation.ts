import type { Translate } from '../../../actions/vmActionModel';

/** The seed's disk name rule: lowercase alphanumerics, '-' and '.', alphanumeric first and last. */
const DISK_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const MAX_NAME = 253;

export const validateDiskName = (
  name: string,
  taken: readonly string[],
  t: Translate,
): string | undefined => {
  if (!name) return t('Enter a name.');
  if (name.length > MAX_NAME) return t('A disk name must be at most 253 characters.');
  if (!DISK_NAME.test(name))
    return t(
      'Use lowercase letters, digits, "-" and "." only, starting and ending with a letter or digit.',
    );
  if (taken.includes(name))
    return t('The VirtualMachine already has a disk named {{name}}.', { name });
  return undefined;
};

/** The DataVolume a VM's `dataVolumeTemplates` entry creates for a disk: `<vm>-<disk>`. */
export const dataVolumeNameFor = (vmName: string, diskName: string): string =>
  `${vmName}-${diskName}`;

export const validateDataVolumeName = (
  vmName: string,
  diskName: string,
  t: Translate,
): string | undefined => {
  const name = dataVolumeNameFor(vmName, diskName);
  return name.length > MAX_NAME
    ? t(
        'The DataVolume of this disk would be named {{name}}, longer than 253 characters: choose a shorter disk name.',
        { name },
      )
    : undefined;
};

export type SizeUnit = 'GiB' | 'MiB';
export const SIZE_UNITS: readonly SizeUnit[] = ['GiB', 'MiB'];
const UNIT_BYTES: Record<SizeUnit, number> = { GiB: 2 ** 30, MiB: 2 ** 20 };
const UNIT_SUFFIX: Record<SizeUnit, string> = { GiB: 'Gi', MiB: 'Mi' };
const NUMBER = /^\d+(\.\d+)?$/;

/** The bytes of "30" GiB; undefined when the value is not a plain number. */
export const sizeBytes = (value: string, unit: SizeUnit): number | undefined =>
  NUMBER.test(value.trim()) ? Number(value.trim()) * UNIT_BYTES[unit] : undefined;

/** "30", GiB → "30Gi". */
export const sizeQuantity = (value: string, unit: SizeUnit): string =>
  `${value.trim()}${UNIT_SUFFIX[unit]}`;

/** A size and unit for a number of bytes: whole GiB when it divides, else MiB rounded up. */
export const sizeFields = (bytes: number): { value: string; unit: SizeUnit } =>
  bytes % UNIT_BYTES.GiB === 0
    ? { value: String(bytes / UNIT_BYTES.GiB), unit: 'GiB' }
    : { value: String(Math.ceil(bytes / UNIT_BYTES.MiB)), unit: 'MiB' };

/** "30 GiB", "1536 MiB": a size as the form would take it (MiB rounded up). */
export const sizeLabel = (bytes: number): string => {
  const { value, unit } = sizeFields(bytes);
  return `${value} ${unit}`;
};

/**
 * A disk size: a number above 0; at least `minBytes` when given (`minLabel` says what that is,
 * like the source's size).
 */
export const validateSize = (
  value: string,
  unit: SizeUnit,
  t: Translate,
  min?: { bytes: number; label: string },
): string | undefined => {
  if (!value.trim()) return t('Enter a size.');
  const bytes = sizeBytes(value, unit);
  if (bytes === undefined) return t('Enter a number, such as 30.');
  if (bytes <= 0) return t('The size must be greater than 0.');
  if (min && bytes < min.bytes)
    return t('The size must be at least {{size}}, the size of the source.', { size: min.label });
  return undefined;
};

/** Expand: only a size larger than the claim's capacity now. */
export const validateExpandSize = (
  value: string,
  unit: SizeUnit,
  currentBytes: number,
  currentLabel: string,
  t: Translate,
): string | undefined => {
  const error = validateSize(value, unit, t);
  if (error) return error;
  if ((sizeBytes(value, unit) ?? 0) <= currentBytes)
    return t(
      'A disk can only grow: enter a size larger than its current {{size}}. To get a smaller disk, add a new one.',
      { size: currentLabel },
    );
  return undefined;
};

export const validateImageUrl = (url: string, t: Translate): string | undefined => {
  const value = url.trim();
  if (!value) return t('Enter the URL of the image.');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    parsed = new URL('invalid:');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname)
    return t('Enter an http:// or https:// URL, such as https://example.com/images/disk.qcow2.');
  return undefined;
};

// The grammar of github.com/distribution/reference: [domain/]path[:tag][@digest].
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`,
);
const DOCKER_SCHEME = 'docker://';

/** The image reference without a `docker://` the user may have typed. */
export const imageReference = (image: string): string => {
  const value = image.trim();
  return value.startsWith(DOCKER_SCHEME) ? value.slice(DOCKER_SCHEME.length) : value;
};

/** A DataVolume's registry URL: `docker://quay.io/containerdisks/fedora:latest`. */
export const registryUrl = (image: string): string => `${DOCKER_SCHEME}${imageReference(image)}`;

export const validateImage = (image: string, t: Translate): string | undefined => {
  const reference = imageReference(image);
  if (!reference) return t('Enter a container image.');
  if (reference.length > 255 || !REFERENCE.test(reference))
    return t(
      'Enter an image reference such as quay.io/containerdisks/fedora:latest (lowercase repository, optional tag or digest).',
    );
  return undefined;
};
