import { describe, expect, it } from 'vitest';
import { migrationDataQueries } from './migrationQueries';

describe('migrationDataQueries', () => {
  it('asks once for every VMI named, by namespace and name', () => {
    expect(
      migrationDataQueries([
        { namespace: 'b', name: 'vm-2' },
        { namespace: 'a', name: 'vm.1' },
      ]),
    ).toEqual({
      processed:
        'sum by (namespace, name) (kubevirt_vmi_migration_data_processed_bytes{namespace=~"a|b",name=~"vm-2|vm\\\\.1"})',
      remaining:
        'sum by (namespace, name) (kubevirt_vmi_migration_data_remaining_bytes{namespace=~"a|b",name=~"vm-2|vm\\\\.1"})',
    });
  });

  it('uses equality for one namespace, and the project when confined', () => {
    expect(migrationDataQueries([{ namespace: 'dev', name: 'vm' }]).processed).toBe(
      'sum by (namespace, name) (kubevirt_vmi_migration_data_processed_bytes{namespace="dev",name=~"vm"})',
    );
    expect(migrationDataQueries([{ namespace: 'dev', name: 'vm' }], 'dev').remaining).toBe(
      'sum by (namespace, name) (kubevirt_vmi_migration_data_remaining_bytes{namespace="dev",name=~"vm"})',
    );
  });
});
