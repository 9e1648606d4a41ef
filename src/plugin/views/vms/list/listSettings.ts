import { useCallback, useState } from 'react';
import { defaultColumnIds, VM_COLUMNS } from './vmColumns';
import { PAGE_SIZES } from './vmPaging';

/**
 * The user's list preferences (columns, page size), kept in localStorage: they belong to the
 * person and the browser, not to a shared link (filters and order are in the URL instead).
 */
export const COLUMNS_KEY = 'virtualization-plugin/vm-list/columns';
export const PAGE_SIZE_KEY = 'virtualization-plugin/vm-list/page-size';

const read = <T>(key: string, parse: (raw: unknown) => T | undefined, fallback: T): T => {
  try {
    const raw = window.localStorage.getItem(key);
    return (raw === null ? undefined : parse(JSON.parse(raw))) ?? fallback;
  } catch {
    return fallback;
  }
};

const useStored = <T>(key: string, parse: (raw: unknown) => T | undefined, fallback: () => T) => {
  const [value, setValue] = useState<T>(() => read(key, parse, fallback()));
  const store = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Private browsing or a full quota: the choice holds for this page only.
      }
    },
    [key],
  );
  return [value, store] as const;
};

const KNOWN = new Set(VM_COLUMNS.map((column) => column.id));

export const useVisibleColumns = () =>
  useStored<string[]>(
    COLUMNS_KEY,
    (raw) =>
      Array.isArray(raw)
        ? raw.filter((id): id is string => typeof id === 'string' && KNOWN.has(id))
        : undefined,
    defaultColumnIds,
  );

export const usePageSize = () =>
  useStored<number>(
    PAGE_SIZE_KEY,
    (raw) =>
      PAGE_SIZES.includes(raw as (typeof PAGE_SIZES)[number]) ? (raw as number) : undefined,
    () => 100,
  );
