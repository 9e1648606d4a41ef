import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './testKit';
import { WatchConnection, type WatchHandlers } from './watchConnection';

const handlers = () => {
  const calls = { events: [] as unknown[], ends: [] as unknown[], reconnects: 0 };
  const h: WatchHandlers = {
    onEvent: (event) => calls.events.push(event),
    onEnd: (error) => calls.ends.push(error ?? 'closed'),
    onReconnect: () => (calls.reconnects += 1),
  };
  return { h, calls };
};

let connection: WatchConnection;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(1);
  FakeWebSocket.reset();
  connection = new WatchConnection({
    url: () => 'ws://bff/k8s-watch',
    createSocket: (url) => new FakeWebSocket(url),
    backoff: { initialMs: 100, maxMs: 1000 },
    idleCloseMs: 500,
  });
});

afterEach(() => {
  connection.dispose();
  vi.useRealTimers();
});

describe('WatchConnection', () => {
  it('carries several watches over one socket and routes messages by id', () => {
    const a = handlers();
    const b = handlers();
    connection.watch({ path: '/apis/kubevirt.io/v1/virtualmachines', resourceVersion: '5' }, a.h);
    connection.watch({ path: '/api/v1/pods', labelSelector: 'x=y' }, b.h);
    expect(FakeWebSocket.instances).toHaveLength(1);
    const socket = FakeWebSocket.last;
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([
      {
        id: '1',
        action: 'watch',
        path: '/apis/kubevirt.io/v1/virtualmachines',
        resourceVersion: '5',
      },
      { id: '2', action: 'watch', path: '/api/v1/pods', labelSelector: 'x=y' },
    ]);
    socket.event('2', 'ADDED', { metadata: { name: 'p' } });
    socket.event('9', 'ADDED', { metadata: { name: 'nobody' } });
    expect(a.calls.events).toEqual([]);
    expect(b.calls.events).toEqual([{ type: 'ADDED', object: { metadata: { name: 'p' } } }]);
    // A watch started on an open socket is sent at once.
    connection.watch({ path: '/api/v1/nodes' }, handlers().h);
    expect(socket.sent.at(-1)).toMatchObject({ id: '3', path: '/api/v1/nodes' });
  });

  it('sends stop, and closes the socket a while after the last watch stops', () => {
    const stopA = connection.watch({ path: '/a' }, handlers().h);
    const stopB = connection.watch({ path: '/b' }, handlers().h);
    const socket = FakeWebSocket.last;
    socket.open();
    stopA();
    expect(socket.sent.at(-1)).toEqual({ id: '1', action: 'stop' });
    stopB();
    vi.advanceTimersByTime(499);
    expect(socket.closedByClient).toBe(false);
    // A new watch in the meantime keeps the socket.
    const stopC = connection.watch({ path: '/c' }, handlers().h);
    vi.advanceTimersByTime(1000);
    expect(socket.closedByClient).toBe(false);
    stopC();
    vi.advanceTimersByTime(500);
    expect(socket.closedByClient).toBe(true);
    expect(connection.size).toBe(0);
  });

  it('ends a watch on the server error or closed message', () => {
    const a = handlers();
    const b = handlers();
    connection.watch({ path: '/a' }, a.h);
    connection.watch({ path: '/b' }, b.h);
    const socket = FakeWebSocket.last;
    socket.open();
    socket.error('1', 410, 'Expired');
    socket.receive({ id: '2', closed: true });
    expect(a.calls.ends).toEqual([expect.objectContaining({ code: 410, reason: 'Expired' })]);
    expect(b.calls.ends).toEqual(['closed']);
    // Ended watches get nothing more.
    socket.event('1', 'ADDED', {});
    expect(a.calls.events).toEqual([]);
  });

  it('reconnects after a drop with a growing, bounded wait, then asks each watch to re-list', () => {
    const a = handlers();
    connection.watch({ path: '/a', resourceVersion: '1' }, a.h);
    FakeWebSocket.last.open();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      FakeWebSocket.last.drop();
      const before = FakeWebSocket.instances.length;
      let waited = 0;
      while (FakeWebSocket.instances.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
      // It could not connect: the socket fails before opening.
    }
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(a.calls.reconnects).toBe(0);
    FakeWebSocket.last.open();
    expect(a.calls.reconnects).toBe(1);
    // The owner starts a new watch after its re-list; the old one is forgotten.
    expect(connection.size).toBe(0);
    connection.watch({ path: '/a', resourceVersion: '7' }, a.h);
    expect(FakeWebSocket.last.sent).toEqual([
      { id: '2', action: 'watch', path: '/a', resourceVersion: '7' },
    ]);
  });

  it('gives up reconnecting when nobody watches any more', () => {
    const stop = connection.watch({ path: '/a' }, handlers().h);
    FakeWebSocket.last.open();
    FakeWebSocket.last.drop();
    stop();
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});
