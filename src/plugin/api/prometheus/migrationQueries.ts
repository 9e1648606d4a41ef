import { labelMatchers } from './promql';

/**
 * A running migration's guest data migrated so far and still to go, per VMI, for the VMIs
 * named (one query for the whole table, not one per row).
 */
export const migrationDataQueries = (
  vmis: { namespace: string; name: string }[],
  namespace?: string,
): { processed: string; remaining: string } => {
  const names = [...new Set(vmis.map((vmi) => vmi.name))].sort();
  const namespaces = [...new Set(vmis.map((vmi) => vmi.namespace))].sort();
  const selector = labelMatchers({
    namespace: namespace ?? (namespaces.length === 1 ? namespaces[0] : namespaces),
    name: names,
  });
  const of = (metric: string) => `sum by (namespace, name) (${metric}${selector})`;
  return {
    processed: of('kubevirt_vmi_migration_data_processed_bytes'),
    remaining: of('kubevirt_vmi_migration_data_remaining_bytes'),
  };
};
