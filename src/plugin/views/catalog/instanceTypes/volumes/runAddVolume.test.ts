import { describe, expect, it, vi } from 'vitest';
import type { DataSource } from '../../../../api/types';
import { initialAddVolumeForm } from './addVolumeForm';
import { planAddVolume } from './addVolumePlan';
import { discardHalfMade, runAddVolume, type AddVolumeSteps, type HalfMade } from './runAddVolume';

const upload = planAddVolume({
  ...initialAddVolumeForm('team'),
  name: 'golden',
  preference: 'fedora',
  file: { name: 'a.img', size: 1 },
});

const fakeSteps = (patch: Partial<AddVolumeSteps> = {}) => {
  const calls: string[] = [];
  const steps: AddVolumeSteps = {
    createDataVolume: vi.fn(async () => void calls.push('create DataVolume')),
    upload: vi.fn(async () => void calls.push('upload')),
    deleteDataVolume: vi.fn(
      async (ns: string, name: string) => void calls.push(`delete ${ns}/${name}`),
    ),
    createDataSource: vi.fn(async (ds: DataSource) => {
      calls.push('create DataSource');
      return ds;
    }),
    onStep: vi.fn(),
    ...patch,
  };
  return { steps, calls };
};

describe('runAddVolume', () => {
  it('creates the DataVolume, uploads into it, then creates the DataSource', async () => {
    const { steps, calls } = fakeSteps();
    const halfMade: HalfMade = { filled: false };
    await expect(runAddVolume(upload, steps, halfMade)).resolves.toBe(upload.dataSource);
    expect(calls).toEqual(['create DataVolume', 'upload', 'create DataSource']);
    expect(vi.mocked(steps.onStep).mock.calls.flat()).toEqual([
      'creating',
      'uploading',
      'registering',
    ]);
    expect(halfMade).toEqual({ dataVolume: undefined, filled: false });
  });

  it('deletes the DataVolume when the upload fails or is cancelled', async () => {
    const cancelled = new Error('cancelled');
    const { steps, calls } = fakeSteps({ upload: vi.fn().mockRejectedValue(cancelled) });
    const halfMade: HalfMade = { filled: false };
    await expect(runAddVolume(upload, steps, halfMade)).rejects.toBe(cancelled);
    expect(calls).toEqual(['create DataVolume', 'delete team/golden']);
    expect(halfMade.dataVolume).toBeUndefined();
  });

  it('after a refused DataSource, tries it again without a second DataVolume or upload', async () => {
    const createDataSource = vi
      .fn()
      .mockRejectedValueOnce(new Error('admission refused'))
      .mockImplementation(async (ds: DataSource) => ds);
    const { steps, calls } = fakeSteps({ createDataSource });
    const halfMade: HalfMade = { filled: false };
    await expect(runAddVolume(upload, steps, halfMade)).rejects.toThrow('admission refused');
    expect(halfMade.filled).toBe(true);
    await runAddVolume(upload, steps, halfMade);
    expect(calls).toEqual(['create DataVolume', 'upload']);
    expect(createDataSource).toHaveBeenCalledTimes(2);
  });

  it('replaces a half-made DataVolume the plan no longer asks for, and discards one on request', async () => {
    const { steps, calls } = fakeSteps({
      createDataSource: vi.fn().mockRejectedValue(new Error('no')),
    });
    const halfMade: HalfMade = { filled: false };
    await expect(runAddVolume(upload, steps, halfMade)).rejects.toThrow('no');
    const renamed = planAddVolume({
      ...initialAddVolumeForm('team'),
      name: 'golden-2',
      preference: 'fedora',
      file: { name: 'a.img', size: 1 },
    });
    await expect(runAddVolume(renamed, steps, halfMade)).rejects.toThrow('no');
    expect(calls).toEqual([
      'create DataVolume',
      'upload',
      'delete team/golden',
      'create DataVolume',
      'upload',
    ]);
    await discardHalfMade(halfMade, steps);
    expect(calls.at(-1)).toBe('delete team/golden-2');
    expect(halfMade.dataVolume).toBeUndefined();
  });
});
