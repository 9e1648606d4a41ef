import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { K8sList } from './k8s';
import { ListWatch, type ListWatchState } from './listWatch';
import { FakeWebSocket, object } from './testKit';
import { WatchConnection } from './watchConnection';

type Obj = ReturnType<typeof object>;

let connection: WatchConnection;
let lists: (K8sList<Obj> | Error)[];
let listCalls: number;
let states: ListWatchState<Obj>[];
let flushes: (() => void)[];

const PATH = '/apis/kubevirt.io/v1/namespaces/ns/virtualmachines';

const start = (extra: { retry?: { initialMs: number; maxMs: number } } = {}) => {
  const lw = new ListWatch<Obj>({
    list: async () => {
      listCalls += 1;
      const next = lists.shift();
      if (!next) throw new Error('no list prepared');
      if (next instanceof Error) throw next;
      return next;
    },
    watch: { path: PATH },
    connection,
    onChange: (state) => states.push(state),
    schedule: (flush) => flushes.push(flush),
    ...extra,
  });
  lw.start();
  return lw;
};

const listOf = (resourceVersion: string, ...items: Obj[]): K8sList<Obj> => ({
  items,
  metadata: { resourceVersion },
});
const names = (state?: ListWatchState<Obj>) => state?.items.map((i) => i.metadata.name);
const flush = () => flushes.splice(0).forEach((f) => f());
const last = () => states.at(-1);
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(1);
  FakeWebSocket.reset();
  connection = new WatchConnection({
    createSocket: (url) => new FakeWebSocket(url),
    url: () => 'ws://bff/k8s-watch',
    backoff: { initialMs: 100, maxMs: 1000 },
  });
  lists = [];
  listCalls = 0;
  states = [];
  flushes = [];
});

afterEach(() => {
  connection.dispose();
  vi.useRealTimers();
});

