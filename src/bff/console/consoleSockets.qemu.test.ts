import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleCloseKind } from '../../common/consoleSocket';
import { QemuVmRuntime } from '../../embedded-cluster/controllers/qemuVmRuntime';
import {
  ConsoleClient,
  fullUpdateRequest,
  ORIGIN,
  rfbHandshake,
  serveConsoles,
  startQemuVm,
  type QemuVm,
} from './testSupport';

// The console sockets bridged to a real QEMU guest of the embedded cluster: the serial shell
// answers what is typed, VNC speaks RFB up to a framebuffer update, one VNC viewer at a time.
const skipReason = QemuVmRuntime.available()
  ? undefined
  : 'QEMU or the guest image is missing (node scripts/guest-image.mjs sets them up)';

let dir: string;
let vm: QemuVm;
let base: string;
let closeBff: () => Promise<void>;
const clients: ConsoleClient[] = [];

const open = (kind: 'vnc' | 'serial', query = '') => {
  const client = new ConsoleClient(
    `${base}${kind}/${vm.namespace}/${vm.name}${query}`,
    { origin: ORIGIN, authorization: vm.admin },
    ['plain.kubevirt.io'],
  );
  clients.push(client);
  return client;
};

describe.skipIf(skipReason !== undefined)(
  `console sockets to a QEMU guest${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'bff-console-qemu-'));
      vm = await startQemuVm(dir, 'bff-console');
      ({ base, close: closeBff } = await serveConsoles(vm.connection));
    }, 60_000);
    afterEach(() => {
      for (const client of clients.splice(0)) client.ws.terminate();
    });
    afterAll(async () => {
      await closeBff?.();
      await vm?.cluster.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('carries the serial console: the guest answers a typed command', async () => {
      const serial = open('serial');
      await serial.opened;
      serial.sendBinary('echo bff-$((6*7))\r');
      // The typed line echoes as `bff-$((6*7))`; only the shell's answer reads bff-42.
      await serial.untilText(/bff-42/);
    }, 20_000);

    it('carries VNC: the RFB handshake, then a whole framebuffer; a second viewer preserving the session is told it is in use', async () => {
      const viewer = open('vnc');
      await viewer.opened;
      const screen = await rfbHandshake(viewer);
      expect(screen.width).toBeGreaterThan(0);
      expect(screen.height).toBeGreaterThan(0);
      viewer.sendBinary(fullUpdateRequest(screen));
      const pixels = screen.width * screen.height * screen.bytesPerPixel;
      await viewer.until(() => viewer.length >= screen.offset + 4 + pixels);
      expect(viewer.bytes[screen.offset]).toBe(0); // FramebufferUpdate

      const second = await open('vnc', '?preserveSession=true').closed;
      expect(consoleCloseKind(second.code)).toBe('session-in-use');
      expect(second.reason).toMatch(/Active VNC connection/);
      expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);

      // Without preserveSession the newcomer takes over and the first viewer learns why.
      const third = open('vnc');
      expect(consoleCloseKind((await viewer.closed).code)).toBe('session-taken');
      const again = await rfbHandshake(third);
      expect(again.width).toBe(screen.width);
    }, 30_000);
  },
);
