// The common instance types by series (seed §4.3): `<series><version>.<size>`, e.g. `u1.medium`.
import type { Translate } from '../../../vms/actions/vmActionModel';
import type { Instancetype } from '../../../vms/details/configuration/details/instancetypes';
import { memoryLabel } from '../../../vms/details/configuration/details/memory';
import { quantityBytes } from '../../../vms/details/overview/formatQuantity';
import type { InstanceTypeChoice } from '../flow';

const DISPLAY_NAME = 'instancetype.kubevirt.io/displayName';
const DESCRIPTION = 'instancetype.kubevirt.io/description';
const CLASS = 'instancetype.kubevirt.io/class';

/** What a series is for, as the seed's table says; texts as literal keys for `npm run i18n`. */
export interface SeriesInfo {
  /** The letters before the version: `u`, `o`, `cx`, `gn`, `m`, `n`. */
  prefix: string;
  /** "Universal". */
  name(t: Translate): string;
  /** "Burstable CPU performance". */
  description(t: Translate): string;
  /** vCPU to memory. */
  ratio: string;
}

export const SERIES_INFO: readonly SeriesInfo[] = [
  {
    prefix: 'u',
    name: (t) => t('Universal'),
    description: (t) => t('Burstable CPU performance'),
    ratio: '1:4',
  },
  {
    prefix: 'o',
    name: (t) => t('Overcommitted'),
    description: (t) => t('Overcommitted memory, burstable CPU performance'),
    ratio: '1:4',
  },
  {
    prefix: 'cx',
    name: (t) => t('Compute-exclusive'),
    description: (t) => t('Hugepages, dedicated CPU, isolated emulator thread, vNUMA'),
    ratio: '1:2',
  },
  {
    prefix: 'gn',
    name: (t) => t('NVIDIA GPU'),
    description: (t) => t('GPUs from the NVIDIA GPU Operator, burstable CPU performance'),
    ratio: '1:4',
  },
  {
    prefix: 'm',
    name: (t) => t('Memory-intensive'),
    description: (t) => t('Hugepages, burstable CPU performance'),
    ratio: '1:8',
  },
  {
    prefix: 'n',
    name: (t) => t('Network-intensive'),
    description: (t) =>
      t('Hugepages, dedicated CPU, isolated emulator thread, requires DPDK-capable nodes'),
    ratio: '1:2',
  },
];

/** Sizes from smallest to largest, as common-instancetypes names them. */
export const SIZE_ORDER: readonly string[] = [
  'nano',
  'micro',
  'small',
  'medium',
  '2xmedium',
  'large',
  'xlarge',
  '2xlarge',
  '3xlarge',
  '4xlarge',
  '6xlarge',
  '8xlarge',
];

/** One instance type as a card's size menu shows it. */
export interface InstanceTypeSize {
  /** The object's name: `u1.medium`. */
  name: string;
  /** The part after the dot (`medium`); the whole name for a type outside the series. */
  size: string;
  cpu: number;
  /** `spec.memory.guest`: `4Gi`. */
  memory: string;
  displayName?: string;
  description?: string;
  /** `instancetype.kubevirt.io/class`: `universal`, `compute.exclusive`, … */
  className?: string;
}

export interface InstanceTypeSeries {
  /** `u1`, `cx1`, …; `other` for the rest. */
  key: string;
  /** Absent for `other`. */
  info?: SeriesInfo;
  /** Smallest first. */
  sizes: InstanceTypeSize[];
}

export const OTHER_SERIES = 'other';

const NAME = /^([a-z]+)(\d+)\.(.+)$/;

/** `u1.medium` → `{ prefix: 'u', version: '1', size: 'medium' }`; undefined for other names. */
export const parseInstanceTypeName = (
  name: string,
): { prefix: string; version: string; size: string } | undefined => {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, prefix = '', version = '', size = ''] = match;
  return { prefix, version, size };
};

export const seriesInfoOf = (prefix: string): SeriesInfo | undefined =>
  SERIES_INFO.find((info) => info.prefix === prefix);

export const sizeOfType = (type: Instancetype): InstanceTypeSize => {
  const name = type.metadata?.name ?? '';
  const annotations = type.metadata?.annotations ?? {};
  return {
    name,
    size: parseInstanceTypeName(name)?.size ?? name,
    cpu: type.spec?.cpu?.guest ?? 0,
    memory: type.spec?.memory?.guest ?? '',
    displayName: annotations[DISPLAY_NAME],
    description: annotations[DESCRIPTION],
    className: type.metadata?.labels?.[CLASS],
  };
};

const rank = (size: string): number => {
  const at = SIZE_ORDER.indexOf(size);
  return at < 0 ? SIZE_ORDER.length : at;
};

/** Known sizes in their order, then by vCPU, memory and name. */
export const compareSizes = (a: InstanceTypeSize, b: InstanceTypeSize): number =>
  rank(a.size) - rank(b.size) ||
  a.cpu - b.cpu ||
  (quantityBytes(a.memory) ?? 0) - (quantityBytes(b.memory) ?? 0) ||
  a.name.localeCompare(b.name);

const seriesRank = (key: string): number => {
  const parsed = parseInstanceTypeName(`${key}.x`);
  const at = SERIES_INFO.findIndex((info) => info.prefix === parsed?.prefix);
  return at < 0 ? SERIES_INFO.length : at;
};

/**
 * The cluster's instance types by series (U, O, CX, GN, M, N, as the seed lists them), each
 * smallest first; names outside the known series go to one `other` group, last.
 */
export const groupBySeries = (types: readonly Instancetype[]): InstanceTypeSeries[] => {
  const groups = new Map<string, InstanceTypeSeries>();
  for (const type of types) {
    const size = sizeOfType(type);
    const parsed = parseInstanceTypeName(size.name);
    const info = parsed && seriesInfoOf(parsed.prefix);
    const key = info && parsed ? `${parsed.prefix}${parsed.version}` : OTHER_SERIES;
    const group = groups.get(key) ?? { key, info, sizes: [] };
    group.sizes.push(info ? size : { ...size, size: size.name });
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, sizes: group.sizes.sort(compareSizes) }))
    .sort(
      (a, b) =>
        Number(a.key === OTHER_SERIES) - Number(b.key === OTHER_SERIES) ||
        seriesRank(a.key) - seriesRank(b.key) ||
        a.key.localeCompare(b.key, undefined, { numeric: true }),
    );
};

/** `U`, `CX`; `U2` for a later version of a series. */
export const seriesSymbol = (key: string): string => {
  const parsed = parseInstanceTypeName(`${key}.x`);
  if (!parsed) return key.toUpperCase();
  return `${parsed.prefix.toUpperCase()}${parsed.version === '1' ? '' : parsed.version}`;
};

/** "1 vCPU | 4 GiB". */
export const sizeText = (t: Translate, cpu: number, memory: string): string =>
  t('{{cpu}} vCPU | {{memory}}', { cpu, memory: memoryLabel(memory) ?? '—' });

export const choiceOf = (size: InstanceTypeSize, cluster: boolean): InstanceTypeChoice => ({
  cluster,
  name: size.name,
  cpu: size.cpu,
  memory: size.memory,
});
