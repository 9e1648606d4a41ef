import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sCreate, k8sDelete, k8sGet, k8sPatch, vmAction } from '../../../api/k8s';
import { cloneVm, deleteVm, metadataMapPatch, migrateVm } from './vmMutations';
import type { VmDisk } from './vmState';

vi.mock('../../../api/k8s', () => ({
  vmAction: vi.fn(() => Promise.resolve()),
  k8sDelete: vi.fn(() => Promise.resolve()),
  k8sPatch: vi.fn(() => Promise.resolve({})),
  k8sCreate: vi.fn((_model, object: object) => Promise.resolve(object)),
  k8sGet: vi.fn(),
}));

const notFound = Object.assign(new Error('not found'), { code: 404 });
const ref = { namespace: 'ns', name: 'web' };

beforeEach(() => {
  for (const mock of [vmAction, k8sDelete, k8sPatch, k8sCreate, k8sGet])
    vi.mocked(mock).mockClear();
});

describe('VM mutations', () => {
  it('migrates to a chosen node through an added node selector', async () => {
    await migrateVm(ref, { targetNode: 'node-2' });
    expect(vi.mocked(k8sCreate).mock.calls[0]?.[1]).toMatchObject({
      kind: 'VirtualMachineInstanceMigration',
      metadata: { generateName: 'web-migration-', namespace: 'ns' },
      spec: { vmiName: 'web', addedNodeSelector: { 'kubernetes.io/hostname': 'node-2' } },
    });
  });

  it('clones into the same project, waits for success, then starts the copy', async () => {
    vi.mocked(k8sGet)
      .mockRejectedValueOnce(notFound) // no VM of that name yet
      .mockResolvedValueOnce({ status: { phase: 'SnapshotInProgress' } })
      .mockResolvedValueOnce({ status: { phase: 'Succeeded' } });
    vi.mocked(k8sCreate).mockResolvedValueOnce({ metadata: { name: 'web-clone-abcde' } });
    const progress: string[] = [];
    await cloneVm(
      ref,
      { name: 'web-copy', start: true, onProgress: (step) => progress.push(step) },
      { pollMs: 1 },
    );
    expect(vi.mocked(k8sCreate).mock.calls[0]?.[1]).toMatchObject({
      apiVersion: 'clone.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClone',
      spec: {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web-copy' },
      },
    });
    expect(vi.mocked(vmAction).mock.calls).toEqual([
      [{ namespace: 'ns', name: 'web-copy' }, 'start'],
    ]);
    expect(progress).toEqual(['creating', 'cloning', 'starting', 'done']);
  });

  it('refuses a clone name that is taken', async () => {
    vi.mocked(k8sGet).mockResolvedValueOnce({ metadata: { name: 'web-copy' } });
    await expect(cloneVm(ref, { name: 'web-copy' })).rejects.toThrow(
      'A VirtualMachine named "web-copy" already exists in project "ns".',
    );
    expect(k8sCreate).not.toHaveBeenCalled();
  });

  it('deletes a VM keeping the disks the user cleared and deleting the other ones chosen', async () => {
    const disks: VmDisk[] = [
      { volume: 'root', kind: 'DataVolume', name: 'web-root', ownedByVm: true },
      { volume: 'data', kind: 'DataVolume', name: 'web-data', ownedByVm: true },
      { volume: 'shared', kind: 'PersistentVolumeClaim', name: 'shared', ownedByVm: false },
    ];
    vi.mocked(k8sGet).mockResolvedValueOnce({
      metadata: {
        ownerReferences: [
          { kind: 'Other', name: 'x', uid: 'o' },
          { kind: 'VirtualMachine', name: 'web', uid: 'uid-web' },
        ],
      },
    });
    await deleteVm(ref, {
      disks,
      deleteDisks: [disks[0]!, disks[2]!],
      gracePeriodSeconds: 30,
      uid: 'uid-web',
    });
    // web-data is kept: released from the VM first.
    expect(vi.mocked(k8sPatch).mock.calls).toEqual([
      [
        expect.objectContaining({ kind: 'DataVolume' }),
        { namespace: 'ns', name: 'web-data' },
        [
          { op: 'test', path: '/metadata/ownerReferences/1/uid', value: 'uid-web' },
          { op: 'remove', path: '/metadata/ownerReferences/1' },
        ],
      ],
    ]);
    expect(
      vi
        .mocked(k8sDelete)
        .mock.calls.map(([model, target, options]) => [model.kind, target.name, options]),
    ).toEqual([
      ['VirtualMachine', 'web', { gracePeriodSeconds: 30 }],
      ['PersistentVolumeClaim', 'shared', undefined],
    ]);
  });

  it('patches only the labels that changed', () => {
    expect(metadataMapPatch('labels', { a: '1', b: '2' }, { a: '1', b: '3', c: '4' })).toEqual({
      metadata: { labels: { b: '3', c: '4' } },
    });
    expect(metadataMapPatch('annotations', { a: '1' }, {})).toEqual({
      metadata: { annotations: { a: null } },
    });
    expect(metadataMapPatch('labels', { a: '1' }, { a: '1' })).toBeUndefined();
  });
});
