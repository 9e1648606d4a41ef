import { describe, expect, it } from 'vitest';
import { typeNameAnnotations } from './vmController';

describe('typeNameAnnotations', () => {
  it('records a cluster instance type when the kind is absent or the cluster one', () => {
    expect(typeNameAnnotations({ instancetype: { name: 'u1.medium' } })).toEqual({
      'kubevirt.io/cluster-instancetype-name': 'u1.medium',
    });
    expect(
      typeNameAnnotations({
        instancetype: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.small' },
        preference: { kind: 'virtualmachineclusterpreference', name: 'fedora' },
      }),
    ).toEqual({
      'kubevirt.io/cluster-instancetype-name': 'u1.small',
      'kubevirt.io/cluster-preference-name': 'fedora',
    });
  });

  it('records namespaced kinds whatever their case (virtctl writes them lower, plural or not)', () => {
    expect(
      typeNameAnnotations({
        instancetype: { kind: 'virtualmachineinstancetypes', name: 'tiny' },
        preference: { kind: 'VirtualMachinePreference', name: 'mine' },
      }),
    ).toEqual({
      'kubevirt.io/instancetype-name': 'tiny',
      'kubevirt.io/preference-name': 'mine',
    });
  });

  it('records nothing for a VM without them', () => {
    expect(typeNameAnnotations({})).toEqual({});
  });
});
