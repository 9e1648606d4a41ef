// Test doubles for the VNC console's tests: a WebSocket and noVNC's RFB driven by hand.
import { act } from '@testing-library/react';
import { vi } from 'vitest';

/** A WebSocket the test opens and closes by hand. */
export class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];
  binaryType = 'blob';
  readyState = 0;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    super();
    FakeSocket.all.push(this);
  }
  close(code = 1005, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code, reason }));
  }
}

/** noVNC's RFB as far as the console uses it. */
export class FakeRfb extends EventTarget {
  static all: FakeRfb[] = [];
  scaleViewport = false;
  viewOnly = false;
  sendKey = vi.fn();
  sendCtrlAltDel = vi.fn();
  focus = vi.fn();
  toBlob = vi.fn((callback: (blob: Blob | null) => void) =>
    callback(new Blob(['png'], { type: 'image/png' })),
  );
  disconnect = vi.fn(() => this.socket.close(1000));
  constructor(
    readonly target: HTMLElement,
    readonly socket: FakeSocket,
    readonly options: unknown,
  ) {
    super();
    FakeRfb.all.push(this);
  }
  /** The server finished the RFB handshake. */
  connected() {
    act(() => void this.dispatchEvent(new Event('connect')));
  }
}
