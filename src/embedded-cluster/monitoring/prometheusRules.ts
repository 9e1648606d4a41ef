// virt-operator's PrometheusRule `prometheus-kubevirt-rules`: the subset of KubeVirt's alerts
// (pkg/monitoring/rules/alerts) whose series this cluster exports, with the recording rules
// they read, KubeVirt's labels and OpenShift's runbook links. Left out because their series do
// not exist here: KubevirtVmHighMemoryUsage (cAdvisor's container memory of virt-launcher
// pods), OrphanedVirtualMachineInstances (kube-state-metrics' virt-handler pod readiness),
// the virt-api/controller/handler/operator health and REST error alerts, and the guest agent
// ones (load, filesystems, OS panics).
import type { KubeObject } from '../types';

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

export const KUBEVIRT_RULE_NAME = 'prometheus-kubevirt-rules';
export const RUNBOOK_BASE =
  'https://github.com/openshift/runbooks/blob/master/alerts/openshift-virtualization-operator/';

/** label_replace adding a `vm` label from `name`, so the console can link an alert to its VM. */
const withVMLabel = (expr: string) => `label_replace(${expr}, "vm", "$1", "name", "(.+)")`;

const recordingRules: Rule[] = [
  {
    record: 'cluster:kubevirt_non_schedulable_nodes:sum',
    expr: "sum (count by (node) (kube_node_role{role=~'arbiter'})) or vector(0)",
  },
  {
    record: 'kubevirt_allocatable_nodes',
    expr: 'count(count (kube_node_status_allocatable) by (node)) - cluster:kubevirt_non_schedulable_nodes:sum',
  },
  {
    record: 'kubevirt_nodes_with_kvm',
    expr: 'count(kube_node_status_allocatable{resource="devices_kubevirt_io_kvm"} != 0) or vector(0)',
  },
  {
    record: 'vmi:kubevirt_vmi_memory_headroom_ratio:sum',
    expr: 'sum by (name, namespace) (kubevirt_vmi_memory_usable_bytes) / sum by (name, namespace) (kubevirt_vmi_memory_available_bytes)',
  },
  {
    record: 'vmi:kubevirt_vmi_pgmajfaults:rate5m',
    expr: 'sum by (name, namespace) (rate(kubevirt_vmi_memory_pgmajfault_total[5m]))',
  },
  {
    record: 'vmi:kubevirt_vmi_swap_traffic_bytes:rate5m',
    expr: 'sum by (name, namespace) (rate(kubevirt_vmi_memory_swap_in_traffic_bytes[5m])) + sum by (name, namespace) (rate(kubevirt_vmi_memory_swap_out_traffic_bytes[5m]))',
  },
  {
    record: 'vmi:kubevirt_vmi_memory_available_bytes:sum',
    expr: 'sum by (name, namespace) (kubevirt_vmi_memory_available_bytes)',
  },
];

type Alert = Rule & {
  alert: string;
  labels: { severity: string; operator_health_impact: string };
  annotations: { summary: string; description?: string };
};

