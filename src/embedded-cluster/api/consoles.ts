import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { ConsoleUnavailableError, type VmRuntime } from '../controllers/vmRuntime';
import { VMIS } from '../controllers/vmiController';
import type { ObjectStore } from '../store/objectStore';
import { ApiError } from './errors';

/** The only subprotocol KubeVirt's console and VNC WebSockets speak. */
export const KUBEVIRT_CONSOLE_PROTOCOL = 'plain.kubevirt.io';

/**
 * `virtualmachineinstances/NAME/console` and `/vnc` as virt-api serves them: a WebSocket whose
 * binary frames carry the serial or RFB bytes (text frames are dropped, as KubeVirt does).
 */
export const openConsoleSocket = (
  store: ObjectStore,
  runtime: VmRuntime,
  wss: WebSocketServer,
  target: { namespace: string; name: string; kind: 'serial' | 'vnc'; preserveSession: boolean },
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
) => {
  const vmi = store.get(VMIS, target.namespace, target.name);
  if (!vmi) {
    throw new ApiError(
      404,
      'NotFound',
      `virtualmachineinstance.kubevirt.io "${target.name}" not found`,
      { name: target.name, group: 'kubevirt.io', kind: 'virtualmachineinstances' },
    );
  }
  if ((vmi.status as { phase?: string } | undefined)?.phase !== 'Running') {
    throw new ApiError(
      400,
      'BadRequest',
      `Unable to connect to VM because phase is ${(vmi.status as { phase?: string } | undefined)?.phase ?? 'Pending'} instead of Running`,
    );
  }
  let stream;
  try {
    stream = runtime.openConsole(`${target.namespace}/${target.name}`, target.kind, {
      preserveSession: target.preserveSession,
    });
  } catch (error) {
    if (error instanceof ConsoleUnavailableError) {
      throw new ApiError(
        error.status,
        error.status === 503
          ? 'ServiceUnavailable'
          : error.status === 409
            ? 'Conflict'
            : 'NotFound',
        error.message,
      );
    }
    throw error;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    stream.onData((data) => {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    });
    stream.onClose(() => ws.close(1000, 'console closed'));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return;
      stream.write(
        Buffer.isBuffer(data)
          ? data
          : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]),
      );
    });
    ws.on('close', () => stream.close());
    ws.on('error', () => stream.close());
  });
};
