import {
  Alert,
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateFooter,
  Flex,
  FlexItem,
  SearchInput,
  Skeleton,
  Stack,
  StackItem,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { useCallback, useId, useMemo, useState } from 'react';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';
import type { BootableVolume } from '../flow';
import { AddVolumeModal } from './AddVolumeModal';
import { volumeKey, type ListedVolume } from './bootableVolumes';
import { BootableVolumesTable, type VolumeSort } from './BootableVolumesTable';
import { BootVolumeHelp } from './BootVolumeHelp';
import { MissingOsTiles } from './MissingOsTiles';
import { NoVolumesState } from './NoVolumesState';
import { osesWithoutVolume, osLabel } from './operatingSystems';
import { useBootableVolumes } from './useBootableVolumes';
import { useFavoriteVolumes } from './useFavoriteVolumes';
import { usePreferenceNames } from './usePreferenceNames';
import { volumeColumns } from './volumeColumns';
import { orderVolumes, searchVolumes } from './volumeOrder';

/** Rows shown before "Show all". */
export const FIRST_ROWS = 8;

export interface BootableVolumesSectionProps {
  /** The user's current project; undefined in all projects. */
  namespace: string | undefined;
  selected?: BootableVolume;
  /** A volume was picked, or added with Add volume (then selected at once). */
  onSelect(volume: BootableVolume): void;
}

/**
 * Step 1 of the InstanceTypes flow, "Select volume to boot from": the bootable volumes,
 * searchable and sortable, favourites first, the first rows until "Show all"; the common OSes
 * that have no volume; and Add volume.
 */
export const BootableVolumesSection = ({
  namespace,
  selected,
  onSelect,
}: BootableVolumesSectionProps) => {
  const { t } = usePluginTranslation();
  const titleId = `virtualization-plugin-boot-volumes-${useId().replace(/:/g, '')}`;
  const { volumes, loaded, error } = useBootableVolumes(namespace);
  const { isFavorite, toggleFavorite } = useFavoriteVolumes();
  const preferenceNames = usePreferenceNames();
  // Search, sort and "Show all" are part of filling the creation form: form state, not URL.
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<VolumeSort>({ column: 'name', direction: 'asc' });
  const [showAll, setShowAll] = useState(false);
  /** Add volume is open, with the preference it starts with. */
  const [adding, setAdding] = useState<{ preference?: string }>();

  const osLabelOf = useCallback(
    (volume: ListedVolume) => osLabel(t, volume, preferenceNames),
    [t, preferenceNames],
  );
  const columns = useMemo(() => volumeColumns(t, osLabelOf), [t, osLabelOf]);
  const rows = useMemo(() => {
    const column = columns.find((c) => c.id === sort.column) ?? columns[0];
    return orderVolumes(searchVolumes(volumes, query, osLabelOf), {
      value: (volume) => column?.sortValue(volume),
      direction: sort.direction,
      isFavorite,
    });
  }, [volumes, query, osLabelOf, columns, sort, isFavorite]);

  const selectedKey = selected ? volumeKey(selected.source) : undefined;
  // The picked volume stays in sight even when it sorts below the first rows.
  const selectedAt = rows.findIndex((volume) => volumeKey(volume.source) === selectedKey);
  const expanded = showAll || selectedAt >= FIRST_ROWS;
  const shown = expanded ? rows : rows.slice(0, FIRST_ROWS);
  const missing = osesWithoutVolume(volumes);

  const body = () => {
    if (!loaded)
      return (
        <Stack hasGutter aria-busy="true">
          {Array.from({ length: 4 }, (_, at) => (
            <Skeleton key={at} height="2rem" screenreaderText={t('Loading volumes')} />
          ))}
        </Stack>
      );
    if (volumes.length === 0) return error ? null : <NoVolumesState onAdd={() => setAdding({})} />;
    if (rows.length === 0)
      return (
        <EmptyState headingLevel="h3" titleText={t('No volumes match the search')} variant="xs">
          <EmptyStateFooter>
            <EmptyStateActions>
              <Button variant="link" onClick={() => setQuery('')}>
                {t('Clear search')}
              </Button>
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      );
    return (
      <>
        <BootableVolumesTable
          rows={shown}
          columns={columns}
          selectedKey={selectedKey}
          sort={sort}
          onSort={setSort}
          onSelect={onSelect}
          isFavorite={isFavorite}
          onToggleFavorite={toggleFavorite}
        />
        {!expanded && rows.length > FIRST_ROWS && (
          <Button variant="link" onClick={() => setShowAll(true)}>
            {t('Show all ({{count}})', { count: rows.length })}
          </Button>
        )}
      </>
    );
  };

  return (
    <section className="virtualization-plugin-boot-volumes" aria-labelledby={titleId}>
      <Stack hasGutter>
        <StackItem>
          <Flex alignItems={{ default: 'alignItemsCenter' }} gap={{ default: 'gapXs' }}>
            <FlexItem>
              <Title headingLevel="h2" size="lg" id={titleId}>
                {t('Select volume to boot from')}
              </Title>
            </FlexItem>
            <FlexItem>
              <BootVolumeHelp />
            </FlexItem>
          </Flex>
        </StackItem>
        <StackItem>
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem>
                <SearchInput
                  aria-label={t('Search volumes')}
                  placeholder={t('Search by name, operating system or preference')}
                  value={query}
                  onChange={(_, value) => setQuery(value)}
                  onClear={() => setQuery('')}
                />
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" onClick={() => setAdding({})}>
                  {t('Add volume')}
                </Button>
              </ToolbarItem>
            </ToolbarContent>
          </Toolbar>
        </StackItem>
        {error !== undefined && (
          <StackItem>
            <Alert variant="danger" isInline title={t('The volumes could not all be listed')}>
              {errorMessage(error)}
            </Alert>
          </StackItem>
        )}
        <StackItem>{body()}</StackItem>
        {loaded && volumes.length > 0 && (
          <StackItem>
            <MissingOsTiles
              oses={missing}
              onAdd={(os) => setAdding({ preference: os.preference })}
            />
          </StackItem>
        )}
      </Stack>
      {adding && (
        <AddVolumeModal
          namespace={namespace}
          initialPreference={adding.preference}
          onClose={() => setAdding(undefined)}
          onCreated={onSelect}
        />
      )}
    </section>
  );
};