const alerts: Alert[] = [
  {
    alert: 'LowKVMNodesCount',
    expr: '(kubevirt_allocatable_nodes > 1) and (kubevirt_nodes_with_kvm < 2)',
    for: '5m',
    annotations: {
      description: 'Low number of nodes with KVM resource available.',
      summary: 'At least two nodes with kvm resource required for VM live migration.',
    },
    labels: { severity: 'warning', operator_health_impact: 'warning' },
  },
  {
    alert: 'VMCannotBeEvicted',
    expr: withVMLabel(
      "kubevirt_vmi_non_evictable * on(name, namespace) group_left() topk by(name, namespace) (1, kubevirt_vmi_info{phase='running'}) == 1",
    ),
    for: '1m',
    annotations: {
      description:
        'Eviction policy for VirtualMachine {{ $labels.name }} in namespace {{ $labels.namespace }} (on node {{ $labels.node }}) is set to Live Migration but the VM is not migratable',
      summary: "The VM's eviction strategy is set to Live Migration but the VM is not migratable",
    },
    labels: { severity: 'warning', operator_health_impact: 'none' },
  },
  {
    alert: 'KubeVirtVMIExcessiveMigrations',
    expr: 'sum by (vmi, namespace) (topk by (vmi, namespace, vmim) (1, max_over_time(kubevirt_vmi_migration_succeeded[1d]))) >= 12',
    annotations: {
      description:
        'VirtualMachineInstance {{ $labels.vmi }} in namespace {{ $labels.namespace }} has been migrated more than 12 times during the last 24 hours',
      summary:
        'An excessive amount of migrations have been detected on a VirtualMachineInstance in the last 24 hours.',
    },
    labels: { severity: 'warning', operator_health_impact: 'none' },
  },
  {
    alert: 'VirtualMachineStuckInUnhealthyState',
    expr: withVMLabel(
      "sum by (name, namespace, status)(kubevirt_vm_info{status='provisioning'}==1 or kubevirt_vm_info{status='starting'} == 1 or kubevirt_vm_info{status='terminating'} == 1 or kubevirt_vm_info{status_group='error'} == 1) unless on(name, namespace) kubevirt_vmi_info",
    ),
    for: '10m',
    annotations: {
      summary: 'Virtual machine in {{ $labels.status }} state for more than 10 minutes',
      description:
        'Virtual machine {{ $labels.name }} in namespace {{ $labels.namespace }} has been in {{ $labels.status }} state for more than 10 minutes.',
    },
    labels: { severity: 'warning', operator_health_impact: 'none' },
  },
  {
    alert: 'VirtualMachineStuckOnNode',
    expr: withVMLabel(
      "sum by (name, namespace, status, node)((kubevirt_vm_info{status='starting'} == 1 or kubevirt_vm_info{status='stopping'} == 1 or kubevirt_vm_info{status='terminating'} == 1 or (kubevirt_vm_info{status_group='error'} == 1 and on(name, namespace) kubevirt_vmi_info{phase=~'scheduled|running'}) ) * on(name, namespace) group_left(node) topk by(name, namespace) (1, kubevirt_vmi_info{phase=~'scheduled|running'}))",
    ),
    for: '5m',
    annotations: {
      summary: 'Virtual machine stuck in unhealthy state for more than 5 minutes',
      description:
        'Virtual machine {{ $labels.name }} in namespace {{ $labels.namespace }} on node {{ $labels.node }} has been in {{ $labels.status }} state for more than 5 minutes. This may indicate issues with the VM lifecycle on the target node.',
    },
    labels: { severity: 'warning', operator_health_impact: 'none' },
  },
  {
    alert: 'KubeVirtVMGuestMemoryPressure',
    expr: "(((vmi:kubevirt_vmi_memory_headroom_ratio:sum < 0.05) and (vmi:kubevirt_vmi_pgmajfaults:rate5m > 5 or (vmi:kubevirt_vmi_swap_traffic_bytes:rate5m > 1048576)) and (vmi:kubevirt_vmi_memory_available_bytes:sum > 0)) * on(name, namespace) group_left(vm) topk by(name, namespace) (1, label_replace(label_replace(kubevirt_vmi_info{phase='running'}, 'vm', '$1', 'name', '(.+)'), 'name', '$1', 'vmi_pod', '(.+)')))",
    for: '5m',
    annotations: {
      description:
        'VirtualMachine {{ $labels.vm }} in namespace {{ $labels.namespace }} is under memory pressure: low usable memory with elevated major faults and/or swap IO.',
      summary: 'The VirtualMachine is under memory pressure (possible thrashing)',
    },
    labels: { severity: 'warning', operator_health_impact: 'none' },
  },
];

/** The rule groups as virt-operator builds them: recording rules, then alerts. */
export const kubevirtRuleGroups = (): RuleGroup[] => [
  { name: 'recordingRules.rules', rules: recordingRules.map((rule) => ({ ...rule })) },
  {
    name: 'alerts.rules',
    rules: alerts.map((alert) => ({
      ...alert,
      labels: {
        ...alert.labels,
        kubernetes_operator_part_of: 'kubevirt',
        kubernetes_operator_component: 'kubevirt',
      },
      annotations: { ...alert.annotations, runbook_url: `${RUNBOOK_BASE}${alert.alert}.md` },
    })),
  },
];

/** The PrometheusRule virt-operator keeps in its namespace. */
export const kubevirtPrometheusRule = (namespace = 'openshift-cnv'): KubeObject => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PrometheusRule',
  metadata: {
    name: KUBEVIRT_RULE_NAME,
    namespace,
    labels: { 'prometheus.kubevirt.io': 'true', 'k8s-app': 'kubevirt' },
  },
  spec: { groups: kubevirtRuleGroups() },
});
