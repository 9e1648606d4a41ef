// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { AccessAttributes } from '../../../api/access';
import type { VmSummary } from '../../../api/vmIndex';
import { namespacesOf, useBulkActions } from './useBulkActions';

// A developer: no right anywhere but in their own project, where they may do everything.
vi.mock('../../../api/access', () => ({
  useAccessReview: (attrs: AccessAttributes | null) => ({
    allowed: attrs?.namespace === 'developer-vms',
    loading: false,
  }),
  checkAccess: (attrs: AccessAttributes) => Promise.resolve(attrs.namespace === 'developer-vms'),
}));

const row = (namespace: string, name: string) => ({ namespace, name }) as VmSummary;

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
);

describe('useBulkActions', () => {
  it('lists the namespaces of a selection once each', () => {
    expect(namespacesOf([row('b', '1'), row('a', '2'), row('b', '3')])).toEqual(['a', 'b']);
  });

  it('across projects, offers what the user may do in every project of the selection', async () => {
    const { result, rerender } = renderHook(
      ({ rows }: { rows: VmSummary[] }) => useBulkActions(undefined, rows),
      { wrapper, initialProps: { rows: [] as VmSummary[] } },
    );
    // Nothing selected: the menu is there (disabled by the toolbar), with nothing in it yet.
    expect(result.current).toEqual({ actions: [], available: true });
    rerender({ rows: [row('developer-vms', 'a'), row('developer-vms', 'b')] });
    await waitFor(() =>
      expect(result.current.actions.map((action) => action.id)).toContain('start'),
    );
    expect(result.current.actions.map((action) => action.id)).toContain('delete');
    rerender({ rows: [row('developer-vms', 'a'), row('other', 'c')] });
    await waitFor(() => expect(result.current.actions).toEqual([]));
  });

  it('in one project, asks there only', () => {
    const { result } = renderHook(() => useBulkActions('other', [row('other', 'c')]), { wrapper });
    expect(result.current).toEqual({ actions: [], available: false });
    const mine = renderHook(() => useBulkActions('developer-vms', []), { wrapper });
    expect(mine.result.current.available).toBe(true);
    expect(mine.result.current.actions.length).toBeGreaterThan(0);
  });
});
