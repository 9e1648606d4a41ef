import {
  buildQemuCommand,
  capCpus,
  capMemory,
  isValidQemuId,
  nodeNameFor,
  qemuId,
  type QemuSpec,
} from './qemuArgs';

const base: QemuSpec = { runDir: '/tmp/vp-x/vm1', name: 'vm1', namespace: 'ns' };

/** The value after each occurrence of `flag`. */
const values = (args: string[], flag: string) =>
  args.flatMap((arg, index) => (arg === flag ? [args[index + 1]!] : []));
const devices = (args: string[]) =>
  values(args, '-device').map((value) => JSON.parse(value) as Record<string, unknown>);

describe('buildQemuCommand', () => {
  it('uses the flags measured to work: TCG, no defaults, std VGA, unix sockets, pidfile', () => {
    const { args, paths } = buildQemuCommand(base);
    expect(values(args, '-accel')).toEqual(['tcg']);
    expect(values(args, '-machine')).toEqual(['pc']);
    expect(values(args, '-display')).toEqual(['none']);
    expect(args).toContain('-nodefaults');
    expect(args).toContain('-no-user-config');
    expect(args).not.toContain('-nographic');
    expect(values(args, '-vga')).toEqual(['std']);
    expect(values(args, '-vnc')).toEqual(['unix:/tmp/vp-x/vm1/vnc.sock']);
    expect(values(args, '-serial')).toEqual(['unix:/tmp/vp-x/vm1/serial.sock,server=on,wait=off']);
    expect(values(args, '-qmp')).toEqual(['unix:/tmp/vp-x/vm1/qmp.sock,server=on,wait=off']);
    expect(values(args, '-pidfile')).toEqual(['/tmp/vp-x/vm1/qemu.pid']);
    expect(values(args, '-name')).toEqual(['guest=ns/vm1,debug-threads=on']);
    expect(paths.log).toBe('/tmp/vp-x/vm1/qemu.log');
    // CPUs start stopped until serial and QMP are connected.
    expect(args).toContain('-S');
  });

  it('caps memory (96 MiB … max) and CPUs, and reports the capped values', () => {
    expect(buildQemuCommand({ ...base, memoryMiB: 8192 }).memoryMiB).toBe(256);
    expect(buildQemuCommand({ ...base, memoryMiB: 8192 }, { maxMemoryMiB: 512 }).memoryMiB).toBe(
      512,
    );
    expect(buildQemuCommand({ ...base, memoryMiB: 64 }).memoryMiB).toBe(96);
    expect(buildQemuCommand(base).memoryMiB).toBe(128);
    const command = buildQemuCommand({ ...base, memoryMiB: 200, cpus: 8 });
    expect(values(command.args, '-m')).toEqual(['200']);
    expect(command.cpus).toBe(2);
    expect(values(command.args, '-smp')).toEqual(['2']);
    expect(capMemory(Number.NaN)).toBe(128);
    expect(capMemory(100, 50)).toBe(96);
    expect(capCpus(0)).toBe(1);
    expect(capCpus(4, 4)).toBe(4);
  });

  it('boots the kernel directly when given one', () => {
    const { args } = buildQemuCommand({
      ...base,
      kernel: '/k/vmlinuz',
      initrd: '/k/initramfs.gz',
      append: 'console=ttyS0 vm.name=vm1',
    });
    expect(values(args, '-kernel')).toEqual(['/k/vmlinuz']);
    expect(values(args, '-initrd')).toEqual(['/k/initramfs.gz']);
    expect(values(args, '-append')).toEqual(['console=ttyS0 vm.name=vm1']);
  });

  it('maps disks to virtio-blk, AHCI (CD-ROM when read-only) and virtio-scsi', () => {
    const { args, diskIds, scsiController } = buildQemuCommand({
      ...base,
      hotplug: false,
      disks: [
        {
          path: '/d/root.qcow2',
          format: 'qcow2',
          bus: 'virtio',
          serial: 'x'.repeat(30),
          bootOrder: 1,
        },
        { path: '/d/cd,1.iso', format: 'raw', bus: 'sata', readOnly: true, id: 'ua-cd' },
        { path: '/d/data.raw', format: 'raw', bus: 'sata' },
        { path: '/d/scsi.raw', format: 'raw', bus: 'scsi', serial: 'S1' },
      ],
    });
    expect(diskIds).toEqual(['disk0', 'ua-cd', 'disk2', 'disk3']);
    expect(scsiController).toBe(true);
    const blockdevs = values(args, '-blockdev').map((value) => JSON.parse(value));
    expect(blockdevs[0]).toEqual({
      driver: 'qcow2',
      'node-name': nodeNameFor('disk0'),
      'read-only': false,
      file: { driver: 'file', filename: '/d/root.qcow2', 'read-only': false },
    });
    // JSON syntax: a comma in a path needs no escaping.
    expect(blockdevs[1].file.filename).toBe('/d/cd,1.iso');
    expect(blockdevs[1]['read-only']).toBe(true);
    const all = devices(args);
    expect(all.map((device) => device.driver)).toEqual([
      'virtio-scsi-pci',
      'ich9-ahci',
      'virtio-blk-pci',
      'ide-cd',
      'ide-hd',
      'scsi-hd',
    ]);
    expect(all[2]).toMatchObject({ id: 'disk0', serial: 'x'.repeat(20), bootindex: 1 });
    expect(all[3]).toMatchObject({ id: 'ua-cd', bus: 'sata0.0' });
    expect(all[4]).toMatchObject({ id: 'disk2', bus: 'sata0.1' });
    expect(all[5]).toMatchObject({ id: 'disk3', bus: 'scsi0.0', serial: 'S1' });
  });

  it('adds the SCSI controller for hot-plug by default, and not when hot-plug is off', () => {
    expect(devices(buildQemuCommand(base).args)).toEqual([
      { driver: 'virtio-scsi-pci', id: 'scsi0' },
    ]);
    const off = buildQemuCommand({ ...base, hotplug: false });
    expect(devices(off.args)).toEqual([]);
    expect(off.scsiController).toBe(false);
  });

  it('adds a memory balloon in the last PCI slot when asked, as KubeVirt gives every VM one', () => {
    const withBalloon = devices(buildQemuCommand({ ...base, balloon: true, hotplug: false }).args);
    expect(withBalloon).toEqual([{ driver: 'virtio-balloon-pci', id: 'balloon0', addr: '0x1f' }]);
    expect(devices(buildQemuCommand({ ...base, hotplug: false }).args)).toEqual([]);
  });

  it('gives every NIC a user-mode netdev', () => {
    const { args } = buildQemuCommand({
      ...base,
      nics: [
        { model: 'virtio', mac: '52:54:00:00:00:01' },
        { model: 'e1000', id: 'ua-second' },
      ],
    });
    expect(values(args, '-netdev')).toEqual(['user,id=net0-backend', 'user,id=ua-second-backend']);
    expect(devices(args).slice(1)).toEqual([
      { driver: 'virtio-net-pci', id: 'net0', netdev: 'net0-backend', mac: '52:54:00:00:00:01' },
      { driver: 'e1000', id: 'ua-second', netdev: 'ua-second-backend' },
    ]);
  });

  it('tunnels a NIC over UDP to a switch with -netdev dgram, and maps the NIC models', () => {
    const { args } = buildQemuCommand({
      ...base,
      nics: [
        {
          model: 'e1000e',
          mac: '02:7e:00:00:00:01',
          dgram: { localPort: 40001, remotePort: 40000 },
        },
        { model: 'rtl8139' },
      ],
    });
    expect(values(args, '-netdev')).toEqual([
      'dgram,id=net0-backend,local.type=inet,local.host=127.0.0.1,local.port=40001,remote.type=inet,remote.host=127.0.0.1,remote.port=40000',
      'user,id=net1-backend',
    ]);
    expect(
      devices(args)
        .slice(1)
        .map((d) => d.driver),
    ).toEqual(['e1000e', 'rtl8139']);
    expect(() =>
      buildQemuCommand({
        ...base,
        nics: [{ model: 'virtio', dgram: { localPort: 0, remotePort: 1 } }],
      }),
    ).toThrow(/Invalid UDP port/);
  });

  it('makes CD-ROMs read-only ide-cd or scsi-cd devices', () => {
    const { args } = buildQemuCommand({
      ...base,
      disks: [
        { path: '/a.iso', format: 'raw', bus: 'sata', cdrom: true },
        { path: '/b.iso', format: 'raw', bus: 'scsi', cdrom: true },
      ],
    });
    expect(devices(args).map((d) => d.driver)).toEqual([
      'virtio-scsi-pci',
      'ich9-ahci',
      'ide-cd',
      'scsi-cd',
    ]);
    expect(
      values(args, '-blockdev').map(
        (b) => (JSON.parse(b) as { 'read-only': boolean })['read-only'],
      ),
    ).toEqual([true, true]);
  });

  it('starts paused with -S and migration targets with -incoming', () => {
    expect(buildQemuCommand({ ...base, paused: true }).args).toContain('-S');
    const target = buildQemuCommand({ ...base, incomingURI: 'defer' }).args;
    expect(values(target, '-incoming')).toEqual(['defer']);
    expect(target).not.toContain('-S');
    expect(buildQemuCommand({ ...base, incomingURI: 'defer', paused: true }).args).toContain('-S');
  });

  it('uses KVM only when asked', () => {
    expect(values(buildQemuCommand({ ...base, kvm: true }).args, '-accel')).toEqual(['kvm']);
  });

  it('refuses socket paths longer than a unix socket allows, and bad ids', () => {
    expect(() => buildQemuCommand({ ...base, runDir: `/tmp/${'x'.repeat(100)}` })).toThrow(
      /socket path too long/,
    );
    expect(() =>
      buildQemuCommand({
        ...base,
        disks: [{ path: '/d', format: 'raw', bus: 'virtio', id: '0bad' }],
      }),
    ).toThrow(/Invalid QEMU device id/);
    expect(() =>
      buildQemuCommand({
        ...base,
        disks: Array.from({ length: 7 }, () => ({
          path: '/d',
          format: 'raw' as const,
          bus: 'sata' as const,
        })),
      }),
    ).toThrow(/At most 6 SATA/);
  });

  it('makes QEMU ids and short node names from KubeVirt names', () => {
    expect(qemuId('0disk')).toBe('ua-0disk');
    expect(isValidQemuId(qemuId('0disk'))).toBe(true);
    expect(isValidQemuId('9x')).toBe(false);
    const node = nodeNameFor(`ua-${'a'.repeat(63)}`);
    expect(node.length).toBeLessThanOrEqual(31);
    expect(isValidQemuId(node)).toBe(true);
  });
});
