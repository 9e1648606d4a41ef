// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBFF, type FakeCall } from './testKit';
import { useVmIndexPage, vmIndexSearch } from './vmIndex';

/** The browser's EventSource as the test drives it. */
class FakeEventSource {
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onmessage: ((message: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  send(resourceVersion: string) {
    this.onmessage?.({ data: JSON.stringify({ resourceVersion }) });
  }
}

let version: string;
let bff: ReturnType<typeof fakeBFF>;
let queryClient: QueryClient;

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
);
const pages = () => bff.calls.filter((c: FakeCall) => c.path.startsWith('vms'));

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  version = '1';
  bff = fakeBFF((call) =>
    call.path.startsWith('vms')
      ? { body: { items: [], total: 0, resourceVersion: version } }
      : undefined,
  );
  vi.stubGlobal('fetch', bff.fetch);
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});

afterEach(() => queryClient.clear());

describe('vmIndexSearch', () => {
  it('writes the vms query string, lists comma-separated, empty values left out', () => {
    expect(
      vmIndexSearch({
        text: 'fed',
        namespace: ['a', 'b'],
        status: [],
        sort: 'created',
        order: 'desc',
        limit: 50,
        os: '',
      }),
    ).toBe('text=fed&namespace=a%2Cb&sort=created&order=desc&limit=50');
  });
});

describe('useVmIndexPage', () => {
  it('fetches the page, and again when vms/events moves past it', async () => {
    const { result, unmount } = renderHook(
      () => useVmIndexPage({ namespace: ['ns'], sort: 'name' }),
      { wrapper },
    );
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.page?.resourceVersion).toBe('1'));
    expect(pages().map((c) => c.path)).toEqual(['vms?namespace=ns&sort=name']);
    const events = FakeEventSource.instances[0];
    expect(events?.url).toBe('/api/proxy/plugin/virtualization-plugin/bff/vms/events');

    // The version it shows: nothing to do.
    act(() => events?.send('1'));
    expect(pages()).toHaveLength(1);
    version = '2';
    act(() => events?.send('2'));
    await waitFor(() => expect(result.current.page?.resourceVersion).toBe('2'));
    expect(pages()).toHaveLength(2);

    unmount();
    expect(events?.closed).toBe(true);
  });

  it('shares one event stream and keeps the last page while the next question loads', async () => {
    const { result, rerender } = renderHook(
      ({ text }: { text: string }) => useVmIndexPage({ text }),
      { wrapper, initialProps: { text: 'a' } },
    );
    renderHook(() => useVmIndexPage({ text: 'b' }), { wrapper });
    await waitFor(() => expect(result.current.page).toBeDefined());
    expect(FakeEventSource.instances).toHaveLength(1);
    rerender({ text: 'ab' });
    expect(result.current.page).toBeDefined();
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(pages().map((c) => c.path)).toContain('vms?text=ab');
  });

  it('opens the stream again later when the server refused it', async () => {
    vi.useFakeTimers();
    try {
      const { unmount } = renderHook(() => useVmIndexPage({}), { wrapper });
      const first = FakeEventSource.instances[0];
      act(() => {
        if (!first) return;
        first.readyState = FakeEventSource.CLOSED;
        first.onerror?.();
      });
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(FakeEventSource.instances).toHaveLength(2);
      unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});
