import type { KubeObject } from '../types';

interface Series {
  prefix: string;
  className: string;
  description: string;
  /** GiB of memory per vCPU (u1 1:4 → 4). */
  ratio: number;
  sizes: [string, number][]; // size name, vCPUs
  extra?: Record<string, unknown>;
}

const SIZES = (names: string[], first: number): [string, number][] =>
  names.map((name, i) => [name, first * 2 ** i]);

/** The common-instancetypes series a fresh OpenShift Virtualization cluster has. */
const SERIES: Series[] = [
  {
    prefix: 'u1',
    className: 'Universal',
    description: 'burstable CPU performance, 1:4 vCPU to memory',
    ratio: 4,
    sizes: [
      ['nano', 0.125],
      ['micro', 0.25],
      ['small', 0.5],
      ['medium', 1],
      ['2xmedium', 2],
      ['large', 2],
      ['xlarge', 4],
      ['2xlarge', 8],
      ['4xlarge', 16],
      ['8xlarge', 32],
    ],
  },
  {
    prefix: 'o1',
    className: 'Overcommitted',
    description: 'overcommitted memory, burstable CPU, 1:4 vCPU to memory',
    ratio: 4,
    sizes: [
      ['nano', 0.125],
      ['micro', 0.25],
      ['small', 0.5],
      ['medium', 1],
      ['large', 2],
      ['xlarge', 4],
      ['2xlarge', 8],
      ['4xlarge', 16],
      ['8xlarge', 32],
    ],
    extra: { memory: { overcommitPercent: 50 } },
  },
  {
    prefix: 'cx1',
    className: 'Compute Exclusive',
    description: 'hugepages, dedicated CPU, isolated emulator thread, 1:2 vCPU to memory',
    ratio: 2,
    sizes: SIZES(['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'], 1),
    extra: {
      cpu: { dedicatedCPUPlacement: true, isolateEmulatorThread: true },
      memory: { hugepages: { pageSize: '2Mi' } },
    },
  },
  {
    prefix: 'gn1',
    className: 'GPU NVIDIA',
    description: 'NVIDIA GPUs, burstable CPU, 1:4 vCPU to memory',
    ratio: 4,
    sizes: SIZES(['xlarge', '2xlarge', '4xlarge', '8xlarge'], 4),
    extra: { gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/A400' }] },
  },
  {
    prefix: 'm1',
    className: 'Memory Intensive',
    description: 'hugepages, burstable CPU, 1:8 vCPU to memory',
    ratio: 8,
    sizes: SIZES(['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'], 2),
    extra: { memory: { hugepages: { pageSize: '2Mi' } } },
  },
  {
    prefix: 'n1',
    className: 'Network',
    description:
      'hugepages, dedicated CPU, isolated emulator thread, DPDK-capable nodes, 1:2 vCPU to memory',
    ratio: 2,
    sizes: SIZES(['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge'], 4),
    extra: {
      cpu: { dedicatedCPUPlacement: true, isolateEmulatorThread: true },
      memory: { hugepages: { pageSize: '1Gi' } },
    },
  },
];

const memoryOf = (size: string, vcpus: number, ratio: number): { cpus: number; memory: string } => {
  // u1.2xmedium is the odd one: 2 vCPUs sharing medium's 4Gi.
  if (size === '2xmedium') return { cpus: 2, memory: '4Gi' };
  // nano/micro/small of the 1:4 series are 1 vCPU with 512Mi, 1Gi, 2Gi.
  const mib = Math.round(vcpus * ratio * 1024);
  return { cpus: Math.max(1, vcpus), memory: mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi` };
};

export const clusterInstancetypes = (): KubeObject[] =>
  SERIES.flatMap((series) =>
    series.sizes.map(([size, vcpus]) => {
      const { cpus, memory } = memoryOf(size, vcpus, series.prefix === 'n1' ? 1 : series.ratio);
      const extra = (series.extra ?? {}) as { cpu?: object; memory?: object; gpus?: object[] };
      return {
        apiVersion: 'instancetype.kubevirt.io/v1beta1',
        kind: 'VirtualMachineClusterInstancetype',
        metadata: {
          name: `${series.prefix}.${size}`,
          labels: {
            'instancetype.kubevirt.io/vendor': 'kubevirt.io',
            'instancetype.kubevirt.io/common-instancetypes-version': 'v1.2.0',
            'instancetype.kubevirt.io/class': series.className.toLowerCase().replace(/\s+/g, '.'),
            'instancetype.kubevirt.io/cpu': String(cpus),
            'instancetype.kubevirt.io/memory': memory,
          },
          annotations: {
            'instancetype.kubevirt.io/description': `The ${series.className} (${series.prefix.toUpperCase()}) series: ${series.description}.`,
            'instancetype.kubevirt.io/displayName': `${series.className} ${size}`,
          },
        },
        spec: {
          cpu: { guest: cpus, ...(extra.cpu ?? {}) },
          memory: { guest: memory, ...(extra.memory ?? {}) },
          ...(extra.gpus ? { gpus: extra.gpus } : {}),
        },
      };
    }),
  );

const PREFERENCES: [string, string, Record<string, unknown>][] = [
  ['rhel.8', 'Red Hat Enterprise Linux 8', {}],
  ['rhel.9', 'Red Hat Enterprise Linux 9', {}],
  ['rhel.10', 'Red Hat Enterprise Linux 10', {}],
  ['centos.stream9', 'CentOS Stream 9', {}],
  ['centos.stream10', 'CentOS Stream 10', {}],
  ['opensuse.tumbleweed', 'openSUSE Tumbleweed', {}],
  ['debian', 'Debian', {}],
  ['fedora', 'Fedora (amd64)', {}],
  ['ubuntu', 'Ubuntu', {}],
  [
    'windows.2k22',
    'Microsoft Windows Server 2022',
    {
      firmware: { preferredUseEfi: true, preferredUseSecureBoot: true },
      devices: { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e', preferredTPM: {} },
    },
  ],
  [
    'windows.11',
    'Microsoft Windows 11',
    {
      firmware: { preferredUseEfi: true, preferredUseSecureBoot: true },
      devices: { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e', preferredTPM: {} },
    },
  ],
];

export const clusterPreferences = (): KubeObject[] =>
  PREFERENCES.map(([name, displayName, extra]) => ({
    apiVersion: 'instancetype.kubevirt.io/v1beta1',
    kind: 'VirtualMachineClusterPreference',
    metadata: {
      name,
      labels: {
        'instancetype.kubevirt.io/vendor': 'kubevirt.io',
        'instancetype.kubevirt.io/os-type': name.startsWith('windows') ? 'windows' : 'linux',
      },
      annotations: {
        'openshift.io/display-name': displayName,
        iconClass: `icon-${name.split('.')[0]}`,
      },
    },
    spec: {
      devices: {
        preferredDiskBus: 'virtio',
        preferredInterfaceModel: 'virtio',
        preferredRng: {},
        ...((extra.devices as object) ?? {}),
      },
      ...(extra.firmware ? { firmware: extra.firmware } : {}),
      requirements: {
        cpu: { guest: 1 },
        memory: { guest: name.startsWith('windows') ? '4Gi' : '1.5Gi' },
      },
    },
  }));
