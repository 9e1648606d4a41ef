import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { useQuery } from '@tanstack/react-query';
import { bffURL, errorMessage } from '../../../../api/bff';
import { errorCode } from '../DetailsStates';

/** A PromQL string literal: quotes, backslashes and newlines escaped, never interpolated raw. */
export const promString = (value: string): string =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** `{namespace="NS",name="NAME"}`: the series of one VMI (KubeVirt labels them `name`). */
export const vmiSelector = (namespace: string, name: string): string =>
  `{namespace=${promString(namespace)},name=${promString(name)}}`;

interface PrometheusAnswer<T> {
  status: 'success' | 'error';
  data?: T;
  error?: string;
}

/** Metrics are optional: a missing Prometheus (503) or a PromQL error is a reason to show, not a crash. */
export class MetricsUnavailable extends Error {}

const prometheusGet = async <T>(path: string): Promise<T> => {
  try {
    const answer = (await consoleFetchJSON(bffURL(path))) as PrometheusAnswer<T>;
    if (answer.status !== 'success' || answer.data === undefined)
      throw new MetricsUnavailable(answer.error ?? 'Prometheus answered without data');
    return answer.data;
  } catch (error) {
    if (error instanceof MetricsUnavailable) throw error;
    const json = (error as { json?: { error?: unknown } } | null)?.json;
    if (errorCode(error) === 503 || typeof json?.error === 'string')
      throw new MetricsUnavailable(
        typeof json?.error === 'string' ? json.error : errorMessage(error),
      );
    throw error;
  }
};

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** One instant query in a namespace; the sum of the vector's samples, undefined when empty. */
export const usePrometheusValue = (namespace: string, query: string | null) =>
  useQuery({
    queryKey: ['prometheus', 'query', namespace, query],
    enabled: !!query,
    refetchInterval: 30_000,
    retry: false,
    queryFn: async () => {
      const params = new URLSearchParams({ query: query ?? '', namespace });
      const data = await prometheusGet<{ resultType: string; result: VectorSample[] }>(
        `prometheus/api/v1/query?${params}`,
      );
      if (!data.result.length) return null;
      return data.result.reduce((sum, sample) => sum + Number(sample.value[1]), 0);
    },
  });

export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  state: string;
  activeAt?: string;
  value?: string;
}

/** The labels by which KubeVirt's alerts name a VM or its instance. */
const VM_NAME_LABELS = [
  'name',
  'vm',
  'vm_name',
  'vmi',
  'vmi_name',
  'virtualmachine',
  'kubernetes_vmi_label_kubevirt_io_domain',
];

/** The firing and pending alerts of one VM: labelled with its namespace and its name. */
export const alertsOfVm = (alerts: PrometheusAlert[], namespace: string, name: string) =>
  alerts.filter(
    (alert) =>
      alert.labels.namespace === namespace &&
      VM_NAME_LABELS.some((label) => alert.labels[label] === name),
  );

export const useVmAlerts = (namespace: string, name: string) =>
  useQuery({
    queryKey: ['prometheus', 'alerts', namespace],
    refetchInterval: 30_000,
    retry: false,
    queryFn: () =>
      prometheusGet<{ alerts: PrometheusAlert[] }>(
        `prometheus/api/v1/alerts?${new URLSearchParams({ namespace })}`,
      ),
    select: (data) => alertsOfVm(data.alerts ?? [], namespace, name),
  });
