import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Checkbox,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
  FlexItem,
  PageSection,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import { SearchIcon, VirtualMachineIcon } from '@patternfly/react-icons';
import {
  Caption,
  InnerScrollContainer,
  OuterScrollContainer,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  type ThProps,
} from '@patternfly/react-table';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAccessReview } from '../../../api/access';
import { errorMessage } from '../../../api/bff';
import { NodeModel } from '../../../api/models';
import { withQueryClient } from '../../../api/queryClient';
import type { K8sObject } from '../../../api/types';
import { vmIndexSearch, type SortKey, type VmSummary } from '../../../api/vmIndex';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { launchModal } from '../actions/launchModal';
import { VM_ACCESS_REVIEWS } from '../actions/vmActionAccess';
import { VmActionsKebab } from '../actions/VmActionsMenu';
import { BulkActionModal } from './BulkActionModal';
import type { BulkAction } from './bulkActions';
import { ColumnManagementModal } from './ColumnManagementModal';
import { downloadText, toCsv } from './csv';
import {
  clearedFilters,
  hasFilters,
  indexQueryOf,
  parseListState,
  writeListState,
  type ListState,
} from './listQuery';
import { usePageSize, useVisibleColumns } from './listSettings';
import { columnsFor, type ColumnContext, type VmColumn } from './vmColumns';
import { useBulkActions } from './useBulkActions';
import { fetchAllVms, useVmListPage } from './vmPaging';
import { VmListToolbar } from './VmListToolbar';
import { CreateVmMenu } from './CreateVmMenu';
import { LiveMetricCell } from './LiveMetricCell';
import { liveHeaderHelp } from './liveMetricsText';
import { useLiveMetrics, type RowLiveValues } from './useLiveMetrics';
import { catalogPath } from '../../catalog/catalogPaths';

const ALL_NAMESPACES_KEY = '#ALL_NS#';

const rowKey = (row: VmSummary) => `${row.namespace}/${row.name}`;

/** The sticky ⋮ column: the kebab and its padding. */
const ACTIONS_COLUMN_WIDTH = '3.5rem';

const NO_SELECTION = new Map<string, VmSummary>();

export interface VirtualMachinesListPageProps {
  /** The project; absent (or the console's all-projects key) for all projects. */
  namespace?: string;
}

/**
 * Virtualization → VirtualMachines: the server-side index a page at a time, filtered and
 * sorted by the URL, live, with row and bulk actions.
 */
