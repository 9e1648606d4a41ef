import { describe, expect, it } from 'vitest';
import type { KubevirtObject } from './summary';
import { VmIndex } from './vmIndex';

const vm = (
  namespace: string,
  name: string,
  extra: { status?: string; labels?: Record<string, string>; created?: string } = {},
): KubevirtObject => ({
  metadata: {
    namespace,
    name,
    uid: `${namespace}-${name}`,
    creationTimestamp: extra.created ?? '2024-01-01T00:00:00Z',
    labels: extra.labels ?? {},
  },
  spec: {
    template: {
      metadata: { labels: { 'kubevirt.io/os': 'fedora' } },
      spec: { domain: { cpu: { cores: 2, sockets: 2 }, memory: { guest: '2Gi' } } },
    },
  },
  status: { printableStatus: extra.status ?? 'Stopped' },
});

const vmi = (namespace: string, name: string, node: string, ip: string, owned = true) => ({
  metadata: {
    namespace,
    name,
    ownerReferences: owned ? [{ kind: 'VirtualMachine', name }] : [],
  },
  spec: { domain: { cpu: { cores: 1 } } },
  status: {
    phase: 'Running',
    nodeName: node,
    interfaces: [{ ipAddress: ip, ipAddresses: [ip, 'fd00::1'] }],
    guestOSInfo: { id: 'fedora', prettyName: 'Fedora Linux 40' },
  },
});

const names = (
  index: VmIndex,
  query: Parameters<VmIndex['query']>[0],
  allowed: 'all' | Set<string> = 'all',
) => index.query(query, allowed).items.map((item) => `${item.namespace}/${item.name}`);

