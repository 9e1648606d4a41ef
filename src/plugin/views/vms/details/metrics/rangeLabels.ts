import type { TFunction } from 'i18next';
import type { PresetSpanId } from '../../../../api/prometheus/timeRange';

/** The range menu's names of the presets. */
export const PRESET_LABELS: Record<PresetSpanId, (t: TFunction) => string> = {
  '5m': (t) => t('Last 5 minutes'),
  '15m': (t) => t('Last 15 minutes'),
  '30m': (t) => t('Last 30 minutes'),
  '1h': (t) => t('Last 1 hour'),
  '6h': (t) => t('Last 6 hours'),
  '12h': (t) => t('Last 12 hours'),
  '1d': (t) => t('Last 1 day'),
  '2d': (t) => t('Last 2 days'),
  '7d': (t) => t('Last 7 days'),
};

/** The refresh menu's names of the intervals (seconds; 0 is off). */
export const refreshLabel = (seconds: number, t: TFunction): string => {
  if (!seconds) return t('Off');
  if (seconds < 60) return t('{{count}} s', { count: seconds });
  return t('{{count}} min', { count: seconds / 60 });
};

/** Why a custom range was refused (`customRange`'s answers). */
export const customRangeError = (problem: string, t: TFunction): string => {
  if (problem === 'startAfterEnd') return t('The start must be before the end.');
  if (problem === 'future') return t('The start is in the future.');
  return t('Enter a start and an end.');
};
