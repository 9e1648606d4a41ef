import { describe, expect, it } from 'vitest';
import { ObjectStore } from './store/objectStore';
import { recordEvent } from './events';
import type { KubeObject } from './types';

const memoryStore = () =>
  new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });
const vm: KubeObject = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'web', namespace: 'team-a', uid: 'vm-uid', resourceVersion: '7' },
};

describe('recordEvent', () => {
  it('records an Event about the object in its namespace', async () => {
    const store = memoryStore();
    const event = await recordEvent(store, {
      involvedObject: vm,
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: 'Started the virtual machine',
      component: 'virt-controller',
    });
    expect(event).toMatchObject({
      kind: 'Event',
      metadata: { namespace: 'team-a', name: expect.stringMatching(/^web\./) },
      involvedObject: { kind: 'VirtualMachine', name: 'web', uid: 'vm-uid' },
      reason: 'SuccessfulCreate',
      type: 'Normal',
      count: 1,
      source: { component: 'virt-controller' },
    });
    expect(store.list('core/events', 'team-a')).toHaveLength(1);
  });

  it('counts a repeated event instead of adding another', async () => {
    const store = memoryStore();
    const input = {
      involvedObject: vm,
      type: 'Warning' as const,
      reason: 'FailedScheduling',
      message: 'no node fits',
      component: 'scheduler',
    };
    await recordEvent(store, input);
    const second = await recordEvent(store, input);
    expect(second.count).toBe(2);
    await recordEvent(store, { ...input, message: 'still no node fits' });
    expect(store.list('core/events', 'team-a')).toHaveLength(2);
  });
});
