import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { fetchQuickStarts } from './fetchQuickStarts';
import { quickStartsFor } from './pickLanguage';

export const QUICK_STARTS_QUERY_KEY = ['shell', 'consolequickstarts'] as const;

/**
 * The cluster's quick starts in the shell's language (English where a tour has no translation),
 * with the list's loading and error state. The drawer and the catalog page share one request.
 */
export const useQuickStarts = () => {
  const { i18n } = useTranslation(SHELL_I18N_NAMESPACE);
  const query = useQuery({
    queryKey: QUICK_STARTS_QUERY_KEY,
    queryFn: fetchQuickStarts,
    staleTime: 5 * 60_000,
  });
  const language = i18n.language;
  const quickStarts = useMemo(
    () => quickStartsFor(query.data ?? [], language),
    [query.data, language],
  );
  return {
    quickStarts,
    loading: query.isPending,
    error: query.error,
    retry: () => void query.refetch(),
  };
};
