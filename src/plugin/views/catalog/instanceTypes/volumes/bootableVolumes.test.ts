import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCE_LABEL,
  OS_IMAGES_NAMESPACE,
  osOfPreference,
  toBootableVolumes,
  volumeKey,
} from './bootableVolumes';
import { claim, dataSource, snapshot } from './testSupport';

const bootable = { [DEFAULT_PREFERENCE_LABEL]: 'fedora' };
const lists = (
  parts: Partial<Parameters<typeof toBootableVolumes>[0]>,
): Parameters<typeof toBootableVolumes>[0] => ({
  dataSources: [],
  pvcs: [],
  snapshots: [],
  ...parts,
});

describe('osOfPreference', () => {
  it.each([
    ['rhel.9', 'rhel'],
    ['rhel.10', 'rhel'],
    ['fedora', 'fedora'],
    ['windows.2k22', 'windows'],
    ['windows.11', 'windows'],
    ['centos.stream9', 'centos'],
    ['opensuse.tumbleweed', 'opensuse'],
    ['ubuntu', 'ubuntu'],
    ['win2k19', 'windows'],
    ['rhel9', 'rhel'],
  ])('%s → %s', (preference, os) => expect(osOfPreference(preference)).toBe(os));

  it('has no OS without a preference', () => {
    expect(osOfPreference(undefined)).toBeUndefined();
    expect(osOfPreference('')).toBeUndefined();
    expect(osOfPreference('9.x')).toBeUndefined();
  });
});

describe('toBootableVolumes', () => {
  it('lists a labelled DataSource with its preference, instance type, and its claim’s size and class', () => {
    const volumes = toBootableVolumes(
      lists({
        dataSources: [
          dataSource('rhel9', {
            preference: 'rhel.9',
            instancetype: 'u1.medium',
            pvc: 'rhel9-1a2b',
          }),
        ],
        pvcs: [claim('rhel9-1a2b', { size: '30Gi', storageClass: 'local', labels: {} })],
      }),
    );
    expect(volumes).toEqual([
      {
        source: { kind: 'DataSource', namespace: OS_IMAGES_NAMESPACE, name: 'rhel9' },
        displayName: 'rhel9',
        os: 'rhel',
        preference: 'rhel.9',
        instancetype: 'u1.medium',
        size: '30Gi',
        storageClass: 'local',
        ready: true,
      },
    ]);
  });

  it('leaves out what carries no default-preference label', () => {
    expect(
      toBootableVolumes(
        lists({
          dataSources: [dataSource('win10')],
          pvcs: [claim('scratch')],
          snapshots: [snapshot('backup')],
        }),
      ),
    ).toEqual([]);
  });

  it('takes readiness from the Ready condition and says why not', () => {
    const [volume] = toBootableVolumes(
      lists({
        dataSources: [
          dataSource('centos-stream10', { preference: 'centos.stream10', ready: false }),
        ],
      }),
    );
    expect(volume).toMatchObject({ ready: false, notReadyReason: 'PVC not found', os: 'centos' });
    expect(volume?.size).toBeUndefined();
  });

  it('a DataSource with no conditions yet is not ready', () => {
    const ds = { ...dataSource('fresh', { preference: 'fedora' }), status: {} };
    expect(toBootableVolumes(lists({ dataSources: [ds] }))[0]?.ready).toBe(false);
  });

  it('gives a snapshot target its restore size and its claim’s class', () => {
    const ds = dataSource('fedora', { preference: 'fedora' });
    ds.spec = { source: { snapshot: { name: 'fedora-snap', namespace: OS_IMAGES_NAMESPACE } } };
    const [volume] = toBootableVolumes(
      lists({
        dataSources: [ds],
        snapshots: [snapshot('fedora-snap', { restoreSize: '5Gi', claimName: 'fedora-src' })],
        pvcs: [claim('fedora-src', { storageClass: 'ceph-rbd' })],
      }),
    );
    expect(volume).toMatchObject({ size: '5Gi', storageClass: 'ceph-rbd', ready: true });
  });

  it('follows one DataSource reference to the data', () => {
    const alias = dataSource('fedora-latest', { preference: 'fedora' });
    alias.spec = {
      source: { dataSource: { name: 'fedora-base', namespace: OS_IMAGES_NAMESPACE } },
    };
    const base = dataSource('fedora-base', { pvc: 'fedora-disk' });
    const [volume] = toBootableVolumes(
      lists({ dataSources: [alias, base], pvcs: [claim('fedora-disk', { size: '8Gi' })] }),
    );
    expect(volume).toMatchObject({ source: { name: 'fedora-latest' }, size: '8Gi' });
  });

  it('lists labelled PVCs and snapshots on their own, with their readiness', () => {
    const volumes = toBootableVolumes(
      lists({
        pvcs: [
          claim('golden', { namespace: 'team', labels: bootable }),
          claim('pending', { namespace: 'team', phase: 'Pending', labels: bootable }),
        ],
        snapshots: [snapshot('snap', { namespace: 'team', ready: false, labels: bootable })],
      }),
    );
    expect(volumes.map((v) => [volumeKey(v.source), v.ready, v.notReadyReason])).toEqual([
      ['PersistentVolumeClaim/team/golden', true, undefined],
      ['PersistentVolumeClaim/team/pending', false, 'Pending'],
      ['VolumeSnapshot/team/snap', false, undefined],
    ]);
  });

  it('lists a DataSource’s labelled target, and a DataImportCron’s earlier import, once: as the DataSource', () => {
    const volumes = toBootableVolumes(
      lists({
        dataSources: [dataSource('fedora', { preference: 'fedora', pvc: 'fedora-new' })],
        pvcs: [
          claim('fedora-new', { labels: bootable }),
          claim('fedora-old', {
            labels: { ...bootable, 'cdi.kubevirt.io/dataImportCron': 'fedora-image-cron' },
          }),
        ],
      }),
    );
    expect(volumes.map((v) => volumeKey(v.source))).toEqual([
      `DataSource/${OS_IMAGES_NAMESPACE}/fedora`,
    ]);
  });

  it('uses the display-name and description annotations', () => {
    const ds = dataSource('golden', { preference: 'rhel.9', namespace: 'team' });
    ds.metadata = {
      ...ds.metadata,
      annotations: {
        'openshift.io/display-name': 'Team RHEL',
        'openshift.io/description': 'With our agents',
      },
    };
    expect(toBootableVolumes(lists({ dataSources: [ds] }))[0]).toMatchObject({
      displayName: 'Team RHEL',
      description: 'With our agents',
    });
  });
});
