// The shell's implementation of the @openshift-console/dynamic-plugin-sdk surface the plugin
// imports. It is what the share scope hands the plugin at run time; README.md lists it.
export { consoleFetch } from './consoleFetch';
export { consoleFetchJSON, consoleFetchText } from './consoleFetchJSON';
export { DocumentTitle } from './DocumentTitle';
export { HttpError, TimeoutError } from './HttpError';
export { useActiveNamespace } from './useActiveNamespace';
export { ALL_NAMESPACES_KEY } from './namespacePath';
export { useUserPreference, useUserSettings } from './useUserPreference';
