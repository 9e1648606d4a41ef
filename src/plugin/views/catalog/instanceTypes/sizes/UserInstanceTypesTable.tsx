import { EmptyState, EmptyStateBody, Radio } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { usePluginTranslation } from '../../../../i18n';
import { memoryLabel } from '../../../vms/details/configuration/details/memory';
import type { InstanceTypeChoice } from '../flow';
import type { InstanceTypeSize } from './instanceTypeSeries';

export interface UserInstanceTypesTableProps {
  namespace: string | undefined;
  /** The project's VirtualMachineInstancetypes, sorted. */
  sizes: InstanceTypeSize[];
  selected?: InstanceTypeChoice;
  onSelect(size: InstanceTypeSize): void;
}

/** The project's own instance types, one radio row each. */
export const UserInstanceTypesTable = ({
  namespace,
  sizes,
  selected,
  onSelect,
}: UserInstanceTypesTableProps) => {
  const { t } = usePluginTranslation();
  if (!sizes.length)
    return (
      <EmptyState headingLevel="h3" titleText={t('No user provided InstanceTypes')} variant="sm">
        <EmptyStateBody>
          {namespace
            ? t('The project {{namespace}} has no VirtualMachineInstancetypes.', { namespace })
            : t('Select a project to see its VirtualMachineInstancetypes.')}
        </EmptyStateBody>
      </EmptyState>
    );
  return (
    <Table variant="compact" aria-label={t('User provided InstanceTypes')}>
      <Thead>
        <Tr>
          <Th screenReaderText={t('Selected')} />
          <Th>{t('Name')}</Th>
          <Th>{t('vCPU')}</Th>
          <Th>{t('Memory')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {sizes.map((size, rowIndex) => {
          const isSelected = !!selected && !selected.cluster && selected.name === size.name;
          return (
            <Tr
              key={size.name}
              isClickable
              isRowSelected={isSelected}
              onRowClick={(event) => {
                // The radio reports its own change.
                if (!(event?.target as Element | undefined)?.closest('input')) onSelect(size);
              }}
            >
              <Td>
                <Radio
                  id={`virtualization-plugin-user-instancetype-${rowIndex}`}
                  name="virtualization-plugin-user-instancetype"
                  aria-label={t('Select {{name}}', { name: size.name })}
                  isChecked={isSelected}
                  onChange={() => onSelect(size)}
                />
              </Td>
              <Td dataLabel={t('Name')} modifier="breakWord">
                {size.displayName ?? size.name}
              </Td>
              <Td dataLabel={t('vCPU')}>{size.cpu}</Td>
              <Td dataLabel={t('Memory')}>{memoryLabel(size.memory) ?? '—'}</Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
