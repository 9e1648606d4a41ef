import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { usePluginTranslation } from '../../../i18n';
import type { CheckupDefinition } from '../checkupKinds';
import type { CheckupRow } from '../hooks/useCheckups';
import { columnsFor } from './checkupColumns';
import { CheckupRowActions } from './CheckupRowActions';

/** The checkups of one tab, newest first, each with its kebab. */
export const CheckupsTable = ({
  checkup,
  rows,
  allProjects,
  serviceAccountMissing,
}: {
  checkup: CheckupDefinition;
  rows: readonly CheckupRow[];
  allProjects: boolean;
  serviceAccountMissing?: boolean;
}) => {
  const { t } = usePluginTranslation();
  const columns = columnsFor(checkup.kind, allProjects);
  return (
    <Table variant="compact" aria-label={checkup.listTitle(t)}>
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column.id} modifier="wrap">
              {column.title(t)}
            </Th>
          ))}
          <Th screenReaderText={t('Actions')} />
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={`${row.namespace}/${row.name}`}>
            {columns.map((column) => (
              <Td key={column.id} dataLabel={column.title(t)}>
                {column.render(row, { t, checkup, serviceAccountMissing })}
              </Td>
            ))}
            <Td isActionCell>
              <CheckupRowActions checkup={checkup} row={row} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
