import { describe, expect, it, vi } from 'vitest';
import { runAddDisk, type AddDiskSteps } from './runAddDisk';

const steps = (overrides: Partial<AddDiskSteps> = {}): AddDiskSteps & { log: string[] } => {
  const log: string[] = [];
  return {
    log,
    createDataVolume: vi.fn(async () => void log.push('create')),
    upload: vi.fn(async () => void log.push('upload')),
    waitFor: vi.fn(async () => void log.push('wait')),
    patch: vi.fn(async () => void log.push('patch')),
    hotplug: vi.fn(async () => void log.push('hotplug')),
    onStep: vi.fn(),
    ...overrides,
  };
};

const dataVolume = { metadata: { name: 'vm-data' }, spec: {} };

describe('runAddDisk', () => {
  it('creates, uploads, waits and hot-plugs in order', async () => {
    const s = steps();
    await runAddDisk(
      {
        dataVolume,
        upload: true,
        waitFor: 'vm-data',
        hotplug: { body: { name: 'data', disk: {}, volumeSource: {} }, persist: true },
        restartBound: false,
      },
      s,
      new Set(),
    );
    expect(s.log).toEqual(['create', 'upload', 'wait', 'hotplug']);
    expect(vi.mocked(s.onStep).mock.calls.map(([step]) => step)).toEqual([
      'creating',
      'uploading',
      'preparing',
      'attaching',
    ]);
    expect(s.hotplug).toHaveBeenCalledWith({ name: 'data', disk: {}, volumeSource: {} }, true);
  });

  it('goes on after a failure without creating or uploading twice', async () => {
    const done = new Set<string>();
    const failing = steps({ hotplug: vi.fn().mockRejectedValueOnce(new Error('not bound')) });
    const plan = {
      dataVolume,
      upload: true,
      waitFor: 'vm-data',
      hotplug: { body: { name: 'data', disk: {}, volumeSource: {} }, persist: false },
      restartBound: false,
    };
    await expect(runAddDisk(plan, failing, done)).rejects.toThrow('not bound');
    const again = steps();
    await runAddDisk(plan, again, done);
    expect(again.log).toEqual(['wait', 'hotplug']);
  });

  it('only patches a stopped VM', async () => {
    const s = steps();
    await runAddDisk(
      { patch: [{ op: 'add', path: '/x', value: 1 }], restartBound: false },
      s,
      new Set(),
    );
    expect(s.log).toEqual(['patch']);
  });
});
