import { describe, expect, it } from 'vitest';
import type { DataVolume } from '../../../../../api/types';
import { volumeReadiness } from './volumeReadiness';
import { claim } from './testFixtures';

const dv = (status: DataVolume['status']): DataVolume => ({
  metadata: { name: 'dv' },
  spec: {},
  status,
});

describe('volumeReadiness', () => {
  it('is ready once the import succeeded and the claim exists', () => {
    expect(volumeReadiness(dv({ phase: 'Succeeded' }), claim('dv', '1Gi'))).toEqual({
      state: 'ready',
    });
    expect(volumeReadiness(dv({ phase: 'Succeeded' }), undefined).state).toBe('waiting');
  });
  it('is ready when the claim waits for its first consumer', () => {
    expect(volumeReadiness(dv({ phase: 'WaitForFirstConsumer' }), claim('dv', '1Gi')).state).toBe(
      'ready',
    );
  });
  it('waits with phase, progress and why it does not move', () => {
    expect(
      volumeReadiness(
        dv({
          phase: 'ImportInProgress',
          progress: '45.20%',
          conditions: [{ type: 'Running', status: 'False', reason: 'Error', message: 'HTTP 404' }],
        }),
        claim('dv', '1Gi'),
      ),
    ).toEqual({
      state: 'waiting',
      phase: 'ImportInProgress',
      progress: '45.20%',
      message: 'HTTP 404',
    });
    expect(volumeReadiness(undefined, undefined)).toEqual({ state: 'waiting' });
  });
  it('fails with the DataVolume’s reason', () => {
    expect(
      volumeReadiness(
        dv({
          phase: 'Failed',
          conditions: [{ type: 'Running', status: 'False', message: 'Unable to connect' }],
        }),
      ),
    ).toEqual({ state: 'failed', message: 'Unable to connect' });
  });
});