const VirtualMachinesListPage = ({ namespace: routeNamespace }: VirtualMachinesListPageProps) => {
  const { t, i18n } = usePluginTranslation();
  const namespace =
    routeNamespace && routeNamespace !== ALL_NAMESPACES_KEY ? routeNamespace : undefined;
  const allNamespaces = !namespace;
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const setState = useCallback(
    (change: Partial<ListState>) =>
      setParams((current) => writeListState(current, { ...parseListState(current), ...change }), {
        // Typing in the search box replaces the entry; other changes can be gone back from.
        replace: 'text' in change,
      }),
    [setParams],
  );
  const [perPage, setPerPage] = usePageSize();
  const [visibleIds, setVisibleIds] = useVisibleColumns();
  const query = useMemo(() => indexQueryOf(state, namespace), [state, namespace]);
  const { page, loading, error, refetch, pastTheEnd } = useVmListPage(query, state.page, perPage);

  useEffect(() => {
    if (pastTheEnd) setState({ page: 1 });
  }, [pastTheEnd, setState]);

  // ---- selection: kept across pages of one question, cleared when the question changes ------
  const questionKey = vmIndexSearch(query);
  const [selection, setSelection] = useState(() => ({
    question: questionKey,
    rows: new Map<string, VmSummary>(),
  }));
  // A new question starts with nothing selected.
  const selected = selection.question === questionKey ? selection.rows : NO_SELECTION;
  const setSelected = (update: (current: Map<string, VmSummary>) => Map<string, VmSummary>) =>
    setSelection((current) => ({
      question: questionKey,
      rows: update(current.question === questionKey ? current.rows : NO_SELECTION),
    }));
  const rows = useMemo(() => page?.items ?? [], [page]);
  const toggleRow = useCallback(
    (row: VmSummary, on: boolean) =>
      setSelection((current) => {
        const next = new Map(current.question === questionKey ? current.rows : NO_SELECTION);
        if (on) next.set(rowKey(row), row);
        else next.delete(rowKey(row));
        return { question: questionKey, rows: next };
      }),
    [questionKey],
  );

  // ---- rights and options --------------------------------------------------------------------
  const bulk = useBulkActions(namespace, selected.values());
  const canListNodes = useAccessReview(VM_ACCESS_REVIEWS.listNodes()).allowed;
  const nodes = useK8sWatchList<K8sObject>(NodeModel, canListNodes ? {} : null);
  const nodeOptions = useMemo(() => {
    const names = new Set<string>(state.node);
    for (const node of nodes.data) if (node.metadata?.name) names.add(node.metadata.name);
    for (const row of rows) if (row.node) names.add(row.node);
    return [...names].sort();
  }, [nodes.data, rows, state.node]);

  // ---- columns ------------------------------------------------------------------------------
  const available = useMemo(() => columnsFor(allNamespaces), [allNamespaces]);
  const columns = useMemo(
    () => available.filter((column) => column.required || visibleIds.includes(column.id)),
    [available, visibleIds],
  );
  const liveShown = useMemo(
    () => columns.flatMap((column) => (column.live ? [column.live] : [])),
    [columns],
  );
  const live = useLiveMetrics(rows, namespace, liveShown);
  const language = i18n.language || 'en';
  const context: ColumnContext = useMemo(() => ({ t, language }), [t, language]);

  const sortProps = (sortKey: SortKey | undefined, columnIndex: number): ThProps['sort'] =>
    sortKey && {
      columnIndex,
      sortBy: {
        index: columns.findIndex((column) => column.sortKey === state.sort),
        direction: state.order,
        defaultDirection: 'asc',
      },
      onSort: (_event, _index, direction) => setState({ sort: sortKey, order: direction, page: 1 }),
    };

  // ---- export -------------------------------------------------------------------------------
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();
  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const all = await fetchAllVms(query);
      // The live columns are of this page only; the export has every page.
      const exported = columns.filter((column) => !column.live);
      const csv = toCsv(
        exported.map((column) => column.title(t)),
        all.map((row) => exported.map((column) => column.value(row, context))),
      );
      downloadText(csv, `virtualmachines-${namespace ?? 'all-projects'}.csv`);
    } catch (failure) {
      setExportError(failure);
    } finally {
      setExporting(false);
    }
  };

  const openBulk = (action: BulkAction) =>
    launchModal((close) => (
      <BulkActionModal
        action={action}
        rows={[...selected.values()]}
        close={() => {
          close();
          if (action.id === 'delete') setSelected(() => new Map());
        }}
      />
    ));

  const openColumns = () =>
    launchModal((close) => (
      <ColumnManagementModal
        columns={available}
        visible={visibleIds}
        onSave={(ids) =>
          // Columns this view does not offer (Namespace in one project) keep their setting.
          setVisibleIds([
            ...visibleIds.filter((id) => !available.some((column) => column.id === id)),
            ...ids,
          ])
        }
        close={close}
      />
    ));

  // ---- body ---------------------------------------------------------------------------------
  const filtered = hasFilters(state);
  const body = () => {
    if (error && !page)
      return (
        <EmptyState
          headingLevel="h2"
          status="danger"
          titleText={t('VirtualMachines could not be listed')}
        >
          <EmptyStateBody>{errorMessage(error)}</EmptyStateBody>
          <EmptyStateFooter>
            <EmptyStateActions>
              <Button variant="secondary" onClick={refetch}>
                {t('Try again')}
              </Button>
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      );
    if (!page)
      return (
        <div aria-busy="true" aria-label={t('Loading VirtualMachines')}>
          {Array.from({ length: 5 }, (_, at) => (
            <Skeleton
              key={at}
              height="2.5em"
              screenreaderText={at === 0 ? t('Loading VirtualMachines') : undefined}
            />
          ))}
        </div>
      );
    if (page.total === 0 && !filtered)
      return (
        <EmptyState
          headingLevel="h2"
          icon={VirtualMachineIcon}
          titleText={t('No VirtualMachines yet')}
        >
          <EmptyStateBody>
            {namespace
              ? t('There are no VirtualMachines in project {{namespace}}.', { namespace })
              : t('There are no VirtualMachines in the projects you can see.')}
          </EmptyStateBody>
          <EmptyStateFooter>
            <EmptyStateActions>
              <Button
                variant="primary"
                component={(props) => <Link {...props} to={catalogPath(namespace)} />}
              >
                {t('Create VirtualMachine')}
              </Button>
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      );
    if (rows.length === 0)
      return (
        <EmptyState
          headingLevel="h2"
          icon={SearchIcon}
          titleText={t('No VirtualMachines match the filters')}
        >
          <EmptyStateBody>{t('Change or clear the filters to see more.')}</EmptyStateBody>
          <EmptyStateFooter>
            <EmptyStateActions>
              <Button variant="link" onClick={() => setState(clearedFilters(state))}>
                {t('Clear all filters')}
              </Button>
            </EmptyStateActions>
          </EmptyStateFooter>
        </EmptyState>
      );
    // The table scrolls inside its card (never the page) and its ⋮ column stays in view.
    return (
      <OuterScrollContainer>
        <InnerScrollContainer>
          <Table aria-label={t('VirtualMachines')} variant="compact" isStriped>
            <Caption>
              {t('{{total}} VirtualMachines; showing {{from}}–{{to}}', {
                total: page.total,
                from: (state.page - 1) * perPage + 1,
                to: (state.page - 1) * perPage + rows.length,
              })}
            </Caption>
            <Thead>
              <Tr>
                <Th screenReaderText={t('Select')} className="pf-v6-c-table__check" />
                {columns.map((column, index) => (
                  <Th
                    key={column.id}
                    modifier={column.modifier ?? 'wrap'}
                    sort={sortProps(column.sortKey, index)}
                    info={
                      column.live && {
                        tooltip: liveHeaderHelp(column.live, live.problems, t),
                      }
                    }
                  >
                    {column.title(t)}
                  </Th>
                ))}
                <Th
                  screenReaderText={t('Actions')}
                  isStickyColumn
                  stickyMinWidth={ACTIONS_COLUMN_WIDTH}
                  hasLeftBorder
                />
              </Tr>
            </Thead>
            <Tbody aria-busy={loading}>
              {rows.map((row, rowIndex) => (
                <VmRow
                  key={rowKey(row)}
                  row={row}
                  rowIndex={rowIndex}
                  columns={columns}
                  context={context}
                  isSelected={selected.has(rowKey(row))}
                  onToggle={toggleRow}
                  live={live.valuesOf(row)}
                />
              ))}
            </Tbody>
          </Table>
        </InnerScrollContainer>
      </OuterScrollContainer>
    );
  };

  return (
    <>
      <DocumentTitle>{t('VirtualMachines')}</DocumentTitle>
      <PageSection>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <FlexItem>
            <Title headingLevel="h1">{t('VirtualMachines')}</Title>
          </FlexItem>
          <FlexItem>
            <CreateVmMenu namespace={namespace} />
          </FlexItem>
        </Flex>
      </PageSection>
      <PageSection>
        <VmListToolbar
          state={state}
          setState={setState}
          clearAll={() => setState(clearedFilters(state))}
          allNamespaces={allNamespaces}
          nodeOptions={nodeOptions}
          total={page?.total ?? 0}
          perPage={perPage}
          setPerPage={setPerPage}
          pageCount={rows.length}
          selectedCount={selected.size}
          selectPage={() =>
            setSelected((current) => {
              const next = new Map(current);
              for (const row of rows) next.set(rowKey(row), row);
              return next;
            })
          }
          clearSelection={() => setSelected(() => new Map())}
          bulkActions={bulk.actions}
          bulkAvailable={bulk.available}
          onBulk={openBulk}
          onExport={() => void exportCsv()}
          exporting={exporting}
          onManageColumns={openColumns}
        />
        {exportError !== undefined && (
          <Alert
            isInline
            variant="danger"
            title={t('The export failed')}
            actionClose={<AlertActionCloseButton onClose={() => setExportError(undefined)} />}
          >
            {errorMessage(exportError)}
          </Alert>
        )}
        {error !== undefined && page && (
          <Alert isInline variant="warning" title={t('The list could not be updated')}>
            {errorMessage(error)}
          </Alert>
        )}
        {body()}
      </PageSection>
    </>
  );
};

