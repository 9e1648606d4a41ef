import { Button, Radio } from '@patternfly/react-core';
import { useId } from 'react';
import { StarIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { usePluginTranslation } from '../../../../i18n';
import { volumeKey, type ListedVolume } from './bootableVolumes';
import type { VolumeColumn, VolumeColumnId } from './volumeColumns';
import type { SortDirection } from './volumeOrder';

export interface VolumeSort {
  column: VolumeColumnId;
  direction: SortDirection;
}

/** The index PatternFly gives a data column: after the radio and the star. */
const FIRST_DATA_COLUMN = 2;

/** The volumes as a compact table: a radio to pick one (not ready ones disabled), a star each. */
export const BootableVolumesTable = ({
  rows,
  columns,
  selectedKey,
  sort,
  onSort,
  onSelect,
  isFavorite,
  onToggleFavorite,
}: {
  rows: readonly ListedVolume[];
  columns: readonly VolumeColumn[];
  selectedKey?: string;
  sort: VolumeSort;
  onSort(sort: VolumeSort): void;
  onSelect(volume: ListedVolume): void;
  isFavorite(volume: ListedVolume): boolean;
  onToggleFavorite(volume: ListedVolume): void;
}) => {
  const { t } = usePluginTranslation();
  const radioName = `virtualization-plugin-boot-volume-${useId().replace(/:/g, '')}`;
  const sortIndex = columns.findIndex((column) => column.id === sort.column) + FIRST_DATA_COLUMN;
  return (
    <Table variant="compact" aria-label={t('Bootable volumes')}>
      <Thead>
        <Tr>
          <Th screenReaderText={t('Selected')} />
          <Th screenReaderText={t('Favorite')} />
          {columns.map((column, at) => (
            <Th
              key={column.id}
              modifier="wrap"
              sort={{
                columnIndex: at + FIRST_DATA_COLUMN,
                sortBy: { index: sortIndex, direction: sort.direction },
                onSort: (_event, _index, direction) => onSort({ column: column.id, direction }),
              }}
            >
              {column.title}
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((volume, rowIndex) => {
          const key = volumeKey(volume.source);
          const selected = key === selectedKey;
          const favorite = isFavorite(volume);
          return (
            <Tr
              key={key}
              isSelectable={volume.ready}
              isClickable={volume.ready}
              isRowSelected={selected}
              onRowClick={(event) => {
                // The radio and the star handle their own clicks.
                if ((event?.target as Element | undefined)?.closest?.('button, input')) return;
                if (volume.ready) onSelect(volume);
              }}
            >
              <Td modifier="fitContent">
                <Radio
                  id={`${radioName}-${rowIndex}`}
                  name={radioName}
                  isChecked={selected}
                  isDisabled={!volume.ready}
                  aria-label={t('Select {{name}}', { name: volume.displayName })}
                  onChange={() => onSelect(volume)}
                />
              </Td>
              <Td>
                <Button
                  variant="plain"
                  aria-pressed={favorite}
                  aria-label={
                    favorite
                      ? t('Remove {{name}} from favorites', { name: volume.displayName })
                      : t('Add {{name}} to favorites', { name: volume.displayName })
                  }
                  icon={
                    <StarIcon
                      color={
                        favorite
                          ? 'var(--pf-t--global--color--nonstatus--yellow--default)'
                          : 'var(--pf-t--global--icon--color--subtle)'
                      }
                    />
                  }
                  onClick={() => onToggleFavorite(volume)}
                />
              </Td>
              {columns.map((column) => (
                <Td key={column.id} dataLabel={column.title} modifier="breakWord">
                  {column.cell(volume)}
                </Td>
              ))}
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
