// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkAccess, useAccessReview, type AccessAttributes } from './access';
import { queryClient, SESSION_CHANGED_EVENT } from './queryClient';
import { fakeBFF, type FakeCall } from './testKit';

const SSAR = 'k8s/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
let allowedVerbs: Set<string>;
let bff: ReturnType<typeof fakeBFF>;

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
);

const reviews = () => bff.calls.filter((c: FakeCall) => c.path === SSAR);

beforeEach(() => {
  allowedVerbs = new Set(['get', 'update']);
  bff = fakeBFF((call) => {
    if (call.method !== 'POST' || call.path !== SSAR) return undefined;
    const spec = (call.body as { spec: { resourceAttributes: { verb: string } } }).spec;
    return {
      status: 201,
      body: {
        ...(call.body as object),
        status: { allowed: allowedVerbs.has(spec.resourceAttributes.verb) },
      },
    };
  });
  vi.stubGlobal('fetch', bff.fetch);
});

afterEach(() => {
  vi.useRealTimers();
  queryClient.clear();
});

const start: AccessAttributes = {
  verb: 'update',
  group: 'subresources.kubevirt.io',
  resource: 'virtualmachines',
  subresource: 'start',
  namespace: 'ns',
  name: 'vm',
};

describe('useAccessReview', () => {
  it('posts a SelfSubjectAccessReview through k8s/ and answers from it', async () => {
    const { result } = renderHook(() => useAccessReview(start), { wrapper });
    expect(result.current).toEqual({ allowed: false, loading: true });
    await waitFor(() => expect(result.current).toEqual({ allowed: true, loading: false }));
    expect(reviews()).toHaveLength(1);
    expect(reviews()[0]?.body).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          verb: 'update',
          group: 'subresources.kubevirt.io',
          resource: 'virtualmachines',
          subresource: 'start',
          namespace: 'ns',
          name: 'vm',
        },
      },
    });
  });

  it('asks once per attributes within 30 s, and again after', async () => {
    const first = renderHook(() => useAccessReview(start), { wrapper });
    await waitFor(() => expect(first.result.current.allowed).toBe(true));
    const second = renderHook(() => useAccessReview({ ...start }), { wrapper });
    expect(second.result.current).toEqual({ allowed: true, loading: false });
    expect(await checkAccess(start)).toBe(true);
    expect(reviews()).toHaveLength(1);

    const remove = renderHook(
      () =>
        useAccessReview({
          verb: 'delete',
          resource: 'virtualmachines',
          group: 'kubevirt.io',
          namespace: 'ns',
        }),
      { wrapper },
    );
    await waitFor(() => expect(remove.result.current).toEqual({ allowed: false, loading: false }));
    expect(reviews()).toHaveLength(2);

    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 31_000);
    expect(await checkAccess(start)).toBe(true);
    expect(reviews()).toHaveLength(3);
  });

  it('asks nothing for null and says no when the review fails', async () => {
    const none = renderHook(() => useAccessReview(null), { wrapper });
    expect(none.result.current).toEqual({ allowed: false, loading: false });
    expect(reviews()).toHaveLength(0);
    vi.stubGlobal('fetch', fakeBFF(() => ({ status: 500, body: { message: 'down' } })).fetch);
    expect(await checkAccess({ verb: 'list', resource: 'pods' })).toBe(false);
  });

  it("forgets every answer when the session changes, so no user sees another's", async () => {
    expect(await checkAccess(start)).toBe(true);
    allowedVerbs = new Set();
    window.dispatchEvent(new Event(SESSION_CHANGED_EVENT));
    expect(await checkAccess(start)).toBe(false);
    expect(reviews()).toHaveLength(2);
  });
});
