// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeRfb, FakeSocket } from './vncTestDoubles';
import VncPreview from './VncPreview';

vi.mock('./loadRfb', async () => {
  const { FakeRfb: Rfb } = await import('./vncTestDoubles');
  return { loadRfb: () => Promise.resolve(Rfb) };
});

beforeEach(() => {
  FakeSocket.all = [];
  FakeRfb.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => vi.unstubAllGlobals());

describe('VncPreview', () => {
  it('shows the screen view-only, scaled, without taking anyone’s session', async () => {
    render(<VncPreview namespace="ns" name="vm1" />);
    expect(screen.getByRole('status')).toBeInTheDocument();
    await waitFor(() => expect(FakeRfb.all).toHaveLength(1));
    const rfb = FakeRfb.all[0]!;
    expect(rfb.socket.url).toMatch(/\/console\/vnc\/ns\/vm1\?preserveSession=true$/);
    expect(rfb.viewOnly).toBe(true);
    expect(rfb.scaleViewport).toBe(true);
    expect(rfb.target).toBe(
      screen.getByRole('img', { name: 'Live preview of the VNC console of vm1' }),
    );
    rfb.connected();
    await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument());
  });

  it('says another viewer holds the console, and leaves it to them', async () => {
    render(<VncPreview namespace="ns" name="vm1" />);
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    act(() => FakeSocket.all[0]!.close(4409, 'Active VNC connection. Request denied.'));
    expect(await screen.findByText('Someone else is using this console')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeSocket.all).toHaveLength(1);
  });
});
