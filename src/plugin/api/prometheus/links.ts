/**
 * Where the console runs a query by hand: Observe → Metrics for whoever may see the cluster's
 * monitoring, the developer perspective's project metrics otherwise.
 */
export const observeQueryPath = (query: string, namespace?: string): string => {
  const params = new URLSearchParams({ query0: query });
  return namespace
    ? `/dev-monitoring/ns/${encodeURIComponent(namespace)}/metrics?${params}`
    : `/monitoring/query-browser?${params}`;
};
