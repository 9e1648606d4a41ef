import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  kubevirtPrometheusRule,
  kubevirtRuleGroups,
  RUNBOOK_BASE,
  type Rule,
} from './prometheusRules';

const groups = kubevirtRuleGroups();
const alerts = groups
  .flatMap((g) => g.rules)
  .filter((r): r is Rule & { alert: string } => !!r.alert);
const records = groups.flatMap((g) => g.rules).filter((r) => r.record);

describe("KubeVirt's PrometheusRule", () => {
  it("is virt-operator's object, in openshift-cnv, with its groups", () => {
    const rule = kubevirtPrometheusRule();
    expect(rule).toMatchObject({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: 'prometheus-kubevirt-rules',
        namespace: 'openshift-cnv',
        labels: { 'prometheus.kubevirt.io': 'true', 'k8s-app': 'kubevirt' },
      },
    });
    expect(groups.map((g) => g.name)).toEqual(['recordingRules.rules', 'alerts.rules']);
  });

  it('labels and annotates every alert as KubeVirt does, with its OpenShift runbook', () => {
    expect(alerts.map((a) => a.alert)).toEqual([
      'LowKVMNodesCount',
      'VMCannotBeEvicted',
      'KubeVirtVMIExcessiveMigrations',
      'VirtualMachineStuckInUnhealthyState',
      'VirtualMachineStuckOnNode',
      'KubeVirtVMGuestMemoryPressure',
    ]);
    for (const alert of alerts) {
      expect(alert.labels).toEqual({
        severity: expect.stringMatching(/^(critical|warning|info)$/),
        operator_health_impact: expect.stringMatching(/^(critical|warning|none)$/),
        kubernetes_operator_part_of: 'kubevirt',
        kubernetes_operator_component: 'kubevirt',
      });
      expect(alert.annotations?.summary).toBeTruthy();
      expect(alert.annotations?.runbook_url).toBe(
        `https://github.com/openshift/runbooks/blob/master/alerts/openshift-virtualization-operator/${alert.alert}.md`,
      );
    }
    expect(RUNBOOK_BASE).toMatch(/^https:\/\/github\.com\/openshift\/runbooks\//);
    for (const record of records)
      expect(record).toEqual({ record: record.record, expr: record.expr });
  });
});

const promtool = spawnSync('promtool', ['--version']).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), 'kubevirt-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rulesFile = path.join(dir, 'rules.yaml');
writeFileSync(rulesFile, stringify({ groups }));

const annotationsOf = (name: string, labels: Record<string, string>) => {
  const alert = alerts.find((a) => a.alert === name)!;
  return Object.fromEntries(
    Object.entries(alert.annotations ?? {}).map(([key, value]) => [
      key,
      value.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, label: string) => labels[label] ?? ''),
    ]),
  );
};
const kubevirtLabels = (severity: string, impact: string) => ({
  severity,
  operator_health_impact: impact,
  kubernetes_operator_part_of: 'kubevirt',
  kubernetes_operator_component: 'kubevirt',
});

