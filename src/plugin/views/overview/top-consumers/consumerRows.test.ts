import { describe, expect, it } from 'vitest';
import { consumerRows } from './consumerRows';

describe('consumerRows', () => {
  it('orders VMs by value, largest first, each against the first', () => {
    const rows = consumerRows(
      [
        { metric: { name: 'small', namespace: 'a' }, value: [1, '0.5'] },
        { metric: { name: 'big', namespace: 'b' }, value: [1, '2'] },
      ],
      'vm',
    );
    expect(rows).toEqual([
      { key: 'b/big', name: 'big', namespace: 'b', value: 2, percent: 100 },
      { key: 'a/small', name: 'small', namespace: 'a', value: 0.5, percent: 25 },
    ]);
  });

  it('names projects and nodes by their label and drops what has none', () => {
    expect(
      consumerRows([{ metric: { namespace: 'dev' }, value: [1, '3'] }], 'namespace'),
    ).toMatchObject([{ key: 'dev', name: 'dev', value: 3 }]);
    expect(
      consumerRows(
        [
          { metric: { node: 'node-1' }, value: [1, '3'] },
          { metric: {}, value: [1, '4'] },
          { metric: { node: 'node-2' }, value: [1, 'NaN'] },
        ],
        'node',
      ),
    ).toMatchObject([{ key: 'node-1', percent: 100 }]);
  });
});
