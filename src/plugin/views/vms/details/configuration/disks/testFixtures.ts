// Fixtures of the Disks sub-tab's tests: a VM with a boot disk, a cloud-init disk and a CD-ROM.
import type {
  DataVolume,
  PersistentVolumeClaim,
  VirtualMachine,
  VirtualMachineInstance,
} from '../../../../../api/types';

export const NS = 'demo';
export const VM_NAME = 'fedora-vm';

/** `t` of the tests: the key with its values filled in. */
export const t = (key: string, options?: Record<string, unknown>): string =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ''));

export const diskVm = (overrides: { running?: boolean } = {}): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM_NAME, namespace: NS, uid: 'vm-uid', resourceVersion: '10' },
  spec: {
    runStrategy: overrides.running ? 'Always' : 'Halted',
    dataVolumeTemplates: [
      {
        metadata: { name: `${VM_NAME}-rootdisk` },
        spec: {
          sourceRef: { kind: 'DataSource', name: 'fedora', namespace: 'os-images' },
          storage: { resources: { requests: { storage: '30Gi' } } },
        },
      },
      {
        metadata: { name: `${VM_NAME}-iso` },
        spec: {
          source: { http: { url: 'https://example.com/tools.iso' } },
          storage: { resources: { requests: { storage: '1Gi' } } },
        },
      },
    ],
    template: {
      spec: {
        domain: {
          devices: {
            disks: [
              { name: 'rootdisk', disk: { bus: 'virtio' } },
              { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              { name: 'iso', cdrom: { bus: 'sata' } },
            ],
          },
        },
        volumes: [
          { name: 'rootdisk', dataVolume: { name: `${VM_NAME}-rootdisk` } },
          { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config' } },
          { name: 'iso', dataVolume: { name: `${VM_NAME}-iso` } },
        ],
      },
    },
  },
});

export const claim = (
  name: string,
  capacity: string,
  storageClassName = 'standard',
): PersistentVolumeClaim => ({
  metadata: { name, namespace: NS },
  spec: { storageClassName, resources: { requests: { storage: capacity } } },
  status: { phase: 'Bound', capacity: { storage: capacity } },
});

export const dataVolume = (name: string, phase = 'Succeeded'): DataVolume => ({
  metadata: { name, namespace: NS },
  spec: { storage: { storageClassName: 'standard' } },
  status: { phase },
});

/** A running guest with the VM's disks and one disk hot-plugged into it only. */
export const diskVmi = (
  vm: VirtualMachine,
  extra: 'hotplug' | 'none' = 'hotplug',
): VirtualMachineInstance => {
  const spec = vm.spec?.template?.spec;
  const hot = extra === 'hotplug';
  return {
    metadata: { name: VM_NAME, namespace: NS },
    spec: {
      domain: {
        devices: {
          disks: [
            ...(spec?.domain?.devices?.disks ?? []),
            ...(hot ? [{ name: 'scratch', disk: { bus: 'scsi' }, serial: 'scratch-pvc' }] : []),
          ],
        },
      },
      volumes: [
        ...(spec?.volumes ?? []),
        ...(hot
          ? [
              {
                name: 'scratch',
                persistentVolumeClaim: { claimName: 'scratch-pvc', hotpluggable: true },
              },
            ]
          : []),
      ],
    },
    status: {
      phase: 'Running',
      volumeStatus: hot
        ? [{ name: 'scratch', target: 'sda', hotplugVolume: { attachPodName: 'hp-volume-x' } }]
        : [],
    },
  };
};
