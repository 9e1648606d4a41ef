// The Run checkup forms' values, their validation (each message names what to fix), and the
// input ConfigMap they become.
import { checkupNameError } from '../model/checkupName';
import { latencyConfigMap, storageConfigMap } from '../model/checkupObjects';
import type { ConfigMap } from '../model/types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface LatencyFormValues {
  name: string;
  nad: string;
  /** Empty: the checkup's default (5 s). */
  sampleDuration: string;
  setMaxLatency: boolean;
  maxLatency: string;
  selectNodes: boolean;
  sourceNode: string;
  targetNode: string;
}

export interface StorageFormValues {
  name: string;
  timeout: string;
}

export type FormErrors<V> = Partial<Record<keyof V, string>>;

export const DEFAULT_STORAGE_TIMEOUT_MINUTES = 10;

export const initialLatencyForm = (name: string): LatencyFormValues => ({
  name,
  nad: '',
  sampleDuration: '',
  setMaxLatency: false,
  maxLatency: '',
  selectNodes: false,
  sourceNode: '',
  targetNode: '',
});

export const initialStorageForm = (name: string): StorageFormValues => ({
  name,
  timeout: String(DEFAULT_STORAGE_TIMEOUT_MINUTES),
});

/** A whole number of at least `min`, or undefined. */
export const wholeNumber = (raw: string, min: number): number | undefined => {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min ? value : undefined;
};

const withoutEmpty = <V>(errors: FormErrors<V>): FormErrors<V> =>
  Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as FormErrors<V>;

export const validateLatencyForm = (
  values: LatencyFormValues,
  t: Translate,
  taken: readonly string[] = [],
): FormErrors<LatencyFormValues> => {
  const errors: FormErrors<LatencyFormValues> = {
    name: checkupNameError(values.name, t, taken),
    nad: values.nad ? undefined : t('Select a NetworkAttachmentDefinition.'),
  };
  if (values.sampleDuration.trim() && wholeNumber(values.sampleDuration, 1) === undefined)
    errors.sampleDuration = t('Enter the sample duration as a whole number of seconds, 1 or more.');
  if (values.setMaxLatency && wholeNumber(values.maxLatency, 0) === undefined)
    errors.maxLatency = t('Enter the maximum desired latency as a whole number of milliseconds.');
  if (values.selectNodes) {
    const source = values.sourceNode.trim();
    const target = values.targetNode.trim();
    if (!source && !target) errors.sourceNode = t('Select a source node, or clear Select nodes.');
    else if (!source)
      errors.sourceNode = t('Select a source node: it is needed when a target node is set.');
    else if (!target)
      errors.targetNode = t('Select a target node: it is needed when a source node is set.');
    else if (source === target)
      errors.targetNode = t('Select a target node other than the source node.');
  }
  return withoutEmpty(errors);
};

export const validateStorageForm = (
  values: StorageFormValues,
  t: Translate,
  taken: readonly string[] = [],
): FormErrors<StorageFormValues> =>
  withoutEmpty({
    name: checkupNameError(values.name, t, taken),
    timeout:
      wholeNumber(values.timeout, 1) === undefined
        ? t('Enter the timeout as a whole number of minutes, 1 or more.')
        : undefined,
  });

/** The latency checkup's ConfigMap from valid values. */
export const latencyFormInput = (values: LatencyFormValues, namespace: string): ConfigMap =>
  latencyConfigMap({
    namespace,
    name: values.name,
    nadName: values.nad,
    sampleDurationSeconds: values.sampleDuration.trim()
      ? wholeNumber(values.sampleDuration, 1)
      : undefined,
    maxDesiredLatencyMilliseconds: values.setMaxLatency
      ? wholeNumber(values.maxLatency, 0)
      : undefined,
    sourceNode: values.selectNodes ? values.sourceNode.trim() : undefined,
    targetNode: values.selectNodes ? values.targetNode.trim() : undefined,
  });

export const storageFormInput = (values: StorageFormValues, namespace: string): ConfigMap =>
  storageConfigMap({
    namespace,
    name: values.name,
    timeoutMinutes: wholeNumber(values.timeout, 1) ?? DEFAULT_STORAGE_TIMEOUT_MINUTES,
  });
