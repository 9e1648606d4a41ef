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

/** Newest first; ties keep the API's order. */
export const sortEventsNewestFirst = (events: K8sEvent[]): K8sEvent[] =>
  events
    .map((event, index) => ({ event, index, time: Date.parse(lastSeen(event)) || 0 }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ event }) => event);
