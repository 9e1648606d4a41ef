import { PluginStoreProvider, type PluginStore } from '@openshift/dynamic-plugin-sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import { Suspense, useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { PLUGIN_MANIFEST_URL } from './plugins/pluginStore';
import { ShellLayout, type PluginLoadState } from './layout/ShellLayout';
import { SessionGate } from './login/SessionGate';
import { PageLoading } from './routes/PluginRoutes';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});

/** The standalone console: loads the plugin the OpenShift console would load, and hosts it. */
export const App = ({ store }: { store: PluginStore }) => {
  const [load, setLoad] = useState<PluginLoadState>({ state: 'loading' });
  useEffect(() => {
    store
      .loadPlugin(PLUGIN_MANIFEST_URL)
      // A plugin's labels (navigation, page titles) are in its own namespace: load it with it.
      .then(() =>
        i18next.loadNamespaces(
          store.getPluginInfo().map((info) => `plugin__${info.manifest.name}`),
        ),
      )
      .then(() => setLoad({ state: 'loaded' }))
      .catch((error: unknown) =>
        setLoad({
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
      );
  }, [store]);
  return (
    <PluginStoreProvider store={store}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            {/* Standalone identity: the login page until the BFF has a session. */}
            <SessionGate>
              <ShellLayout load={load} />
            </SessionGate>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </PluginStoreProvider>
  );
};
