import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  spanPhrase,
  TOP_CONSUMER_METRICS,
  topConsumersQuery,
  type TopConsumerMetricId,
} from './topConsumerQueries';

const metric = (id: TopConsumerMetricId) => {
  const found = TOP_CONSUMER_METRICS.find((m) => m.id === id);
  if (!found) throw new Error(id);
  return found;
};

const t = ((key: string, options?: Record<string, string>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => options?.[name] ?? '')) as TFunction;

describe('topConsumersQuery', () => {
  it('ranks VMs by CPU as the seed writes it', () => {
    expect(topConsumersQuery(metric('cpu'), { by: 'vm', limit: 5, span: '1h' })).toBe(
      'topk(5, sum by (name, namespace) (rate(kubevirt_vmi_cpu_usage_seconds_total[1h]))) > 0',
    );
  });

  it('ranks vCPU wait exactly as the seed’s example', () => {
    expect(topConsumersQuery(metric('vcpuWait'), { by: 'vm', limit: 3, span: '5m' })).toBe(
      'topk(3, sum by (name, namespace) (rate(kubevirt_vmi_vcpu_wait_seconds_total[5m]))) > 0',
    );
  });

  it('adds reads and writes for storage throughput and IOPS', () => {
    expect(
      topConsumersQuery(metric('storageThroughput'), { by: 'vm', limit: 10, span: '6h' }),
    ).toBe(
      'topk(10, sum by (name, namespace) (rate(kubevirt_vmi_storage_read_traffic_bytes_total[6h])) + sum by (name, namespace) (rate(kubevirt_vmi_storage_write_traffic_bytes_total[6h]))) > 0',
    );
    expect(topConsumersQuery(metric('storageIops'), { by: 'vm', limit: 5, span: '1h' })).toBe(
      'topk(5, sum by (name, namespace) (rate(kubevirt_vmi_storage_iops_read_total[1h])) + sum by (name, namespace) (rate(kubevirt_vmi_storage_iops_write_total[1h]))) > 0',
    );
  });

  it('adds swap in and out', () => {
    expect(topConsumersQuery(metric('swap'), { by: 'vm', limit: 5, span: '24h' })).toBe(
      'topk(5, sum by (name, namespace) (rate(kubevirt_vmi_memory_swap_in_traffic_bytes[24h])) + sum by (name, namespace) (rate(kubevirt_vmi_memory_swap_out_traffic_bytes[24h]))) > 0',
    );
  });

  it('averages memory, a gauge, over the range', () => {
    expect(topConsumersQuery(metric('memory'), { by: 'node', limit: 5, span: '1h' })).toBe(
      'topk(5, sum by (node) (avg_over_time(kubevirt_vmi_memory_used_bytes[1h]))) > 0',
    );
  });

  it('groups by project and confines to a project, its name escaped', () => {
    expect(
      topConsumersQuery(metric('cpu'), { by: 'namespace', limit: 5, span: '1h', namespace: 'a"b' }),
    ).toBe(
      'topk(5, sum by (namespace) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="a\\"b"}[1h]))) > 0',
    );
  });

  it('never asks for fewer than one', () => {
    expect(topConsumersQuery(metric('cpu'), { by: 'vm', limit: 0, span: '1h' })).toMatch(
      /^topk\(1, /,
    );
  });
});

describe('empty texts', () => {
  it('say what did not happen and when', () => {
    expect(metric('cpu').empty(t, spanPhrase(t, '1h'))).toBe(
      'No VM used any CPU in the last hour.',
    );
    expect(metric('swap').empty(t, spanPhrase(t, '24h'))).toBe(
      'No VM swapped in the last 24 hours.',
    );
  });
});
