import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ED25519_KEY } from '../../vms/details/configuration/ssh/sshTestKeys';
import { bootableVolume, OS_IMAGES, U1_MEDIUM, vmDetails, windowsVolume } from './draftFixtures';
import { instanceTypeDraft, isWindowsVolume } from './instanceTypeDraft';

const NAME = 'fedora-silver-fox-12';
const NS = 'developer-vms';

const templateSpec = (draft: ReturnType<typeof instanceTypeDraft>) => draft.vm.spec?.template?.spec;
const userDataOf = (draft: ReturnType<typeof instanceTypeDraft>) =>
  templateSpec(draft)?.volumes?.find((volume) => volume.cloudInitNoCloud)?.cloudInitNoCloud
    ?.userData;

describe('instanceTypeDraft', () => {
  it('builds the VM KubeVirt expects from a DataSource volume, with nothing to create first', () => {
    const draft = instanceTypeDraft(bootableVolume(), U1_MEDIUM, vmDetails());
    expect(draft.prerequisites).toEqual([]);
    expect(draft.projectSshKey).toBeUndefined();
    expect(draft.vm).toEqual({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: NAME, namespace: NS, labels: { app: NAME } },
      spec: {
        instancetype: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.medium' },
        preference: { kind: 'VirtualMachineClusterPreference', name: 'fedora' },
        runStrategy: 'Always',
        dataVolumeTemplates: [
          {
            metadata: { name: `${NAME}-volume` },
            spec: {
              sourceRef: { kind: 'DataSource', name: 'fedora', namespace: OS_IMAGES },
              storage: {},
            },
          },
        ],
        template: {
          metadata: { labels: { 'vm.kubevirt.io/name': NAME } },
          spec: {
            domain: {
              devices: {
                disks: [
                  { name: 'rootdisk', disk: {}, bootOrder: 1 },
                  { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
                ],
              },
            },
            volumes: [
              { name: 'rootdisk', dataVolume: { name: `${NAME}-volume` } },
              {
                name: 'cloudinitdisk',
                cloudInitNoCloud: { userData: '#cloud-config\nuser: cloud-user\n' },
              },
            ],
          },
        },
      },
    });
    expect(parse(userDataOf(draft) ?? '')).toEqual({ user: 'cloud-user' });
  });

  it('clones a PVC with the disk size and storage class asked for', () => {
    const draft = instanceTypeDraft(
      bootableVolume({ kind: 'PersistentVolumeClaim', namespace: NS, name: 'golden-rhel' }),
      U1_MEDIUM,
      vmDetails({ diskSize: '50Gi', storageClass: 'ocs-rbd' }),
    );
    expect(draft.vm.spec?.dataVolumeTemplates?.[0]?.spec).toEqual({
      source: { pvc: { name: 'golden-rhel', namespace: NS } },
      storage: { resources: { requests: { storage: '50Gi' } }, storageClassName: 'ocs-rbd' },
    });
  });

  it('restores a snapshot; a project instance type, no preference, and stopped after creation', () => {
    const draft = instanceTypeDraft(
      bootableVolume(
        { kind: 'VolumeSnapshot', namespace: NS, name: 'rhel-snap' },
        { preference: undefined },
      ),
      { cluster: false, name: 'my-size', cpu: 2, memory: '2Gi' },
      vmDetails({ startAfterCreation: false }),
    );
    const spec = draft.vm.spec;
    expect(spec?.dataVolumeTemplates?.[0]?.spec).toEqual({
      source: { snapshot: { name: 'rhel-snap', namespace: NS } },
      storage: {},
    });
    expect(spec?.instancetype).toEqual({ kind: 'VirtualMachineInstancetype', name: 'my-size' });
    expect(spec?.preference).toBeUndefined();
    expect(spec?.runStrategy).toBe('Halted');
  });

  it('authorizes an existing Secret through cloud-init, creating nothing', () => {
    const draft = instanceTypeDraft(
      bootableVolume(),
      U1_MEDIUM,
      vmDetails({ sshKey: { kind: 'existing', secretName: 'team-key' } }),
    );
    expect(draft.prerequisites).toEqual([]);
    expect(templateSpec(draft)?.accessCredentials).toEqual([
      {
        sshPublicKey: {
          source: { secret: { secretName: 'team-key' } },
          propagationMethod: { noCloud: {} },
        },
      },
    ]);
    expect(userDataOf(draft)).toBe('#cloud-config\nuser: cloud-user\n');
  });

  it('creates a new key Secret first, for the VM and (when asked) the project', () => {
    const draft = instanceTypeDraft(
      bootableVolume(),
      U1_MEDIUM,
      vmDetails({
        sshKey: {
          kind: 'new',
          secretName: 'fox-key',
          publicKey: `${ED25519_KEY}\n`,
          applyToProject: true,
        },
      }),
    );
    expect(draft.prerequisites).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'fox-key',
          namespace: NS,
          labels: { 'virtualization-plugin/created-for-vm': NAME },
        },
        type: 'Opaque',
        stringData: { key: ED25519_KEY },
      },
    ]);
    expect(draft.projectSshKey).toBe('fox-key');
    expect(templateSpec(draft)?.accessCredentials?.[0]?.sshPublicKey?.source).toEqual({
      secret: { secretName: 'fox-key' },
    });
  });

  it('with dynamic key injection, lets the guest agent write the key for cloud-user', () => {
    const draft = instanceTypeDraft(
      bootableVolume({ name: 'rhel9' }, { os: 'rhel', preference: 'rhel.9' }),
      U1_MEDIUM,
      vmDetails({
        sshKey: { kind: 'new', secretName: 'k', publicKey: ED25519_KEY, applyToProject: false },
        dynamicKeyInjection: true,
      }),
    );
    expect(draft.projectSshKey).toBeUndefined();
    expect(templateSpec(draft)?.accessCredentials).toEqual([
      {
        sshPublicKey: {
          source: { secret: { secretName: 'k' } },
          propagationMethod: { qemuGuestAgent: { users: ['cloud-user'] } },
        },
      },
    ]);
    expect(parse(userDataOf(draft) ?? '')).toEqual({
      user: 'cloud-user',
      runcmd: [['setsebool', '-P', 'virt_qemu_ga_manage_ssh', 'on']],
    });
    expect(userDataOf(draft)).toMatch(/^#cloud-config\n/);
    expect(draft.vm.metadata?.labels).toEqual({
      app: NAME,
      'kubevirt.io/dynamic-credentials-support': 'true',
    });
    // The cloud-init disk is still listed once, after the boot disk.
    expect(templateSpec(draft)?.domain.devices.disks?.map((disk) => disk.name)).toEqual([
      'rootdisk',
      'cloudinitdisk',
    ]);
  });

  it('gives Windows new answer files in a ConfigMap on a sysprep CD-ROM, and no cloud-init', () => {
    const draft = instanceTypeDraft(
      windowsVolume(),
      U1_MEDIUM,
      vmDetails({
        name: 'win-vm',
        sshKey: { kind: 'existing', secretName: 'ignored' },
        sysprep: { kind: 'new', autounattend: '<unattend a="1"/>', unattend: '<unattend/>' },
      }),
    );
    expect(draft.prerequisites).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'win-vm-sysprep',
          namespace: NS,
          labels: { 'virtualization-plugin/created-for-vm': 'win-vm' },
        },
        data: { 'Autounattend.xml': '<unattend a="1"/>', 'Unattend.xml': '<unattend/>' },
      },
    ]);
    const spec = templateSpec(draft);
    expect(spec?.volumes).toEqual([
      { name: 'rootdisk', dataVolume: { name: 'win-vm-volume' } },
      { name: 'sysprep', sysprep: { configMap: { name: 'win-vm-sysprep' } } },
    ]);
    expect(spec?.domain.devices.disks).toEqual([
      { name: 'rootdisk', disk: {}, bootOrder: 1 },
      { name: 'sysprep', cdrom: { bus: 'sata' } },
    ]);
    expect(spec?.accessCredentials).toBeUndefined();
    expect(draft.vm.spec?.preference?.name).toBe('windows.2k22');
  });

  it('attaches an existing sysprep ConfigMap without creating one; only one answer file kept', () => {
    const existing = instanceTypeDraft(
      windowsVolume(),
      U1_MEDIUM,
      vmDetails({ sysprep: { kind: 'existing', configMapName: 'corp-sysprep' } }),
    );
    expect(existing.prerequisites).toEqual([]);
    expect(templateSpec(existing)?.volumes?.[1]).toEqual({
      name: 'sysprep',
      sysprep: { configMap: { name: 'corp-sysprep' } },
    });

    const onlyOne = instanceTypeDraft(
      windowsVolume(),
      U1_MEDIUM,
      vmDetails({ sysprep: { kind: 'new', autounattend: '<a/>' } }),
    );
    expect((onlyOne.prerequisites[0] as { data?: object }).data).toEqual({
      'Autounattend.xml': '<a/>',
    });
  });

  it('tells Windows by the OS or the preference', () => {
    expect(isWindowsVolume(windowsVolume())).toBe(true);
    expect(isWindowsVolume(bootableVolume({}, { os: undefined, preference: 'windows.11' }))).toBe(
      true,
    );
    expect(isWindowsVolume(bootableVolume())).toBe(false);
  });
});
