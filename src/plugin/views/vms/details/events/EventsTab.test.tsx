// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { K8sEvent } from '../../../../api/types';
import { makeVm, NAME, NS, renderAt, statusError, watchState } from '../testSupport';
import { EventsTab } from './EventsTab';
import { sortEventsNewestFirst } from './sortEvents';

vi.mock('../../../../api/watch', async () => (await import('../testSupport')).fakeWatch);

const event = (name: string, overrides: Partial<K8sEvent>): K8sEvent => ({
  metadata: { name, namespace: NS, uid: name },
  involvedObject: { kind: 'VirtualMachine', name: NAME, namespace: NS },
  type: 'Normal',
  count: 1,
  ...overrides,
});

const tab = () => <EventsTab namespace={NS} name={NAME} vm={makeVm()} rest={[]} />;

beforeEach(() => watchState.reset());

describe('EventsTab', () => {
  it('lists the VM and VMI events newest first, warnings marked', () => {
    watchState.lists.set('Event', {
      loaded: true,
      data: [
        event('old', {
          reason: 'SuccessfulCreate',
          message: 'Created VMI',
          lastTimestamp: '2026-01-02T10:00:00Z',
        }),
        event('newest', {
          reason: 'FailedMount',
          message: 'disk not ready',
          type: 'Warning',
          count: 3,
          firstTimestamp: '2026-01-02T10:01:00Z',
          lastTimestamp: '2026-01-02T10:05:00Z',
          involvedObject: { kind: 'VirtualMachineInstance', name: NAME, namespace: NS },
        }),
        event('middle', {
          reason: 'Started',
          message: 'VMI started',
          eventTime: '2026-01-02T10:03:00Z',
        }),
        event('pod', {
          reason: 'Pulled',
          lastTimestamp: '2026-01-02T10:09:00Z',
          involvedObject: { kind: 'Pod', name: NAME, namespace: NS },
        }),
      ],
    });
    renderAt(tab());
    const rows = within(screen.getByRole('grid', { name: 'Events' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual([
      'FailedMount',
      'Started',
      'SuccessfulCreate',
    ]);
    expect(within(rows[0]!).getByText('Warning')).toBeVisible();
    expect(within(rows[0]!).getByText('VirtualMachineInstance')).toBeVisible();
    expect(within(rows[0]!).getByText('3')).toBeVisible();
    expect(within(rows[1]!).getByText('Normal')).toBeVisible();
  });

  it('says when there are none, and shows a failure', () => {
    watchState.lists.set('Event', { loaded: true, data: [] });
    const { unmount } = renderAt(tab());
    expect(screen.getByRole('heading', { name: 'No events' })).toBeVisible();
    unmount();
    watchState.lists.set('Event', {
      loaded: true,
      data: [],
      error: statusError(403, 'events is forbidden'),
    });
    renderAt(tab());
    expect(screen.getByText('events is forbidden')).toBeVisible();
  });

  it('sorts by last seen, ties by name then uid whatever order they came in', () => {
    const a = event('a', { lastTimestamp: '2026-01-01T00:00:00Z' });
    const b = event('b', { lastTimestamp: '2026-01-01T00:00:00Z' });
    const b2 = { ...event('b', { lastTimestamp: '2026-01-01T00:00:00Z' }) };
    b2.metadata = { ...b2.metadata, uid: 'a-uid' };
    const c = event('c', { metadata: { name: 'c', creationTimestamp: '2026-01-03T00:00:00Z' } });
    const names = (events: K8sEvent[]) =>
      sortEventsNewestFirst(events).map((e) => `${e.metadata?.name}/${e.metadata?.uid}`);
    expect(names([a, b, b2, c])).toEqual(['c/undefined', 'a/a', 'b/a-uid', 'b/b']);
    expect(names([b, c, b2, a])).toEqual(names([a, b, b2, c]));
  });

  it('shows times compactly, the exact time in a tooltip', () => {
    const recent = new Date(Date.now() - 5 * 60_000).toISOString();
    watchState.lists.set('Event', {
      loaded: true,
      data: [event('one', { reason: 'Started', firstTimestamp: recent, lastTimestamp: recent })],
    });
    renderAt(tab());
    expect(screen.getAllByText('5 minutes ago')).toHaveLength(2);
  });
});
