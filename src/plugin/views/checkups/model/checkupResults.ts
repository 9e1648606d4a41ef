// A checkup's parameters (`spec.*`) and results (`status.result.*`) as label/value rows a person
// reads: nanoseconds as milliseconds, seconds with their unit, storage findings as lists, the
// checks' messages line by line. Keys this file does not know are still shown, their name humanised.
import { KEYS, RESULT_PREFIX } from './checkupObjects';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export type DisplayValue =
  | { type: 'text'; text: string }
  /** Names the checkup listed; empty: none found. */
  | { type: 'list'; items: string[] }
  /** A message of one or more lines. */
  | { type: 'lines'; lines: string[] };

export interface DisplayEntry {
  key: string;
  label: string;
  value: DisplayValue;
}

type Format = 'nanoseconds' | 'seconds' | 'milliseconds' | 'text' | 'list' | 'lines';

interface KnownKey {
  key: string;
  label: (t: Translate) => string;
  format: Format;
}

/** The result keys of both checkups, in the order the details page lists them. */
const RESULTS: KnownKey[] = [
  { key: 'minLatencyNanoSec', label: (t) => t('Minimum latency'), format: 'nanoseconds' },
  { key: 'avgLatencyNanoSec', label: (t) => t('Average latency'), format: 'nanoseconds' },
  { key: 'maxLatencyNanoSec', label: (t) => t('Maximum latency'), format: 'nanoseconds' },
  { key: 'measurementDurationSec', label: (t) => t('Measurement duration'), format: 'seconds' },
  { key: 'sourceNode', label: (t) => t('Source node'), format: 'text' },
  { key: 'targetNode', label: (t) => t('Target node'), format: 'text' },
  { key: 'ocpVersion', label: (t) => t('OpenShift version'), format: 'text' },
  { key: 'cnvVersion', label: (t) => t('OpenShift Virtualization version'), format: 'text' },
  { key: 'defaultStorageClass', label: (t) => t('Default storage class'), format: 'text' },
  {
    key: 'storageProfilesWithEmptyClaimPropertySets',
    label: (t) => t('Storage profiles with empty claim property sets'),
    format: 'list',
  },
  {
    key: 'storageProfilesWithSpecClaimPropertySets',
    label: (t) => t('Storage profiles with claim property sets in their spec'),
    format: 'list',
  },
  {
    key: 'storageWithRWX',
    label: (t) => t('Storage classes with ReadWriteMany'),
    format: 'list',
  },
  {
    key: 'storageMissingVolumeSnapshotClass',
    label: (t) => t('Storage classes without a VolumeSnapshotClass'),
    format: 'list',
  },
  {
    key: 'goldenImagesNotUpToDate',
    label: (t) => t('Golden images not up to date'),
    format: 'list',
  },
  {
    key: 'goldenImagesNoDataSource',
    label: (t) => t('Golden images without a ready DataSource'),
    format: 'list',
  },
  {
    key: 'vmsWithNonVirtRbdStorageClass',
    label: (t) => t('VirtualMachines on a plain Ceph RBD storage class'),
    format: 'list',
  },
  {
    key: 'vmsWithUnsetEfsStorageClass',
    label: (t) => t('VirtualMachines on an EFS storage class without GID and UID'),
    format: 'list',
  },
  { key: 'vmBootFromGoldenImage', label: (t) => t('Boot from a golden image'), format: 'lines' },
  { key: 'vmVolumeClone', label: (t) => t('Volume clone'), format: 'lines' },
  { key: 'vmLiveMigration', label: (t) => t('Live migration'), format: 'lines' },
  { key: 'vmHotplugVolume', label: (t) => t('Volume hot-plug'), format: 'lines' },
];

const PARAMETERS: KnownKey[] = [
  { key: KEYS.timeout, label: (t) => t('Timeout'), format: 'text' },
  { key: KEYS.nadName, label: (t) => t('NetworkAttachmentDefinition'), format: 'text' },
  {
    key: KEYS.nadNamespace,
    label: (t) => t('NetworkAttachmentDefinition project'),
    format: 'text',
  },
  { key: KEYS.sampleDuration, label: (t) => t('Sample duration'), format: 'seconds' },
  { key: KEYS.maxLatency, label: (t) => t('Maximum desired latency'), format: 'milliseconds' },
  { key: KEYS.sourceNode, label: (t) => t('Source node'), format: 'text' },
  { key: KEYS.targetNode, label: (t) => t('Target node'), format: 'text' },
];

