import { useMemo } from 'react';
import { NetworkAttachmentDefinitionModel } from '../../../../../api/models';
import type { NetworkAttachmentDefinition } from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';
import { nadKey } from './nadBinding';

/** Multus looks up networks in the VM's namespace and in `default`. */
export const SHARED_NAD_NAMESPACE = 'default';

/**
 * The NetworkAttachmentDefinitions a VM in `namespace` may use, watched: its own namespace's
 * first, then `default`'s (when the user may list them), each sorted by name.
 */
export const useNetworkAttachmentDefinitions = (namespace: string) => {
  const own = useK8sWatchList<NetworkAttachmentDefinition>(NetworkAttachmentDefinitionModel, {
    namespace,
  });
  const shared = useK8sWatchList<NetworkAttachmentDefinition>(
    NetworkAttachmentDefinitionModel,
    namespace === SHARED_NAD_NAMESPACE ? null : { namespace: SHARED_NAD_NAMESPACE },
  );
  const nads = useMemo(() => {
    const byKey = new Map<string, NetworkAttachmentDefinition>();
    const sorted = (list: NetworkAttachmentDefinition[]) =>
      [...list].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    for (const nad of [...sorted(own.data), ...sorted(shared.error ? [] : shared.data)])
      if (!byKey.has(nadKey(nad))) byKey.set(nadKey(nad), nad);
    return [...byKey.values()];
  }, [own.data, shared.data, shared.error]);
  return { nads, loaded: own.loaded, error: own.error };
};
