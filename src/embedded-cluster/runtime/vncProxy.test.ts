import { join } from 'node:path';
import { listenUnix, tempDir } from './testSupport';
import {
  openVncSession,
  SessionDeniedError,
  SessionRegistry,
  VNC_DENIED_MESSAGE,
} from './vncProxy';

describe('SessionRegistry', () => {
  it('a new session evicts the old one', () => {
    const registry = new SessionRegistry();
    const evicted: string[] = [];
    const first = registry.claim('ns/vm', { onEvict: () => evicted.push('first') });
    const second = registry.claim('ns/vm', { onEvict: () => evicted.push('second') });
    expect(evicted).toEqual(['first']);
    expect(first.active).toBe(false);
    expect(second.active).toBe(true);
    first.release(); // a stale release leaves the new session alone
    expect(registry.has('ns/vm')).toBe(true);
    second.release();
    expect(registry.has('ns/vm')).toBe(false);
  });

  it('a preserveSession newcomer is refused while a session is active', () => {
    const registry = new SessionRegistry();
    const evicted: string[] = [];
    registry.claim('ns/vm', { onEvict: () => evicted.push('first') });
    let error: unknown;
    try {
      registry.claim('ns/vm', { preserveSession: true, onEvict: () => undefined });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SessionDeniedError);
    expect((error as SessionDeniedError).message).toBe('Active VNC connection. Request denied.');
    expect((error as SessionDeniedError).httpStatus).toBe(503);
    expect(evicted).toEqual([]);
    // Without an active session, preserveSession is no obstacle.
    expect(
      registry.claim('ns/other', { preserveSession: true, onEvict: () => undefined }).active,
    ).toBe(true);
  });

  it('keys are independent and evict() ends a session', () => {
    const registry = new SessionRegistry('Active console connection. Request denied.');
    const evicted: string[] = [];
    registry.claim('a', { onEvict: () => evicted.push('a') });
    registry.claim('b', { onEvict: () => evicted.push('b') });
    registry.evict('a');
    expect(evicted).toEqual(['a']);
    expect(registry.size).toBe(1);
    expect(() => registry.check('b', true)).toThrow('Active console connection. Request denied.');
  });
});

describe('openVncSession', () => {
  it('connects to the socket, closes the previous session, refuses preserveSession', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'vnc.sock');
    const server = await listenUnix(path);
    server.server.on('connection', (socket) => socket.write('RFB 003.008\n'));
    try {
      const registry = new SessionRegistry();
      let firstEvicted = false;
      const first = await openVncSession(registry, 'ns/vm', path, {
        onEvicted: () => {
          firstEvicted = true;
        },
      });
      const hello = await new Promise<string>((resolve) =>
        first.socket.once('data', (chunk: Buffer) => resolve(chunk.toString())),
      );
      expect(hello).toBe('RFB 003.008\n');

      await expect(
        openVncSession(registry, 'ns/vm', path, { preserveSession: true }),
      ).rejects.toThrow(VNC_DENIED_MESSAGE);
      expect(first.socket.destroyed).toBe(false);

      const firstClosed = new Promise((resolve) => first.socket.once('close', resolve));
      const second = await openVncSession(registry, 'ns/vm', path);
      await firstClosed;
      expect(firstEvicted).toBe(true);
      expect(second.lease.active).toBe(true);

      const secondClosed = new Promise((resolve) => second.socket.once('close', resolve));
      second.socket.destroy();
      await secondClosed;
      expect(registry.has('ns/vm')).toBe(false);
      // A failed connect leaves no session behind.
      await expect(
        openVncSession(registry, 'ns/x', join(dir.path, 'none.sock'), { timeoutMs: 50 }),
      ).rejects.toThrow();
      expect(registry.has('ns/x')).toBe(false);
    } finally {
      await server.close();
      dir.remove();
    }
  });
});
