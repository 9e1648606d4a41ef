import {
  Checkbox,
  Stack,
  StackItem,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { groupTitle, optionLabel } from './catalogTexts';
import {
  FILTER_GROUPS,
  filterOptions,
  toggleOption,
  type CatalogEntry,
  type FilterGroupId,
  type TemplateFilters,
} from './templateFilters';

export interface TemplateFilterSidebarProps {
  entries: readonly CatalogEntry[];
  filters: TemplateFilters;
  onChange(filters: TemplateFilters): void;
}

const FilterGroup = ({
  group,
  entries,
  filters,
  onChange,
}: TemplateFilterSidebarProps & { group: FilterGroupId }) => {
  const { t } = usePluginTranslation();
  const options = filterOptions(entries, filters, group);
  if (!options.length) return null;
  const titleId = `virtualization-plugin-template-filter-${group}`;
  return (
    <StackItem>
      <div role="group" aria-labelledby={titleId}>
        <Title headingLevel="h3" size="md" id={titleId}>
          {groupTitle(t, group)}
        </Title>
        {options.map(({ value, count }) => (
          <Checkbox
            key={value}
            id={`${titleId}-${value}`}
            label={t('{{label}} ({{count}})', { label: optionLabel(t, group, value), count })}
            isChecked={filters.selected[group].includes(value)}
            onChange={(_, checked) => onChange(toggleOption(filters, group, value, checked))}
          />
        ))}
      </div>
    </StackItem>
  );
};

/**
 * The catalog's filters: "All items" or "Boot source available" (the default), hide deprecated
 * templates, then one checkbox group per facet with the count each option would show.
 */
export const TemplateFilterSidebar = ({
  entries,
  filters,
  onChange,
}: TemplateFilterSidebarProps) => {
  const { t } = usePluginTranslation();
  return (
    <Stack hasGutter>
      <StackItem>
        <ToggleGroup aria-label={t('Templates shown')}>
          <ToggleGroupItem
            text={t('All items')}
            buttonId="virtualization-plugin-template-filter-all"
            isSelected={!filters.availableOnly}
            onChange={() => onChange({ ...filters, availableOnly: false })}
          />
          <ToggleGroupItem
            text={t('Boot source available')}
            buttonId="virtualization-plugin-template-filter-available"
            isSelected={filters.availableOnly}
            onChange={() => onChange({ ...filters, availableOnly: true })}
          />
        </ToggleGroup>
      </StackItem>
      <StackItem>
        <Checkbox
          id="virtualization-plugin-template-filter-deprecated"
          label={t('Hide deprecated templates')}
          isChecked={filters.hideDeprecated}
          onChange={(_, checked) => onChange({ ...filters, hideDeprecated: checked })}
        />
      </StackItem>
      {FILTER_GROUPS.map(({ id }) => (
        <FilterGroup key={id} group={id} entries={entries} filters={filters} onChange={onChange} />
      ))}
    </Stack>
  );
};
