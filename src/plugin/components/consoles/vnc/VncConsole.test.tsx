// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import VncConsole from './VncConsole';
import { FakeRfb, FakeSocket } from './vncTestDoubles';

vi.mock('./loadRfb', async () => {
  const { FakeRfb: Rfb } = await import('./vncTestDoubles');
  return { loadRfb: () => Promise.resolve(Rfb) };
});

const last = <T,>(list: T[]): T => list[list.length - 1]!;
const keysSent = (rfb: FakeRfb) =>
  rfb.sendKey.mock.calls.map(([, code, down]) => `${down ? '+' : '-'}${code}`);

const renderConnected = async () => {
  render(<VncConsole namespace="ns" name="vm1" />);
  await waitFor(() => expect(FakeRfb.all).toHaveLength(1));
  const rfb = FakeRfb.all[0]!;
  rfb.connected();
  await screen.findByText('Connected');
  return rfb;
};

const closeWith = (code: number, reason = '') =>
  act(() => last(FakeSocket.all).close(code, reason));

beforeEach(() => {
  FakeSocket.all = [];
  FakeRfb.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('VncConsole', () => {
  it('opens its own socket with preserveSession and hands it to a shared RFB in the named screen', async () => {
    const rfb = await renderConnected();
    const socket = FakeSocket.all[0]!;
    expect(socket.url).toBe(
      'ws://localhost:3000/api/proxy/plugin/virtualization-plugin/bff/console/vnc/ns/vm1?preserveSession=true',
    );
    expect(socket.protocol).toBe('plain.kubevirt.io');
    expect(socket.binaryType).toBe('arraybuffer');
    expect(rfb.socket).toBe(socket);
    expect(rfb.options).toEqual({ shared: true });
    expect(rfb.target).toBe(screen.getByRole('application', { name: 'VNC console of vm1' }));
    expect(rfb.scaleViewport).toBe(true);
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeEnabled();
  });

  it('does not connect until asked when autoConnect is off', async () => {
    render(<VncConsole namespace="ns" name="vm1" autoConnect={false} />);
    expect(screen.getAllByText('Not connected').length).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(FakeRfb.all).toHaveLength(1));
  });

  it('offers Take over when another viewer holds the session, and takes it without preserveSession', async () => {
    render(<VncConsole namespace="ns" name="vm1" />);
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    closeWith(4409, 'Active VNC connection. Request denied.');
    expect(await screen.findByText('Someone else is using this console')).toBeInTheDocument();
    expect(
      screen.getByText('The cluster said: Active VNC connection. Request denied.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Take over' }));
    await waitFor(() => expect(FakeRfb.all).toHaveLength(2));
    expect(FakeSocket.all[1]!.url).not.toContain('preserveSession');
    FakeRfb.all[1]!.connected();
    expect(await screen.findByText('Connected')).toBeInTheDocument();
  });

  it('says when someone took the session over and reconnects only when asked, politely', async () => {
    await renderConnected();
    closeWith(4410);
    expect(await screen.findByText('Another viewer took over this console')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Take over' })).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeSocket.all).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    expect(FakeSocket.all[1]!.url).toContain('preserveSession=true');
  });

  it('waits for a VM that is not running and reconnects by itself with backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    render(<VncConsole namespace="ns" name="vm1" />);
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    closeWith(4412, 'VMI is paused');
    expect(await screen.findByText('The VM is not running')).toBeInTheDocument();
    expect((await screen.findAllByText('Reconnecting in 1 s…')).length).toBeGreaterThan(0);
    // Attempt 1 waits between 0.5 and 1 s (random 0: 0.5 s); then a fresh RFB on a fresh socket.
    await waitFor(() => expect(FakeRfb.all).toHaveLength(2), { timeout: 1500 });
    expect(FakeSocket.all[1]!.url).toContain('preserveSession=true');
  });

  it('reconnects by itself after the connection drops', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await renderConnected();
    closeWith(1006);
    expect(await screen.findByText('The connection to the console was lost')).toBeInTheDocument();
    await waitFor(() => expect(FakeRfb.all).toHaveLength(2), { timeout: 1500 });
  });

  it.each([
    [4403, 'You may not open this console'],
    [4404, 'The VM instance was not found'],
    [4501, 'This VM has no display'],
    [4401, 'You are not logged in'],
  ])('shows close code %i as "%s" and waits for the user', async (code, title) => {
    render(<VncConsole namespace="ns" name="vm1" />);
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    closeWith(code);
    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reconnect' })).toBeInTheDocument();
    expect(screen.queryByText(/Reconnecting in/)).not.toBeInTheDocument();
  });

  it('disconnects when asked and stays disconnected', async () => {
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(rfb.disconnect).toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Connect' })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('sends Ctrl+Alt+Del and the other keys of the menu', async () => {
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Send key' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Ctrl+Alt+Del' }));
    expect(rfb.sendCtrlAltDel).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Send key' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Ctrl+Alt+F2' }));
    expect(keysSent(rfb)).toEqual([
      '+ControlLeft',
      '+AltLeft',
      '+F2',
      '-F2',
      '-AltLeft',
      '-ControlLeft',
    ]);
    expect(rfb.sendKey.mock.calls[2]![0]).toBe(0xffbf);
  });

  it('holds a latched modifier until the next key', async () => {
    const rfb = await renderConnected();
    const ctrl = screen.getByRole('button', { name: 'Hold Ctrl until the next key' });
    await userEvent.click(ctrl);
    expect(ctrl).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Send key' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Esc' }));
    expect(keysSent(rfb)).toEqual(['+ControlLeft', '+Escape', '-Escape', '-ControlLeft']);
    expect(ctrl).toHaveAttribute('aria-pressed', 'false');
  });

  it('types the clipboard as keys through the guest layout and reports what it cannot type', async () => {
    const readText = vi.fn().mockResolvedValue('Hi→');
    vi.stubGlobal('navigator', { ...navigator, clipboard: { readText } });
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Paste' }));
    expect(
      await screen.findByText('Paste finished: 2 of 2 characters typed', {}, { timeout: 1000 }),
    ).toBeInTheDocument();
    expect(keysSent(rfb)).toEqual(['+ShiftLeft', '+KeyH', '-KeyH', '-ShiftLeft', '+KeyI', '-KeyI']);
    expect(
      screen.getByText('Skipped characters the English (US), Korean layout cannot type: →'),
    ).toBeInTheDocument();
  });

  it('asks for the text in a dialog when the browser refuses the clipboard, and can cancel typing', async () => {
    const readText = vi.fn().mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { readText } });
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Paste' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Text to type into the console' }),
      'aaaaaaaaaaaaaaaaaaaa',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Type text' }));
    expect(
      await screen.findByRole('progressbar', { name: /Typing pasted text: \d+ of 20 characters/ }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel paste' }));
    expect(
      await screen.findByText(/Paste cancelled after \d+ of 20 characters/),
    ).toBeInTheDocument();
    const typed = rfb.sendKey.mock.calls.length;
    expect(typed).toBeLessThan(40);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(rfb.sendKey.mock.calls.length).toBe(typed);
  });

  it('types for a French guest on the AZERTY keys', async () => {
    const readText = vi.fn().mockResolvedValue('a');
    vi.stubGlobal('navigator', { ...navigator, clipboard: { readText } });
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Guest keyboard layout' }));
    await userEvent.click(screen.getByRole('option', { name: 'French (AZERTY)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Paste' }));
    await screen.findByText('Paste finished: 1 of 1 characters typed');
    expect(keysSent(rfb)).toEqual(['+KeyQ', '-KeyQ']);
  });

  it('switches scaling and view-only on the live RFB', async () => {
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Scaling' }));
    await userEvent.click(screen.getByRole('option', { name: 'Original size (1:1)' }));
    expect(rfb.scaleViewport).toBe(false);
    await userEvent.click(screen.getByRole('switch', { name: 'View only' }));
    expect(rfb.viewOnly).toBe(true);
    expect(screen.getByRole('button', { name: 'Send key' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Paste' })).toBeDisabled();
  });

  it('starts view-only when asked to', async () => {
    render(<VncConsole namespace="ns" name="vm1" viewOnly />);
    await waitFor(() => expect(FakeRfb.all).toHaveLength(1));
    expect(FakeRfb.all[0]!.viewOnly).toBe(true);
    expect(screen.getByRole('switch', { name: 'View only' })).toBeChecked();
  });

  it('downloads a screenshot named after the VM and the time', async () => {
    const createObjectURL = vi.fn(() => 'blob:shot');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toMatch(/^vm1-\d{8}-\d{6}\.png$/);
      expect(this.href).toBe('blob:shot');
    });
    const rfb = await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Screenshot' }));
    expect(rfb.toBlob).toHaveBeenCalledWith(expect.any(Function), 'image/png');
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('goes full screen on the console with the keyboard locked, and back', async () => {
    const lock = vi.fn().mockResolvedValue(undefined);
    const unlock = vi.fn();
    vi.stubGlobal('navigator', { ...navigator, keyboard: { lock, unlock } });
    const shown: { element: Element | null } = { element: null };
    Object.defineProperty(document, 'fullscreenElement', {
      configurable: true,
      get: () => shown.element,
    });
    HTMLElement.prototype.requestFullscreen = vi.fn(function (this: HTMLElement) {
      shown.element = this;
      document.dispatchEvent(new Event('fullscreenchange'));
      return Promise.resolve();
    });
    document.exitFullscreen = vi.fn(() => {
      shown.element = null;
      document.dispatchEvent(new Event('fullscreenchange'));
      return Promise.resolve();
    });
    await renderConnected();
    await userEvent.click(screen.getByRole('button', { name: 'Full screen' }));
    await waitFor(() => expect(lock).toHaveBeenCalled());
    expect(shown.element).toContainElement(screen.getByRole('application'));
    await userEvent.click(await screen.findByRole('button', { name: 'Exit full screen' }));
    expect(unlock).toHaveBeenCalled();
    expect(await screen.findByRole('button', { name: 'Full screen' })).toBeInTheDocument();
  });
});