/** `storageWithRWX` → "Storage with RWX"; `trafficGenSentPackets` → "Traffic gen sent packets". */
export const humanizeKey = (key: string): string => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s._-]+/)
    .filter(Boolean)
    .map((word) => (/^[A-Z0-9]+$/.test(word) && word.length > 1 ? word : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const numberFormats = new Map<string, Intl.NumberFormat>();
const formatNumber = (value: number, language: string, small: boolean) => {
  const id = `${language}:${small}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(
      language,
      small ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 3 },
    );
    numberFormats.set(id, format);
  }
  return format.format(value);
};

/** 177000 (ns) → "0.177 ms". Not a number: shown as written. */
export const formatNanoseconds = (raw: string, t: Translate, language: string): string => {
  const ns = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(ns)) return raw;
  const ms = ns / 1e6;
  return t('{{value}} ms', { value: formatNumber(ms, language, Math.abs(ms) < 1 && ms !== 0) });
};

const withUnit = (raw: string, t: Translate, language: string, unit: 's' | 'ms') => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return raw;
  const text = formatNumber(value, language, false);
  return unit === 's' ? t('{{value}} s', { value: text }) : t('{{value}} ms', { value: text });
};

/** kiagnose joins names with newlines (older versions with commas). */
export const splitList = (raw: string): string[] =>
  raw
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);

const display = (raw: string, format: Format, t: Translate, language: string): DisplayValue => {
  switch (format) {
    case 'nanoseconds':
      return { type: 'text', text: formatNanoseconds(raw, t, language) };
    case 'seconds':
      return { type: 'text', text: withUnit(raw, t, language, 's') };
    case 'milliseconds':
      return { type: 'text', text: withUnit(raw, t, language, 'ms') };
    case 'list':
      return { type: 'list', items: splitList(raw) };
    case 'lines':
      return { type: 'lines', lines: raw.split('\n').filter((line) => line.trim() !== '') };
    default:
      return raw.includes('\n')
        ? { type: 'lines', lines: raw.split('\n').filter((line) => line.trim() !== '') }
        : { type: 'text', text: raw };
  }
};

/** An unknown key's format from its name: `…NanoSec`, `…Sec`/`…Seconds`, else text. */
const guessedFormat = (key: string): Format =>
  /NanoSec$/.test(key) ? 'nanoseconds' : /(Sec|Seconds)$/.test(key) ? 'seconds' : 'text';

const entries = (
  values: Record<string, string>,
  known: KnownKey[],
  unknownLabel: (key: string) => string,
  t: Translate,
  language: string,
): DisplayEntry[] => {
  const knownKeys = new Set(known.map((k) => k.key));
  const listed = known
    .filter((k) => k.key in values)
    .map((k) => ({
      key: k.key,
      label: k.label(t),
      value: display(values[k.key] ?? '', k.format, t, language),
    }));
  const others = Object.keys(values)
    .filter((key) => !knownKeys.has(key))
    .sort()
    .map((key) => ({
      key,
      label: unknownLabel(key),
      value: display(values[key] ?? '', guessedFormat(key), t, language),
    }));
  return [...listed, ...others];
};

/** Every `status.result.*` key of the ConfigMap, known ones first. */
export const resultEntries = (
  data: Record<string, string> | undefined,
  t: Translate,
  language: string,
): DisplayEntry[] => {
  const results = Object.fromEntries(
    Object.entries(data ?? {})
      .filter(([key]) => key.startsWith(RESULT_PREFIX))
      .map(([key, value]) => [key.slice(RESULT_PREFIX.length), value]),
  );
  return entries(results, RESULTS, humanizeKey, t, language);
};

/** Every `spec.*` key of the ConfigMap: the timeout and the checkup's parameters. */
export const parameterEntries = (
  data: Record<string, string> | undefined,
  t: Translate,
  language: string,
): DisplayEntry[] => {
  const spec = Object.fromEntries(
    Object.entries(data ?? {}).filter(([key]) => key.startsWith('spec.')),
  );
  return entries(
    spec,
    PARAMETERS,
    (key) => humanizeKey(key.replace(/^spec\.(param\.)?/, '')),
    t,
    language,
  );
};
