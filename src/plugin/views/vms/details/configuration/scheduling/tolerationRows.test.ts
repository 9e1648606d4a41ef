import { describe, expect, it } from 'vitest';
import {
  hasTolerationErrors,
  newTolerationRow,
  tolerationRowsOf,
  tolerationsOf,
  tolerationText,
  validateTolerationRows,
} from './tolerationRows';

const t = (key: string) => key;

describe('toleration rows', () => {
  it('reads and writes tolerations, keeping tolerationSeconds of NoExecute ones', () => {
    const tolerations = [
      { key: 'virtualization', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      { operator: 'Exists' },
    ];
    expect(tolerationsOf(tolerationRowsOf(tolerations))).toEqual(tolerations);
  });

  it('leaves out blank rows', () => {
    expect(tolerationsOf([newTolerationRow()])).toEqual([]);
  });

  it('needs a key unless Exists, and label syntax', () => {
    const errors = validateTolerationRows(
      [
        { ...newTolerationRow(), value: 'x' },
        { ...newTolerationRow(), key: 'bad key' },
        { ...newTolerationRow(), key: 'k', value: 'bad value!' },
        { ...newTolerationRow(), operator: 'Exists' },
        newTolerationRow(),
      ],
      t,
    );
    expect(errors[0]?.key).toMatch(/choose Exists/);
    expect(errors[1]?.key).toMatch(/name part must begin/);
    expect(errors[2]?.value).toMatch(/label value/);
    expect(errors[3]).toEqual({});
    expect(errors[4]).toEqual({});
    expect(hasTolerationErrors(errors)).toBe(true);
  });

  it('writes tolerations as kubectl writes taints', () => {
    expect(tolerationText({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' })).toBe(
      'k=v:NoSchedule',
    );
    expect(tolerationText({ key: 'k', operator: 'Exists' })).toBe('k');
  });
});
