import { describe, expect, it } from 'vitest';
import type { BootableVolume } from '../flow';
import { defaultInstanceType, defaultInstanceTypeName } from './defaultInstanceType';
import {
  groupBySeries,
  parseInstanceTypeName,
  seriesSymbol,
  sizeText,
  type InstanceTypeSeries,
} from './instanceTypeSeries';
import { clusterTypes, instancetype } from './testTypes';

const t = (key: string, options?: Record<string, unknown>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));

const names = (group?: InstanceTypeSeries) => group?.sizes.map((size) => size.name);

describe('parseInstanceTypeName', () => {
  it('splits <series><version>.<size>', () => {
    expect(parseInstanceTypeName('cx1.2xlarge')).toEqual({
      prefix: 'cx',
      version: '1',
      size: '2xlarge',
    });
    expect(parseInstanceTypeName('big-box')).toBeUndefined();
  });
});

describe('groupBySeries', () => {
  const groups = groupBySeries(clusterTypes());

  it('groups by series in the seed order, the rest in one Other group last', () => {
    expect(groups.map((group) => group.key)).toEqual([
      'u1',
      'o1',
      'cx1',
      'gn1',
      'm1',
      'n1',
      'other',
    ]);
    expect(groups.map((group) => group.info?.name(t))).toEqual([
      'Universal',
      'Overcommitted',
      'Compute-exclusive',
      'NVIDIA GPU',
      'Memory-intensive',
      'Network-intensive',
      undefined,
    ]);
    expect(groups.map((group) => group.info?.ratio)).toEqual([
      '1:4',
      '1:4',
      '1:2',
      '1:4',
      '1:8',
      '1:2',
      undefined,
    ]);
  });

  it('orders sizes from nano to 8xlarge', () => {
    expect(names(groups[0])).toEqual([
      'u1.nano',
      'u1.medium',
      'u1.2xmedium',
      'u1.large',
      'u1.xlarge',
      'u1.8xlarge',
    ]);
  });

  it('reads vCPU and memory from the object, with its annotations and class label', () => {
    expect(groups[0]?.sizes[1]).toEqual({
      name: 'u1.medium',
      size: 'medium',
      cpu: 1,
      memory: '4Gi',
      displayName: 'Universal medium',
      description: 'The Universal (U1) series',
      className: 'universal',
    });
    expect(groups.find((group) => group.key === 'n1')?.sizes[0]).toMatchObject({
      cpu: 4,
      memory: '4Gi',
    });
  });

  it('puts unknown series and unparsed names in Other, named in full, by size', () => {
    const other = groups.at(-1);
    expect(other?.info).toBeUndefined();
    expect(other?.sizes.map((size) => size.size)).toEqual(['z9.tiny', 'big-box']);
  });

  it('keeps a later version of a series apart', () => {
    const twoVersions = groupBySeries([
      instancetype('u2.medium', 1, '4Gi'),
      instancetype('u1.medium', 1, '4Gi'),
    ]);
    expect(twoVersions.map((group) => [group.key, seriesSymbol(group.key)])).toEqual([
      ['u1', 'U'],
      ['u2', 'U2'],
    ]);
  });
});

describe('sizeText', () => {
  it('shows vCPU | memory', () => {
    expect(sizeText(t, 1, '4Gi')).toBe('1 vCPU | 4 GiB');
    expect(sizeText(t, 1, '512Mi')).toBe('1 vCPU | 512 MiB');
  });
});

describe('default pre-selection', () => {
  const volume = (instancetype?: string): BootableVolume => ({
    source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name: 'rhel9' },
    displayName: 'rhel9',
    instancetype,
    ready: true,
  });

  it("takes the volume's default instance type", () => {
    expect(defaultInstanceTypeName(volume('u1.large'))).toBe('u1.large');
    expect(defaultInstanceType(volume('u1.large'), clusterTypes(), [])).toEqual({
      cluster: true,
      name: 'u1.large',
      cpu: 2,
      memory: '8Gi',
    });
  });

  it('finds it among the project types when the cluster has none of that name', () => {
    expect(
      defaultInstanceType(volume('team.big'), clusterTypes(), [
        instancetype('team.big', 8, '32Gi'),
      ]),
    ).toEqual({ cluster: false, name: 'team.big', cpu: 8, memory: '32Gi' });
  });

  it('falls back to u1.medium without a volume, or when its type is not there', () => {
    expect(defaultInstanceTypeName(undefined)).toBe('u1.medium');
    expect(defaultInstanceType(undefined, clusterTypes(), [])?.name).toBe('u1.medium');
    expect(defaultInstanceType(volume('gone.large'), clusterTypes(), [])?.name).toBe('u1.medium');
    expect(defaultInstanceType(volume(), [], [])).toBeUndefined();
  });
});
