// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SerialConsole from './SerialConsole';

/** A stand-in for xterm's Terminal: records writes, lets the test type and select. */
class FakeTerminal {
  static last: FakeTerminal | undefined;
  options: Record<string, unknown>;
  written = '';
  rows = 24;
  cols = 80;
  selection = '';
  modes = { bracketedPasteMode: false };
  textarea: HTMLTextAreaElement | undefined;
  focus = vi.fn();
  dispose = vi.fn();
  #data = new Set<(data: string) => void>();
  constructor(options: Record<string, unknown>) {
    this.options = options;
    FakeTerminal.last = this;
  }
  loadAddon() {}
  open(element: HTMLElement) {
    this.textarea = document.createElement('textarea');
    element.append(this.textarea);
  }
  write(text: string) {
    this.written += text;
    // Like xterm.js: answer a cursor position query through onData.
    if (text.includes('\u001b[6n')) this.type('\u001b[1;5R');
  }
  onData(listener: (data: string) => void) {
    this.#data.add(listener);
    return { dispose: () => this.#data.delete(listener) };
  }
  onBinary() {
    return { dispose: () => {} };
  }
  type(data: string) {
    this.#data.forEach((listener) => listener(data));
  }
  hasSelection() {
    return this.selection !== '';
  }
  getSelection() {
    return this.selection;
  }
  get buffer() {
    const lines = this.written.split('\r\n');
    return {
      active: {
        length: lines.length,
        getLine: (i: number) => ({
          isWrapped: false,
          translateToString: () => lines[i] ?? '',
        }),
      },
    };
  }
}

const fit = vi.fn();
const search = {
  findNext: vi.fn(() => true),
  findPrevious: vi.fn(() => true),
  clearDecorations: vi.fn(),
};

vi.mock('./loadXterm', () => ({
  loadXterm: vi.fn(async () => ({
    Terminal: FakeTerminal,
    FitAddon: class {
      fit = fit;
    },
    SearchAddon: class {
      findNext = search.findNext;
      findPrevious = search.findPrevious;
      clearDecorations = search.clearDecorations;
    },
  })),
}));

class FakeSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  closedWith: number | undefined;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this);
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = FakeSocket.CLOSED;
  }
  // Server side:
  open() {
    this.readyState = FakeSocket.OPEN;
    act(() => this.onopen?.());
  }
  receive(bytes: Uint8Array | string) {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    act(() => this.onmessage?.({ data: data.slice().buffer }));
  }
  serverClose(code: number, reason = '') {
    this.readyState = FakeSocket.CLOSED;
    act(() => this.onclose?.({ code, reason }));
  }
  sentText() {
    return this.sent.map((bytes) => new TextDecoder().decode(bytes as Uint8Array)).join('');
  }
}

/** jsdom's Blob has no text(). */
const readBlob = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

const lastSocket = () => FakeSocket.all[FakeSocket.all.length - 1]!;

const BASE =
  'ws://localhost:3000/api/proxy/plugin/virtualization-plugin/bff/console/serial/ns1/vm1';

const renderConsole = async (props: { autoConnect?: boolean } = {}) => {
  render(<SerialConsole namespace="ns1" name="vm1" {...props} />);
  await screen.findByRole('button', { name: 'Copy' });
  await waitFor(() => expect(screen.getByRole('button', { name: 'Copy' })).toBeEnabled());
};

const connected = async () => {
  await renderConsole();
  const socket = lastSocket();
  socket.open();
  return socket;
};

