// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OS_IMAGES_NAMESPACE, volumeKey } from './bootableVolumes';
import { claim, dataSource, lists, statusError } from './testSupport';
import { useBootableVolumes } from './useBootableVolumes';

vi.mock('../../../../api/watch', async () => (await import('./testSupport')).fakeWatch);

const keys = (volumes: { source: Parameters<typeof volumeKey>[0] }[]) =>
  volumes.map((v) => volumeKey(v.source));

beforeEach(() => lists.reset());

describe('useBootableVolumes', () => {
  it('watches DataSources by label, and claims and snapshots, in the os-images namespace and the project', () => {
    lists.set('DataSource', OS_IMAGES_NAMESPACE, {
      data: [dataSource('fedora', { preference: 'fedora' })],
    });
    lists.set('DataSource', 'team', {
      data: [dataSource('golden', { namespace: 'team', preference: 'rhel.9' })],
    });
    const { result } = renderHook(() => useBootableVolumes('team'));
    expect(lists.asked).toEqual(
      new Set([
        `DataSource@${OS_IMAGES_NAMESPACE}?instancetype.kubevirt.io/default-preference`,
        `PersistentVolumeClaim@${OS_IMAGES_NAMESPACE}`,
        `VolumeSnapshot@${OS_IMAGES_NAMESPACE}`,
        'DataSource@team?instancetype.kubevirt.io/default-preference',
        'PersistentVolumeClaim@team',
        'VolumeSnapshot@team',
      ]),
    );
    expect(keys(result.current.volumes)).toEqual([
      `DataSource/${OS_IMAGES_NAMESPACE}/fedora`,
      'DataSource/team/golden',
    ]);
    expect(result.current).toMatchObject({ loaded: true, error: undefined });
  });

  it('watches only the os-images namespace in all projects', () => {
    renderHook(() => useBootableVolumes('#ALL_NS#'));
    expect([...lists.asked].every((key) => key.includes(OS_IMAGES_NAMESPACE))).toBe(true);
  });

  it('treats a list the user may not read as empty, not as an error', () => {
    lists.set('DataSource', OS_IMAGES_NAMESPACE, {
      error: statusError(403, 'datasources is forbidden'),
    });
    lists.set('PersistentVolumeClaim', 'team', {
      data: [
        claim('mine', {
          namespace: 'team',
          labels: { 'instancetype.kubevirt.io/default-preference': 'fedora' },
        }),
      ],
    });
    const { result } = renderHook(() => useBootableVolumes('team'));
    expect(result.current.error).toBeUndefined();
    expect(result.current.loaded).toBe(true);
    expect(keys(result.current.volumes)).toEqual(['PersistentVolumeClaim/team/mine']);
  });

  it('reports another failure, and is loading until every list answered', () => {
    const failure = statusError(500, 'etcd is down');
    lists.set('VolumeSnapshot', 'team', { error: failure });
    lists.set('PersistentVolumeClaim', OS_IMAGES_NAMESPACE, { data: [], loaded: false });
    const { result } = renderHook(() => useBootableVolumes('team'));
    expect(result.current.error).toBe(failure);
    expect(result.current.loaded).toBe(false);
  });
});
