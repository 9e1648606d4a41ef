import type { ResourceType } from '../types';
import {
  allResourceTypes,
  findType,
  kubevirtSubresources,
  registryProblems,
  typeByKind,
} from './index';
import { structuralProblems } from './structural';

const types = allResourceTypes();

/** The JSONPath subset printer columns may use: fields, ['quoted'] keys, indexes, *, filters. */
const COLUMN_PATH =
  /^(\.[A-Za-z_][\w-]*|\[\d+\]|\[\*\]|\['[^']+'\]|\[\?\(@\.[\w.]+\s*(==|!=)\s*'[^']*'\)\])+$/;

const id = (rt: ResourceType) => `${rt.plural}.${rt.group || 'core'}/${rt.version}`;

describe('the registry', () => {
  it('loads without problems', () => {
    expect(registryProblems(types)).toEqual([]);
    expect(types.length).toBeGreaterThan(55);
  });

  it('serves every group the embedded cluster promises', () => {
    const groups = new Set(types.map((rt) => rt.group));
    for (const group of [
      'kubevirt.io',
      'instancetype.kubevirt.io',
      'cdi.kubevirt.io',
      'upload.cdi.kubevirt.io',
      'snapshot.kubevirt.io',
      'clone.kubevirt.io',
      'export.kubevirt.io',
      'migrations.kubevirt.io',
      'hco.kubevirt.io',
      'pool.kubevirt.io',
      '',
      'rbac.authorization.k8s.io',
      'storage.k8s.io',
      'snapshot.storage.k8s.io',
      'k8s.cni.cncf.io',
      'batch',
      'authorization.k8s.io',
      'apiextensions.k8s.io',
      'project.openshift.io',
      'template.openshift.io',
      'console.openshift.io',
      'events.k8s.io',
    ]) {
      expect(groups, group || 'core').toContain(group);
    }
  });

  it.each(types.map((rt) => [id(rt), rt] as const))('%s names itself consistently', (_, rt) => {
    expect(rt.listKind).toBe(`${rt.kind}List`);
    expect(rt.plural).toMatch(/^[a-z0-9-]+$/);
    expect(rt.singular).toMatch(/^[a-z0-9-]+$/);
    expect(rt.plural.startsWith(rt.singular.replace(/y$/, ''))).toBe(true);
    if (rt.verbs.includes('get')) expect(rt.singular.replace(/-/g, '')).toBe(rt.kind.toLowerCase());
    expect(rt.verbs.length).toBeGreaterThan(0);
  });

  it.each(types.map((rt) => [id(rt), rt] as const))('%s has parseable printer columns', (_, rt) => {
    for (const column of rt.printerColumns ?? []) {
      expect(column.jsonPath.startsWith('.'), column.name).toBe(true);
      expect(column.jsonPath, column.name).toMatch(COLUMN_PATH);
    }
  });

  it.each(types.map((rt) => [id(rt), rt] as const))('%s has a structural schema', (_, rt) => {
    expect(rt.schema).toBeDefined();
    expect(structuralProblems(rt.schema ?? {})).toEqual([]);
    // Root metadata stays open: API machinery validates ObjectMeta, no walker may prune it.
    expect(rt.schema?.properties?.metadata?.['x-kubernetes-preserve-unknown-fields']).toBe(true);
  });

  it('resolves every short name to one resource', () => {
    const owners = new Map<string, Set<string>>();
    for (const rt of types) {
      for (const shortName of rt.shortNames ?? []) {
        owners.set(shortName, (owners.get(shortName) ?? new Set()).add(rt.plural));
      }
    }
    for (const [shortName, plurals] of owners) expect(plurals.size, shortName).toBe(1);
    expect(owners.get('vm')).toEqual(new Set(['virtualmachines']));
    expect(owners.get('dv')).toEqual(new Set(['datavolumes']));
    expect(owners.get('pvc')).toEqual(new Set(['persistentvolumeclaims']));
  });

  it('keeps the printer columns kubectl shows for VMs and VMIs', () => {
    const vm = findType(types, { group: 'kubevirt.io', version: 'v1', plural: 'virtualmachines' });
    expect(vm?.printerColumns?.map((c) => [c.name, c.jsonPath])).toEqual([
      ['Age', '.metadata.creationTimestamp'],
      ['Status', '.status.printableStatus'],
      ['Ready', ".status.conditions[?(@.type=='Ready')].status"],
    ]);
    const vmi = findType(types, {
      group: 'kubevirt.io',
      version: 'v1',
      plural: 'virtualmachineinstances',
    });
    expect(vmi?.printerColumns?.filter((c) => c.priority === 1).map((c) => c.name)).toEqual([
      'Live-Migratable',
      'Paused',
    ]);
  });

  it('marks the virtual kinds create-only', () => {
    const createOnly = types.filter((rt) => rt.verbs.join() === 'create').map(id);
    expect(createOnly).toEqual(
      expect.arrayContaining([
        'selfsubjectaccessreviews.authorization.k8s.io/v1',
        'selfsubjectrulesreviews.authorization.k8s.io/v1',
        'subjectaccessreviews.authorization.k8s.io/v1',
        'uploadtokenrequests.upload.cdi.kubevirt.io/v1beta1',
        'processedtemplates.template.openshift.io/v1',
      ]),
    );
  });

  it('hands out copies, so callers cannot change the declarations', () => {
    const mine = allResourceTypes();
    const [first] = mine;
    if (first) first.plural = 'changed';
    expect(allResourceTypes()[0]?.plural).not.toBe('changed');
  });
});

