import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType } from 'react';

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
