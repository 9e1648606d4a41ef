import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getFromBFF } from '../../../api/bff';
import {
  useVmIndexPage,
  vmIndexSearch,
  type VmPage,
  type VmQueryParams,
  type VmSummary,
} from '../../../api/vmIndex';

export const PAGE_SIZES = [50, 100, 200] as const;
/** The most the `vms` route returns at once. */
const MAX_LIMIT = 1000;

export const fetchVmPage = (query: VmQueryParams): Promise<VmPage> => {
  const search = vmIndexSearch(query);
  return getFromBFF<VmPage>(`vms${search ? `?${search}` : ''}`);
};

/**
 * Continue tokens seen, by question and offset. The index's tokens are offsets, still valid
 * after the index moves, so one seen once can be reused for the session.
 */
const tokens = new Map<string, string>();
const tokenKey = (query: VmQueryParams, offset: number) => `${vmIndexSearch(query)}#${offset}`;

export const rememberToken = (query: VmQueryParams, offset: number, token: string) =>
  tokens.set(tokenKey(query, offset), token);

export const forgetTokens = () => tokens.clear();

/**
 * A token that starts at `offset`, when the user lands on a page directly (a reload of
 * `?page=5`): walk the index in the largest steps it allows. Undefined when it ends before.
 */
export const seekContinue = async (
  query: VmQueryParams,
  offset: number,
): Promise<string | null> => {
  let token: string | undefined;
  let at = 0;
  while (at < offset) {
    const page = await fetchVmPage({
      ...query,
      limit: Math.min(MAX_LIMIT, offset - at),
      continue: token,
    });
    at += page.items.length;
    token = page.continue;
    if (!token || page.items.length === 0) return null;
    rememberToken(query, at, token);
  }
  return token ?? null;
};

/** Every VM that matches (the CSV export): all pages, in the largest steps the index allows. */
export const fetchAllVms = async (query: VmQueryParams): Promise<VmSummary[]> => {
  const rows: VmSummary[] = [];
  let token: string | undefined;
  do {
    const page = await fetchVmPage({ ...query, limit: MAX_LIMIT, continue: token });
    rows.push(...page.items);
    token = page.continue;
  } while (token);
  return rows;
};

/**
 * One page of the list: page N asks the index with the token that starts at (N-1) × size,
 * found from the pages already seen or sought once. Live: the index hook refetches on events.
 */
export const useVmListPage = (query: VmQueryParams, page: number, perPage: number) => {
  const offset = (page - 1) * perPage;
  const known = offset === 0 ? undefined : tokens.get(tokenKey(query, offset));
  const seek = useQuery({
    queryKey: ['bff', 'vms', 'seek', vmIndexSearch(query), offset],
    queryFn: () => seekContinue(query, offset),
    enabled: offset > 0 && known === undefined,
    staleTime: Infinity,
  });
  const token = offset === 0 ? undefined : (known ?? seek.data ?? undefined);
  const seeking = offset > 0 && !token && seek.isPending;
  /** The page does not exist (fewer VMs than the URL's page assumes). */
  const pastTheEnd = offset > 0 && !token && seek.isSuccess && seek.data === null;
  const result = useVmIndexPage({ ...query, limit: perPage, continue: token });
  const { page: data, loading } = result;
  useEffect(() => {
    if (!loading && data?.continue && (offset === 0 || token))
      rememberToken(query, offset + perPage, data.continue);
  }, [data, loading, offset, perPage, query, token]);
  return {
    ...result,
    // While seeking, the first page answers; it is not shown as this page.
    page: seeking || pastTheEnd ? undefined : data,
    loading: result.loading || seeking,
    error: result.error ?? seek.error ?? undefined,
    pastTheEnd,
  };
};