describe('lookups', () => {
  it('finds a kind by group, version and plural', () => {
    expect(findType(types, { group: '', version: 'v1', plural: 'pods' })?.kind).toBe('Pod');
    expect(
      findType(types, { group: 'kubevirt.io', version: 'v1', plural: 'pods' }),
    ).toBeUndefined();
  });

  it('finds a kind by apiVersion and kind, preferring the stored resource', () => {
    expect(typeByKind(types, 'v1', 'Event')?.group).toBe('');
    expect(typeByKind(types, 'events.k8s.io/v1', 'Event')?.group).toBe('events.k8s.io');
    expect(typeByKind(types, 'template.openshift.io/v1', 'Template')?.plural).toBe('templates');
    expect(typeByKind(types, 'cdi.kubevirt.io/v1beta1', 'DataVolume')?.plural).toBe('datavolumes');
    expect(typeByKind(types, 'kubevirt.io/v1', 'Nope')).toBeUndefined();
  });
});

describe('registryProblems', () => {
  const pod = findType(types, { group: '', version: 'v1', plural: 'pods' }) ?? types[0];
  if (!pod) throw new Error('no pods');

  it('refuses a plural served twice and a short name naming two resources', () => {
    const clash: ResourceType = {
      ...pod,
      kind: 'Other',
      listKind: 'OtherList',
      plural: 'others',
      singular: 'other',
    };
    expect(registryProblems([pod, pod])).toContainEqual(
      expect.stringContaining('plural served twice'),
    );
    expect(registryProblems([pod, clash])).toContainEqual(expect.stringContaining('short name po'));
  });

  it('refuses inconsistent names and bad printer columns', () => {
    const broken: ResourceType = {
      ...pod,
      listKind: 'Pods',
      printerColumns: [{ name: 'X', type: 'string', jsonPath: 'status.phase' }],
      immutableFields: ['spec'],
    };
    const problems = registryProblems([broken]);
    expect(problems).toContainEqual(expect.stringContaining('listKind must be PodList'));
    expect(problems).toContainEqual(expect.stringContaining('must start with "."'));
    expect(problems).toContainEqual(expect.stringContaining('not a JSON pointer'));
  });
});

describe('kubevirtSubresources', () => {
  it('uses PUT with the update verb for actions and GET with get for reads and streams', () => {
    for (const sub of kubevirtSubresources) {
      expect([sub.method, sub.verb]).toEqual(
        sub.method === 'PUT' ? ['PUT', 'update'] : ['GET', 'get'],
      );
    }
  });

  it('lists each subresource once, including the ones the console uses', () => {
    const names = kubevirtSubresources.map((s) => `${s.resource}/${s.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'virtualmachines/start',
        'virtualmachines/stop',
        'virtualmachines/restart',
        'virtualmachines/migrate',
        'virtualmachines/addvolume',
        'virtualmachines/removevolume',
        'virtualmachines/expand-spec',
        'virtualmachines/portforward',
        'virtualmachineinstances/console',
        'virtualmachineinstances/vnc',
        'virtualmachineinstances/vnc/screenshot',
        'virtualmachineinstances/pause',
        'virtualmachineinstances/unpause',
        'virtualmachineinstances/guestosinfo',
        'virtualmachineinstances/userlist',
        'virtualmachineinstances/filesystemlist',
        'virtualmachineinstances/freeze',
        'virtualmachineinstances/unfreeze',
        'virtualmachineinstances/softreboot',
        'virtualmachineinstances/portforward',
        'virtualmachineinstances/usbredir',
      ]),
    );
    const vnc = kubevirtSubresources.find((s) => s.name === 'vnc');
    expect(vnc).toMatchObject({ method: 'GET', websocket: true });
  });
});
