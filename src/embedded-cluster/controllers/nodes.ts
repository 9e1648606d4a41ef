import type { KubeObject } from '../types';

/** A node's `status.addresses`: its InternalIP (what a NodePort service is reached on) and name. */
export const nodeAddresses = (name: string, address: string) => [
  { type: 'InternalIP', address },
  { type: 'Hostname', address: name },
];

const node = (name: string, zone: string, address: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/role': 'worker',
      'node-role.kubernetes.io/worker': '',
      'topology.kubernetes.io/zone': zone,
      'kubevirt.io/schedulable': 'true',
      'cpu-model.node.kubevirt.io/qemu64': 'true',
    },
  },
  spec: {},
  status: {
    capacity: { cpu: '8', memory: '32Gi', pods: '110', 'devices.kubevirt.io/kvm': '0' },
    allocatable: { cpu: '8', memory: '31Gi', pods: '110' },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.33.0',
      osImage: 'Embedded cluster node',
      architecture: 'amd64',
      operatingSystem: 'linux',
    },
    addresses: nodeAddresses(name, address),
  },
});

/** Three simulated worker nodes (VMIs are spread over them; all guests run on this host). */
export const SEED_NODES: KubeObject[] = [
  node('worker-0', 'zone-a', '192.168.126.10'),
  node('worker-1', 'zone-b', '192.168.126.11'),
  node('worker-2', 'zone-c', '192.168.126.12'),
];
