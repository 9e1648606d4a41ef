import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { stopAllWatches } from './watch';

/**
 * One cache for all of the plugin's pages. react-query is not a console shared module, so the
 * plugin brings its own client; exposed pages are wrapped with `withQueryClient`.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => failures < 2 && !isClientError(error),
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * Sent on `window` by the standalone shell when the user logs in or out (it reloads the page as
 * well). Nothing one user loaded may be shown to the next: answers and watches are dropped.
 */
export const SESSION_CHANGED_EVENT = 'virtualization-shell:session-changed';

if (typeof window !== 'undefined')
  window.addEventListener(SESSION_CHANGED_EVENT, () => {
    stopAllWatches();
    queryClient.clear();
  });

const isClientError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && code >= 400 && code < 500;
};

export const withQueryClient = <P extends object>(Page: ComponentType<P>) => {
  const WithQueryClient = (props: P) => (
    <QueryClientProvider client={queryClient}>
      <Page {...props} />
    </QueryClientProvider>
  );
  WithQueryClient.displayName = `withQueryClient(${Page.displayName ?? Page.name})`;
  return WithQueryClient;
};
