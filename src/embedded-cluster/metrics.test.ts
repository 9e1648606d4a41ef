import { describe, expect, it } from 'vitest';
import { KubevirtMetrics, memoryUsedBytes, type GuestStats } from './metrics';
import { ObjectStore } from './store/objectStore';
import type { KubeObject } from './types';

const memoryStore = () =>
  new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });

const vmi = (name: string, node: string): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name, namespace: 'team-a', uid: `${name}-uid` },
  spec: { domain: { memory: { guest: '128Mi' } } },
  status: { phase: 'Running', nodeName: node },
});

const drive = (name: string, n: number) => ({
  drive: name,
  readBytes: 1000 * n,
  writeBytes: 100 * n,
  readOps: 10 * n,
  writeOps: n,
  readSeconds: 0.5 * n,
  writeSeconds: 0.25 * n,
  flushOps: n,
  flushSeconds: 0.125 * n,
});

const guest: GuestStats = {
  cpuSeconds: 12.5,
  vcpuWaitSeconds: 0.75,
  rssBytes: 200 * 2 ** 20,
  block: [drive('rootdisk', 1), drive('cloudinitdisk', 2), drive('data', 3)],
  net: [
    { interface: 'default', rxBytes: 1290, txBytes: 1286, rxPackets: 3, txPackets: 9 },
    { interface: 'blue', rxBytes: 10, txBytes: 20, rxPackets: 1, txPackets: 2 },
  ],
};

/** The samples of one metric in an exposition: labels (as text) → value. */
const samples = (text: string, name: string) =>
  new Map(
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(name.length, at), Number(line.slice(at + 1))] as const;
      }),
  );
const sum = (values: Map<string, number>) => [...values.values()].reduce((a, b) => a + b, 0);

const render = async (stats: Record<string, GuestStats>) => {
  const store = memoryStore();
  await store.put('kubevirt.io/virtualmachineinstances', vmi('web', 'worker-1'));
  const metrics = new KubevirtMetrics(store, { stats: (key) => stats[key] });
  try {
    return metrics.render();
  } finally {
    metrics.stop();
  }
};

