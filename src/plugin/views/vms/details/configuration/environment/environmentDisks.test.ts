import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { vmWith } from '../initialRun/testVms';
import {
  environmentOps,
  environmentRowsOf,
  hasErrors,
  validateEnvironmentRows,
  type EnvironmentRow,
} from './environmentDisks';

const t = (key: string, options?: Record<string, unknown>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name]));

/** rootdisk, a ConfigMap disk and a cloud-init disk, in that order. */
const vm = vmWith((spec) => {
  spec.domain.devices.disks = [
    { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 },
    { name: 'app-config', disk: { bus: 'sata' }, serial: 'CFG001' },
    { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
  ];
  spec.volumes = [
    { name: 'rootdisk', dataVolume: { name: 'root' } },
    { name: 'app-config', configMap: { name: 'app' } },
    { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } },
  ];
});

const replaced = (ops: ReturnType<typeof environmentOps>, path: string) =>
  ops.find((op) => op.op === 'replace' && op.path === path) as { value: unknown } | undefined;

describe('environment rows', () => {
  it('reads ConfigMap, Secret and ServiceAccount disks with their serials', () => {
    const more = vmWith((spec) => {
      spec.volumes!.push(
        { name: 'creds', secret: { secretName: 'db' } },
        { name: 'sa', serviceAccount: { serviceAccountName: 'builder' } },
      );
      spec.domain.devices.disks!.push({ name: 'creds', disk: {}, serial: 'SEC001' });
    }, vm);
    expect(environmentRowsOf(more)).toEqual([
      {
        key: 'app-config',
        volumeName: 'app-config',
        kind: 'configMap',
        resource: 'app',
        serial: 'CFG001',
      },
      { key: 'creds', volumeName: 'creds', kind: 'secret', resource: 'db', serial: 'SEC001' },
      { key: 'sa', volumeName: 'sa', kind: 'serviceAccount', resource: 'builder', serial: '' },
    ]);
    expect(environmentRowsOf(makeVm())).toEqual([]);
  });

  it('adds new rows as virtio disks with their serial, after the others', () => {
    const rows: EnvironmentRow[] = [
      ...environmentRowsOf(vm),
      { key: 'n1', kind: 'secret', resource: 'db', serial: 'Ab3dE9' },
      { key: 'n2', kind: 'serviceAccount', resource: 'builder', serial: 'Zz9Yy8' },
    ];
    const names = ['environment-disk-aaaaa', 'environment-disk-bbbbb'];
    const ops = environmentOps(vm, rows, () => names.shift()!);
    expect(replaced(ops, '/spec/template/spec/domain/devices/disks')?.value).toEqual([
      { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 },
      { name: 'app-config', disk: { bus: 'sata' }, serial: 'CFG001' },
      { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
      { name: 'environment-disk-aaaaa', disk: { bus: 'virtio' }, serial: 'Ab3dE9' },
      { name: 'environment-disk-bbbbb', disk: { bus: 'virtio' }, serial: 'Zz9Yy8' },
    ]);
    expect(replaced(ops, '/spec/template/spec/volumes')?.value).toEqual([
      { name: 'rootdisk', dataVolume: { name: 'root' } },
      { name: 'app-config', configMap: { name: 'app' } },
      { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } },
      { name: 'environment-disk-aaaaa', secret: { secretName: 'db' } },
      { name: 'environment-disk-bbbbb', serviceAccount: { serviceAccountName: 'builder' } },
    ]);
    // Every replace is guarded by a test of what the form started from.
    expect(ops.filter((op) => op.op === 'test')).toHaveLength(2);
  });

  it('edits saved rows in place and removes only environment disks', () => {
    const [saved] = environmentRowsOf(vm);
    const edited = environmentOps(vm, [{ ...saved!, resource: 'app-v2', serial: 'NEW123' }]);
    expect(replaced(edited, '/spec/template/spec/domain/devices/disks')?.value).toEqual([
      { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 },
      { name: 'app-config', disk: { bus: 'sata' }, serial: 'NEW123' },
      { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
    ]);
    const removed = environmentOps(vm, []);
    expect(replaced(removed, '/spec/template/spec/volumes')?.value).toEqual([
      { name: 'rootdisk', dataVolume: { name: 'root' } },
      { name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\n' } },
    ]);
    expect(environmentOps(vm, environmentRowsOf(vm))).toEqual([]);
  });

  it('never reuses a taken name for a new disk', () => {
    const names = ['app-config', 'cloudinitdisk', 'environment-disk-fresh'];
    const ops = environmentOps(
      vm,
      [{ key: 'n', kind: 'configMap', resource: 'x', serial: 'abcdef' }],
      () => names.shift()!,
    );
    expect(JSON.stringify(ops)).toContain('environment-disk-fresh');
  });
});

describe('validateEnvironmentRows', () => {
  const row = (change: Partial<EnvironmentRow>): EnvironmentRow => ({
    key: Math.random().toString(),
    kind: 'configMap',
    resource: 'app',
    serial: 'Abc123',
    ...change,
  });

  it('accepts complete rows', () => {
    expect(hasErrors(validateEnvironmentRows(vm, [row({})], t))).toBe(false);
  });

  it('asks for a resource and refuses duplicates and a second ServiceAccount', () => {
    const errors = validateEnvironmentRows(
      vm,
      [
        row({ resource: '' }),
        row({ serial: 'S1' }),
        row({ serial: 'S2' }),
        row({ kind: 'serviceAccount', resource: 'a', serial: 'S3' }),
        row({ kind: 'serviceAccount', resource: 'b', serial: 'S4' }),
      ],
      t,
    );
    expect(errors.map((e) => e.resource)).toEqual([
      'Select a resource.',
      undefined,
      'This resource is attached already.',
      undefined,
      'A VirtualMachine can have only one ServiceAccount disk.',
    ]);
  });

  it('checks serials: characters, length, and uniqueness among all disks', () => {
    const errors = validateEnvironmentRows(
      vm,
      [
        row({ serial: '' }),
        row({ resource: 'b', serial: 'has space' }),
        row({ resource: 'c', serial: 'x'.repeat(21) }),
        row({ resource: 'd', serial: 'same' }),
        row({ resource: 'e', serial: 'same' }),
      ],
      t,
    );
    expect(errors.map((e) => e.serial)).toEqual([
      'Enter a serial number.',
      'Use letters, digits, "_", ".", "+" or "-" only.',
      'The guest sees at most 20 characters.',
      undefined,
      'Another disk has this serial number.',
    ]);
    const withSerialDisk = vmWith((spec) => {
      spec.domain.devices.disks![0]!.serial = 'ROOT01';
    }, vm);
    expect(validateEnvironmentRows(withSerialDisk, [row({ serial: 'ROOT01' })], t)[0]?.serial).toBe(
      'Another disk has this serial number.',
    );
    // A saved row keeps its own serial without clashing with itself.
    expect(hasErrors(validateEnvironmentRows(vm, environmentRowsOf(vm), t))).toBe(false);
  });
});
