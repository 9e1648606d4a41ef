import { SORT_KEYS, type SortKey, type VmQueryParams } from '../../../api/vmIndex';

/**
 * The list's state in the URL: `?text=&status=&os=&node=&namespace=&label=&sort=&order=&page=`.
 * Lists are comma-separated; defaults are left out so a clean list has a clean URL.
 */
export interface ListState {
  text: string;
  status: string[];
  os: string;
  node: string[];
  /** Projects, in the all-projects view. */
  namespace: string[];
  label: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  /** 1-based. */
  page: number;
}

export const DEFAULT_SORT: SortKey = 'name';

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export const parseListState = (params: URLSearchParams): ListState => {
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  return {
    text: params.get('text') ?? '',
    status: list(params.get('status')),
    os: params.get('os') ?? '',
    node: list(params.get('node')),
    namespace: list(params.get('namespace')),
    label: params.get('label') ?? '',
    sort: SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : DEFAULT_SORT,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
};

/** The URL parameters of a state, keeping parameters the list does not own. */
export const writeListState = (params: URLSearchParams, state: ListState): URLSearchParams => {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string) => {
    if (value) next.set(key, value);
    else next.delete(key);
  };
  set('text', state.text);
  set('status', state.status.join(','));
  set('os', state.os);
  set('node', state.node.join(','));
  set('namespace', state.namespace.join(','));
  set('label', state.label);
  set('sort', state.sort === DEFAULT_SORT ? '' : state.sort);
  set('order', state.order === 'asc' ? '' : state.order);
  set('page', state.page > 1 ? String(state.page) : '');
  return next;
};

export const hasFilters = (state: ListState): boolean =>
  !!(
    state.text ||
    state.status.length ||
    state.os ||
    state.node.length ||
    state.namespace.length ||
    state.label
  );

export const clearedFilters = (state: ListState): ListState => ({
  ...state,
  text: '',
  status: [],
  os: '',
  node: [],
  namespace: [],
  label: '',
  page: 1,
});

/**
 * The index's question for the list's filters and order (no paging). In one project the
 * project is the route's; in all projects the Project filter narrows it.
 */
export const indexQueryOf = (
  state: ListState,
  routeNamespace: string | undefined,
): VmQueryParams => ({
  text: state.text || undefined,
  namespace: routeNamespace
    ? [routeNamespace]
    : state.namespace.length
      ? state.namespace
      : undefined,
  status: state.status.length ? state.status : undefined,
  os: state.os || undefined,
  node: state.node.length ? state.node : undefined,
  label: state.label || undefined,
  sort: state.sort,
  order: state.order,
});
