import type { K8sEvent } from '../../../../api/types';

/** When the event last happened: lastTimestamp, else eventTime, else its creation. */
export const lastSeen = (event: K8sEvent): string =>
  String(
    event.lastTimestamp ??
      (event as { series?: { lastObservedTime?: string } }).series?.lastObservedTime ??
      event.eventTime ??
      event.firstTimestamp ??
      event.metadata?.creationTimestamp ??
      '',
  );

export const firstSeen = (event: K8sEvent): string =>
  String(event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? '');

const byText = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Newest first; events of the same second (timestamps have no more) by name, then uid, so the
 * order is the same on every load whatever order the API (or the watch) delivered them in.
 */
export const sortEventsNewestFirst = (events: K8sEvent[]): K8sEvent[] =>
  events
    .map((event) => ({ event, time: Date.parse(lastSeen(event)) || 0 }))
    .sort(
      (a, b) =>
        b.time - a.time ||
        byText(a.event.metadata?.name, b.event.metadata?.name) ||
        byText(a.event.metadata?.uid, b.event.metadata?.uid),
    )
    .map(({ event }) => event);
