export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive' | string;
  activeAt?: string;
  value?: string;
}

/** The labels by which KubeVirt's alerts name a VM or its instance. */
const VM_NAME_LABELS = [
  'name',
  'vm',
  'vm_name',
  'vmi',
  'vmi_name',
  'virtualmachine',
  'kubernetes_vmi_label_kubevirt_io_domain',
];

/** The firing and pending alerts of one VM: labelled with its namespace and its name. */
export const alertsOfVm = (alerts: PrometheusAlert[], namespace: string, name: string) =>
  alerts.filter(
    (alert) =>
      alert.labels.namespace === namespace &&
      VM_NAME_LABELS.some((label) => alert.labels[label] === name),
  );

/** The operators whose alerts belong to Virtualization (the HyperConverged's components). */
const VIRTUALIZATION_OPERATORS = new Set([
  'kubevirt',
  'kubevirt-hyperconverged',
  'cdi',
  'containerized-data-importer',
  'ssp-operator',
  'cluster-network-addons',
  'hostpath-provisioner',
  'hyperconverged-cluster-operator',
]);

/**
 * Whether an alert is one of Virtualization's: its `operator_health_impact` or
 * `kubernetes_operator_part_of` label says so (KubeVirt labels its rules this way), or it
 * carries a runbook in the openshift/runbooks virtualization folder.
 */
export const isVirtualizationAlert = (alert: PrometheusAlert): boolean =>
  VIRTUALIZATION_OPERATORS.has(alert.labels.kubernetes_operator_part_of ?? '') ||
  VIRTUALIZATION_OPERATORS.has(alert.labels.operator ?? '') ||
  /\/runbooks\/.*alerts\/openshift-virtualization-operator\//.test(
    alert.annotations?.runbook_url ?? '',
  );

/** The runbook an alert links to, if any, and only over http(s). */
export const runbookURL = (alert: PrometheusAlert): string | undefined => {
  const url = alert.annotations?.runbook_url;
  return url && /^https?:\/\//.test(url) ? url : undefined;
};

const SEVERITY_ORDER = ['critical', 'warning', 'info'];

/** Critical first, then warning, then the rest; the oldest first within a severity. */
export const sortAlerts = (alerts: PrometheusAlert[]): PrometheusAlert[] =>
  [...alerts].sort((a, b) => {
    const rank = (alert: PrometheusAlert) => {
      const index = SEVERITY_ORDER.indexOf(alert.labels.severity ?? '');
      return index < 0 ? SEVERITY_ORDER.length : index;
    };
    return rank(a) - rank(b) || (a.activeAt ?? '').localeCompare(b.activeAt ?? '');
  });
