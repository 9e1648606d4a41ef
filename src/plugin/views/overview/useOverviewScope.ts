import { useActiveNamespace } from '@openshift-console/dynamic-plugin-sdk';
import { useAccessReview } from '../../api/access';
import { ALL_NAMESPACES_KEY } from '../../api/models';

/** Whose numbers the Overview shows, and what the user may ask for them. */
export interface OverviewScope {
  /** The project chosen in the console; undefined: all projects. */
  namespace?: string;
  /** May the user list namespaces, i.e. see the whole cluster? */
  clusterViewer: boolean;
  /** The access review has not answered yet. */
  loading: boolean;
  /**
   * What every Prometheus hook gets as `namespace`: undefined for a cluster viewer, the project
   * for anyone else (the BFF confines them to it).
   */
  metricsNamespace?: string;
  /** false: a user confined to projects looks at all projects; metrics need one project. */
  metricsAllowed: boolean;
}

/**
 * An administrator sees the cluster (or the project chosen); a user who may not list namespaces
 * sees their active project's numbers only.
 */
export const useOverviewScope = (): OverviewScope => {
  const [active] = useActiveNamespace();
  const namespace = active && active !== ALL_NAMESPACES_KEY ? active : undefined;
  const review = useAccessReview({ verb: 'list', resource: 'namespaces' });
  const clusterViewer = review.allowed;
  return {
    namespace,
    clusterViewer,
    loading: review.loading,
    metricsNamespace: clusterViewer ? undefined : namespace,
    metricsAllowed: clusterViewer || namespace !== undefined,
  };
};
