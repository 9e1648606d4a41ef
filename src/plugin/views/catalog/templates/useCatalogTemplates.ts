import { useMemo } from 'react';
import { DataSourceModel, PersistentVolumeClaimModel, TemplateModel } from '../../../api/models';
import type { DataSource, PersistentVolumeClaim, Template } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { OS_IMAGES_NAMESPACE } from '../instanceTypes/volumes/bootableVolumes';
import type { CatalogEntry } from './templateFilters';
import {
  OPENSHIFT_NAMESPACE,
  readTemplate,
  sourceStatus,
  VM_TEMPLATES_SELECTOR,
  type SourceLookup,
} from './templateModel';

export interface CatalogTemplates {
  entries: CatalogEntry[];
  loaded: boolean;
  /** Nothing could be listed: the catalog shows this instead of tiles. */
  error?: unknown;
  /** One of the two lists failed while the other answered: shown above the tiles. */
  partialError?: unknown;
}

interface Listed<T> {
  data: T[];
  loaded: boolean;
  error?: unknown;
}

const known = <T>(list: Listed<T>): readonly T[] | undefined =>
  list.loaded && !list.error ? list.data : undefined;

/**
 * The VM templates of `openshift` and of the project (every project the user may list when
 * `namespace` is undefined), each with its boot source's status. Boot sources are looked up in
 * `openshift-virtualization-os-images` and the project; a source elsewhere is "unknown".
 */
export const useCatalogTemplates = (namespace: string | undefined): CatalogTemplates => {
  const shared = useK8sWatchList<Template>(TemplateModel, {
    namespace: OPENSHIFT_NAMESPACE,
    labelSelector: VM_TEMPLATES_SELECTOR,
  });
  const own = useK8sWatchList<Template>(
    TemplateModel,
    namespace === OPENSHIFT_NAMESPACE ? null : { namespace, labelSelector: VM_TEMPLATES_SELECTOR },
  );
  const projectSources = namespace && namespace !== OS_IMAGES_NAMESPACE ? { namespace } : null;
  const osDataSources = useK8sWatchList<DataSource>(DataSourceModel, {
    namespace: OS_IMAGES_NAMESPACE,
  });
  const osClaims = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, {
    namespace: OS_IMAGES_NAMESPACE,
  });
  const projectDataSources = useK8sWatchList<DataSource>(DataSourceModel, projectSources);
  const projectClaims = useK8sWatchList<PersistentVolumeClaim>(
    PersistentVolumeClaimModel,
    projectSources,
  );

  const templates = useMemo(() => {
    const byKey = new Map<string, Template>();
    for (const template of [...shared.data, ...own.data]) {
      const { namespace: ns, name } = template.metadata ?? {};
      byKey.set(`${ns ?? ''}/${name ?? ''}`, template);
    }
    return [...byKey.values()].map(readTemplate);
  }, [shared.data, own.data]);

  const entries = useMemo(() => {
    const lookup: SourceLookup = {
      dataSources: (ns) =>
        ns === OS_IMAGES_NAMESPACE
          ? known(osDataSources)
          : ns === namespace
            ? known(projectDataSources)
            : undefined,
      claims: (ns) =>
        ns === OS_IMAGES_NAMESPACE
          ? known(osClaims)
          : ns === namespace
            ? known(projectClaims)
            : undefined,
    };
    return templates.map((entry) => ({
      ...entry,
      source: sourceStatus(entry.bootSource, lookup, namespace ?? entry.namespace),
    }));
  }, [templates, namespace, osDataSources, osClaims, projectDataSources, projectClaims]);

  const ownAsked = namespace !== OPENSHIFT_NAMESPACE;
  const ownFailed = ownAsked && own.error !== undefined;
  const bothFailed = shared.error !== undefined && (!ownAsked || ownFailed);
  return {
    entries,
    loaded: shared.loaded && (!ownAsked || own.loaded),
    error: bothFailed ? shared.error : undefined,
    partialError: bothFailed ? undefined : (shared.error ?? (ownFailed ? own.error : undefined)),
  };
};
