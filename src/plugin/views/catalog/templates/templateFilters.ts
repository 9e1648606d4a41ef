// The catalog's filters as data: the sidebar's groups, what each keeps, their counts, the
// search, and how they are written in the URL.
import type { CatalogTemplate, SourceStatus } from './templateModel';

/** A template as the catalog lists it: what it is, and whether its boot source is there. */
export interface CatalogEntry extends CatalogTemplate {
  source: SourceStatus;
}

export type FilterGroupId = 'os' | 'workload' | 'provider' | 'project';

export interface TemplateFilters {
  /** "Boot source available" (the default); off is "All items". */
  availableOnly: boolean;
  hideDeprecated: boolean;
  search: string;
  /** Per group, the values checked; none checked keeps every template. */
  selected: Record<FilterGroupId, string[]>;
}

export const PROVIDER_RED_HAT = 'redhat';
export const PROVIDER_USER = 'user';

/** Each group's values of a template (a template may run several workloads). */
export const FILTER_GROUPS: readonly {
  id: FilterGroupId;
  valuesOf(entry: CatalogEntry): string[];
}[] = [
  { id: 'os', valuesOf: (entry) => [entry.osFamily] },
  { id: 'workload', valuesOf: (entry) => entry.workloads },
  {
    id: 'provider',
    valuesOf: (entry) => [entry.redHat ? PROVIDER_RED_HAT : PROVIDER_USER],
  },
  { id: 'project', valuesOf: (entry) => [entry.namespace] },
];

const NO_SELECTION: Record<FilterGroupId, string[]> = {
  os: [],
  workload: [],
  provider: [],
  project: [],
};

export const DEFAULT_FILTERS: TemplateFilters = {
  availableOnly: true,
  hideDeprecated: true,
  search: '',
  selected: NO_SELECTION,
};

/** "Clear all filters": every template, deprecated and without a source included. */
export const CLEARED_FILTERS: TemplateFilters = {
  availableOnly: false,
  hideDeprecated: false,
  search: '',
  selected: NO_SELECTION,
};

const haystack = (entry: CatalogEntry): string =>
  [
    entry.displayName,
    entry.name,
    entry.description,
    entry.provider,
    ...entry.osKeys,
    ...entry.osNames,
    ...entry.workloads,
    ...entry.flavors,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();

/** Every word of the search appears in the template's names, description, OS or provider. */
export const matchesSearch = (entry: CatalogEntry, search: string): boolean => {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = haystack(entry);
  return words.every((word) => text.includes(word));
};

/** The filters that are not a sidebar group: availability, deprecation, search. */
const passesBase = (entry: CatalogEntry, filters: TemplateFilters): boolean =>
  (!filters.availableOnly || entry.source.availability === 'available') &&
  (!filters.hideDeprecated || !entry.deprecated) &&
  matchesSearch(entry, filters.search);

const passesGroups = (
  entry: CatalogEntry,
  filters: TemplateFilters,
  except?: FilterGroupId,
): boolean =>
  FILTER_GROUPS.every(({ id, valuesOf }) => {
    const chosen = filters.selected[id];
    return id === except || !chosen.length || valuesOf(entry).some((v) => chosen.includes(v));
  });

/** The templates the filters keep, by display name. */
export const filterTemplates = (
  entries: readonly CatalogEntry[],
  filters: TemplateFilters,
): CatalogEntry[] =>
  entries
    .filter((entry) => passesBase(entry, filters) && passesGroups(entry, filters))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.key.localeCompare(b.key));

export interface FilterOption {
  value: string;
  /** Templates the option would show, given every other filter. */
  count: number;
}

/**
 * A group's options: every value some template has (and every value checked), each with how
 * many templates it shows given the other filters, so checking it never surprises.
 */
export const filterOptions = (
  entries: readonly CatalogEntry[],
  filters: TemplateFilters,
  group: FilterGroupId,
): FilterOption[] => {
  const valuesOf = FILTER_GROUPS.find(({ id }) => id === group)?.valuesOf ?? (() => []);
  const counts = new Map<string, number>(filters.selected[group].map((value) => [value, 0]));
  for (const entry of entries) {
    const shown = passesBase(entry, filters) && passesGroups(entry, filters, group);
    for (const value of new Set(valuesOf(entry)))
      counts.set(value, (counts.get(value) ?? 0) + (shown ? 1 : 0));
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => a.value.localeCompare(b.value));
};

/** Checks or unchecks one option. */
export const toggleOption = (
  filters: TemplateFilters,
  group: FilterGroupId,
  value: string,
  checked: boolean,
): TemplateFilters => {
  const current = filters.selected[group].filter((item) => item !== value);
  return {
    ...filters,
    selected: { ...filters.selected, [group]: checked ? [...current, value] : current },
  };
};

// ---- URL ------------------------------------------------------------------------------------
// Defaults are not written: `?source=all&deprecated=show&q=rhel&os=rhel,fedora`.

const SOURCE_PARAM = 'source';
const DEPRECATED_PARAM = 'deprecated';
const SEARCH_PARAM = 'q';

const listParam = (params: URLSearchParams, name: string): string[] =>
  (params.get(name) ?? '').split(',').filter(Boolean);

export const parseFilters = (params: URLSearchParams): TemplateFilters => ({
  availableOnly: params.get(SOURCE_PARAM) !== 'all',
  hideDeprecated: params.get(DEPRECATED_PARAM) !== 'show',
  search: params.get(SEARCH_PARAM) ?? '',
  selected: {
    os: listParam(params, 'os'),
    workload: listParam(params, 'workload'),
    provider: listParam(params, 'provider'),
    project: listParam(params, 'project'),
  },
});

/** `current` with the filters written in (other parameters are kept). */
export const writeFilters = (
  current: URLSearchParams,
  filters: TemplateFilters,
): URLSearchParams => {
  const next = new URLSearchParams(current);
  const set = (name: string, value: string | undefined) =>
    value ? next.set(name, value) : next.delete(name);
  set(SOURCE_PARAM, filters.availableOnly ? undefined : 'all');
  set(DEPRECATED_PARAM, filters.hideDeprecated ? undefined : 'show');
  set(SEARCH_PARAM, filters.search || undefined);
  for (const { id } of FILTER_GROUPS) set(id, filters.selected[id].join(',') || undefined);
  return next;
};
