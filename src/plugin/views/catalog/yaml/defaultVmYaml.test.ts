import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultVmYaml, parseNewVmYaml } from './defaultVmYaml';

describe('defaultVmYaml', () => {
  it('is a stopped VM of the project that boots from the cluster’s Fedora volume', () => {
    const vm = parse(defaultVmYaml('dev'));
    expect(vm.metadata).toEqual({ name: 'example', namespace: 'dev' });
    expect(vm.spec.runStrategy).toBe('Halted');
    expect(vm.spec.dataVolumeTemplates[0].spec.sourceRef).toEqual({
      kind: 'DataSource',
      name: 'fedora',
      namespace: 'openshift-virtualization-os-images',
    });
    expect(parseNewVmYaml(defaultVmYaml('dev'), 'dev')).toMatchObject({ ok: true });
  });
});

describe('parseNewVmYaml', () => {
  it('gives the line and column of a syntax error', () => {
    const result = parseNewVmYaml('kind: VirtualMachine\nmetadata:\n  name: [x\n', 'dev');
    expect(result).toMatchObject({ ok: false, kind: 'syntax', line: expect.any(Number) });
  });

  it('refuses what is not a named VirtualMachine of this project', () => {
    expect(parseNewVmYaml('- a\n', 'dev')).toMatchObject({ kind: 'not-an-object' });
    expect(parseNewVmYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n', 'dev')).toMatchObject(
      { kind: 'kind' },
    );
    expect(
      parseNewVmYaml('apiVersion: kubevirt.io/v1\nkind: VirtualMachine\n', 'dev'),
    ).toMatchObject({ kind: 'name' });
    expect(
      parseNewVmYaml(
        'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: a, namespace: other}\n',
        'dev',
      ),
    ).toMatchObject({ kind: 'namespace' });
  });

  it('puts the VM in the project when the YAML does not say', () => {
    const result = parseNewVmYaml(
      'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: a}\nspec: {}\n',
      'dev',
    );
    expect(result).toEqual({
      ok: true,
      vm: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'a', namespace: 'dev' },
        spec: {},
      },
    });
  });
});
