// Choices of the three InstanceTypes steps, for the tests of this folder and the footer's.
import type {
  BootableVolume,
  InstanceTypeChoice,
  VmDetails,
  VolumeSource,
} from '../instanceTypes/flow';

export const OS_IMAGES = 'openshift-virtualization-os-images';

export const bootableVolume = (
  source: Partial<VolumeSource> = {},
  extra: Partial<BootableVolume> = {},
): BootableVolume => ({
  source: { kind: 'DataSource', namespace: OS_IMAGES, name: 'fedora', ...source },
  displayName: 'Fedora',
  os: 'fedora',
  preference: 'fedora',
  instancetype: 'u1.medium',
  size: '30Gi',
  ready: true,
  ...extra,
});

export const windowsVolume = (): BootableVolume =>
  bootableVolume(
    { name: 'win2k22' },
    { displayName: 'Windows Server 2022', os: 'windows', preference: 'windows.2k22' },
  );

export const U1_MEDIUM: InstanceTypeChoice = {
  cluster: true,
  name: 'u1.medium',
  cpu: 1,
  memory: '4Gi',
};

export const vmDetails = (extra: Partial<VmDetails> = {}): VmDetails => ({
  name: 'fedora-silver-fox-12',
  namespace: 'developer-vms',
  storageClass: '',
  diskSize: '',
  sshKey: { kind: 'none' },
  dynamicKeyInjection: false,
  sysprep: { kind: 'none' },
  startAfterCreation: true,
  ...extra,
});
