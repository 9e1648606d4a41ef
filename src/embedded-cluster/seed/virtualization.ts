import type { KubeObject } from '../types';
import { now } from '../objectRefs';

const condition = (type: string, status: string, reason: string, message: string) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: now(),
});

/** The HyperConverged and KubeVirt CRs of an installed OpenShift Virtualization, healthy. */
export const operatorResources = (): KubeObject[] => [
  {
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
    spec: {
      featureGates: { enableCommonBootImageImport: true, deployKubeSecondaryDNS: false },
      liveMigrationConfig: {
        parallelMigrationsPerCluster: 5,
        parallelOutboundMigrationsPerNode: 2,
        completionTimeoutPerGiB: 800,
        progressTimeout: 150,
        allowAutoConverge: false,
        allowPostCopy: false,
      },
    },
    status: {
      conditions: [
        condition(
          'ReconcileComplete',
          'True',
          'ReconcileCompleted',
          'Reconcile completed successfully',
        ),
        condition('Available', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
        condition('Progressing', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
        condition('Degraded', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
        condition('Upgradeable', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
      ],
      versions: [{ name: 'operator', version: '4.16.0' }],
      systemHealthStatus: 'healthy',
    },
  },
  {
    apiVersion: 'kubevirt.io/v1',
    kind: 'KubeVirt',
    metadata: { name: 'kubevirt-kubevirt-hyperconverged', namespace: 'openshift-cnv' },
    spec: { configuration: { developerConfiguration: { featureGates: [] } } },
    status: {
      phase: 'Deployed',
      observedKubeVirtVersion: 'v1.2.2',
      targetKubeVirtVersion: 'v1.2.2',
      conditions: [
        condition('Available', 'True', 'AllComponentsReady', 'All components are ready.'),
      ],
    },
  },
];

const vm = (
  name: string,
  runStrategy: 'Always' | 'Halted',
  os: string,
  preference: string,
): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: {
    name,
    namespace: 'developer-vms',
    labels: { app: name, 'kubevirt.io/os': os, 'vm.kubevirt.io/template': '' },
    annotations: { description: 'Seeded with the embedded cluster.' },
  },
  spec: {
    runStrategy,
    instancetype: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.nano' },
    preference: { kind: 'VirtualMachineClusterPreference', name: preference },
    template: {
      metadata: { labels: { 'kubevirt.io/domain': name, 'kubevirt.io/os': os } },
      spec: {
        domain: {
          devices: {
            disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
            interfaces: [{ name: 'default', masquerade: {} }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [
          { name: 'rootdisk', containerDisk: { image: `quay.io/containerdisks/${os}:latest` } },
        ],
      },
    },
  },
});

/** What a new user finds in their project: one running and one stopped VM. */
export const sampleVirtualMachines = (): KubeObject[] => [
  vm('fedora-running', 'Always', 'fedora', 'fedora'),
  vm('rhel9-stopped', 'Halted', 'rhel9', 'rhel.9'),
];