describe('the /metrics exposition', () => {
  it('reports storage per drive, with the disk names of the VMI', async () => {
    const text = await render({ 'team-a/web': guest });
    const read = samples(text, 'kubevirt_vmi_storage_read_traffic_bytes_total');
    expect([...read.keys()]).toEqual([
      '{name="web",namespace="team-a",node="worker-1",drive="rootdisk"}',
      '{name="web",namespace="team-a",node="worker-1",drive="cloudinitdisk"}',
      '{name="web",namespace="team-a",node="worker-1",drive="data"}',
    ]);
    // Summed over the drives, the totals are what one series per VM used to say.
    expect(sum(read)).toBe(6000);
    expect(sum(samples(text, 'kubevirt_vmi_storage_write_traffic_bytes_total'))).toBe(600);
    expect(sum(samples(text, 'kubevirt_vmi_storage_iops_read_total'))).toBe(60);
    expect(sum(samples(text, 'kubevirt_vmi_storage_iops_write_total'))).toBe(6);
    expect(sum(samples(text, 'kubevirt_vmi_storage_read_times_seconds_total'))).toBe(3);
    expect(sum(samples(text, 'kubevirt_vmi_storage_write_times_seconds_total'))).toBe(1.5);
    expect(sum(samples(text, 'kubevirt_vmi_storage_flush_requests_total'))).toBe(6);
    expect(text).toContain('# TYPE kubevirt_vmi_storage_read_traffic_bytes_total counter');
  });

  it('reports the network per interface, receive and transmit', async () => {
    const text = await render({ 'team-a/web': guest });
    const received = samples(text, 'kubevirt_vmi_network_receive_bytes_total');
    expect(received).toEqual(
      new Map([
        ['{name="web",namespace="team-a",node="worker-1",interface="default"}', 1290],
        ['{name="web",namespace="team-a",node="worker-1",interface="blue"}', 10],
      ]),
    );
    expect(sum(samples(text, 'kubevirt_vmi_network_transmit_bytes_total'))).toBe(1306);
    expect(sum(samples(text, 'kubevirt_vmi_network_receive_packets_total'))).toBe(4);
    expect(sum(samples(text, 'kubevirt_vmi_network_transmit_packets_total'))).toBe(11);
  });

  it("reports the guest's view of memory and its swap traffic when the balloon sends them", async () => {
    const text = await render({
      'team-a/web': {
        ...guest,
        guestMemory: {
          totalBytes: 83_886_080,
          freeBytes: 42_262_528,
          usableBytes: 49_201_152,
          cachedBytes: 8_474_624,
          swapInBytes: 4096,
          swapOutBytes: 8192,
          majorFaults: 2,
          minorFaults: 4629,
        },
      },
    });
    const labels = '{name="web",namespace="team-a",node="worker-1"}';
    const one = (name: string) => samples(text, name).get(labels);
    expect(one('kubevirt_vmi_memory_used_bytes')).toBe(83_886_080 - 42_262_528);
    expect(one('kubevirt_vmi_memory_resident_bytes')).toBe(200 * 2 ** 20);
    expect(one('kubevirt_vmi_memory_available_bytes')).toBe(83_886_080);
    expect(one('kubevirt_vmi_memory_unused_bytes')).toBe(42_262_528);
    expect(one('kubevirt_vmi_memory_usable_bytes')).toBe(49_201_152);
    expect(one('kubevirt_vmi_memory_cached_bytes')).toBe(8_474_624);
    expect(one('kubevirt_vmi_memory_swap_in_traffic_bytes')).toBe(4096);
    expect(one('kubevirt_vmi_memory_swap_out_traffic_bytes')).toBe(8192);
    expect(one('kubevirt_vmi_memory_pgmajfault_total')).toBe(2);
    expect(text).toContain('# TYPE kubevirt_vmi_memory_swap_in_traffic_bytes gauge');
  });

  it('falls back to the RSS for memory used, and invents no swap, without balloon figures', async () => {
    const text = await render({ 'team-a/web': guest });
    expect([...samples(text, 'kubevirt_vmi_memory_used_bytes').values()]).toEqual([200 * 2 ** 20]);
    expect(text).not.toContain('kubevirt_vmi_memory_swap_in_traffic_bytes');
    expect(text).not.toContain('kubevirt_vmi_memory_available_bytes');
    // While the guest may still send its first figures, nothing rather than the RSS.
    expect(memoryUsedBytes({ ...guest, guestMemoryPending: true })).toBeUndefined();
  });

  it('reports the figures of a migration in flight', async () => {
    const text = await render({
      'team-a/web': {
        ...guest,
        migration: {
          processedBytes: 50,
          remainingBytes: 70,
          totalBytes: 120,
          bytesPerSecond: 1e6,
          dirtyBytesPerSecond: 4096,
        },
      },
    });
    expect(sum(samples(text, 'kubevirt_vmi_migration_data_processed_bytes'))).toBe(50);
    expect(sum(samples(text, 'kubevirt_vmi_migration_data_remaining_bytes'))).toBe(70);
    expect(sum(samples(text, 'kubevirt_vmi_migration_memory_transfer_rate_bytes'))).toBe(1e6);
    expect(sum(samples(text, 'kubevirt_vmi_migration_dirty_memory_rate_bytes'))).toBe(4096);
  });

  it('invents nothing for a guest without a process', async () => {
    const text = await render({});
    expect(text).toMatch(
      /^kubevirt_vmi_memory_domain_bytes\{name="web",namespace="team-a",node="worker-1"\} 134217728$/m,
    );
    expect(text).not.toContain('kubevirt_vmi_cpu_usage_seconds_total');
    expect(text).not.toContain('kubevirt_vmi_network_receive_bytes_total');
  });

  it('escapes label values', async () => {
    const text = await render({
      'team-a/web': { ...guest, block: [drive('a"b\\c', 1)], net: [] },
    });
    expect(text).toContain('drive="a\\"b\\\\c"');
  });
});