beforeEach(() => {
  FakeSocket.all = [];
  FakeTerminal.last = undefined;
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  window.history.replaceState(null, '', 'http://localhost:3000/k8s/ns/ns1/vms/vm1');
  // jsdom lays nothing out: give the terminal's panel a size so it is fitted.
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('SerialConsole', () => {
  it('loads the terminal with a large scroll-back and names it after the VM', async () => {
    await renderConsole();
    expect(FakeTerminal.last?.options.scrollback).toBe(10_000);
    expect(screen.getByRole('group', { name: 'Serial console of vm1' })).toBeInTheDocument();
    expect(FakeTerminal.last?.textarea).toHaveAttribute('aria-label', 'Serial console of vm1');
    expect(fit).toHaveBeenCalled();
  });

  it('connects at once with the kubevirt subprotocol, binary frames and preserveSession', async () => {
    await renderConsole();
    const socket = lastSocket();
    expect(socket.url).toBe(`${BASE}?preserveSession=true`);
    expect(socket.protocol).toBe('plain.kubevirt.io');
    expect(socket.binaryType).toBe('arraybuffer');
    expect(screen.getByText('Connecting')).toBeInTheDocument();
    socket.open();
    expect(screen.getByText('Connected')).toBeInTheDocument();
  });

  it('waits for the Connect button when autoConnect is false', async () => {
    const user = userEvent.setup();
    await renderConsole({ autoConnect: false });
    expect(FakeSocket.all).toHaveLength(0);
    expect(screen.getByText('Not connected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('shows the boot log and decodes UTF-8 split across frames', async () => {
    const socket = await connected();
    const bytes = new TextEncoder().encode('Booting…\r\nGrüße\r\n');
    socket.receive(bytes.slice(0, 9)); // cuts "…" in the middle
    socket.receive(bytes.slice(9));
    expect(FakeTerminal.last?.written).toBe('Booting…\r\nGrüße\r\n');
  });

  it('sends typed input and the answer to ESC[6n as binary bytes, never text', async () => {
    const socket = await connected();
    act(() => FakeTerminal.last?.type('ls\r'));
    socket.receive('/ # \u001b[6n');
    expect(socket.sent.every((frame) => ArrayBuffer.isView(frame))).toBe(true);
    expect(socket.sentText()).toBe('ls\r\u001b[1;5R');
  });

  it('offers Take over when another viewer holds the session, and takes over without preserveSession', async () => {
    const user = userEvent.setup();
    const socket = await connected();
    socket.serverClose(4409, 'Active serial connection. Request denied.');
    expect(screen.getByText('Someone else is using this serial console.')).toBeInTheDocument();
    expect(screen.getByText('Active serial connection. Request denied.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Take over' }));
    expect(lastSocket().url).toBe(BASE);
  });

  it('offers Reconnect when the session was taken, and does not reconnect by itself', async () => {
    const user = userEvent.setup();
    const socket = await connected();
    socket.serverClose(4410);
    expect(screen.getByText('Another viewer took over this serial console.')).toBeInTheDocument();
    expect(screen.queryByText(/Reconnecting in/)).not.toBeInTheDocument();
    const alert = screen
      .getByText('Another viewer took over this serial console.')
      .closest('.pf-v6-c-alert');
    await user.click(within(alert as HTMLElement).getByRole('button', { name: 'Reconnect' }));
    expect(FakeSocket.all).toHaveLength(2);
    expect(lastSocket().url).toBe(`${BASE}?preserveSession=true`);
  });

  it('shows forbidden without retrying', async () => {
    const socket = await connected();
    vi.useFakeTimers();
    socket.serverClose(4403);
    expect(
      screen.getByText('You are not allowed to open this serial console.'),
    ).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(120_000));
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('reconnects by itself with a growing, bounded wait when the connection drops', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    const socket = await connected();
    vi.useFakeTimers();
    socket.serverClose(4503);
    expect(screen.getByText('The serial console cannot be reached.')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(10));
    expect(screen.getByText('Reconnecting in 1 s…')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1000));
    expect(FakeSocket.all).toHaveLength(2);
    lastSocket().serverClose(1006); // refused again before any data: wait longer
    act(() => vi.advanceTimersByTime(10));
    expect(screen.getByText('Reconnecting in 2 s…')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1989));
    expect(FakeSocket.all).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSocket.all).toHaveLength(3);
    for (let i = 0; i < 10; i++) {
      lastSocket().serverClose(4412);
      act(() => vi.advanceTimersByTime(30_000));
    }
    expect(FakeSocket.all).toHaveLength(13);
    lastSocket().serverClose(4412);
    act(() => vi.advanceTimersByTime(10));
    expect(screen.getByText('The virtual machine is not running.')).toBeInTheDocument();
    expect(screen.getByText('Reconnecting in 30 s…')).toBeInTheDocument();
  });

  it('Disconnect closes the socket and cancels a pending reconnect', async () => {
    const user = userEvent.setup();
    const socket = await connected();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(socket.closedWith).toBe(1000);
    expect(screen.getByText('Disconnected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(FakeSocket.all).toHaveLength(2);
    lastSocket().serverClose(4503);
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('copies the selection, or everything when nothing is selected', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const socket = await connected();
    socket.receive('line one\r\nline two\r\n');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenLastCalledWith('line one\nline two');
    expect(await screen.findByText('Console text copied')).toBeInTheDocument();
    FakeTerminal.last!.selection = 'two';
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenLastCalledWith('two');
  });

  it('pastes clipboard text as input, bracketed when the guest asked for it', async () => {
    const user = userEvent.setup();
    const socket = await connected();
    vi.spyOn(navigator.clipboard, 'readText').mockResolvedValue('echo hi\n');
    await user.click(screen.getByRole('button', { name: 'Paste' }));
    expect(socket.sentText()).toBe('echo hi\r');
    FakeTerminal.last!.modes.bracketedPasteMode = true;
    await user.click(screen.getByRole('button', { name: 'Paste' }));
    expect(socket.sentText()).toBe('echo hi\r\u001b[200~echo hi\r\u001b[201~');
  });

  it('asks for the text in a dialog when the browser refuses the clipboard', async () => {
    const user = userEvent.setup();
    const socket = await connected();
    vi.spyOn(navigator.clipboard, 'readText').mockRejectedValue(new DOMException('denied'));
    await user.click(screen.getByRole('button', { name: 'Paste' }));
    const dialog = await screen.findByRole('dialog', { name: 'Paste to the serial console' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Text to send' }), 'uname -a');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(socket.sentText()).toBe('uname -a');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('sends stty with the terminal size', async () => {
    const user = userEvent.setup();
    const socket = await connected();
    FakeTerminal.last!.rows = 37;
    FakeTerminal.last!.cols = 120;
    await user.click(screen.getByRole('button', { name: 'Set terminal size' }));
    expect(socket.sentText()).toBe('stty rows 37 cols 120\r');
  });

  it('searches forwards and backwards', async () => {
    const user = userEvent.setup();
    await connected();
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const box = screen.getByRole('textbox', { name: 'Search the serial console' });
    expect(box).toHaveFocus();
    await user.type(box, 'login');
    expect(search.findNext).toHaveBeenLastCalledWith('login', { incremental: true });
    await user.click(screen.getByRole('button', { name: 'Previous match' }));
    expect(search.findPrevious).toHaveBeenLastCalledWith('login');
    search.findNext.mockReturnValueOnce(false);
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByText('No matches')).toBeInTheDocument();
  });

  it('downloads everything received since it opened, across reconnects, without escapes', async () => {
    const user = userEvent.setup();
    let saved: Blob | undefined;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved = blob;
      return 'blob:transcript';
    });
    URL.revokeObjectURL = vi.fn();
    let fileName = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      fileName = this.download;
    });
    const socket = await connected();
    socket.receive('\u001b[32mBoot\u001b[0m ok\r\n/ # ');
    socket.serverClose(1000);
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    lastSocket().open();
    lastSocket().serverClose(1000); // accepted, then closed before any output: no mark
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    lastSocket().open();
    lastSocket().receive('again\r\n');
    await user.click(screen.getByRole('button', { name: 'Download transcript' }));
    expect(fileName).toMatch(/^vm1-serial-\d{8}-\d{6}\.txt$/);
    expect(await readBlob(saved!)).toBe('Boot ok\n/ # \n--- Reconnected ---\nagain\n');
  });
});
