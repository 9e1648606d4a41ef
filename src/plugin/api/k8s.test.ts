// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from './bff';
import {
  k8sCreate,
  k8sDelete,
  k8sGet,
  k8sList,
  k8sPatch,
  k8sUpdate,
  notFoundError,
  vmAction,
  vmActionPath,
} from './k8s';
import { PodModel, VirtualMachineModel } from './models';
import { fakeBFF, object, type FakeAnswer, type FakeCall } from './testKit';

let answer: (call: FakeCall) => FakeAnswer | undefined;
let bff: ReturnType<typeof fakeBFF>;

beforeEach(() => {
  answer = () => ({ body: {} });
  bff = fakeBFF((call) => answer(call));
  vi.stubGlobal('fetch', bff.fetch);
});

const VMS = 'k8s/apis/kubevirt.io/v1/namespaces/ns/virtualmachines';

describe('reads', () => {
  it('gets one object through the BFF k8s/ route', async () => {
    answer = () => ({ body: object('vm', '1') });
    const vm = await k8sGet(VirtualMachineModel, { namespace: 'ns', name: 'vm' });
    expect(vm).toEqual(object('vm', '1'));
    expect(bff.calls[0]).toMatchObject({ method: 'GET', path: `${VMS}/vm` });
  });

  it('lists with selectors, across namespaces when none is given', async () => {
    answer = () => ({ body: { items: [object('a', '2')], metadata: { resourceVersion: '9' } } });
    const list = await k8sList(VirtualMachineModel, {
      labelSelector: 'app=x',
      fieldSelector: 'metadata.name=a',
    });
    expect(list).toEqual({ items: [object('a', '2')], metadata: { resourceVersion: '9' } });
    expect(bff.calls[0]?.path).toBe(
      'k8s/apis/kubevirt.io/v1/virtualmachines?labelSelector=app%3Dx&fieldSelector=metadata.name%3Da',
    );
  });

  it("throws the server's Status, which errorMessage shows", async () => {
    answer = () => ({
      status: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 403,
        reason: 'Forbidden',
        message: 'pods is forbidden: User "developer" cannot list resource "pods"',
      },
    });
    const error = await k8sList(PodModel, { namespace: 'default' }).catch((e: unknown) => e);
    expect((error as { code: number }).code).toBe(403);
    expect(errorMessage(error)).toBe(
      'pods is forbidden: User "developer" cannot list resource "pods"',
    );
  });

  it('words a missing object as the API server does', () => {
    const error = notFoundError(VirtualMachineModel, 'gone');
    expect(error.code).toBe(404);
    expect(errorMessage(error)).toBe('virtualmachines.kubevirt.io "gone" not found');
    expect(errorMessage(notFoundError(PodModel, 'p'))).toBe('pods "p" not found');
  });
});

describe('writes', () => {
  it('creates in the namespace of the object, with apiVersion and kind, dry-run on request', async () => {
    await k8sCreate(VirtualMachineModel, { metadata: { name: 'new', namespace: 'ns' } });
    await k8sCreate(
      VirtualMachineModel,
      { metadata: { name: 'new' } },
      { namespace: 'ns', dryRun: true },
    );
    expect(bff.calls.map((c) => [c.method, c.path])).toEqual([
      ['POST', VMS],
      ['POST', `${VMS}?dryRun=All`],
    ]);
    expect(bff.calls[0]?.body).toEqual({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'new', namespace: 'ns' },
    });
    expect(bff.calls[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('updates with PUT, and a stale version gives the 409 with its message', async () => {
    answer = () => ({
      status: 409,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 409,
        reason: 'Conflict',
        message: 'the object has been modified; please apply your changes to the latest version',
      },
    });
    const error = await k8sUpdate(VirtualMachineModel, object('vm', '1')).catch((e: unknown) => e);
    expect(bff.calls[0]).toMatchObject({ method: 'PUT', path: `${VMS}/vm` });
    expect((error as { code: number }).code).toBe(409);
    expect(errorMessage(error)).toContain('the object has been modified');
  });

  it('sends a list of operations as a JSON patch and an object as a merge patch', async () => {
    const ref = { namespace: 'ns', name: 'vm' };
    await k8sPatch(VirtualMachineModel, ref, [
      { op: 'replace', path: '/spec/runStrategy', value: 'Always' },
    ]);
    await k8sPatch(VirtualMachineModel, ref, { metadata: { labels: { a: 'b' } } });
    expect(bff.calls.map((c) => [c.method, c.path, c.headers.get('Content-Type')])).toEqual([
      ['PATCH', `${VMS}/vm`, 'application/json-patch+json'],
      ['PATCH', `${VMS}/vm`, 'application/merge-patch+json'],
    ]);
    expect(bff.calls[1]?.body).toEqual({ metadata: { labels: { a: 'b' } } });
  });

  it('deletes, with DeleteOptions only when asked', async () => {
    const ref = { namespace: 'ns', name: 'vm' };
    await k8sDelete(VirtualMachineModel, ref);
    await k8sDelete(VirtualMachineModel, ref, {
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
    });
    expect(bff.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['DELETE', `${VMS}/vm`, undefined],
      [
        'DELETE',
        `${VMS}/vm`,
        {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          gracePeriodSeconds: 0,
          propagationPolicy: 'Foreground',
        },
      ],
    ]);
  });
});

describe('vmAction', () => {
  const ref = { namespace: 'ns', name: 'vm' };
  const SUB = 'k8s/apis/subresources.kubevirt.io/v1/namespaces/ns';

  it('PUTs VM actions on virtualmachines and pause, unpause, softreboot on instances', async () => {
    for (const action of [
      'start',
      'stop',
      'restart',
      'migrate',
      'pause',
      'unpause',
      'softreboot',
    ] as const)
      await vmAction(ref, action);
    await vmAction(ref, 'addvolume', { name: 'disk', disk: {} });
    expect(bff.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT ${SUB}/virtualmachines/vm/start`,
      `PUT ${SUB}/virtualmachines/vm/stop`,
      `PUT ${SUB}/virtualmachines/vm/restart`,
      `PUT ${SUB}/virtualmachines/vm/migrate`,
      `PUT ${SUB}/virtualmachineinstances/vm/pause`,
      `PUT ${SUB}/virtualmachineinstances/vm/unpause`,
      `PUT ${SUB}/virtualmachineinstances/vm/softreboot`,
      `PUT ${SUB}/virtualmachines/vm/addvolume`,
    ]);
    expect(bff.calls[0]?.body).toEqual({});
    expect(bff.calls.at(-1)?.body).toEqual({ name: 'disk', disk: {} });
  });

  it('reads expand-spec with GET and refuses portforward', async () => {
    await vmAction(ref, 'expand-spec');
    expect(bff.calls[0]).toMatchObject({
      method: 'GET',
      path: `${SUB}/virtualmachines/vm/expand-spec`,
    });
    await expect(vmAction(ref, 'portforward')).rejects.toThrow(/WebSocket/);
    expect(vmActionPath(ref, 'pause')).toBe(
      '/apis/subresources.kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm/pause',
    );
  });

  it("passes the server's refusal on", async () => {
    answer = () => ({
      status: 409,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 409,
        message: 'VM is not running',
      },
    });
    const error = await vmAction(ref, 'stop').catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('VM is not running');
  });
});
