import { useAccessReview } from '../../../../api/access';
import { NodeModel } from '../../../../api/models';
import type { Node } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { nodeAddressFor } from './desktopService';

const LIST_NODES = { verb: 'list', resource: 'nodes' };

/**
 * A node address for NodePort Services (the VM's node first), or undefined when the user may
 * not list Nodes: the view then says "any node's address".
 */
export const useNodeAddress = (preferredNode?: string): string | undefined => {
  const canList = useAccessReview(LIST_NODES);
  const nodes = useK8sWatchList<Node>(NodeModel, canList.allowed ? {} : null);
  return nodeAddressFor(nodes.data, preferredNode);
};
