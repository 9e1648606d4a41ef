import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { encodeBase64 } from './base64';
import { vmWithVolume } from './testVms';
import { cloudInitOf, freeDeviceName, writeCloudInitOps, type Volume } from './cloudInitVolume';

const withVolume = (volume: Volume) => vmWithVolume(volume);

describe('cloudInitOf', () => {
  it('reads plain and base64 user data, and network data', () => {
    const vm = withVolume({
      name: 'cloudinitdisk',
      cloudInitNoCloud: {
        userDataBase64: encodeBase64('#cloud-config\nuser: fedora\n'),
        networkData: 'version: 2\n',
      },
    });
    expect(cloudInitOf(vm)).toEqual({
      volumeName: 'cloudinitdisk',
      kind: 'cloudInitNoCloud',
      userData: '#cloud-config\nuser: fedora\n',
      userDataSecret: undefined,
      networkData: 'version: 2\n',
      networkDataSecret: undefined,
      undecodable: false,
    });
    expect(cloudInitOf(makeVm())).toBeUndefined();
  });

  it('marks Secret references read-only and broken base64', () => {
    const state = cloudInitOf(
      withVolume({
        name: 'ci',
        cloudInitConfigDrive: { secretRef: { name: 'my-userdata' }, networkDataBase64: '***' },
      }),
    );
    expect(state).toMatchObject({
      kind: 'cloudInitConfigDrive',
      userData: undefined,
      userDataSecret: 'my-userdata',
      undecodable: true,
    });
  });
});

describe('writeCloudInitOps', () => {
  it('writes userData in place of userDataBase64, keeping the volume where it is', () => {
    const vm = withVolume({
      name: 'cloudinitdisk',
      cloudInitNoCloud: { userDataBase64: encodeBase64('#cloud-config\n'), networkData: 'x: 1\n' },
    });
    const ops = writeCloudInitOps(vm, { userData: '#cloud-config\nuser: a\n' });
    expect(ops).toEqual([
      { op: 'test', path: '/spec/template/spec/volumes', value: vm.spec?.template?.spec?.volumes },
      {
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: [
          { name: 'rootdisk', dataVolume: { name: 'fedora-vm-rootdisk' } },
          {
            name: 'cloudinitdisk',
            cloudInitNoCloud: { networkData: 'x: 1\n', userData: '#cloud-config\nuser: a\n' },
          },
        ],
      },
    ]);
  });

  it('replaces or removes network data when asked, keeping a Secret reference', () => {
    const vm = withVolume({
      name: 'ci',
      cloudInitConfigDrive: { userData: 'a: 1\n', networkDataBase64: encodeBase64('old: 1\n') },
    });
    const set = writeCloudInitOps(vm, { userData: 'a: 1\n', networkData: 'version: 2\n' });
    expect(set[1]).toMatchObject({
      value: [
        expect.anything(),
        { name: 'ci', cloudInitConfigDrive: { userData: 'a: 1\n', networkData: 'version: 2\n' } },
      ],
    });
    const removed = writeCloudInitOps(vm, { userData: 'a: 1\n', networkData: '' });
    expect(removed[1]).toMatchObject({
      value: [expect.anything(), { name: 'ci', cloudInitConfigDrive: { userData: 'a: 1\n' } }],
    });
    const withRef = withVolume({
      name: 'ci',
      cloudInitNoCloud: { userData: 'a: 1\n', networkDataSecretRef: { name: 'net' } },
    });
    expect(writeCloudInitOps(withRef, { userData: 'b: 2\n' })[1]).toMatchObject({
      value: [
        expect.anything(),
        { cloudInitNoCloud: { userData: 'b: 2\n', networkDataSecretRef: { name: 'net' } } },
      ],
    });
  });

  it('adds a cloudinitdisk (virtio) and a NoCloud volume to a VM without cloud-init', () => {
    const vm = makeVm();
    expect(
      writeCloudInitOps(vm, { userData: '#cloud-config\n', networkData: 'version: 2\n' }),
    ).toEqual([
      { op: 'test', path: '/spec/template/spec/volumes', value: vm.spec?.template?.spec?.volumes },
      {
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: [
          { name: 'rootdisk', dataVolume: { name: 'fedora-vm-rootdisk' } },
          {
            name: 'cloudinitdisk',
            cloudInitNoCloud: { userData: '#cloud-config\n', networkData: 'version: 2\n' },
          },
        ],
      },
      {
        op: 'test',
        path: '/spec/template/spec/domain/devices/disks',
        value: vm.spec?.template?.spec?.domain.devices.disks,
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/disks',
        value: [
          { name: 'rootdisk', disk: { bus: 'virtio' } },
          { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
        ],
      },
    ]);
  });

  it('picks a free name', () => {
    const vm = withVolume({ name: 'cloudinitdisk', containerDisk: { image: 'x' } });
    expect(freeDeviceName(vm, 'cloudinitdisk')).toBe('cloudinitdisk-2');
    expect(freeDeviceName(vm, 'sysprep')).toBe('sysprep');
  });
});
