import { useAccessReview } from '../../../../../api/access';
import { NodeModel } from '../../../../../api/models';
import type { Node } from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';

export interface NodesState {
  nodes: Node[];
  loading: boolean;
  /** The user may not list nodes (developers usually cannot): no preview. */
  forbidden: boolean;
  error?: unknown;
}

const NODES_REVIEW = { verb: 'list', group: '', resource: 'nodes' };

/** The cluster's nodes, watched, when the user may list them; for the scheduling previews. */
export const useNodes = (): NodesState => {
  const access = useAccessReview(NODES_REVIEW);
  const list = useK8sWatchList<Node>(NodeModel, access.allowed ? {} : null);
  const refused = (list.error as { code?: number } | undefined)?.code === 403;
  return {
    nodes: list.data,
    loading: access.loading || (access.allowed && !list.loaded),
    forbidden: (!access.loading && !access.allowed) || refused,
    error: refused ? undefined : list.error,
  };
};
