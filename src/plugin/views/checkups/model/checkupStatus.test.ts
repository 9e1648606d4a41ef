import { describe, expect, it } from 'vitest';
import { checkupStatus } from './checkupStatus';
import type { ConfigMap, Job } from './types';

const configMap = (data: Record<string, string> = {}): ConfigMap => ({
  metadata: { name: 'lat-1', namespace: 'dev' },
  data: { 'spec.timeout': '5m', ...data },
});

const job = (status: Job['status'] = {}): Job => ({
  metadata: { name: 'lat-1-abcde', namespace: 'dev' },
  status,
});

describe('checkupStatus', () => {
  it('is Succeeded with the times the checkup wrote', () => {
    const done = job({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(
      checkupStatus(
        configMap({
          'status.succeeded': 'true',
          'status.failureReason': '',
          'status.startTimestamp': '2026-01-01T10:00:00Z',
          'status.completionTimestamp': '2026-01-01T10:01:00Z',
        }),
        [done],
      ),
    ).toEqual({
      phase: 'Succeeded',
      startTime: '2026-01-01T10:00:00Z',
      completionTime: '2026-01-01T10:01:00Z',
      job: done,
    });
  });

  it("is Failed with the checkup's own reason", () => {
    const status = checkupStatus(
      configMap({
        'status.succeeded': 'false',
        'status.failureReason': 'run : actual max latency "577µs" is greater than desired "0s"',
        'status.startTimestamp': '2026-01-01T10:00:00Z',
        'status.completionTimestamp': '2026-01-01T10:01:00Z',
      }),
      [job({ failed: 1 })],
    );
    expect(status.phase).toBe('Failed');
    expect(status.reason).toEqual({
      kind: 'checkup',
      message: 'run : actual max latency "577µs" is greater than desired "0s"',
    });
    expect(status.completionTime).toBe('2026-01-01T10:01:00Z');
  });

  it("is Failed with the Job's condition when the checkup never reported", () => {
    const status = checkupStatus(configMap(), [
      job({
        conditions: [
          {
            type: 'Failed',
            status: 'True',
            reason: 'ImageNotAvailable',
            message: 'image "x" is not available in the embedded cluster',
            lastTransitionTime: '2026-01-01T10:00:05Z',
          },
        ],
      }),
    ]);
    expect(status).toMatchObject({
      phase: 'Failed',
      reason: {
        kind: 'job',
        reason: 'ImageNotAvailable',
        message: 'image "x" is not available in the embedded cluster',
      },
      completionTime: '2026-01-01T10:00:05Z',
    });
  });

  it('is Failed when the Job completed without a result', () => {
    expect(
      checkupStatus(configMap(), [
        job({ completionTime: 'x', conditions: [{ type: 'Complete', status: 'True' }] }),
      ]),
    ).toMatchObject({ phase: 'Failed', reason: { kind: 'noResult' } });
  });

  it('is Running once the Job started or the checkup stamped its start', () => {
    expect(checkupStatus(configMap(), [job({ active: 1, startTime: 's' })])).toMatchObject({
      phase: 'Running',
      startTime: 's',
    });
    expect(
      checkupStatus(configMap({ 'status.startTimestamp': '2026-01-01T10:00:00Z' }), [job()]),
    ).toMatchObject({ phase: 'Running', startTime: '2026-01-01T10:00:00Z' });
  });

  it('is Pending while the Job has no pod, and without any Job', () => {
    expect(checkupStatus(configMap(), [job()])).toMatchObject({
      phase: 'Pending',
      reason: { kind: 'jobNotStarted' },
    });
    expect(checkupStatus(configMap(), [])).toEqual({
      phase: 'Pending',
      reason: { kind: 'noJob' },
      startTime: undefined,
    });
  });

  it('reads only the newest Job: an old failure does not fail a rerun', () => {
    const old = job({
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
    });
    const rerun = job({ active: 1, startTime: 'now' });
    expect(checkupStatus(configMap(), [rerun, old]).phase).toBe('Running');
  });
});