describe('ListWatch', () => {
  it('lists, then watches from the list version', async () => {
    lists.push(listOf('10', object('a', '3'), object('b', '4')));
    start();
    await settle();
    expect(last()).toEqual({
      items: [object('a', '3'), object('b', '4')],
      loaded: true,
      error: undefined,
      resourceVersion: '10',
    });
    FakeWebSocket.last.open();
    expect(FakeWebSocket.last.watchOf(PATH)).toMatchObject({ resourceVersion: '10' });
  });

  it('applies ADDED, MODIFIED and DELETED in order, by uid, once per burst', async () => {
    lists.push(listOf('10', object('a', '3'), object('b', '4')));
    start();
    await settle();
    const socket = FakeWebSocket.last;
    socket.open();
    const { id } = socket.watchOf(PATH);
    const before = states.length;
    socket.event(id, 'ADDED', object('c', '11'));
    socket.event(id, 'MODIFIED', object('a', '12'));
    socket.event(id, 'DELETED', object('b', '13'));
    // Recreated under the same name: a new uid is a new object, deleted after the add.
    socket.event(id, 'ADDED', object('b', '14', { uid: 'uid-b2' }));
    socket.event(id, 'DELETED', object('c', '15'));
    socket.event(id, 'ADDED', object('c', '16', { uid: 'uid-c2' }));
    expect(states).toHaveLength(before);
    flush();
    expect(states).toHaveLength(before + 1);
    expect(last()?.items).toEqual([
      object('a', '12'),
      object('b', '14', { uid: 'uid-b2' }),
      object('c', '16', { uid: 'uid-c2' }),
    ]);
    expect(last()?.resourceVersion).toBe('16');
  });

  it('keeps a list of 10k objects cheap: one change per burst, unchanged rows kept as they were', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => object(`vm-${i}`, '1'));
    lists.push(listOf('1', ...items));
    start();
    await settle();
    const socket = FakeWebSocket.last;
    socket.open();
    const { id } = socket.watchOf(PATH);
    const first = last();
    for (let i = 0; i < 500; i += 1) socket.event(id, 'MODIFIED', object(`vm-${i * 2}`, '2'));
    flush();
    expect(states.length).toBe(2);
    const next = last();
    expect(next?.items).toHaveLength(10_000);
    expect(next?.items[1]).toBe(first?.items[1]);
    expect(next?.items[0]).not.toBe(first?.items[0]);
    expect(next?.items[0]?.metadata.resourceVersion).toBe('2');
  });

  it('lists again and watches from the new version on 410 Expired', async () => {
    lists.push(listOf('10', object('a', '3')), listOf('50', object('a', '40'), object('z', '45')));
    start();
    await settle();
    const socket = FakeWebSocket.last;
    socket.open();
    socket.error(socket.watchOf(PATH).id, 410, 'Expired', 'too old resource version: 10 (45)');
    await settle();
    expect(listCalls).toBe(2);
    expect(names(last())).toEqual(['a', 'z']);
    expect(last()?.error).toBeUndefined();
    expect(socket.watchOf(PATH)).toMatchObject({ resourceVersion: '50' });
  });

  it('keeps objects unchanged across a re-list as they were', async () => {
    lists.push(
      listOf('10', object('a', '3'), object('b', '4')),
      listOf('20', object('a', '3'), object('b', '5')),
    );
    start();
    await settle();
    const first = last();
    FakeWebSocket.last.open();
    FakeWebSocket.last.receive({ id: FakeWebSocket.last.watchOf(PATH).id, closed: true });
    await settle();
    expect(last()?.items[0]).toBe(first?.items[0]);
    expect(last()?.items[1]).not.toBe(first?.items[1]);
  });

  it('lists again after the socket drops and comes back', async () => {
    lists.push(listOf('10', object('a', '3')), listOf('20', object('b', '15')));
    start();
    await settle();
    FakeWebSocket.last.open();
    FakeWebSocket.last.drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(listCalls).toBe(1);
    FakeWebSocket.last.open();
    await settle();
    expect(listCalls).toBe(2);
    expect(names(last())).toEqual(['b']);
    expect(FakeWebSocket.last.watchOf(PATH)).toMatchObject({ resourceVersion: '20' });
  });

  it('shows a refusal and stops; retries a failure the server may recover from', async () => {
    const refused = Object.assign(new Error('forbidden'), { code: 403 });
    lists.push(refused);
    const lw = start({ retry: { initialMs: 100, maxMs: 1000 } });
    await settle();
    expect(last()).toMatchObject({ loaded: true, error: refused });
    await vi.advanceTimersByTimeAsync(5000);
    expect(listCalls).toBe(1);
    lw.stop();

    const down = Object.assign(new Error('unavailable'), { code: 503 });
    lists.push(down, listOf('5', object('a', '1')));
    start({ retry: { initialMs: 100, maxMs: 1000 } });
    await settle();
    expect(last()?.error).toBe(down);
    await vi.advanceTimersByTimeAsync(100);
    expect(last()).toMatchObject({ loaded: true, error: undefined });
    expect(names(last())).toEqual(['a']);
  });

  it("shows the watch's refusal as a Status error", async () => {
    lists.push(listOf('10', object('a', '3')));
    start();
    await settle();
    FakeWebSocket.last.open();
    FakeWebSocket.last.error(
      FakeWebSocket.last.watchOf(PATH).id,
      403,
      'Forbidden',
      'no watch for you',
    );
    expect(last()?.error).toMatchObject({ code: 403, message: 'no watch for you' });
    expect(names(last())).toEqual(['a']);
  });

  it('stops its watch and ignores late answers once stopped', async () => {
    lists.push(listOf('10', object('a', '3')));
    const lw = start();
    await settle();
    FakeWebSocket.last.open();
    const { id } = FakeWebSocket.last.watchOf(PATH);
    FakeWebSocket.last.event(id, 'ADDED', object('b', '11'));
    lw.stop();
    flush();
    expect(FakeWebSocket.last.watches).toEqual([]);
    expect(names(last())).toEqual(['a']);
  });
});
