import { describe, expect, it } from 'vitest';
import {
  findResourcePage,
  parseReference,
  referenceFor,
  resourcePageProps,
  type ExtensionModel,
} from './resourcePages';

const page = (id: string, model: ExtensionModel) => ({ id, properties: { model } });

describe('references', () => {
  it('reads and writes group~version~Kind, core for the core group', () => {
    expect(referenceFor({ group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' })).toBe(
      'kubevirt.io~v1~VirtualMachine',
    );
    expect(referenceFor({ group: '', version: 'v1', kind: 'Pod' })).toBe('core~v1~Pod');
    expect(parseReference('core~v1~Pod')).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(parseReference('virtualization-overview')).toBeUndefined();
    expect(parseReference('a~~b')).toBeUndefined();
  });
});

describe('findResourcePage', () => {
  const pages = [
    page('vm-v1', { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' }),
    page('vm-any', { group: 'kubevirt.io', kind: 'VirtualMachine' }),
    page('dv', { group: 'cdi.kubevirt.io', kind: 'DataVolume' }),
  ];

  it('prefers the exact version, then a page for any version', () => {
    expect(findResourcePage(pages, 'kubevirt.io~v1~VirtualMachine')?.id).toBe('vm-v1');
    expect(findResourcePage(pages, 'kubevirt.io~v2~VirtualMachine')?.id).toBe('vm-any');
    expect(findResourcePage(pages, 'cdi.kubevirt.io~v1beta1~DataVolume')?.id).toBe('dv');
  });

  it('finds nothing for other kinds or a path that is no reference', () => {
    expect(findResourcePage(pages, 'core~v1~Pod')).toBeUndefined();
    expect(findResourcePage(pages, 'virtualization-overview')).toBeUndefined();
  });
});

describe('resourcePageProps', () => {
  it('gives namespace, name, kind and model as the console does', () => {
    expect(
      resourcePageProps({ ns: 'team-a', ref: 'kubevirt.io~v1~VirtualMachine', name: 'fedora' }),
    ).toEqual({
      namespace: 'team-a',
      name: 'fedora',
      kind: 'kubevirt.io~v1~VirtualMachine',
      model: { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' },
    });
    expect(resourcePageProps({ ref: 'kubevirt.io~v1~VirtualMachine' })).toEqual({
      namespace: undefined,
      kind: 'kubevirt.io~v1~VirtualMachine',
      model: { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' },
    });
  });
});
