// Builds QEMU's command line for a VMI from a plain spec. Pure: no processes, no files.
// The flags are the ones measured to work on this kind of machine (shared/FACTS.md,
// "QEMU guest"): TCG by default, no default devices, std VGA, VNC, serial and QMP on unix
// sockets in the VM's run directory, user-mode networking per NIC.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export type DiskFormat = 'raw' | 'qcow2';
export type DiskBus = 'virtio' | 'sata' | 'scsi';

export interface DiskSpec {
  path: string;
  format: DiskFormat;
  bus: DiskBus;
  readOnly?: boolean;
  /** The serial number the guest sees (virtio-blk keeps the first 20 characters). */
  serial?: string;
  bootOrder?: number;
  /** QEMU device id (see {@link qemuId}); default `disk0`, `disk1`, … */
  id?: string;
  /**
   * A CD-ROM (`ide-cd` on SATA, `scsi-cd` on SCSI; always read-only). Default: a read-only SATA
   * disk is a CD-ROM, as before this flag existed.
   */
  cdrom?: boolean;
}

export type NicModel = 'virtio' | 'e1000' | 'e1000e' | 'rtl8139';

export interface NicSpec {
  model: NicModel;
  mac?: string;
  /** QEMU device id; default `net0`, `net1`, … */
  id?: string;
  /**
   * The NIC's backend: user-mode networking (default), or a UDP tunnel to a switch on this host
   * (`-netdev dgram`): frames go from 127.0.0.1:`localPort` to 127.0.0.1:`remotePort`.
   */
  dgram?: { localPort: number; remotePort: number };
  /** The PCI slot on the `pc` machine's bus (a migration target keeps the source's). */
  addr?: number;
}

export interface QemuSpec {
  /** Directory for the sockets, pidfile and qemu.log; keep it short (unix socket paths ≤ 107 bytes). */
  runDir: string;
  name: string;
  namespace: string;
  os?: string;
  memoryMiB?: number;
  cpus?: number;
  disks?: DiskSpec[];
  nics?: NicSpec[];
  /** Start with the CPUs stopped (`-S`), as `spec.startStrategy: Paused` does. */
  paused?: boolean;
  /** Use KVM instead of TCG. Opt-in only: nested KVM does not work on this kind of machine. */
  kvm?: boolean;
  /** Migration target: `unix:/path`, `tcp:host:port` or `defer` (then `migrateIncoming`). */
  incomingURI?: string;
  /** Direct kernel boot. Without `kernel` the guest boots from its disks. */
  kernel?: string;
  initrd?: string;
  append?: string;
  /** Add the virtio-scsi controller for disk hot-plug even without a SCSI disk (default true). */
  hotplug?: boolean;
  /**
   * A virtio memory balloon (`balloon0`, as KubeVirt gives every VM one), through which a guest
   * with the virtio_balloon driver reports its memory statistics.
   */
  balloon?: boolean;
}

export interface QemuLimits {
  /** Upper bound for guest RAM (default 256 MiB); the lower bound is always 96 MiB. */
  maxMemoryMiB?: number;
  /** Upper bound for vCPUs (default 2). */
  maxCpus?: number;
}

export interface QemuPaths {
  vnc: string;
  serial: string;
  qmp: string;
  pidfile: string;
  log: string;
}

export interface QemuCommand {
  args: string[];
  memoryMiB: number;
  cpus: number;
  paths: QemuPaths;
  /** Device ids of the disks, in spec order. */
  diskIds: string[];
  /** Whether the `scsi0` virtio-scsi controller exists (needed by `hotplugDisk`). */
  scsiController: boolean;
}

export const MIN_MEMORY_MIB = 96;
export const DEFAULT_MEMORY_MIB = 128;
export const DEFAULT_MAX_MEMORY_MIB = 256;
export const DEFAULT_MAX_CPUS = 2;
/** The controller hot-plugged SCSI disks attach to. */
export const SCSI_BUS = 'scsi0.0';
/** The memory balloon's device id and PCI slot (the last one of the `pc` machine's bus). */
export const BALLOON_ID = 'balloon0';
const BALLOON_SLOT = 31;
/** sun_path holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH = 107;

const NIC_DRIVERS: Record<NicModel, string> = {
  virtio: 'virtio-net-pci',
  e1000: 'e1000',
  e1000e: 'e1000e',
  rtl8139: 'rtl8139',
};

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** Whether QEMU accepts `id` as a device id or node name's base. */
export const isValidQemuId = (id: string): boolean => ID_PATTERN.test(id);

