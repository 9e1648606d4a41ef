import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sDelete, k8sPatch, vmAction } from '../../../api/k8s';
import type { VmSummary } from '../../../api/vmIndex';
import { BULK_ACTIONS, runBulkAction, runLimited, type BulkActionId } from './bulkActions';

vi.mock('../../../api/k8s', () => ({
  vmAction: vi.fn(() => Promise.resolve()),
  k8sDelete: vi.fn(() => Promise.resolve()),
  k8sPatch: vi.fn(() => Promise.resolve({})),
  k8sCreate: vi.fn(),
  k8sGet: vi.fn(),
}));

const row = (name: string, status: string, standalone = false): VmSummary => ({
  namespace: 'ns',
  name,
  status,
  standalone,
  ips: [],
  labels: {},
  conditions: [],
});

const action = (id: BulkActionId) => BULK_ACTIONS.find((candidate) => candidate.id === id)!;

beforeEach(() => {
  vi.mocked(vmAction).mockReset().mockResolvedValue(undefined);
  vi.mocked(k8sDelete).mockClear();
  vi.mocked(k8sPatch).mockClear();
});

describe('bulk actions', () => {
  it('runs at most the limit at a time and keeps the order of results', async () => {
    let running = 0;
    let most = 0;
    const results = await runLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n === 3) throw new Error('three');
      return n * 10;
    });
    expect(most).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'x'))).toEqual([
      10,
      20,
      'x',
      40,
      50,
      60,
    ]);
  });

  it('starts the stopped VMs, skips the running ones, and reports each failure', async () => {
    vi.mocked(vmAction).mockImplementation(async (ref) => {
      if (ref.name === 'b') throw new Error('quota exceeded');
    });
    const outcomes = await runBulkAction(action('start'), [
      row('a', 'Stopped'),
      row('b', 'Stopped'),
      row('c', 'Running'),
    ]);
    expect(outcomes.map((o) => [o.row.name, o.status])).toEqual([
      ['a', 'done'],
      ['b', 'failed'],
      ['c', 'skipped'],
    ]);
    expect((outcomes[1]?.error as Error).message).toBe('quota exceeded');
    expect(vi.mocked(vmAction).mock.calls.map(([ref, verb]) => [ref.name, verb])).toEqual([
      ['a', 'start'],
      ['b', 'start'],
    ]);
  });

  it('pauses only running VMs and unpauses only paused ones', async () => {
    await runBulkAction(action('pause'), [row('a', 'Running'), row('b', 'Paused')]);
    await runBulkAction(action('unpause'), [row('a', 'Running'), row('b', 'Paused')]);
    expect(vi.mocked(vmAction).mock.calls.map(([ref, verb]) => [ref.name, verb])).toEqual([
      ['a', 'pause'],
      ['b', 'unpause'],
    ]);
  });

  it('adds or removes a label with a merge patch, on VMs and standalone VMIs', async () => {
    await runBulkAction(action('labels'), [row('a', 'Running'), row('solo', 'Running', true)], {
      key: 'tier',
      value: 'gold',
    });
    await runBulkAction(action('labels'), [row('a', 'Running')], { key: 'tier', value: null });
    expect(
      vi.mocked(k8sPatch).mock.calls.map(([model, ref, patch]) => [model.kind, ref.name, patch]),
    ).toEqual([
      ['VirtualMachine', 'a', { metadata: { labels: { tier: 'gold' } } }],
      ['VirtualMachineInstance', 'solo', { metadata: { labels: { tier: 'gold' } } }],
      ['VirtualMachine', 'a', { metadata: { labels: { tier: null } } }],
    ]);
  });

  it('deletes VMs and standalone VMIs', async () => {
    await runBulkAction(action('delete'), [row('a', 'Stopped'), row('solo', 'Running', true)]);
    expect(vi.mocked(k8sDelete).mock.calls.map(([model, ref]) => [model.kind, ref.name])).toEqual([
      ['VirtualMachine', 'a'],
      ['VirtualMachineInstance', 'solo'],
    ]);
  });
});
