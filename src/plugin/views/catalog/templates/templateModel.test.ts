import { describe, expect, it } from 'vitest';
import type { DataSource, PersistentVolumeClaim } from '../../../api/types';
import {
  bootSourceOf,
  optionalParameters,
  readTemplate,
  requiredParameters,
  sourceStatus,
  withParameterDefaults,
  type SourceLookup,
} from './templateModel';
import { makeDataSource, makeTemplate, OS_IMAGES, PROJECT } from './testSupport';

const lookupOf = (
  dataSources: DataSource[] | undefined,
  claims: PersistentVolumeClaim[] | undefined = [],
): SourceLookup => ({
  dataSources: (namespace) => (namespace === OS_IMAGES ? dataSources : []),
  claims: (namespace) => (namespace === OS_IMAGES ? claims : []),
});

const statusOf = (lookup: SourceLookup, template = makeTemplate()) =>
  sourceStatus(bootSourceOf(template), lookup, PROJECT);

describe('readTemplate', () => {
  it('reads what the tile and the drawer show', () => {
    const entry = readTemplate(makeTemplate());
    expect(entry).toMatchObject({
      key: 'openshift/rhel9-server-small',
      displayName: 'Red Hat Enterprise Linux 9 VM',
      description: expect.stringMatching(/^Template for Red Hat Enterprise Linux 9 VM/),
      iconClass: 'icon-rhel',
      osKeys: ['rhel9.0'],
      osNames: ['Red Hat Enterprise Linux 9'],
      osFamily: 'rhel',
      workloads: ['server'],
      flavors: ['small'],
      provider: 'Red Hat',
      redHat: true,
      supportLevel: 'Full',
      deprecated: false,
      windows: false,
      bootDisk: 'rootdisk',
      bootDiskSize: '30Gi',
      cpu: 2,
      memory: '8Gi',
      disks: [
        { name: 'rootdisk', drive: 'disk', bus: 'virtio' },
        { name: 'cloudinitdisk', drive: 'disk', bus: 'virtio' },
      ],
      nics: [{ name: 'default', model: 'virtio', binding: 'masquerade' }],
    });
  });

  it('resolves the DataSource reference through the parameter defaults', () => {
    expect(bootSourceOf(makeTemplate())).toEqual({
      kind: 'DataSource',
      name: 'rhel9',
      namespace: OS_IMAGES,
    });
    expect(
      withParameterDefaults('${DATA_SOURCE_NAME}/${UNSET}', [
        { name: 'DATA_SOURCE_NAME', value: 'x' },
      ]),
    ).toBe('x/${UNSET}');
  });

  it('tells the deprecated, Windows and user-provided templates', () => {
    const windows = readTemplate(
      makeTemplate({
        name: 'windows2k12r2-server-small',
        os: 'win2k12r2',
        displayName: 'Microsoft Windows Server 2012 R2 VM',
        deprecated: true,
        provider: '',
      }),
    );
    expect(windows).toMatchObject({
      deprecated: true,
      windows: true,
      osFamily: 'windows',
      redHat: false,
      provider: undefined,
    });
  });

  it('splits the parameters into required and optional, noting generated values', () => {
    const entry = readTemplate(
      makeTemplate({
        extraParameters: [
          { name: 'DISK_URL', displayName: 'Disk URL', required: true },
          { name: 'SECRET', required: true, generate: 'expression', from: '[a-z]{8}' },
        ],
      }),
    );
    expect(requiredParameters(entry).map((p) => [p.name, p.generated])).toEqual([
      ['DISK_URL', undefined],
      ['SECRET', '[a-z]{8}'],
    ]);
    // NAME is the VirtualMachine name field, not a parameter field.
    expect(optionalParameters(entry).map((p) => [p.name, p.defaultValue, p.generated])).toEqual([
      ['DATA_SOURCE_NAME', 'rhel9', undefined],
      ['DATA_SOURCE_NAMESPACE', OS_IMAGES, undefined],
      ['CLOUD_USER_PASSWORD', undefined, '[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}'],
    ]);
  });
});

describe('sourceStatus', () => {
  it('is available when the DataSource is Ready', () => {
    expect(statusOf(lookupOf([makeDataSource('rhel9')]))).toEqual({ availability: 'available' });
  });

  it('is missing, with the condition message, when the DataSource is not Ready', () => {
    expect(statusOf(lookupOf([makeDataSource('rhel9', 'False', 'No source')]))).toEqual({
      availability: 'missing',
      problem: { kind: 'not-ready', name: 'rhel9', namespace: OS_IMAGES, message: 'No source' },
    });
  });

  it('is missing when there is no such DataSource', () => {
    expect(statusOf(lookupOf([makeDataSource('fedora')]))).toEqual({
      availability: 'missing',
      problem: { kind: 'not-found', sourceKind: 'DataSource', name: 'rhel9', namespace: OS_IMAGES },
    });
  });

  it('looks at the claim of a DataSource without conditions', () => {
    const claim = (phase: string): PersistentVolumeClaim => ({
      metadata: { name: 'rhel9', namespace: OS_IMAGES },
      status: { phase },
    });
    const bare = makeDataSource('rhel9', 'none');
    expect(statusOf(lookupOf([bare], [claim('Bound')])).availability).toBe('available');
    expect(statusOf(lookupOf([bare], [claim('Pending')]))).toMatchObject({
      availability: 'missing',
      problem: { kind: 'not-bound', phase: 'Pending' },
    });
  });

  it('is unknown while the DataSources are not known', () => {
    expect(statusOf(lookupOf(undefined))).toEqual({
      availability: 'unknown',
      problem: { kind: 'not-known', namespace: OS_IMAGES },
    });
  });

  it('counts a container disk as always available, and no boot volume as missing', () => {
    const none = lookupOf(undefined);
    expect(statusOf(none, makeTemplate({ boot: 'containerDisk' }))).toEqual({
      availability: 'available',
    });
    expect(statusOf(none, makeTemplate({ boot: 'none' }))).toEqual({
      availability: 'missing',
      problem: { kind: 'no-source' },
    });
  });

  it('is missing when the reference names a parameter without a default', () => {
    const template = makeTemplate();
    template.parameters = template.parameters?.map((p) =>
      p.name === 'DATA_SOURCE_NAME' ? { name: p.name, required: true } : p,
    );
    expect(statusOf(lookupOf([makeDataSource('rhel9')]), template)).toEqual({
      availability: 'missing',
      problem: { kind: 'unresolved', reference: '${DATA_SOURCE_NAME}' },
    });
  });
});