/** A QEMU id for a KubeVirt name (which may start with a digit): `ua-NAME`, as KubeVirt does. */
export const qemuId = (name: string): string => `ua-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;

/** Block node names are limited to 31 characters; derive a short stable one from the device id. */
export const nodeNameFor = (deviceId: string): string =>
  `n${createHash('sha256').update(deviceId).digest('hex').slice(0, 24)}`;

export const capMemory = (requested: number | undefined, max = DEFAULT_MAX_MEMORY_MIB): number => {
  const upper = Math.max(MIN_MEMORY_MIB, max);
  const value =
    requested !== undefined && Number.isFinite(requested)
      ? Math.floor(requested)
      : DEFAULT_MEMORY_MIB;
  return Math.min(upper, Math.max(MIN_MEMORY_MIB, value));
};

export const capCpus = (requested: number | undefined, max = DEFAULT_MAX_CPUS): number => {
  const value = requested !== undefined && Number.isFinite(requested) ? Math.floor(requested) : 1;
  return Math.min(Math.max(1, max), Math.max(1, value));
};

export const qemuPaths = (runDir: string): QemuPaths => ({
  vnc: join(runDir, 'vnc.sock'),
  serial: join(runDir, 'serial.sock'),
  qmp: join(runDir, 'qmp.sock'),
  pidfile: join(runDir, 'qemu.pid'),
  log: join(runDir, 'qemu.log'),
});

/** Escapes a value for QEMU's comma-separated option syntax. */
const optionValue = (value: string) => value.replaceAll(',', ',,');

const json = (value: Record<string, unknown>) => JSON.stringify(value);

/** The `blockdev-add` arguments for a disk image (also used for hot-plug). */
export const blockdevOptions = (
  nodeName: string,
  path: string,
  format: DiskFormat,
  readOnly = false,
): Record<string, unknown> => ({
  driver: format,
  'node-name': nodeName,
  'read-only': readOnly,
  file: { driver: 'file', filename: path, 'read-only': readOnly },
});

const checkPorts = (id: string, tunnel: NicSpec['dgram']) => {
  if (!tunnel) return;
  for (const port of [tunnel.localPort, tunnel.remotePort])
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`Invalid UDP port ${port} for NIC ${id}`);
};

/** The id of a NIC's backend (`-netdev`) for the NIC's device id. */
export const netdevIdFor = (nicId: string) => `${nicId}-backend`;

/** The `netdev_add` arguments of a NIC's backend (hot-plug): user mode or a UDP tunnel. */
export const netdevOptions = (id: string, nic: NicSpec): Record<string, unknown> => {
  checkPorts(id, nic.dgram);
  const inet = (port: number) => ({ type: 'inet', host: '127.0.0.1', port: String(port) });
  return nic.dgram
    ? {
        type: 'dgram',
        id: netdevIdFor(id),
        local: inet(nic.dgram.localPort),
        remote: inet(nic.dgram.remotePort),
      }
    : { type: 'user', id: netdevIdFor(id) };
};

/** The `-device` / `device_add` properties of a NIC. */
export const nicDeviceOptions = (id: string, nic: NicSpec): Record<string, unknown> => {
  const device: Record<string, unknown> = {
    driver: NIC_DRIVERS[nic.model] ?? 'virtio-net-pci',
    id,
    netdev: netdevIdFor(id),
  };
  if (nic.mac) device.mac = nic.mac;
  if (nic.addr !== undefined) {
    if (!Number.isInteger(nic.addr) || nic.addr < 1 || nic.addr > 31)
      throw new Error(`Invalid PCI slot ${nic.addr} for NIC ${id}`);
    device.addr = `0x${nic.addr.toString(16)}`;
  }
  return device;
};

export const buildQemuCommand = (spec: QemuSpec, limits: QemuLimits = {}): QemuCommand => {
  const paths = qemuPaths(spec.runDir);
  for (const socket of [paths.vnc, paths.serial, paths.qmp]) {
    if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
      throw new Error(
        `Unix socket path too long (${Buffer.byteLength(socket)} > ${MAX_SOCKET_PATH} bytes): ${socket}; use a shorter runDir`,
      );
    }
  }
  const memoryMiB = capMemory(spec.memoryMiB, limits.maxMemoryMiB);
  const cpus = capCpus(spec.cpus, limits.maxCpus);
  const disks = spec.disks ?? [];
  const nics = spec.nics ?? [];
  const scsiController = spec.hotplug !== false || disks.some((disk) => disk.bus === 'scsi');

  const args = [
    '-name',
    // debug-threads names the vCPU threads (`CPU 0/TCG`) so their schedstat can be read for metrics.
    `${optionValue(`guest=${spec.namespace}/${spec.name}`)},debug-threads=on`,
    '-machine',
    'pc',
    '-accel',
    spec.kvm ? 'kvm' : 'tcg',
    '-m',
    String(memoryMiB),
    '-smp',
    String(cpus),
    '-display',
    'none',
    '-nodefaults',
    '-no-user-config',
    '-vga',
    'std',
    '-vnc',
    `unix:${optionValue(paths.vnc)}`,
    '-serial',
    `unix:${optionValue(paths.serial)},server=on,wait=off`,
    '-qmp',
    `unix:${optionValue(paths.qmp)},server=on,wait=off`,
    '-pidfile',
    paths.pidfile,
  ];
  if (spec.kernel) {
    args.push('-kernel', spec.kernel);
    if (spec.initrd) args.push('-initrd', spec.initrd);
    if (spec.append) args.push('-append', spec.append);
  }
  // Stopped CPUs until the serial console and QMP are connected, so no boot output is lost;
  // QemuProcess then sends `cont` unless the spec asks for a paused start. A migration target
  // starts on its own when the migration completes.
  if (spec.paused || !spec.incomingURI) args.push('-S');
  if (spec.incomingURI) args.push('-incoming', spec.incomingURI);

  if (scsiController) args.push('-device', json({ driver: 'virtio-scsi-pci', id: 'scsi0' }));
  if (disks.some((disk) => disk.bus === 'sata')) {
    args.push('-device', json({ driver: 'ich9-ahci', id: 'sata0' }));
  }

  const diskIds: string[] = [];
  let sataPort = 0;
  disks.forEach((disk, index) => {
    const id = disk.id ?? `disk${index}`;
    if (!isValidQemuId(id)) throw new Error(`Invalid QEMU device id ${JSON.stringify(id)}`);
    if (diskIds.includes(id)) throw new Error(`Duplicate disk id ${id}`);
    diskIds.push(id);
    const node = nodeNameFor(id);
    const readOnly = disk.readOnly === true || disk.cdrom === true;
    args.push('-blockdev', json(blockdevOptions(node, disk.path, disk.format, readOnly)));
    const device: Record<string, unknown> = { id, drive: node };
    if (disk.bus === 'virtio') {
      device.driver = 'virtio-blk-pci';
      if (disk.serial) device.serial = disk.serial.slice(0, 20);
    } else if (disk.bus === 'sata') {
      // A read-only SATA disk is a CD-ROM, as KubeVirt's `cdrom` disks are.
      if (sataPort >= 6) throw new Error('At most 6 SATA disks');
      device.driver = (disk.cdrom ?? disk.readOnly) ? 'ide-cd' : 'ide-hd';
      device.bus = `sata0.${sataPort++}`;
      if (disk.serial) device.serial = disk.serial;
    } else {
      device.driver = disk.cdrom ? 'scsi-cd' : 'scsi-hd';
      device.bus = SCSI_BUS;
      if (disk.serial) device.serial = disk.serial;
    }
    if (disk.bootOrder !== undefined) device.bootindex = disk.bootOrder;
    args.push('-device', json(device));
  });

  nics.forEach((nic, index) => {
    const id = nic.id ?? `net${index}`;
    if (!isValidQemuId(id)) throw new Error(`Invalid QEMU device id ${JSON.stringify(id)}`);
    const netdev = netdevIdFor(id);
    const tunnel = nic.dgram;
    checkPorts(id, tunnel);
    args.push(
      '-netdev',
      tunnel
        ? `dgram,id=${netdev},local.type=inet,local.host=127.0.0.1,local.port=${tunnel.localPort},remote.type=inet,remote.host=127.0.0.1,remote.port=${tunnel.remotePort}`
        : `user,id=${netdev}`,
    );
    args.push('-device', json(nicDeviceOptions(id, nic)));
  });

  // In a fixed PCI slot, out of the way of hot-plugged devices: a migration target must have
  // it where the source has it.
  if (spec.balloon)
    args.push(
      '-device',
      json({
        driver: 'virtio-balloon-pci',
        id: BALLOON_ID,
        addr: `0x${BALLOON_SLOT.toString(16)}`,
      }),
    );

  return { args, memoryMiB, cpus, paths, diskIds, scsiController };
};
