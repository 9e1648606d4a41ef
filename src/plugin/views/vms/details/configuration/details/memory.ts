import type { TFunction } from 'i18next';
import { formatBytes, quantityBytes } from '../../overview/formatQuantity';

export type MemoryUnit = 'MiB' | 'GiB';
export const MEMORY_UNITS: MemoryUnit[] = ['MiB', 'GiB'];

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

/** Below this a guest rarely boots; allowed, with a warning. */
export const LOW_MEMORY_MIB = 128;

/** A quantity as the form edits it: "2Gi" → 2 GiB, "1536Mi" → 1536 MiB, "2G" → 1907.35 MiB. */
export const splitMemory = (quantity?: string): { value: string; unit: MemoryUnit } => {
  const bytes = quantityBytes(quantity);
  if (!bytes) return { value: '', unit: 'GiB' };
  if (bytes % GIB === 0) return { value: String(bytes / GIB), unit: 'GiB' };
  return { value: String(Math.round((bytes / MIB) * 100) / 100), unit: 'MiB' };
};

/** Whole MiB typed as `value` `unit`, or undefined when it is not a positive number. */
export const memoryMiB = (value: string, unit: MemoryUnit): number | undefined => {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const mib = Number(value) * (unit === 'GiB' ? 1024 : 1);
  return mib > 0 ? mib : undefined;
};

/** The quantity to write: whole GiB as "NGi", anything else as "NMi". */
export const memoryQuantity = (mib: number): string =>
  mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;

/** Why the typed memory cannot be saved, or undefined. */
export const validateMemory = (
  value: string,
  unit: MemoryUnit,
  t: TFunction,
): string | undefined => {
  if (!value.trim()) return t('Enter the memory size.');
  const mib = memoryMiB(value, unit);
  if (mib === undefined) return t('Enter a positive number.');
  if (!Number.isInteger(mib)) return t('Memory must be a whole number of MiB.');
  return undefined;
};

/** "4Gi" → "4 GiB", "512Mi" → "512 MiB"; anything else in the nearest binary unit. */
export const memoryLabel = (quantity?: string): string | undefined => {
  const bytes = quantityBytes(quantity);
  if (bytes === undefined) return quantity;
  if (bytes > 0 && bytes % GIB === 0) return `${bytes / GIB} GiB`;
  if (bytes > 0 && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  return formatBytes(bytes);
};
