import {
  Alert,
  Bullseye,
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Gallery,
  SearchInput,
  Sidebar,
  SidebarContent,
  SidebarPanel,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../api/bff';
import { ALL_NAMESPACES_KEY } from '../../../api/models';
import { usePluginTranslation } from '../../../i18n';
import type { VmDraft } from '../draft/vmDraft';
import {
  CLEARED_FILTERS,
  filterTemplates,
  parseFilters,
  writeFilters,
  type TemplateFilters,
} from './templateFilters';
import { TemplateDrawer } from './TemplateDrawer';
import { TemplateFilterSidebar } from './TemplateFilterSidebar';
import { TemplateTile } from './TemplateTile';
import type { PendingUpload } from './uploadBootDisk';
import { useCatalogTemplates } from './useCatalogTemplates';

export interface TemplateCatalogTabProps {
  /** The project; undefined (or `#ALL_NS#`) in all projects. */
  namespace: string | undefined;
  /**
   * Customize VirtualMachine: the draft goes to the customize page. `upload` is the file chosen
   * for "Upload (Upload a new file to a PVC)", to send once the VM exists (`uploadBootDisk`).
   * Without it, the drawer has no Customize button.
   */
  onCustomize?(draft: VmDraft, upload?: PendingUpload): void;
}

/**
 * Virtualization → Catalog → Template catalog: the VM templates of `openshift` and the project
 * as tiles, filtered from a sidebar (URL state) and a search; a tile opens its drawer.
 */
export const TemplateCatalogTab = ({ namespace: given, onCustomize }: TemplateCatalogTabProps) => {
  const { t } = usePluginTranslation();
  const namespace = given && given !== ALL_NAMESPACES_KEY ? given : undefined;
  const { entries, loaded, error, partialError } = useCatalogTemplates(namespace);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (next: TemplateFilters) =>
      setParams((current) => writeFilters(current, next), {
        // Typing in the search replaces the entry; other changes can be gone back from.
        replace: next.search !== parseFilters(params).search,
      }),
    [setParams, params],
  );
  const [selectedKey, setSelectedKey] = useState<string>();
  const shown = useMemo(() => filterTemplates(entries, filters), [entries, filters]);
  const selected = entries.find((entry) => entry.key === selectedKey);

  const body = () => {
    if (error !== undefined)
      return (
        <Alert variant="danger" isInline title={t('The templates cannot be listed')}>
          {errorMessage(error)}
        </Alert>
      );
    if (!loaded)
      return (
        <Bullseye>
          <Spinner aria-label={t('Loading templates')} />
        </Bullseye>
      );
    if (!shown.length)
      return (
        <EmptyState
          headingLevel="h2"
          titleText={
            entries.length ? t('No templates match the filters') : t('No VirtualMachine templates')
          }
        >
          <EmptyStateBody>
            {entries.length
              ? t('Change or clear the filters to see more templates.')
              : t('There are no VirtualMachine templates in openshift or in this project.')}
          </EmptyStateBody>
          {entries.length > 0 && (
            <EmptyStateFooter>
              <EmptyStateActions>
                <Button variant="link" onClick={() => setFilters(CLEARED_FILTERS)}>
                  {t('Clear all filters')}
                </Button>
              </EmptyStateActions>
            </EmptyStateFooter>
          )}
        </EmptyState>
      );
    return (
      <Gallery hasGutter minWidths={{ default: '260px' }} maxWidths={{ default: '320px' }}>
        {shown.map((entry) => (
          <TemplateTile
            key={entry.key}
            entry={entry}
            isSelected={entry.key === selectedKey}
            onSelect={(picked) => setSelectedKey(picked.key)}
          />
        ))}
      </Gallery>
    );
  };

  return (
    <>
      <Sidebar hasGutter>
        <SidebarPanel width={{ default: 'width_25' }}>
          <TemplateFilterSidebar entries={entries} filters={filters} onChange={setFilters} />
        </SidebarPanel>
        <SidebarContent>
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem>
                <SearchInput
                  aria-label={t('Filter templates by name')}
                  placeholder={t('Filter by keyword…')}
                  value={filters.search}
                  onChange={(_, search) => setFilters({ ...filters, search })}
                  onClear={() => setFilters({ ...filters, search: '' })}
                />
              </ToolbarItem>
              <ToolbarItem variant="pagination">
                {loaded && error === undefined
                  ? t('{{count}} items', { count: shown.length })
                  : null}
              </ToolbarItem>
            </ToolbarContent>
          </Toolbar>
          {partialError !== undefined && (
            <Alert variant="warning" isInline isPlain title={t('Some templates cannot be listed')}>
              {errorMessage(partialError)}
            </Alert>
          )}
          {body()}
        </SidebarContent>
      </Sidebar>
      {selected && (
        <TemplateDrawer
          entry={selected}
          namespace={namespace}
          onClose={() => setSelectedKey(undefined)}
          onCustomize={onCustomize}
        />
      )}
    </>
  );
};

export default TemplateCatalogTab;
