// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { vm } from './fixtures';
import { useVmActionsProvider } from './useVmActionsProvider';

vi.mock('../../../api/access', () => ({
  useAccessReview: (attrs: { resource: string } | null) => ({
    allowed: !!attrs && attrs.resource !== 'virtualmachineinstancemigrations',
    loading: false,
  }),
}));
vi.mock('../../../api/watch', () => ({
  useK8sWatchList: () => ({ data: [], loaded: true }),
  useK8sWatchObject: () => ({ data: undefined, loaded: true }),
}));

describe('useVmActionsProvider', () => {
  it("answers the console's action provider contract", () => {
    const { result } = renderHook(() => useVmActionsProvider(vm('web')));
    const [actions, loaded, error] = result.current;
    expect(loaded).toBe(true);
    expect(error).toBeUndefined();
    const start = actions.find((action) => action.id === 'virtualization-vm-start');
    expect(start).toMatchObject({ label: 'Start', disabled: false });
    expect(typeof start?.cta).toBe('function');
    expect(start?.accessReview).toMatchObject({
      verb: 'update',
      subresource: 'start',
      namespace: 'ns',
    });
    expect(actions.find((action) => action.id === 'virtualization-vm-restart')).toMatchObject({
      disabled: true,
      disabledTooltip: 'The VM is not running',
    });
    expect(actions.some((action) => action.id === 'virtualization-vm-migrate')).toBe(false);
  });
});
