import type { KubeObject } from '../types';

interface OsEntry {
  os: string; // os.template.kubevirt.io label key, e.g. rhel9.0
  id: string; // template name prefix, e.g. rhel9
  displayName: string;
  dataSource: string;
  preference: string;
  icon: string;
  windows?: boolean;
}

const SYSTEMS: OsEntry[] = [
  {
    os: 'rhel9.0',
    id: 'rhel9',
    displayName: 'Red Hat Enterprise Linux 9 VM',
    dataSource: 'rhel9',
    preference: 'rhel.9',
    icon: 'icon-rhel',
  },
  {
    os: 'rhel8.0',
    id: 'rhel8',
    displayName: 'Red Hat Enterprise Linux 8 VM',
    dataSource: 'rhel8',
    preference: 'rhel.8',
    icon: 'icon-rhel',
  },
  {
    os: 'centos.stream9',
    id: 'centos-stream9',
    displayName: 'CentOS Stream 9 VM',
    dataSource: 'centos-stream9',
    preference: 'centos.stream9',
    icon: 'icon-centos',
  },
  {
    os: 'fedora',
    id: 'fedora',
    displayName: 'Fedora VM',
    dataSource: 'fedora',
    preference: 'fedora',
    icon: 'icon-fedora',
  },
  {
    os: 'win2k22',
    id: 'windows2k22',
    displayName: 'Microsoft Windows Server 2022 VM',
    dataSource: 'win2k22',
    preference: 'windows.2k22',
    icon: 'icon-windows',
    windows: true,
  },
];

const FLAVORS: [string, number, string][] = [
  ['small', 1, '2Gi'],
  ['medium', 1, '4Gi'],
  ['large', 2, '8Gi'],
];

const template = (system: OsEntry, flavor: string, cpus: number, memory: string): KubeObject => {
  const name = `${system.id}-server-${flavor}`;
  const memoryGuest = system.windows ? (flavor === 'small' ? '4Gi' : memory) : memory;
  return {
    apiVersion: 'template.openshift.io/v1',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'openshift',
      labels: {
        'template.kubevirt.io/type': 'base',
        'template.kubevirt.io/version': 'v0.31.1',
        [`os.template.kubevirt.io/${system.os}`]: 'true',
        'workload.template.kubevirt.io/server': 'true',
        [`flavor.template.kubevirt.io/${flavor}`]: 'true',
        'app.kubernetes.io/name': 'common-templates',
      },
      annotations: {
        'openshift.io/display-name': system.displayName,
        description: `Template for ${system.displayName.replace(/ VM$/, '')}. A PVC with the ${system.dataSource} disk image must be available.`,
        iconClass: system.icon,
        'openshift.io/provider-display-name': 'Red Hat',
        'template.kubevirt.io/provider': 'Red Hat',
        'template.kubevirt.io/provider-support-level': 'Full',
        [`name.os.template.kubevirt.io/${system.os}`]: system.displayName.replace(/ VM$/, ''),
        'defaults.template.kubevirt.io/disk': 'rootdisk',
        'template.openshift.io/bindable': 'false',
        tags: 'hidden,kubevirt,virtualmachine,linux',
      },
    },
    message: 'The virtual machine will be created.',
    parameters: [
      {
        name: 'NAME',
        description: 'VM name',
        generate: 'expression',
        from: `${system.id}-[a-z0-9]{16}`,
      },
      {
        name: 'DATA_SOURCE_NAME',
        description: 'Name of the DataSource to clone',
        value: system.dataSource,
      },
      {
        name: 'DATA_SOURCE_NAMESPACE',
        description: 'Namespace of the DataSource',
        value: 'openshift-virtualization-os-images',
      },
      ...(system.windows
        ? []
        : [
            {
              name: 'CLOUD_USER_PASSWORD',
              description: 'Randomized password for the cloud-init user',
              generate: 'expression',
              from: '[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}',
            },
          ]),
    ],
    objects: [
      {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: {
          name: '${NAME}',
          labels: {
            app: '${NAME}',
            'vm.kubevirt.io/template': name,
            'vm.kubevirt.io/template.namespace': 'openshift',
          },
          annotations: {
            'vm.kubevirt.io/validations':
              '[{"name":"minimal-required-memory","path":"jsonpath::.spec.domain.memory.guest","rule":"integer","message":"This VM requires more memory.","min":1610612736}]',
          },
        },
        spec: {
          runStrategy: 'Halted',
          dataVolumeTemplates: [
            {
              apiVersion: 'cdi.kubevirt.io/v1beta1',
              kind: 'DataVolume',
              metadata: { name: '${NAME}' },
              spec: {
                sourceRef: {
                  kind: 'DataSource',
                  name: '${DATA_SOURCE_NAME}',
                  namespace: '${DATA_SOURCE_NAMESPACE}',
                },
                storage: { resources: { requests: { storage: system.windows ? '60Gi' : '30Gi' } } },
              },
            },
          ],
          template: {
            metadata: {
              labels: {
                'kubevirt.io/domain': '${NAME}',
                'kubevirt.io/size': flavor,
                'kubevirt.io/os': system.dataSource,
              },
            },
            spec: {
              domain: {
                cpu: { cores: 1, sockets: cpus, threads: 1 },
                memory: { guest: memoryGuest },
                devices: {
                  disks: [
                    { name: 'rootdisk', disk: { bus: system.windows ? 'sata' : 'virtio' } },
                    ...(system.windows ? [] : [{ name: 'cloudinitdisk', disk: { bus: 'virtio' } }]),
                  ],
                  interfaces: [
                    {
                      name: 'default',
                      masquerade: {},
                      model: system.windows ? 'e1000e' : 'virtio',
                    },
                  ],
                  rng: {},
                },
                ...(system.windows
                  ? {
                      firmware: { bootloader: { efi: { secureBoot: true } } },
                      features: { smm: {} },
                    }
                  : {}),
              },
              networks: [{ name: 'default', pod: {} }],
              terminationGracePeriodSeconds: 180,
              volumes: [
                { name: 'rootdisk', dataVolume: { name: '${NAME}' } },
                ...(system.windows
                  ? []
                  : [
                      {
                        name: 'cloudinitdisk',
                        cloudInitNoCloud: {
                          userData:
                            '#cloud-config\nuser: cloud-user\npassword: ${CLOUD_USER_PASSWORD}\nchpasswd: { expire: False }',
                        },
                      },
                    ]),
              ],
            },
          },
        },
      },
    ],
  };
};

/** The common templates OpenShift Virtualization installs in `openshift` (server workload). */
export const commonTemplates = (): KubeObject[] =>
  SYSTEMS.flatMap((system) =>
    FLAVORS.map(([flavor, cpus, memory]) => template(system, flavor, cpus, memory)),
  );
