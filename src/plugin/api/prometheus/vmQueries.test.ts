import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { labelMatchers, vmiSelector } from './promql';
import {
  CPU_USAGE,
  cpuUsageQuery,
  GUEST_SWAP,
  IOPS_READ,
  IOPS_WRITE,
  LATENCY_READ,
  LATENCY_WRITE,
  MEMORY,
  memoryUsedQuery,
  MIGRATION_DATA,
  MIGRATION_TRANSFER_RATE,
  NETWORK_IN,
  NETWORK_OUT,
  NETWORK_TOTAL,
  NETWORK_TRANSFER,
  networkTransferQuery,
  STORAGE_READ,
  STORAGE_TRANSFER,
  STORAGE_WRITE,
  storageTransferQuery,
  VCPU_WAIT_CHART,
} from './vmQueries';

const t = i18next.t.bind(i18next) as TFunction;
const S = vmiSelector('dev', 'vm-1');
const SEL = '{namespace="dev",name="vm-1"}';

describe('VM chart queries', () => {
  it('CPU usage: the rate of CPU seconds, with the rate window of the step', () => {
    expect(CPU_USAGE.query(S, 15)).toBe(
      `sum(rate(kubevirt_vmi_cpu_usage_seconds_total${SEL}[60s]))`,
    );
    expect(CPU_USAGE.query(S, 600)).toBe(
      `sum(rate(kubevirt_vmi_cpu_usage_seconds_total${SEL}[2400s]))`,
    );
    expect(CPU_USAGE.unit).toBe('cores');
  });

  it('memory: used and allocated as two series of one query', () => {
    expect(MEMORY.query(S, 15)).toBe(
      `label_replace(sum(kubevirt_vmi_memory_used_bytes${SEL}), "series", "used", "", "") or ` +
        `label_replace(sum(kubevirt_vmi_memory_domain_bytes${SEL}), "series", "allocated", "", "")`,
    );
    expect(MEMORY.seriesLabel({ series: 'used' }, t)).toBe('Used');
    expect(MEMORY.seriesLabel({ series: 'allocated' }, t)).toBe('Allocated');
  });

  it('network in, out and total per interface; total is receive plus transmit', () => {
    expect(NETWORK_IN.query(S, 15)).toBe(
      `sum by (interface) (rate(kubevirt_vmi_network_receive_bytes_total${SEL}[60s]))`,
    );
    expect(NETWORK_OUT.query(S, 15)).toBe(
      `sum by (interface) (rate(kubevirt_vmi_network_transmit_bytes_total${SEL}[60s]))`,
    );
    expect(NETWORK_TOTAL.query(S, 15)).toBe(
      `sum by (interface) (rate(kubevirt_vmi_network_receive_bytes_total${SEL}[60s])) + ` +
        `sum by (interface) (rate(kubevirt_vmi_network_transmit_bytes_total${SEL}[60s]))`,
    );
    const eth1 = labelMatchers({ namespace: 'dev', name: 'vm-1', interface: 'eth1' });
    expect(NETWORK_IN.query(eth1, 15)).toBe(
      'sum by (interface) (rate(kubevirt_vmi_network_receive_bytes_total{namespace="dev",name="vm-1",interface="eth1"}[60s]))',
    );
    expect(NETWORK_IN.seriesLabel({ interface: 'default' }, t)).toBe('default');
    expect(NETWORK_IN.seriesLabel({}, t)).toBe('All interfaces');
  });

  it('storage throughput and IOPS per drive', () => {
    expect(STORAGE_READ.query(S, 30)).toBe(
      `sum by (drive) (rate(kubevirt_vmi_storage_read_traffic_bytes_total${SEL}[120s]))`,
    );
    expect(STORAGE_WRITE.query(S, 30)).toBe(
      `sum by (drive) (rate(kubevirt_vmi_storage_write_traffic_bytes_total${SEL}[120s]))`,
    );
    expect(IOPS_READ.query(S, 30)).toBe(
      `sum by (drive) (rate(kubevirt_vmi_storage_iops_read_total${SEL}[120s]))`,
    );
    expect(IOPS_WRITE.query(S, 30)).toBe(
      `sum by (drive) (rate(kubevirt_vmi_storage_iops_write_total${SEL}[120s]))`,
    );
    expect(STORAGE_READ.seriesLabel({ drive: 'rootdisk' }, t)).toBe('rootdisk');
  });

  it('latency per drive: time spent over operations, in seconds per operation', () => {
    expect(LATENCY_READ.query(S, 15)).toBe(
      `sum by (drive) (rate(kubevirt_vmi_storage_read_times_seconds_total${SEL}[60s])) / ` +
        `sum by (drive) (rate(kubevirt_vmi_storage_iops_read_total${SEL}[60s]))`,
    );
    expect(LATENCY_WRITE.query(S, 15)).toBe(
      `sum by (drive) (rate(kubevirt_vmi_storage_write_times_seconds_total${SEL}[60s])) / ` +
        `sum by (drive) (rate(kubevirt_vmi_storage_iops_write_total${SEL}[60s]))`,
    );
    expect(LATENCY_READ.unit).toBe('seconds');
  });

  it('vCPU wait, and why it may be empty', () => {
    expect(VCPU_WAIT_CHART.query(S, 15)).toBe(
      `sum(rate(kubevirt_vmi_vcpu_wait_seconds_total${SEL}[60s]))`,
    );
    expect(VCPU_WAIT_CHART.noDataHint?.(t)).toContain('schedstats=enable');
  });

  it('guest swap in and out', () => {
    expect(GUEST_SWAP.query(S, 15)).toBe(
      `label_replace(sum(rate(kubevirt_vmi_memory_swap_in_traffic_bytes${SEL}[60s])), "series", "in", "", "") or ` +
        `label_replace(sum(rate(kubevirt_vmi_memory_swap_out_traffic_bytes${SEL}[60s])), "series", "out", "", "")`,
    );
    expect(GUEST_SWAP.seriesLabel({ series: 'out' }, t)).toBe('Swapped out');
  });

  it('migration data processed and remaining, and the transfer rate', () => {
    expect(MIGRATION_DATA.query(S, 15)).toBe(
      `label_replace(sum(kubevirt_vmi_migration_data_processed_bytes${SEL}), "series", "processed", "", "") or ` +
        `label_replace(sum(kubevirt_vmi_migration_data_remaining_bytes${SEL}), "series", "remaining", "", "")`,
    );
    expect(MIGRATION_TRANSFER_RATE.query(S, 15)).toBe(
      `sum(kubevirt_vmi_migration_memory_transfer_rate_bytes${SEL})`,
    );
  });

  it('the Overview totals: all interfaces and all drives, both directions', () => {
    expect(NETWORK_TRANSFER.query(S, 15)).toBe(
      `sum(rate(kubevirt_vmi_network_receive_bytes_total${SEL}[60s])) + ` +
        `sum(rate(kubevirt_vmi_network_transmit_bytes_total${SEL}[60s]))`,
    );
    expect(STORAGE_TRANSFER.query(S, 15)).toBe(
      `sum(rate(kubevirt_vmi_storage_read_traffic_bytes_total${SEL}[60s])) + ` +
        `sum(rate(kubevirt_vmi_storage_write_traffic_bytes_total${SEL}[60s]))`,
    );
  });

  it('the current figures over five minutes', () => {
    expect(cpuUsageQuery(S, '5m')).toBe(
      `sum(rate(kubevirt_vmi_cpu_usage_seconds_total${SEL}[5m]))`,
    );
    expect(memoryUsedQuery(S)).toBe(`sum(kubevirt_vmi_memory_used_bytes${SEL})`);
    expect(networkTransferQuery(S, '5m')).toBe(
      `sum(rate(kubevirt_vmi_network_receive_bytes_total${SEL}[5m])) + sum(rate(kubevirt_vmi_network_transmit_bytes_total${SEL}[5m]))`,
    );
    expect(storageTransferQuery(S, '5m')).toBe(
      `sum(rate(kubevirt_vmi_storage_read_traffic_bytes_total${SEL}[5m])) + sum(rate(kubevirt_vmi_storage_write_traffic_bytes_total${SEL}[5m]))`,
    );
  });

  it('escapes the label values it is given', () => {
    expect(CPU_USAGE.query(vmiSelector('dev', 'a"b'), 15)).toBe(
      'sum(rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="dev",name="a\\"b"}[60s]))',
    );
  });
});
