import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestCluster } from './testCluster';

type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
let cluster: TestCluster;
let token: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  token = cluster.users.find((u) => u.username === 'admin')!.token;
}, 60_000);
afterAll(() => cluster?.cleanup());

const api = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const response = await fetch(`${cluster.httpURL}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  });
  const text = await response.text();
  // Arbitrary API JSON, probed field by field in the assertions below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = text ? (JSON.parse(text) as Record<string, any>) : {};
  return { status: response.status, body };
};

const configMap = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data: { k: 'v' },
});
const CMS = '/api/v1/namespaces/default/configmaps';

describe('API semantics', () => {
  it('answers dryRun without storing anything', async () => {
    const dry = await api(`${CMS}?dryRun=All`, { method: 'POST', json: configMap('dry') });
    expect(dry.status).toBe(201);
    expect((await api(`${CMS}/dry`)).status).toBe(404);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    await api(CMS, {
      method: 'POST',
      json: configMap('held', { finalizers: ['example.com/hold'] }),
    });
    const deleting = await api(`${CMS}/held`, { method: 'DELETE' });
    expect(deleting.status).toBe(202);
    const marked = await api(`${CMS}/held`);
    expect(marked.body.metadata.deletionTimestamp).toBeTruthy();
    await api(`${CMS}/held`, {
      method: 'PATCH',
      json: { metadata: { finalizers: null } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect((await api(`${CMS}/held`)).status).toBe(404);
  });

  it('garbage-collects dependents with their owner, and orphans them on request', async () => {
    const owner = await api(CMS, { method: 'POST', json: configMap('owner') });
    const ref = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'owner',
      uid: owner.body.metadata.uid,
    };
    await api(CMS, { method: 'POST', json: configMap('dependent', { ownerReferences: [ref] }) });
    await api(`${CMS}/owner`, { method: 'DELETE' });
    expect((await api(`${CMS}/dependent`)).status).toBe(404);

    const owner2 = await api(CMS, { method: 'POST', json: configMap('owner2') });
    await api(CMS, {
      method: 'POST',
      json: configMap('orphan', {
        ownerReferences: [{ ...ref, name: 'owner2', uid: owner2.body.metadata.uid }],
      }),
    });
    await api(`${CMS}/owner2`, { method: 'DELETE', json: { propagationPolicy: 'Orphan' } });
    const orphan = await api(`${CMS}/orphan`);
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('changes status only through the status subresource', async () => {
    const vm = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'st' },
      spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {} } } } },
    };
    await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
      method: 'POST',
      json: vm,
    });
    const viaMain = await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines/st', {
      method: 'PATCH',
      json: { status: { printableStatus: 'Running' } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    // The VM controller owns status; a write through the main resource cannot set it.
    expect(viaMain.body.status?.printableStatus).not.toBe('Running');
    const viaStatus = await api(
      '/apis/kubevirt.io/v1/namespaces/default/virtualmachines/st/status',
      {
        method: 'PATCH',
        json: { status: { printableStatus: 'Stopped' } },
        headers: { 'Content-Type': 'application/merge-patch+json' },
      },
    );
    expect(viaStatus.body.status.printableStatus).toBe('Stopped');
    expect(viaStatus.body.metadata.generation).toBe(1);
  });

  it('serves VM tables with the columns kubectl shows', async () => {
    const table = await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    });
    expect(table.body.kind).toBe('Table');
    expect(table.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Age',
      'Status',
      'Ready',
    ]);
    const row = table.body.rows.find((r: { cells: unknown[] }) => r.cells[0] === 'st');
    expect(row.cells[2]).toBe('Stopped');
  });

  it('streams watch events over WebSocket, with bookmarks', async () => {
    const { body: list } = await api(CMS);
    const ws = new WebSocket(
      `${cluster.httpURL.replace('http', 'ws')}${CMS}?watch=1&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const events: { type: string; object: { metadata: { name?: string } } }[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((r) => ws.once('open', r));
    await api(CMS, { method: 'POST', json: configMap('over-ws') });
    const deadline = Date.now() + 5_000;
    while (
      !(events.some((e) => e.type === 'ADDED') && events.some((e) => e.type === 'BOOKMARK')) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 50));
    ws.close();
    expect(events.find((e) => e.type === 'ADDED')?.object.metadata.name).toBe('over-ws');
    expect(events.some((e) => e.type === 'BOOKMARK')).toBe(true);
  });

  it('serves a new kind as soon as its CustomResourceDefinition is created', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
              },
            },
          },
        ],
      },
    };
    expect(
      (
        await api('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
          method: 'POST',
          json: crd,
        })
      ).status,
    ).toBe(201);
    await cluster.store.settled();
    const created = await api('/apis/example.com/v1/namespaces/default/widgets', {
      method: 'POST',
      json: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { size: 3 },
      },
    });
    expect(created.status).toBe(201);
    const invalid = await api('/apis/example.com/v1/namespaces/default/widgets', {
      method: 'POST',
      json: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'x' },
        spec: { size: 'big' },
      },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toContain('spec.size');
    expect(
      (await api('/apis/example.com/v1')).body.resources.map((r: { name: string }) => r.name),
    ).toContain('widgets');
  });

  it('processes templates, generating parameters', async () => {
    const template = {
      apiVersion: 'template.openshift.io/v1',
      kind: 'Template',
      metadata: { name: 'fedora' },
      parameters: [
        { name: 'NAME', generate: 'expression', from: 'fedora-[a-z0-9]{5}' },
        { name: 'CPUS', value: '2' },
      ],
      objects: [
        {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachine',
          metadata: { name: '${NAME}' },
          spec: { template: { spec: { domain: { cpu: { cores: '${{CPUS}}' } } } } },
        },
      ],
    };
    const processed = await api(
      '/apis/template.openshift.io/v1/namespaces/default/processedtemplates',
      { method: 'POST', json: template },
    );
    expect(processed.status).toBe(201);
    const object = processed.body.objects[0];
    expect(object.metadata.name).toMatch(/^fedora-[a-z0-9]{5}$/);
    expect(object.spec.template.spec.domain.cpu.cores).toBe(2);
  });

  it('deletes a namespace with everything in it', async () => {
    await api('/api/v1/namespaces', {
      method: 'POST',
      json: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'short-lived' } },
    });
    await api('/api/v1/namespaces/short-lived/configmaps', {
      method: 'POST',
      json: configMap('inside'),
    });
    const deleting = await api('/api/v1/namespaces/short-lived', { method: 'DELETE' });
    expect(deleting.body.status.phase).toBe('Terminating');
    const deadline = Date.now() + 5_000;
    while ((await api('/api/v1/namespaces/short-lived')).status !== 404 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await api('/api/v1/namespaces/short-lived')).status).toBe(404);
    expect((await api('/api/v1/namespaces/short-lived/configmaps/inside')).status).toBe(404);
  });

  it('names the field in a 422 and refuses unknown fields under Strict', async () => {
    const bad = await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'bad' },
        spec: {
          running: true,
          runStrategy: 'Always',
          template: { spec: { domain: { devices: {} } } },
        },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes.map((c: { field: string }) => c.field)).toContain(
      'spec.running',
    );
    const strict = await api(
      '/apis/kubevirt.io/v1/namespaces/default/virtualmachines?fieldValidation=Strict',
      {
        method: 'POST',
        json: {
          apiVersion: 'kubevirt.io/v1',
          kind: 'VirtualMachine',
          metadata: { name: 'typo' },
          spec: { runStrategyy: 'Always', template: { spec: { domain: { devices: {} } } } },
        },
      },
    );
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('unknown field "spec.runStrategyy"');
    const sized = await api('/apis/kubevirt.io/v1/namespaces/default/virtualmachines', {
      method: 'POST',
      json: {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: { name: 'sized' },
        spec: {
          runStrategy: 'Halted',
          instancetype: { name: 'u1.medium' },
          template: {
            spec: { domain: { cpu: { sockets: 2 }, memory: { guest: '1Gi' }, devices: {} } },
          },
        },
      },
    });
    expect(sized.status).toBe(422);
    expect(sized.body.details.causes.map((c: { field: string }) => c.field)).toEqual([
      'spec.template.spec.domain.cpu.sockets',
      'spec.template.spec.domain.memory.guest',
    ]);
  });
});