/** `promtool test rules` over the rule file: alerts fire on the series they are meant for. */
const promtoolTest = (tests: unknown[]) => {
  const file = path.join(dir, `test-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify({ rule_files: [rulesFile], evaluation_interval: '1m', tests }));
  return spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8' });
};

describe.skipIf(!promtool)(
  `the rules with promtool${promtool ? '' : ' (skipped: no promtool)'}`,
  () => {
    it('are a rule file Prometheus loads', () => {
      const result = spawnSync('promtool', ['check', 'rules', rulesFile], { encoding: 'utf8' });
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });

    it('fire VMCannotBeEvicted after a minute for a running VM that cannot live-migrate', () => {
      const vm = { node: 'worker-1', namespace: 'team-a', name: 'web' };
      const result = promtoolTest([
        {
          interval: '1m',
          input_series: [
            {
              series: 'kubevirt_vmi_non_evictable{node="worker-1",namespace="team-a",name="web"}',
              values: '1x5',
            },
            {
              series: 'kubevirt_vmi_non_evictable{node="worker-1",namespace="team-a",name="ok"}',
              values: '0x5',
            },
            {
              series:
                'kubevirt_vmi_info{node="worker-1",namespace="team-a",name="web",phase="running"}',
              values: '1x5',
            },
            {
              series:
                'kubevirt_vmi_info{node="worker-1",namespace="team-a",name="ok",phase="running"}',
              values: '1x5',
            },
          ],
          alert_rule_test: [
            { eval_time: '0m', alertname: 'VMCannotBeEvicted', exp_alerts: [] },
            {
              eval_time: '2m',
              alertname: 'VMCannotBeEvicted',
              exp_alerts: [
                {
                  exp_labels: { ...kubevirtLabels('warning', 'none'), ...vm, vm: 'web' },
                  exp_annotations: annotationsOf('VMCannotBeEvicted', vm),
                },
              ],
            },
          ],
        },
      ]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });

    it('fire LowKVMNodesCount when no node offers KVM, and not when two do', () => {
      const nodes = (kvm: number[]) =>
        kvm.flatMap((count, i) => [
          {
            series: `kube_node_status_allocatable{node="worker-${i}",resource="cpu",unit="core"}`,
            values: '8x10',
          },
          ...(count
            ? [
                {
                  series: `kube_node_status_allocatable{node="worker-${i}",resource="devices_kubevirt_io_kvm",unit="integer"}`,
                  values: `${count}x10`,
                },
              ]
            : []),
        ]);
      const expectAt6m = (firing: boolean) => ({
        eval_time: '6m',
        alertname: 'LowKVMNodesCount',
        exp_alerts: firing
          ? [
              {
                exp_labels: kubevirtLabels('warning', 'warning'),
                exp_annotations: annotationsOf('LowKVMNodesCount', {}),
              },
            ]
          : [],
      });
      const result = promtoolTest([
        { interval: '1m', input_series: nodes([0, 0, 0]), alert_rule_test: [expectAt6m(true)] },
        {
          interval: '1m',
          input_series: nodes([110, 110, 0]),
          alert_rule_test: [expectAt6m(false)],
        },
      ]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });

    it('fire KubeVirtVMIExcessiveMigrations at the 12th migration of a VMI in a day', () => {
      const migrations = (count: number) =>
        Array.from({ length: count }, (_, i) => ({
          series: `kubevirt_vmi_migration_succeeded{vmi="web",vmim="m${i}",namespace="team-a"}`,
          values: '1x3',
        }));
      const labels = { vmi: 'web', namespace: 'team-a' };
      const result = promtoolTest([
        {
          interval: '1m',
          input_series: migrations(12),
          alert_rule_test: [
            {
              eval_time: '1m',
              alertname: 'KubeVirtVMIExcessiveMigrations',
              exp_alerts: [
                {
                  exp_labels: { ...kubevirtLabels('warning', 'none'), ...labels },
                  exp_annotations: annotationsOf('KubeVirtVMIExcessiveMigrations', labels),
                },
              ],
            },
          ],
        },
        {
          interval: '1m',
          input_series: migrations(11),
          alert_rule_test: [
            { eval_time: '1m', alertname: 'KubeVirtVMIExcessiveMigrations', exp_alerts: [] },
          ],
        },
      ]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });

    it('fire VirtualMachineStuckInUnhealthyState for a VM starting for 10 minutes without a VMI', () => {
      const info = (name: string, status: string, group: string) =>
        `kubevirt_vm_info{name="${name}",namespace="team-a",os="<none>",workload="<none>",flavor="<none>",machine_type="<none>",instance_type="<none>",preference="<none>",status="${status}",status_group="${group}"}`;
      const labels = { name: 'stuck', namespace: 'team-a', status: 'starting' };
      const result = promtoolTest([
        {
          interval: '1m',
          input_series: [
            { series: info('stuck', 'starting', 'starting'), values: '1x15' },
            { series: info('booting', 'starting', 'starting'), values: '1x15' },
            {
              series:
                'kubevirt_vmi_info{node="worker-0",namespace="team-a",name="booting",phase="scheduling"}',
              values: '1x15',
            },
          ],
          alert_rule_test: [
            { eval_time: '5m', alertname: 'VirtualMachineStuckInUnhealthyState', exp_alerts: [] },
            {
              eval_time: '12m',
              alertname: 'VirtualMachineStuckInUnhealthyState',
              exp_alerts: [
                {
                  exp_labels: { ...kubevirtLabels('warning', 'none'), ...labels, vm: 'stuck' },
                  exp_annotations: annotationsOf('VirtualMachineStuckInUnhealthyState', labels),
                },
              ],
            },
          ],
        },
      ]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });
  },
);