describe('VmIndex', () => {
  it('joins a VM with its VMI and flags VMIs no VM owns', () => {
    const index = new VmIndex();
    index.replace('vm', [vm('a', 'web', { status: 'Running' })]);
    index.replace('vmi', [
      vmi('a', 'web', 'worker-1', '10.0.0.5'),
      vmi('a', 'lone', 'worker-2', '10.0.0.9', false),
    ]);
    const [lone, web] = index.query({}, 'all').items;
    expect(web).toMatchObject({
      name: 'web',
      standalone: false,
      status: 'Running',
      node: 'worker-1',
      ips: ['10.0.0.5', 'fd00::1'],
      os: 'Fedora Linux 40',
      cpu: 1,
      memory: '2Gi',
      created: '2024-01-01T00:00:00Z',
    });
    expect(lone).toMatchObject({ name: 'lone', standalone: true, status: 'Running' });
  });

  it('reads the OS and CPU from the VM when no VMI runs, and hides a VMI whose VM is gone', () => {
    const index = new VmIndex();
    index.apply('vm', 'ADDED', vm('a', 'web'));
    expect(index.query({}, 'all').items[0]).toMatchObject({
      os: 'fedora',
      cpu: 4,
      node: undefined,
    });
    index.apply('vmi', 'ADDED', vmi('a', 'web', 'worker-1', '10.0.0.5'));
    index.apply('vm', 'DELETED', vm('a', 'web'));
    expect(index.query({}, 'all').total).toBe(0);
  });

  it('filters by text, namespace, status, OS, node, IP prefix and labels', () => {
    const index = new VmIndex();
    index.replace('vm', [
      vm('a', 'web-1', { status: 'Running', labels: { app: 'shop', tier: 'front' } }),
      vm('a', 'db-1', { status: 'Running', labels: { app: 'shop' } }),
      vm('b', 'web-2', { status: 'Stopped', labels: { app: 'blog' } }),
    ]);
    index.replace('vmi', [
      vmi('a', 'web-1', 'worker-1', '10.1.0.1'),
      vmi('a', 'db-1', 'worker-2', '10.2.0.1'),
    ]);
    expect(names(index, { text: 'WEB' })).toEqual(['a/web-1', 'b/web-2']);
    expect(names(index, { text: 'app=blog' })).toEqual(['b/web-2']);
    expect(names(index, { namespace: ['a'] })).toEqual(['a/db-1', 'a/web-1']);
    expect(names(index, { status: ['Stopped', 'Paused'] })).toEqual(['b/web-2']);
    expect(names(index, { node: ['worker-2'] })).toEqual(['a/db-1']);
    expect(names(index, { ip: '10.1.' })).toEqual(['a/web-1']);
    expect(names(index, { os: 'linux 40' })).toEqual(['a/db-1', 'a/web-1']);
    expect(names(index, { label: 'app=shop,!tier' })).toEqual(['a/db-1']);
    expect(names(index, { label: 'tier' })).toEqual(['a/web-1']);
    expect(names(index, { label: 'app!=shop' })).toEqual(['b/web-2']);
    expect(() => index.query({ label: 'app in (a)' }, 'all')).toThrow(/Unsupported label selector/);
  });

  it('shows only the allowed namespaces, whatever the filters ask', () => {
    const index = new VmIndex();
    index.replace('vm', [vm('a', 'one'), vm('b', 'two'), vm('c', 'three')]);
    expect(names(index, {}, new Set(['b']))).toEqual(['b/two']);
    expect(names(index, { namespace: ['a', 'b'] }, new Set(['b']))).toEqual(['b/two']);
    expect(index.query({ namespace: ['a'] }, new Set(['b'])).total).toBe(0);
  });

  it('sorts by each key both ways and keeps the order as rows change', () => {
    const index = new VmIndex();
    index.replace('vm', [
      vm('b', 'x', { created: '2024-03-01T00:00:00Z', status: 'Running' }),
      vm('a', 'y', { created: '2024-01-01T00:00:00Z', status: 'Stopped' }),
      vm('c', 'w', { created: '2024-02-01T00:00:00Z', status: 'Paused' }),
    ]);
    expect(names(index, { sort: 'name' })).toEqual(['c/w', 'b/x', 'a/y']);
    expect(names(index, { sort: 'namespace', order: 'desc' })).toEqual(['c/w', 'b/x', 'a/y']);
    expect(names(index, { sort: 'created' })).toEqual(['a/y', 'c/w', 'b/x']);
    expect(names(index, { sort: 'status', order: 'desc' })).toEqual(['a/y', 'b/x', 'c/w']);
    index.apply(
      'vm',
      'MODIFIED',
      vm('a', 'y', { created: '2024-01-01T00:00:00Z', status: 'Migrating' }),
    );
    index.apply('vm', 'ADDED', vm('d', 'a', { created: '2024-04-01T00:00:00Z', status: 'Error' }));
    index.apply('vm', 'DELETED', vm('c', 'w'));
    expect(names(index, { sort: 'name' })).toEqual(['d/a', 'b/x', 'a/y']);
    expect(names(index, { sort: 'status' })).toEqual(['d/a', 'a/y', 'b/x']);
    expect(names(index, { sort: 'created', order: 'desc' })).toEqual(['d/a', 'b/x', 'a/y']);
  });

  it('pages with continue tokens and counts the total', () => {
    const index = new VmIndex();
    index.replace(
      'vm',
      Array.from({ length: 25 }, (_, i) =>
        vm(i % 2 ? 'odd' : 'even', `vm-${String(i).padStart(2, '0')}`),
      ),
    );
    const seen: string[] = [];
    let page = index.query({ limit: 10, order: 'desc' }, 'all');
    seen.push(...page.items.map((item) => item.name));
    while (page.continue) {
      expect(page.total).toBe(25);
      page = index.query({ limit: 10, order: 'desc', continue: page.continue }, 'all');
      seen.push(...page.items.map((item) => item.name));
    }
    expect(seen).toEqual(
      Array.from({ length: 25 }, (_, i) => `vm-${String(24 - i).padStart(2, '0')}`),
    );
    const filtered = index.query({ limit: 5, namespace: ['odd'] }, 'all');
    expect(filtered.total).toBe(12);
    expect(() => index.query({ limit: 5, continue: filtered.continue }, 'all')).toThrow(
      /other filters/,
    );
    expect(() => index.query({ continue: 'garbage' }, 'all')).toThrow(/could not be decoded/);
  });

  it('tells subscribers which namespaces changed, and only when a row changed', () => {
    const index = new VmIndex();
    const changes: string[][] = [];
    index.subscribe((change) => changes.push([...change.namespaces]));
    index.replace('vm', [vm('a', 'one'), vm('b', 'two')]);
    index.apply('vm', 'MODIFIED', vm('b', 'two'));
    index.apply('vm', 'MODIFIED', vm('b', 'two', { status: 'Running' }));
    expect(changes).toEqual([['a', 'b'], ['b']]);
    expect(index.resourceVersion).toBe('2');
  });
});
