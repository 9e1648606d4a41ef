import { validateLabelValue, validateMetadataKey } from '../../../actions/metadataValidation';
import type { Translate } from '../../../actions/vmActionModel';
import type { TaintEffect, Toleration, TolerationOperator } from './schedulingTypes';

export const TAINT_EFFECTS: TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** One toleration as the form holds it; `effect` '' tolerates every effect. */
export interface TolerationRow {
  key: string;
  operator: TolerationOperator;
  value: string;
  effect: TaintEffect | '';
  /** Not edited; kept for NoExecute tolerations that had it. */
  tolerationSeconds?: number;
}

export interface TolerationErrors {
  key?: string;
  value?: string;
}

export const newTolerationRow = (): TolerationRow => ({
  key: '',
  operator: 'Equal',
  value: '',
  effect: 'NoSchedule',
});

export const tolerationRowsOf = (tolerations: Toleration[] = []): TolerationRow[] =>
  tolerations.map((t) => ({
    key: t.key ?? '',
    operator: t.operator === 'Exists' ? 'Exists' : 'Equal',
    value: t.value ?? '',
    effect: (TAINT_EFFECTS as string[]).includes(t.effect ?? '') ? (t.effect as TaintEffect) : '',
    ...(t.tolerationSeconds !== undefined ? { tolerationSeconds: t.tolerationSeconds } : {}),
  }));

const blank = (row: TolerationRow) => !row.key && !row.value;

/** The tolerations of the rows; blank rows are left out. */
export const tolerationsOf = (rows: TolerationRow[]): Toleration[] =>
  rows
    .filter((row) => !blank(row) || row.operator === 'Exists')
    .map((row) => ({
      ...(row.key ? { key: row.key } : {}),
      operator: row.operator,
      ...(row.operator === 'Equal' ? { value: row.value } : {}),
      ...(row.effect ? { effect: row.effect } : {}),
      ...(row.tolerationSeconds !== undefined && row.effect === 'NoExecute'
        ? { tolerationSeconds: row.tolerationSeconds }
        : {}),
    }));

export const validateTolerationRows = (rows: TolerationRow[], t: Translate): TolerationErrors[] =>
  rows.map((row) => {
    if (blank(row) && row.operator === 'Equal') return {};
    if (!row.key)
      return row.operator === 'Exists'
        ? {}
        : { key: t('Enter a key, or choose Exists to tolerate every taint.') };
    return {
      key: validateMetadataKey(row.key, t),
      value: row.operator === 'Exists' ? undefined : validateLabelValue(row.value, t),
    };
  });

export const hasTolerationErrors = (errors: TolerationErrors[]): boolean =>
  errors.some((e) => e.key || e.value);

/** `key=value:NoSchedule`, as kubectl writes taints. */
export const tolerationText = (toleration: Toleration): string => {
  const subject =
    toleration.operator === 'Exists'
      ? (toleration.key ?? '')
      : `${toleration.key ?? ''}=${toleration.value ?? ''}`;
  return toleration.effect ? `${subject}:${toleration.effect}` : subject;
};
