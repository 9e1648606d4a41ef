import { describe, expect, it } from 'vitest';
import type { DataVolume, VirtualMachine } from '../../../../api/types';
import { provisioningDisks } from './provisioning';

const vm = {
  spec: {
    dataVolumeTemplates: [{ metadata: { name: 'root' } }, { metadata: { name: 'data' } }],
  },
} as VirtualMachine;
const dv = (name: string, status: DataVolume['status']) =>
  ({ metadata: { name }, status }) as DataVolume;

describe('provisioningDisks', () => {
  it('lists the VM’s disks that are not ready, with phase, progress and the reason', () => {
    expect(
      provisioningDisks(vm, [
        dv('root', { phase: 'ImportInProgress', progress: '45.20%' }),
        dv('data', {
          phase: 'Failed',
          conditions: [
            { type: 'Running', status: 'False', message: 'Unable to connect to http data source' },
          ],
        }),
      ]),
    ).toEqual([
      { name: 'root', phase: 'ImportInProgress', percent: 45.2, message: undefined, failed: false },
      {
        name: 'data',
        phase: 'Failed',
        percent: undefined,
        message: 'Unable to connect to http data source',
        failed: true,
      },
    ]);
  });

  it('says Pending for a DataVolume not created yet, and nothing once all succeeded', () => {
    expect(provisioningDisks(vm, [dv('root', { phase: 'Succeeded' })])).toEqual([
      { name: 'data', phase: 'Pending', percent: undefined, message: undefined, failed: false },
    ]);
    expect(
      provisioningDisks(vm, [
        dv('root', { phase: 'Succeeded' }),
        dv('data', { phase: 'Succeeded' }),
      ]),
    ).toEqual([]);
  });
});
