import { PluginStore } from '@openshift/dynamic-plugin-sdk';
import { PLUGIN_ASSETS_PATH } from '../../common/paths';
import { CONSOLE_VERSION, createSharedScope } from './sharedScope';

/** The same manifest the OpenShift console loads for this plugin. */
export const PLUGIN_MANIFEST_URL = `${PLUGIN_ASSETS_PATH}plugin-manifest.json`;

export const createPluginStore = () =>
  new PluginStore({
    loaderOptions: {
      sharedScope: createSharedScope(),
      customDependencyResolutions: { '@console/pluginAPI': CONSOLE_VERSION },
      fetchImpl: (url, init) => fetch(url, { ...init, cache: 'no-cache' }),
    },
  });
