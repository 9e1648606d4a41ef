import { useAccessReview } from '../../../api/access';
import {
  DataSourceModel,
  NetworkAttachmentDefinitionModel,
  NodeModel,
  TemplateModel,
} from '../../../api/models';
import type { K8sObject } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { OS_IMAGES_NAMESPACE } from '../../catalog/instanceTypes/volumes/bootableVolumes';
import { OPENSHIFT_NAMESPACE, VM_TEMPLATES_SELECTOR } from '../../catalog/templates/templateModel';
import type { OverviewScope } from '../useOverviewScope';

/** One inventory figure: a count, or why there is none. */
export interface InventoryCount {
  count?: number;
  loading: boolean;
  error?: unknown;
  /** Not shown to this user: it takes cluster rights, or a project to be chosen. */
  unavailable?: 'administrator' | 'project';
}

interface Watched {
  data: K8sObject[];
  loaded: boolean;
  error?: unknown;
}

const countOf = (lists: Watched[]): InventoryCount => {
  const error = lists.find((list) => list.error !== undefined)?.error;
  const keys = new Set(
    lists.flatMap((list) =>
      list.data.map(
        (object) => `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`,
      ),
    ),
  );
  return {
    count: keys.size,
    loading: !error && lists.some((list) => !list.loaded),
    error,
  };
};

/**
 * The VM templates the user can use: the common ones in `openshift`, and the project's (all
 * projects' for a cluster viewer who chose none).
 */
const useTemplateCount = (scope: OverviewScope): InventoryCount => {
  const allProjects = !scope.namespace && scope.clusterViewer;
  const common = useK8sWatchList(
    TemplateModel,
    allProjects || scope.loading
      ? null
      : { namespace: OPENSHIFT_NAMESPACE, labelSelector: VM_TEMPLATES_SELECTOR },
  );
  const own = useK8sWatchList(
    TemplateModel,
    scope.loading || (!allProjects && (!scope.namespace || scope.namespace === OPENSHIFT_NAMESPACE))
      ? null
      : { namespace: scope.namespace, labelSelector: VM_TEMPLATES_SELECTOR },
  );
  if (scope.loading) return { loading: true };
  if (allProjects) return countOf([own]);
  return countOf(
    scope.namespace && scope.namespace !== OPENSHIFT_NAMESPACE ? [common, own] : [common],
  );
};

/** Counts from watches, so they show without Prometheus. */
export const useInventoryCounts = (scope: OverviewScope) => {
  const templates = useTemplateCount(scope);
  const dataSources = useK8sWatchList(DataSourceModel, { namespace: OS_IMAGES_NAMESPACE });
  const nodeAccess = useAccessReview({ verb: 'list', resource: NodeModel.plural });
  const nodes = useK8sWatchList(NodeModel, nodeAccess.allowed ? {} : null);
  const networksVisible = !scope.loading && (scope.clusterViewer || !!scope.namespace);
  const networks = useK8sWatchList(
    NetworkAttachmentDefinitionModel,
    networksVisible ? { namespace: scope.namespace } : null,
  );
  return {
    templates,
    bootableVolumes: countOf([dataSources]),
    nodes: nodeAccess.loading
      ? { loading: true }
      : nodeAccess.allowed
        ? countOf([nodes])
        : { loading: false, unavailable: 'administrator' as const },
    networks: scope.loading
      ? { loading: true }
      : networksVisible
        ? countOf([networks])
        : { loading: false, unavailable: 'project' as const },
  } satisfies Record<string, InventoryCount>;
};
