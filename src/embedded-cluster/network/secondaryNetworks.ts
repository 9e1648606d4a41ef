// The L2 segments of secondary networks: one UdpSwitch per NetworkAttachmentDefinition
// (`namespace/name`), started when the first NIC attaches and closed when the last one leaves.
import { freeUdpPort, UdpSwitch } from './udpSwitch';

/** A NIC's place on a segment: QEMU's `-netdev dgram` local and remote ports. */
export interface SegmentPort {
  network: string;
  localPort: number;
  remotePort: number;
  release(): Promise<void>;
}

export class SecondaryNetworks {
  private readonly switches = new Map<string, Promise<UdpSwitch>>();

  /** Gives a NIC a port on the segment of `network` (a NAD's `namespace/name`). */
  async attach(network: string): Promise<SegmentPort> {
    let pending = this.switches.get(network);
    if (!pending) {
      pending = UdpSwitch.start();
      this.switches.set(network, pending);
    }
    const hub = await pending;
    const localPort = await freeUdpPort();
    hub.attach(localPort);
    let released = false;
    return {
      network,
      localPort,
      remotePort: hub.port,
      release: async () => {
        if (released) return;
        released = true;
        hub.detach(localPort);
        if (hub.attached.length === 0 && this.switches.get(network) === pending) {
          this.switches.delete(network);
          await hub.close();
        }
      },
    };
  }

  /** The switch of a segment, while it has NICs (tests and diagnostics). */
  async segment(network: string): Promise<UdpSwitch | undefined> {
    return this.switches.get(network);
  }

  async closeAll() {
    const all = [...this.switches.values()];
    this.switches.clear();
    for (const pending of all) await (await pending).close();
  }
}
