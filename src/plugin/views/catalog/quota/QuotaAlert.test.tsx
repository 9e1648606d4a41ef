// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { lists } from '../templates/testSupport';
import { QuotaAlert } from './QuotaAlert';

vi.mock('../../../api/watch', async () => ({
  ...(await import('../templates/testSupport')).fakeWatch,
  // The instance type the VM names: u1.medium, 1 vCPU and 4Gi.
  useK8sWatchObject: (_model: unknown, ref: { name: string } | null) => ({
    loaded: true,
    data:
      ref?.name === 'u1.medium'
        ? { metadata: { name: 'u1.medium' }, spec: { cpu: { guest: 1 }, memory: { guest: '4Gi' } } }
        : undefined,
  }),
}));

const draft = {
  vm: {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'vm', namespace: 'dev' },
    spec: {
      runStrategy: 'Always',
      instancetype: { name: 'u1.medium' },
      template: { spec: { domain: { devices: {} } } },
    },
  },
  prerequisites: [],
};

describe('QuotaAlert', () => {
  beforeEach(() => lists.reset());

  it('warns with the quota, what is left and what the VM needs', () => {
    lists.set('ResourceQuota', 'dev', {
      data: [
        {
          metadata: { name: 'compute', namespace: 'dev' },
          spec: { hard: { 'requests.memory': '8Gi' } },
          status: { hard: { 'requests.memory': '8Gi' }, used: { 'requests.memory': '7Gi' } },
        },
      ],
    });
    render(<QuotaAlert draft={draft} />);
    expect(
      screen.getByText('This VirtualMachine may exceed the quota of project dev'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'requests.memory: this VirtualMachine needs at least 4.0 GiB, and quota compute has 1.0 GiB left of 8.0 GiB.',
      ),
    ).toBeTruthy();
  });

  it('shows nothing when the VM fits or the quotas cannot be read', () => {
    lists.set('ResourceQuota', 'dev', {
      data: [
        {
          metadata: { name: 'compute', namespace: 'dev' },
          status: { hard: { 'requests.memory': '8Gi' }, used: { 'requests.memory': '1Gi' } },
        },
      ],
    });
    const { container, rerender } = render(<QuotaAlert draft={draft} />);
    expect(container.textContent).toBe('');
    lists.set('ResourceQuota', 'dev', { data: [], loaded: true, error: new Error('forbidden') });
    rerender(<QuotaAlert draft={draft} />);
    expect(container.textContent).toBe('');
  });
});
