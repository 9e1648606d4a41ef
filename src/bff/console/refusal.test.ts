import { describe, expect, it } from 'vitest';
import { refusalKind } from './refusal';

describe('refused console upgrades', () => {
  it.each([
    [400, 'Unable to connect to VM because phase is Scheduling instead of Running', 'not-running'],
    [409, 'VMI is paused', 'not-running'],
    [409, 'the guest of this VMI is not running', 'not-running'],
    [409, 'Active VNC connection. Request denied.', 'session-in-use'],
    [503, 'Active VNC connection. Request denied.', 'session-in-use'],
    [409, 'Conflict', 'session-in-use'],
    [401, 'Unauthorized', 'unauthorized'],
    [403, 'virtualmachineinstances "not-running" is forbidden', 'forbidden'],
    [404, 'virtualmachineinstance.kubevirt.io "vm" not found', 'not-found'],
    [503, 'no display in this environment: QEMU is not installed', 'no-display'],
    [503, 'virt-handler is not reachable', 'unavailable'],
    [500, 'Internal error', 'unavailable'],
  ] as const)('%i %s → %s', (status, message, kind) => {
    expect(refusalKind(status, message)).toBe(kind);
  });
});
