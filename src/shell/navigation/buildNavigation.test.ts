import type { Extension } from '@openshift/dynamic-plugin-sdk';
import { describe, expect, it } from 'vitest';
import { ALL_NAMESPACES_KEY } from '../sdk/namespacePath';
import { buildNavigation, orderByPlacement } from './buildNavigation';

const section = (id: string, extra: object = {}): Extension => ({
  type: 'console.navigation/section',
  properties: { id, name: `%plugin__p~${id}%`, ...extra },
});
const href = (id: string, extra: object = {}): Extension => ({
  type: 'console.navigation/href',
  properties: { id, name: id, href: `/${id}`, section: 'virt', ...extra },
});
const upper = (text: string) => text.toUpperCase();

describe('orderByPlacement', () => {
  it('keeps declaration order and honours insertBefore / insertAfter', () => {
    const ids = orderByPlacement([
      { id: 'a' },
      { id: 'b', insertAfter: 'c' },
      { id: 'c' },
      { id: 'd', insertBefore: ['missing', 'a'] },
    ]).map((item) => item.id);
    expect(ids).toEqual(['d', 'a', 'c', 'b']);
  });

  it('ignores references to siblings that do not exist', () => {
    expect(
      orderByPlacement([{ id: 'a', insertAfter: 'workloads' }, { id: 'b' }]).map((i) => i.id),
    ).toEqual(['a', 'b']);
  });
});

describe('buildNavigation', () => {
  it('builds sections from extensions, translating names', () => {
    const nav = buildNavigation(
      [section('virt'), href('overview'), href('catalog')],
      ALL_NAMESPACES_KEY,
      upper,
    );
    expect(nav).toEqual([
      {
        id: 'virt',
        name: '%PLUGIN__P~VIRT%',
        dataAttributes: {},
        items: [
          {
            id: 'overview',
            name: 'OVERVIEW',
            href: '/overview',
            activePaths: ['/overview'],
            dataAttributes: {},
          },
          {
            id: 'catalog',
            name: 'CATALOG',
            href: '/catalog',
            activePaths: ['/catalog'],
            dataAttributes: {},
          },
        ],
      },
    ]);
  });

  it('keeps data attributes for quick-start highlights, and nothing else', () => {
    const nav = buildNavigation(
      [
        section('virt', { dataAttributes: { 'data-quickstart-id': 'qs-nav-virt' } }),
        href('catalog', {
          dataAttributes: { 'data-quickstart-id': 'qs-nav-catalog', onclick: 'alert(1)' },
        }),
      ],
      ALL_NAMESPACES_KEY,
      upper,
    );
    expect(nav[0]?.dataAttributes).toEqual({ 'data-quickstart-id': 'qs-nav-virt' });
    expect(nav[0]?.items[0]?.dataAttributes).toEqual({ 'data-quickstart-id': 'qs-nav-catalog' });
  });

  it('points namespaced links at the active project, or all projects', () => {
    const extensions = [section('virt'), href('virtualization-overview', { namespaced: true })];
    expect(buildNavigation(extensions, 'team-a', upper)[0]?.items[0]?.href).toBe(
      '/k8s/ns/team-a/virtualization-overview',
    );
    const all = buildNavigation(extensions, ALL_NAMESPACES_KEY, upper)[0]?.items[0];
    expect(all?.href).toBe('/k8s/all-namespaces/virtualization-overview');
    expect(all?.activePaths).toEqual([
      '/k8s/all-namespaces/virtualization-overview',
      '/k8s/ns/:ns/virtualization-overview',
    ]);
  });

  it('leaves out other perspectives and empty sections', () => {
    const nav = buildNavigation(
      [
        section('virt'),
        section('empty'),
        section('dev', { perspective: 'dev' }),
        href('x'),
        href('y', { section: 'dev', perspective: 'dev' }),
      ],
      ALL_NAMESPACES_KEY,
      upper,
    );
    expect(nav.map((s) => s.id)).toEqual(['virt']);
  });

  it('links resource-ns items to the model list of the active project, in declaration order', () => {
    const vms: Extension = {
      type: 'console.navigation/resource-ns',
      properties: {
        id: 'virtualmachines',
        section: 'virt',
        name: '%plugin__p~VirtualMachines%',
        model: { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' },
      },
    };
    const pods: Extension = {
      type: 'console.navigation/resource-ns',
      properties: {
        id: 'pods',
        section: 'virt',
        model: { group: '', version: 'v1', kind: 'Pod' },
        insertBefore: 'virtualmachines',
      },
    };
    const extensions = [section('virt'), href('overview', { namespaced: true }), vms, pods];
    const items = buildNavigation(extensions, 'team-a', upper)[0]?.items;
    expect(items?.map((i) => [i.id, i.name, i.href])).toEqual([
      ['overview', 'OVERVIEW', '/k8s/ns/team-a/overview'],
      ['pods', 'PODS', '/k8s/ns/team-a/core~v1~Pod'],
      [
        'virtualmachines',
        '%PLUGIN__P~VIRTUALMACHINES%',
        '/k8s/ns/team-a/kubevirt.io~v1~VirtualMachine',
      ],
    ]);
    expect(items?.[2]?.activePaths).toEqual([
      '/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine',
      '/k8s/ns/:ns/kubevirt.io~v1~VirtualMachine',
    ]);
    expect(buildNavigation(extensions, ALL_NAMESPACES_KEY, upper)[0]?.items[2]?.href).toBe(
      '/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine',
    );
  });
});
