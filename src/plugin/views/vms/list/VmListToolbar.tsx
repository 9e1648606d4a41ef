import {
  Badge,
  Button,
  Divider,
  Dropdown,
  DropdownItem,
  DropdownList,
  MenuToggle,
  MenuToggleCheckbox,
  Pagination,
  SearchInput,
  Select,
  SelectList,
  SelectOption,
  Toolbar,
  ToolbarContent,
  ToolbarFilter,
  ToolbarGroup,
  ToolbarItem,
  ToolbarToggleGroup,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { ColumnsIcon, ExportIcon, FilterIcon } from '@patternfly/react-icons';
import { useEffect, useState, type Ref } from 'react';
import { usePluginTranslation } from '../../../i18n';
import type { BulkAction } from './bulkActions';
import type { ListState } from './listQuery';
import { PAGE_SIZES } from './vmPaging';
import { vmStatusInfo, VM_STATUS_FILTER_OPTIONS } from './vmStatusInfo';

type TextAttribute = 'os' | 'label' | 'namespace';

/** A checkbox menu for a list filter (Status, Node). */
const MultiSelectFilter = ({
  label,
  options,
  selected,
  optionLabel,
  onChange,
}: {
  label: string;
  options: string[];
  selected: string[];
  optionLabel?: (option: string) => string;
  onChange: (next: string[]) => void;
}) => {
  const [isOpen, setOpen] = useState(false);
  return (
    <Select
      role="menu"
      isOpen={isOpen}
      onOpenChange={setOpen}
      selected={selected}
      onSelect={(_, value) => {
        const option = String(value);
        onChange(
          selected.includes(option)
            ? selected.filter((item) => item !== option)
            : [...selected, option],
        );
      }}
      toggle={(ref: Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen((open) => !open)}
          isExpanded={isOpen}
          // MenuToggle shows only an element as its count, not a string.
          badge={selected.length ? <Badge isRead>{selected.length}</Badge> : undefined}
        >
          {label}
        </MenuToggle>
      )}
    >
      <SelectList>
        {options.map((option) => (
          <SelectOption
            key={option}
            value={option}
            hasCheckbox
            isSelected={selected.includes(option)}
          >
            {optionLabel ? optionLabel(option) : option}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};

export interface VmListToolbarProps {
  state: ListState;
  setState: (change: Partial<ListState>) => void;
  clearAll: () => void;
  allNamespaces: boolean;
  nodeOptions: string[];
  total: number;
  perPage: number;
  setPerPage: (perPage: number) => void;
  /** Rows on this page, and how many are selected. */
  pageCount: number;
  selectedCount: number;
  selectPage: (on: boolean) => void;
  clearSelection: () => void;
  bulkActions: BulkAction[];
  /** Show "Actions on selected" (across projects its items depend on the selection). */
  bulkAvailable?: boolean;
  onBulk: (action: BulkAction) => void;
  onExport: () => void;
  exporting: boolean;
  onManageColumns: () => void;
}

/** Filters (kept in the URL, shown as chips), bulk actions, export, columns and paging. */
export const VmListToolbar = (props: VmListToolbarProps) => {
  const { t } = usePluginTranslation();
  const { state, setState } = props;
  const [text, setText] = useState(state.text);
  const [attribute, setAttribute] = useState<TextAttribute>('label');
  const [attributeValue, setAttributeValue] = useState('');
  const [attributeOpen, setAttributeOpen] = useState(false);
  const [bulkOpen, setBulkOpen] = useState(false);

  // The URL may change under the field (Clear all, back button): follow it.
  const [urlText, setUrlText] = useState(state.text);
  if (urlText !== state.text) {
    setUrlText(state.text);
    setText(state.text);
  }
  // Typing filters after a pause, not per key.
  useEffect(() => {
    if (text === state.text) return undefined;
    const timer = setTimeout(() => setState({ text, page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [text, state.text, setState]);

  const attributeLabels: Record<TextAttribute, string> = {
    label: t('Label'),
    os: t('Operating system'),
    namespace: t('Project'),
  };
  const attributes: TextAttribute[] = props.allNamespaces
    ? ['label', 'os', 'namespace']
    : ['label', 'os'];
  const applyAttribute = () => {
    const value = attributeValue.trim();
    if (!value) return;
    if (attribute === 'namespace')
      setState({ namespace: [...new Set([...state.namespace, value])], page: 1 });
    else if (attribute === 'label')
      setState({ label: state.label ? `${state.label},${value}` : value, page: 1 });
    else setState({ os: value, page: 1 });
    setAttributeValue('');
  };
  const labelSelectors = state.label ? state.label.split(',').filter(Boolean) : [];

  const allSelected = props.pageCount > 0 && props.selectedCount >= props.pageCount;

  return (
    <Toolbar clearAllFilters={props.clearAll} collapseListedFiltersBreakpoint="xl">
      <ToolbarContent>
        <ToolbarItem>
          <MenuToggleCheckbox
            id="virtualization-plugin-vm-select-page"
            aria-label={allSelected ? t('Deselect all on this page') : t('Select all on this page')}
            isChecked={allSelected ? true : props.selectedCount > 0 ? null : false}
            isDisabled={props.pageCount === 0}
            onChange={(checked) => (checked ? props.selectPage(true) : props.clearSelection())}
          >
            {props.selectedCount > 0
              ? t('{{count}} selected', { count: props.selectedCount })
              : undefined}
          </MenuToggleCheckbox>
        </ToolbarItem>
        {/* The name search stays in view; the other filters fold behind a toggle below 2xl,
            so the toolbar keeps to one row with the navigation open. */}
        <ToolbarItem>
          <SearchInput
            aria-label={t('Filter by name or label')}
            placeholder={t('Filter by name or label')}
            value={text}
            onChange={(_, value) => setText(value)}
            onClear={() => setText('')}
          />
        </ToolbarItem>
        <ToolbarToggleGroup toggleIcon={<FilterIcon />} breakpoint="2xl">
          <ToolbarGroup variant="filter-group">
            <ToolbarFilter
              labels={state.status.map((status) => ({
                key: status,
                node: vmStatusInfo(status).title(t),
              }))}
              deleteLabel={(_, label) =>
                setState({
                  status: state.status.filter(
                    (status) => status !== (typeof label === 'string' ? label : label.key),
                  ),
                  page: 1,
                })
              }
              deleteLabelGroup={() => setState({ status: [], page: 1 })}
              categoryName={t('Status')}
            >
              <MultiSelectFilter
                label={t('Status')}
                options={VM_STATUS_FILTER_OPTIONS}
                selected={state.status}
                optionLabel={(status) => vmStatusInfo(status).title(t)}
                onChange={(status) => setState({ status, page: 1 })}
              />
            </ToolbarFilter>
            <ToolbarFilter
              labels={state.node}
              deleteLabel={(_, label) =>
                setState({ node: state.node.filter((node) => node !== label), page: 1 })
              }
              deleteLabelGroup={() => setState({ node: [], page: 1 })}
              categoryName={t('Node')}
            >
              <MultiSelectFilter
                label={t('Node')}
                options={props.nodeOptions}
                selected={state.node}
                onChange={(node) => setState({ node, page: 1 })}
              />
            </ToolbarFilter>
            <ToolbarFilter
              labels={labelSelectors}
              deleteLabel={(_, label) =>
                setState({
                  label: labelSelectors.filter((selector) => selector !== label).join(','),
                  page: 1,
                })
              }
              deleteLabelGroup={() => setState({ label: '', page: 1 })}
              categoryName={t('Label')}
            >
              <ToolbarFilter
                labels={state.os ? [state.os] : []}
                deleteLabel={() => setState({ os: '', page: 1 })}
                categoryName={t('Operating system')}
              >
                <ToolbarFilter
                  labels={state.namespace}
                  deleteLabel={(_, label) =>
                    setState({
                      namespace: state.namespace.filter((namespace) => namespace !== label),
                      page: 1,
                    })
                  }
                  deleteLabelGroup={() => setState({ namespace: [], page: 1 })}
                  categoryName={t('Project')}
                >
                  <Select
                    isOpen={attributeOpen}
                    onOpenChange={setAttributeOpen}
                    selected={attribute}
                    onSelect={(_, value) => {
                      setAttribute(value as TextAttribute);
                      setAttributeOpen(false);
                    }}
                    toggle={(ref: Ref<MenuToggleElement>) => (
                      <MenuToggle
                        ref={ref}
                        onClick={() => setAttributeOpen((open) => !open)}
                        isExpanded={attributeOpen}
                        aria-label={t('Filter attribute')}
                      >
                        {attributeLabels[attribute]}
                      </MenuToggle>
                    )}
                  >
                    <SelectList>
                      {attributes.map((item) => (
                        <SelectOption key={item} value={item}>
                          {attributeLabels[item]}
                        </SelectOption>
                      ))}
                    </SelectList>
                  </Select>
                </ToolbarFilter>
              </ToolbarFilter>
            </ToolbarFilter>
            <ToolbarItem>
              <SearchInput
                aria-label={t('Filter by {{attribute}}', { attribute: attributeLabels[attribute] })}
                placeholder={
                  attribute === 'label'
                    ? t('key=value, then Enter')
                    : attribute === 'os'
                      ? t('e.g. fedora, then Enter')
                      : t('Project name, then Enter')
                }
                value={attributeValue}
                onChange={(_, value) => setAttributeValue(value)}
                onSearch={applyAttribute}
                onClear={() => setAttributeValue('')}
              />
            </ToolbarItem>
          </ToolbarGroup>
        </ToolbarToggleGroup>
        {(props.bulkAvailable ?? props.bulkActions.length > 0) && (
          <ToolbarItem>
            <Dropdown
              isOpen={bulkOpen}
              onOpenChange={setBulkOpen}
              onSelect={() => setBulkOpen(false)}
              toggle={(ref: Ref<MenuToggleElement>) => (
                <MenuToggle
                  ref={ref}
                  onClick={() => setBulkOpen((open) => !open)}
                  isExpanded={bulkOpen}
                  isDisabled={props.selectedCount === 0}
                >
                  {t('Actions on selected')}
                </MenuToggle>
              )}
            >
              <DropdownList>
                {props.bulkActions.length === 0 && (
                  <DropdownItem isDisabled key="none">
                    {t('No actions you may run')}
                  </DropdownItem>
                )}
                {props.bulkActions.map((action, at) => [
                  action.id === 'delete' && at > 0 ? (
                    <Divider key="divider" component="li" />
                  ) : null,
                  <DropdownItem
                    key={action.id}
                    isDanger={action.id === 'delete'}
                    onClick={() => props.onBulk(action)}
                  >
                    {action.label(t)}
                  </DropdownItem>,
                ])}
              </DropdownList>
            </Dropdown>
          </ToolbarItem>
        )}
        <ToolbarGroup>
          <ToolbarItem>
            <Button
              variant="plain"
              icon={<ExportIcon />}
              aria-label={t('Export as CSV')}
              onClick={props.onExport}
              isLoading={props.exporting}
              isDisabled={props.exporting || props.total === 0}
            />
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="plain"
              icon={<ColumnsIcon />}
              aria-label={t('Manage columns')}
              onClick={props.onManageColumns}
            />
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
          <Pagination
            itemCount={props.total}
            perPage={props.perPage}
            page={state.page}
            perPageOptions={PAGE_SIZES.map((size) => ({ title: String(size), value: size }))}
            onSetPage={(_, page) => setState({ page })}
            onPerPageSelect={(_, perPage) => {
              props.setPerPage(perPage);
              setState({ page: 1 });
            }}
            isCompact
            titles={{ paginationAriaLabel: t('Pagination, top') }}
          />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
};
