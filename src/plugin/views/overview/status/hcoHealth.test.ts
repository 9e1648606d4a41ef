import { describe, expect, it } from 'vitest';
import type { HyperConverged } from '../../../api/types';
import { conditionOf, conditionTone, operatorVersion, overallHealth } from './hcoHealth';

const hco = (conditions: Record<string, string>): HyperConverged => ({
  status: {
    conditions: Object.entries(conditions).map(([type, status]) => ({ type, status })),
    versions: [
      { name: 'other', version: '1' },
      { name: 'operator', version: '4.16.0' },
    ],
  },
});

const HEALTHY = {
  Available: 'True',
  Progressing: 'False',
  Degraded: 'False',
  ReconcileComplete: 'True',
  Upgradeable: 'True',
};

describe('conditionTone', () => {
  it('reads each condition by what is healthy for it', () => {
    expect(conditionTone('Available', { type: 'Available', status: 'True' })).toBe('success');
    expect(conditionTone('Degraded', { type: 'Degraded', status: 'False' })).toBe('success');
    expect(conditionTone('Degraded', { type: 'Degraded', status: 'True' })).toBe('danger');
    expect(conditionTone('Progressing', { type: 'Progressing', status: 'True' })).toBe('info');
    expect(conditionTone('Upgradeable', { type: 'Upgradeable', status: 'False' })).toBe('warning');
  });

  it('is unknown when not reported', () => {
    expect(conditionTone('ReconcileComplete', undefined)).toBe('unknown');
    expect(conditionTone('Available', { type: 'Available', status: 'Unknown' })).toBe('unknown');
  });
});

describe('overallHealth', () => {
  it('is healthy when every condition is as it should be, or not reported', () => {
    expect(overallHealth(hco(HEALTHY))).toBe('healthy');
    expect(overallHealth(hco({ Available: 'True' }))).toBe('healthy');
  });

  it('takes the worst condition', () => {
    expect(overallHealth(hco({ ...HEALTHY, Degraded: 'True', Available: 'False' }))).toBe(
      'degraded',
    );
    expect(overallHealth(hco({ ...HEALTHY, Available: 'False' }))).toBe('unavailable');
    expect(overallHealth(hco({ ...HEALTHY, Progressing: 'True' }))).toBe('progressing');
    expect(overallHealth(hco({ ...HEALTHY, Upgradeable: 'False' }))).toBe('warning');
  });
});

describe('operatorVersion and conditionOf', () => {
  it('pick the operator version and a condition by type', () => {
    const object = hco(HEALTHY);
    expect(operatorVersion(object)).toBe('4.16.0');
    expect(conditionOf(object, 'Degraded')?.status).toBe('False');
    expect(conditionOf(object, 'Nope')).toBeUndefined();
  });
});
