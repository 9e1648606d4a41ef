// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from './bff';
import { VirtualMachineModel } from './models';
import { FakeWebSocket, fakeBFF, object, type FakeCall } from './testKit';
import {
  activeWatchCount,
  stopAllWatches,
  useK8sWatchList,
  useK8sWatchObject,
  watchQueryKey,
} from './watch';

const PATH = '/apis/kubevirt.io/v1/namespaces/ns/virtualmachines';
let lists: Record<string, unknown>;
let bff: ReturnType<typeof fakeBFF>;
let queryClient: QueryClient;

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
);

const listCalls = () => bff.calls.filter((c: FakeCall) => c.method === 'GET');

beforeEach(() => {
  FakeWebSocket.reset();
  vi.stubGlobal('WebSocket', FakeWebSocket);
  lists = {};
  bff = fakeBFF((call) => (call.path in lists ? { body: lists[call.path] } : undefined));
  vi.stubGlobal('fetch', bff.fetch);
  queryClient = new QueryClient();
});

afterEach(() => {
  stopAllWatches();
  queryClient.clear();
});

const openSocket = async () => {
  await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1));
  act(() => FakeWebSocket.last.open());
  return FakeWebSocket.last;
};

describe('useK8sWatchList', () => {
  it('lists through k8s/, then applies watch events to the result', async () => {
    lists[`k8s${PATH}`] = { items: [object('a', '1')], metadata: { resourceVersion: '10' } };
    const { result } = renderHook(() => useK8sWatchList(VirtualMachineModel, { namespace: 'ns' }), {
      wrapper,
    });
    expect(result.current).toEqual({ data: [], loaded: false, error: undefined });
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.data).toEqual([object('a', '1')]);
    const socket = await openSocket();
    expect(socket.url).toBe(
      'ws://localhost:3000/api/proxy/plugin/virtualization-plugin/bff/k8s-watch',
    );
    const { id } = socket.watchOf(PATH);
    expect(socket.watchOf(PATH).resourceVersion).toBe('10');
    act(() => {
      socket.event(id, 'ADDED', object('b', '11'));
      socket.event(id, 'MODIFIED', object('a', '12'));
    });
    await waitFor(() =>
      expect(result.current.data).toEqual([object('a', '12'), object('b', '11')]),
    );
    act(() => socket.event(id, 'DELETED', object('a', '13')));
    await waitFor(() => expect(result.current.data).toEqual([object('b', '11')]));
    // The state is in the react-query cache, under the watch's key.
    expect(
      queryClient.getQueryData(watchQueryKey(VirtualMachineModel, { namespace: 'ns' })),
    ).toMatchObject({ loaded: true, resourceVersion: '13' });
  });

  it('shares one socket and one watch between hooks, and stops when the last one unmounts', async () => {
    lists[`k8s${PATH}`] = { items: [object('a', '1')], metadata: { resourceVersion: '10' } };
    lists['k8s/apis/kubevirt.io/v1/virtualmachines?labelSelector=app%3Dx'] = {
      items: [],
      metadata: { resourceVersion: '10' },
    };
    const List = ({ selector }: { selector?: string }) => {
      const { data } = useK8sWatchList(VirtualMachineModel, {
        namespace: selector ? undefined : 'ns',
        labelSelector: selector,
      });
      return <p>{data.map((vm) => vm.metadata?.name).join(',') || 'none'}</p>;
    };
    const view = render(
      <QueryClientProvider client={queryClient}>
        <List />
        <List />
        <List selector="app=x" />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getAllByText('a')).toHaveLength(2));
    const socket = await openSocket();
    expect(socket.watches.map((w) => [w.path, w.labelSelector])).toEqual([
      [PATH, undefined],
      ['/apis/kubevirt.io/v1/virtualmachines', 'app=x'],
    ]);
    expect(listCalls()).toHaveLength(2);
    expect(activeWatchCount()).toBe(2);

    view.rerender(
      <QueryClientProvider client={queryClient}>
        <List />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(socket.watches.map((w) => w.path)).toEqual([PATH]));
    view.unmount();
    await waitFor(() => expect(socket.watches).toEqual([]));
    expect(activeWatchCount()).toBe(0);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('renders once for a burst of events', async () => {
    lists[`k8s${PATH}`] = { items: [], metadata: { resourceVersion: '10' } };
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        return useK8sWatchList(VirtualMachineModel, { namespace: 'ns' });
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.loaded).toBe(true));
    const socket = await openSocket();
    const { id } = socket.watchOf(PATH);
    const before = renders;
    act(() => {
      for (let i = 0; i < 200; i += 1) socket.event(id, 'ADDED', object(`vm-${i}`, `${11 + i}`));
    });
    await waitFor(() => expect(result.current.data).toHaveLength(200));
    expect(renders - before).toBeLessThanOrEqual(2);
  });

  it('watches nothing for null options', () => {
    const { result } = renderHook(() => useK8sWatchList(VirtualMachineModel, null), { wrapper });
    expect(result.current).toEqual({ data: [], loaded: false, error: undefined });
    expect(activeWatchCount()).toBe(0);
    expect(bff.calls).toEqual([]);
  });
});

describe('useK8sWatchObject', () => {
  const byName = `k8s${PATH}?fieldSelector=metadata.name%3Dvm`;

  it('gives the object, and follows its changes', async () => {
    lists[byName] = { items: [object('vm', '1')], metadata: { resourceVersion: '10' } };
    const { result } = renderHook(
      () => useK8sWatchObject(VirtualMachineModel, { namespace: 'ns', name: 'vm' }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.data).toEqual(object('vm', '1')));
    expect(result.current.error).toBeUndefined();
    const socket = await openSocket();
    expect(socket.watchOf(PATH).fieldSelector).toBe('metadata.name=vm');
    act(() => socket.event(socket.watchOf(PATH).id, 'MODIFIED', object('vm', '2')));
    await waitFor(() => expect(result.current.data?.metadata?.resourceVersion).toBe('2'));
  });

  it('is loaded with a 404 when the object is not there, until it appears', async () => {
    lists[byName] = { items: [], metadata: { resourceVersion: '10' } };
    const { result } = renderHook(
      () => useK8sWatchObject(VirtualMachineModel, { namespace: 'ns', name: 'vm' }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(result.current.data).toBeUndefined();
    expect((result.current.error as { code?: number }).code).toBe(404);
    expect(errorMessage(result.current.error)).toBe('virtualmachines.kubevirt.io "vm" not found');
    const socket = await openSocket();
    act(() => socket.event(socket.watchOf(PATH).id, 'ADDED', object('vm', '11')));
    await waitFor(() => expect(result.current.data).toEqual(object('vm', '11')));
    expect(result.current.error).toBeUndefined();
  });

  it("shows the server's refusal", async () => {
    const { result } = renderHook(
      () => useK8sWatchObject(VirtualMachineModel, { namespace: 'ns', name: 'vm' }),
      { wrapper },
    );
    // Nothing answers in the table: the fake BFF says 404 with its own message.
    await waitFor(() => expect(result.current.loaded).toBe(true));
    expect(errorMessage(result.current.error)).toBe('nothing');
  });
});