export default withQueryClient(VirtualMachinesListPage);

interface VmRowProps {
  row: VmSummary;
  rowIndex: number;
  columns: VmColumn[];
  context: ColumnContext;
  isSelected: boolean;
  onToggle(row: VmSummary, on: boolean): void;
  /** The row's live cells, by metric. */
  live: RowLiveValues;
}

/**
 * One row, redrawn only when what it shows changed: every refetch and every metrics poll brings
 * new objects, so rows are compared by content (a hundred small objects), which costs far less than redrawing them.
 */
const VmRow = memo(
  ({ row, rowIndex, columns, context, isSelected, onToggle, live }: VmRowProps) => {
    const { t } = context;
    return (
      <Tr>
        <Td className="pf-v6-c-table__check">
          <Checkbox
            id={`virtualization-plugin-vm-select-${rowIndex}`}
            aria-label={t('Select {{name}}', { name: row.name })}
            isChecked={isSelected}
            onChange={(_, on) => onToggle(row, on)}
          />
        </Td>
        {columns.map((column) => (
          <Td key={column.id} dataLabel={column.title(t)} modifier={column.modifier}>
            {column.live ? (
              <LiveMetricCell
                metric={column.live}
                value={live[column.live]}
                allocatedMemory={row.memory}
              />
            ) : column.render ? (
              column.render(row, context)
            ) : (
              column.value(row, context) || '—'
            )}
          </Td>
        ))}
        <Td isActionCell isStickyColumn stickyMinWidth={ACTIONS_COLUMN_WIDTH} hasLeftBorder>
          <VmActionsKebab namespace={row.namespace} name={row.name} standalone={row.standalone} />
        </Td>
      </Tr>
    );
  },
  (before, after) =>
    before.rowIndex === after.rowIndex &&
    before.columns === after.columns &&
    before.context === after.context &&
    before.isSelected === after.isSelected &&
    before.onToggle === after.onToggle &&
    JSON.stringify(before.row) === JSON.stringify(after.row) &&
    JSON.stringify(before.live) === JSON.stringify(after.live),
);
VmRow.displayName = 'VmRow';
