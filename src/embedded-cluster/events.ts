import { randomUUID } from 'node:crypto';
import type { ObjectStore } from './store/objectStore';
import type { KubeObject } from './types';
import { now } from './objectRefs';

export interface EventInput {
  /** The object the event is about. */
  involvedObject: KubeObject;
  type: 'Normal' | 'Warning';
  /** UpperCamelCase, machine-readable: `Started`, `FailedScheduling`, `ImportSucceeded`. */
  reason: string;
  message: string;
  /** The controller that reports it, e.g. `virt-controller`, `cdi-controller`. */
  component: string;
}

const EVENTS = 'core/events';

/**
 * Records a core/v1 Event for controllers, as client-go's recorder does: an event repeating
 * the same reason and message about the same object bumps `count` and `lastTimestamp` of the
 * existing one instead of adding another.
 */
export const recordEvent = async (store: ObjectStore, input: EventInput): Promise<KubeObject> => {
  const { involvedObject: target } = input;
  const namespace = target.metadata.namespace ?? 'default';
  const reference = {
    apiVersion: target.apiVersion,
    kind: target.kind,
    name: target.metadata.name,
    namespace: target.metadata.namespace,
    uid: target.metadata.uid,
    resourceVersion: target.metadata.resourceVersion,
  };
  const existing = store.list(EVENTS, namespace).find((event) => {
    const involved = event.involvedObject as { uid?: string } | undefined;
    return (
      involved?.uid === target.metadata.uid &&
      event.reason === input.reason &&
      event.message === input.message
    );
  });
  const timestamp = now();
  if (existing) {
    return store.put(EVENTS, {
      ...existing,
      involvedObject: reference,
      count: Number(existing.count ?? 1) + 1,
      lastTimestamp: timestamp,
    });
  }
  return store.put(EVENTS, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      // Named as client-go names events: the object, then a unique suffix.
      name: `${target.metadata.name}.${Date.now().toString(16)}${randomUUID().slice(0, 4)}`,
      namespace,
      uid: randomUUID(),
      creationTimestamp: timestamp,
    },
    involvedObject: reference,
    reason: input.reason,
    message: input.message,
    type: input.type,
    source: { component: input.component },
    reportingComponent: input.component,
    reportingInstance: input.component,
    firstTimestamp: timestamp,
    lastTimestamp: timestamp,
    count: 1,
  });
};
