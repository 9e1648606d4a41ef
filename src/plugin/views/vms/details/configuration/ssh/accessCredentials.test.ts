import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonPatchOp } from '../../../../../api/types';
import { makeVm } from '../../testSupport';
import { vmWith, vmWithVolume } from '../initialRun/testVms';
import {
  isGuestUser,
  parseUsers,
  removeSshKeyOps,
  setDynamicInjectionOps,
  setSshKeyOps,
  sshKeyOf,
} from './accessCredentials';

const ACCESS = '/spec/template/spec/accessCredentials';
const VOLUMES = '/spec/template/spec/volumes';
const DISKS = '/spec/template/spec/domain/devices/disks';

const valueAt = (ops: JsonPatchOp[], path: string) =>
  (
    ops.find((op) => op.op !== 'test' && op.op !== 'remove' && op.path === path) as
      { value: unknown } | undefined
  )?.value;

const noCloudVm = vmWithVolume({
  name: 'cloudinitdisk',
  cloudInitNoCloud: { userData: '#cloud-config\nuser: fedora\n' },
});
const withKey = (method: object, base = noCloudVm) =>
  vmWith((spec) => {
    spec.accessCredentials = [
      {
        sshPublicKey: { source: { secret: { secretName: 'old-key' } }, propagationMethod: method },
      },
    ];
  }, base);

describe('authorized SSH key', () => {
  it('reads the first key credential', () => {
    expect(sshKeyOf(noCloudVm)).toBeUndefined();
    expect(sshKeyOf(withKey({ qemuGuestAgent: { users: ['cloud-user'] } }))).toEqual({
      secretName: 'old-key',
      method: 'qemuGuestAgent',
      users: ['cloud-user'],
      others: 0,
    });
  });

  it('adds a key propagated by NoCloud to a VM with a NoCloud volume', () => {
    const ops = setSshKeyOps(noCloudVm, 'fedora-vm-ssh-key-ab1cd');
    expect(ops).toEqual([
      {
        op: 'add',
        path: ACCESS,
        value: [
          {
            sshPublicKey: {
              source: { secret: { secretName: 'fedora-vm-ssh-key-ab1cd' } },
              propagationMethod: { noCloud: {} },
            },
          },
        ],
      },
    ]);
  });

  it('uses configDrive when the cloud-init volume is a config drive', () => {
    const vm = vmWithVolume({ name: 'ci', cloudInitConfigDrive: { userData: '#cloud-config\n' } });
    expect(valueAt(setSshKeyOps(vm, 'k'), ACCESS)).toEqual([
      {
        sshPublicKey: {
          source: { secret: { secretName: 'k' } },
          propagationMethod: { configDrive: {} },
        },
      },
    ]);
  });

  it('adds a cloudinitdisk creating cloud-user when the VM has no cloud-init', () => {
    const ops = setSshKeyOps(makeVm(), 'k');
    const volumes = valueAt(ops, VOLUMES) as {
      name: string;
      cloudInitNoCloud?: { userData: string };
    }[];
    expect(volumes.at(-1)?.name).toBe('cloudinitdisk');
    expect(parse(volumes.at(-1)?.cloudInitNoCloud?.userData ?? '')).toEqual({ user: 'cloud-user' });
    expect(valueAt(ops, DISKS)).toContainEqual({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
  });

  it('replaces the key secret, keeping other credentials and dynamic injection', () => {
    const vm = vmWith((spec) => {
      spec.accessCredentials = [
        {
          userPassword: {
            source: { secret: { secretName: 'pw' } },
            propagationMethod: { qemuGuestAgent: {} },
          },
        },
        ...(withKey({ qemuGuestAgent: { users: ['admin'] } }).spec?.template?.spec
          ?.accessCredentials ?? []),
      ];
    }, noCloudVm);
    const ops = setSshKeyOps(vm, 'new-key');
    expect(ops[0]).toEqual({
      op: 'test',
      path: ACCESS,
      value: vm.spec?.template?.spec?.accessCredentials,
    });
    expect(valueAt(ops, ACCESS)).toEqual([
      {
        userPassword: {
          source: { secret: { secretName: 'pw' } },
          propagationMethod: { qemuGuestAgent: {} },
        },
      },
      {
        sshPublicKey: {
          source: { secret: { secretName: 'new-key' } },
          propagationMethod: { qemuGuestAgent: { users: ['admin'] } },
        },
      },
    ]);
  });

  it('removes the key entry, and the field when nothing is left', () => {
    expect(removeSshKeyOps(withKey({ noCloud: {} }))).toEqual([
      {
        op: 'test',
        path: ACCESS,
        value: withKey({ noCloud: {} }).spec?.template?.spec?.accessCredentials,
      },
      { op: 'remove', path: ACCESS },
    ]);
    expect(removeSshKeyOps(noCloudVm)).toEqual([]);
  });
});

describe('dynamic SSH key injection', () => {
  it('switches to the guest agent for the users and adds the SELinux command to cloud-init', () => {
    const ops = setDynamicInjectionOps(withKey({ noCloud: {} }), true, ['cloud-user']);
    expect(valueAt(ops, ACCESS)).toEqual([
      {
        sshPublicKey: {
          source: { secret: { secretName: 'old-key' } },
          propagationMethod: { qemuGuestAgent: { users: ['cloud-user'] } },
        },
      },
    ]);
    const volumes = valueAt(ops, VOLUMES) as { cloudInitNoCloud?: { userData: string } }[];
    expect(parse(volumes.at(-1)?.cloudInitNoCloud?.userData ?? '')).toEqual({
      user: 'fedora',
      runcmd: [['setsebool', '-P', 'virt_qemu_ga_manage_ssh', 'on']],
    });
  });

  it('switches back to cloud-init and drops the command', () => {
    const on = vmWithVolume(
      {
        name: 'cloudinitdisk',
        cloudInitNoCloud: {
          userData: '#cloud-config\nruncmd:\n  - [setsebool, -P, virt_qemu_ga_manage_ssh, on]\n',
        },
      },
      undefined,
      withKey({ qemuGuestAgent: { users: ['cloud-user'] } }, makeVm()),
    );
    const ops = setDynamicInjectionOps(on, false, []);
    expect(valueAt(ops, ACCESS)).toMatchObject([
      { sshPublicKey: { propagationMethod: { noCloud: {} } } },
    ]);
    const volumes = valueAt(ops, VOLUMES) as { cloudInitNoCloud?: { userData: string } }[];
    // Nothing left but the header.
    expect(volumes.at(-1)?.cloudInitNoCloud?.userData).toBe('#cloud-config\n');
  });

  it('does nothing without a key', () => {
    expect(setDynamicInjectionOps(noCloudVm, true, ['cloud-user'])).toEqual([]);
  });

  it('parses and checks guest user names', () => {
    expect(parseUsers(' cloud-user, admin  ops ')).toEqual(['cloud-user', 'admin', 'ops']);
    expect(isGuestUser('cloud-user')).toBe(true);
    expect(isGuestUser('bad user')).toBe(false);
    expect(isGuestUser('-x')).toBe(false);
  });
});
