import {
  sizeFields,
  sizeQuantity,
  type SizeUnit,
} from '../../../vms/details/configuration/disks/diskValidation';
import { quantityBytes } from '../../../vms/details/overview/formatQuantity';

const TYPED = /^(.*?)(Gi|Mi)$/;
const UNITS: Record<string, SizeUnit> = { Gi: 'GiB', Mi: 'MiB' };

/** A quantity's bytes; undefined unless it is a number of bytes above zero. */
export const diskSizeBytes = (quantity: string): number | undefined => {
  const bytes = quantityBytes(quantity);
  return bytes !== undefined && Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
};

/**
 * The disk size as the form edits it: `30Gi` → 30 GiB as typed (also when the number is not one
 * yet), any other quantity in whole GiB or MiB.
 */
export const diskSizeFields = (quantity: string | undefined): { value: string; unit: SizeUnit } => {
  if (!quantity) return { value: '', unit: 'GiB' };
  const typed = TYPED.exec(quantity);
  if (typed) return { value: typed[1] ?? '', unit: UNITS[typed[2] ?? 'Gi'] ?? 'GiB' };
  const bytes = diskSizeBytes(quantity);
  return bytes === undefined ? { value: quantity, unit: 'GiB' } : sizeFields(bytes);
};

/** What the form stores: the typed number and its unit (`30Gi`), checked by `validateDetails`. */
export const diskSizeQuantity = (value: string, unit: SizeUnit): string =>
  sizeQuantity(value, unit);
