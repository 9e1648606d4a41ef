// One L2 segment on this host: a learning Ethernet switch over UDP on 127.0.0.1. Each guest NIC
// on the segment is a QEMU `-netdev dgram` tunnel that sends its frames from its own port to the
// switch's port; the switch learns which port each source MAC lives behind, forwards unicast
// frames to that port, and floods broadcast, multicast and unknown destinations to every other
// port, as a bridge does.
import dgram from 'node:dgram';

const HOST = '127.0.0.1';
const ETHERNET_HEADER = 14;

const macAt = (frame: Buffer, offset: number) =>
  [...frame.subarray(offset, offset + 6)].map((b) => b.toString(16).padStart(2, '0')).join(':');

/** A UDP port on 127.0.0.1 that was free a moment ago (QEMU binds it next). */
export const freeUdpPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, HOST, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });

export interface SwitchStats {
  /** Frames received from ports. */
  received: number;
  /** Frames sent to ports (a flood counts once per port). */
  sent: number;
  /** Frames dropped: too short, or from a port that is not attached. */
  dropped: number;
}

export class UdpSwitch {
  readonly stats: SwitchStats = { received: 0, sent: 0, dropped: 0 };
  private readonly ports = new Set<number>();
  /** MAC → the port it was last seen on. */
  private readonly table = new Map<string, number>();

  private constructor(
    private readonly socket: dgram.Socket,
    /** The UDP port the switch listens on (every NIC's `remote.port`). */
    readonly port: number,
  ) {
    socket.on('message', (frame, from) => this.forward(frame, from));
    socket.on('error', () => undefined);
  }

  static start(): Promise<UdpSwitch> {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, HOST, () => {
        socket.off('error', reject);
        resolve(new UdpSwitch(socket, socket.address().port));
      });
    });
  }

  /** Connects a NIC: its tunnel's local port. Frames from ports not attached are dropped. */
  attach(port: number) {
    this.ports.add(port);
  }

  detach(port: number) {
    this.ports.delete(port);
    for (const [mac, at] of this.table) if (at === port) this.table.delete(mac);
  }

  get attached(): number[] {
    return [...this.ports];
  }

  /** Where the switch last saw `mac` (lower-case colon form). */
  portOf(mac: string): number | undefined {
    return this.table.get(mac);
  }

  close(): Promise<void> {
    this.ports.clear();
    this.table.clear();
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }

  private forward(frame: Buffer, from: dgram.RemoteInfo) {
    this.stats.received++;
    if (from.address !== HOST || !this.ports.has(from.port) || frame.length < ETHERNET_HEADER) {
      this.stats.dropped++;
      return;
    }
    const source = macAt(frame, 6);
    // A multicast source is invalid; never learn it.
    if (((frame[6] ?? 0) & 1) === 0) this.table.set(source, from.port);
    const group = ((frame[0] ?? 0) & 1) === 1;
    const known = group ? undefined : this.table.get(macAt(frame, 0));
    if (known === from.port) return;
    const targets = known !== undefined ? [known] : [...this.ports].filter((p) => p !== from.port);
    for (const port of targets) {
      this.stats.sent++;
      this.socket.send(frame, port, HOST);
    }
  }
}
