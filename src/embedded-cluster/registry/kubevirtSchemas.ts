// Structural schemas of kubevirt.io/v1 VirtualMachine and VirtualMachineInstance, after
// kubevirt.io/api core/v1 (types.go, schema.go). The levels people type by hand (VM spec, VMI
// spec, domain, devices, disks, interfaces, volumes, networks) are closed, so a typo such as
// `spec.runnning` is refused under fieldValidation=Strict instead of silently dropped;
// Kubernetes-owned and rarely used branches (affinity, probes, hyperv…) are kept as given.
import type { JSONSchemaProps } from '../types';
import { dataVolumeTemplate } from './cdiSchemas';
import {
  arr,
  bool,
  conditions,
  dateTime,
  emptyObj,
  enumOf,
  int,
  int32,
  int64,
  labelSelector,
  localObjectReference,
  obj,
  openObj,
  preserve,
  quantity,
  quantityMap,
  status,
  str,
  stringMap,
  strArr,
  templateMetadata,
} from './schema';

export const RUN_STRATEGIES = [
  'Always',
  'RerunOnFailure',
  'Manual',
  'Halted',
  'Once',
  'WaitAsReceiver',
];
export const EVICTION_STRATEGIES = ['None', 'LiveMigrate', 'LiveMigrateIfPossible', 'External'];
export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'usb'];
export const INTERFACE_MODELS = [
  'virtio',
  'e1000',
  'e1000e',
  'igb',
  'ne2k_pci',
  'pcnet',
  'rtl8139',
];

const featureState = (description?: string): JSONSchemaProps =>
  obj(
    { enabled: bool('Whether the feature is enabled on the guest. Defaults to true.') },
    description,
  );

const bootOrder = int(
  'Boot order (> 0, unique across disks and interfaces); lower values boot first.',
  { minimum: 1 },
);

const diskTarget = (description: string): JSONSchemaProps =>
  obj(
    {
      bus: enumOf(DISK_BUSES, 'Type of disk device to emulate: virtio, sata, scsi or usb.'),
      readonly: bool('Read-only.'),
      pciAddress: str('Guest PCI address, e.g. 0000:81:01.10.'),
    },
    description,
  );

const disk: JSONSchemaProps = obj(
  {
    name: str('Name of the disk; must match a volume name.'),
    disk: diskTarget('Attach the volume as a disk (the default).'),
    lun: obj(
      {
        bus: enumOf(DISK_BUSES),
        readonly: bool(),
        reservation: bool('Support SCSI persistent reservation.'),
      },
      'Attach the volume as a LUN.',
    ),
    cdrom: obj(
      {
        bus: enumOf(DISK_BUSES),
        readonly: bool('Defaults to true.'),
        tray: enumOf(['open', 'closed'], 'Defaults to closed.'),
      },
      'Attach the volume as a CD-ROM.',
    ),
    bootOrder,
    serial: str('Serial number presented to the guest.'),
    dedicatedIOThread: bool('Give this disk an exclusive IO thread.'),
    cache: enumOf(['none', 'writethrough', 'writeback'], 'Host disk cache mode.'),
    io: enumOf(['native', 'default', 'threads'], 'QEMU disk IO mode.'),
    tag: str('Tag passed to the guest through config drive metadata.'),
    blockSize: preserve('Logical and physical block sizes presented to the guest.'),
    shareable: bool('Allow several VMs to write to the disk.'),
    errorPolicy: enumOf(['stop', 'ignore', 'report', 'enospace'], 'Action on I/O errors (stop).'),
    changedBlockTracking: bool(),
  },
  'A disk, CD-ROM or LUN attached to the VM; its name refers to a volume.',
  { required: ['name'] },
);

const networkInterface: JSONSchemaProps = obj(
  {
    name: str('Logical name of the interface; must match a network name.'),
    model: enumOf(INTERFACE_MODELS, 'Interface model; virtio by default.'),
    bridge: emptyObj('Connect through a linux bridge.'),
    masquerade: emptyObj('Connect through NAT (the pod network default).'),
    sriov: emptyObj('Pass through an SR-IOV virtual function.'),
    slirp: emptyObj('Deprecated: QEMU user networking.'),
    macvtap: emptyObj('Deprecated: macvtap.'),
    passt: emptyObj('Deprecated: passt.'),
    passtBinding: emptyObj('Connect through passt user-mode networking.'),
    binding: obj({ name: str('Name of the binding plugin.') }, 'A network binding plugin.', {
      required: ['name'],
    }),
    ports: arr(
      obj(
        { name: str(), protocol: enumOf(['TCP', 'UDP']), port: int32('Port number, 1-65535.') },
        undefined,
        { required: ['port'] },
      ),
      'Ports forwarded to the VM (masquerade).',
    ),
    macAddress: str('MAC address, e.g. de:ad:00:00:be:af.'),
    bootOrder,
    pciAddress: str(),
    dhcpOptions: preserve('Extra DHCP options.'),
    tag: str(),
    acpiIndex: int(),
    state: enumOf(['', 'up', 'down', 'absent'], 'Requested link state; absent unplugs the NIC.'),
  },
  'A virtual network interface; its name refers to a network. Set one binding: masquerade, bridge or sriov.',
  { required: ['name'] },
);

const devices: JSONSchemaProps = obj(
  {
    disks: arr(disk, 'Disks, CD-ROMs and LUNs attached to the VM.', { maxItems: 256 }),
    interfaces: arr(networkInterface, 'Network interfaces of the VM.', { maxItems: 256 }),
    inputs: arr(
      obj(
        {
          bus: enumOf(['usb', 'virtio']),
          type: enumOf(['tablet', 'keyboard']),
          name: str(),
        },
        undefined,
        { required: ['type', 'name'] },
      ),
      'Input devices such as a tablet.',
    ),
    watchdog: preserve('A watchdog device.'),
    useVirtioTransitional: bool('Use legacy virtio 0.9 for old guests.'),
    disableHotplug: bool('Disable disk hotplug.'),
    autoattachPodInterface: bool('Attach a pod network interface. Defaults to true.'),
    autoattachGraphicsDevice: bool('Attach a graphics device (VNC). Defaults to true.'),
    autoattachSerialConsole: bool('Attach the serial console. Defaults to true.'),
    logSerialConsole: bool('Log the serial console to the guest-console-log container.'),
    autoattachMemBalloon: bool('Attach the memory balloon. Defaults to true.'),
    autoattachInputDevice: bool('Attach an input device. Defaults to false.'),
    autoattachVSOCK: bool('Attach a VSOCK CID. Defaults to false.'),
    rng: emptyObj('Attach a virtio random number generator fed by the host.'),
    blockMultiQueue: bool('Enable virtio multi-queue for block devices.'),
    networkInterfaceMultiqueue: bool('Enable vhost multi-queue for virtio NICs.'),
    gpus: arr(
      openObj({ name: str(), deviceName: str(), tag: str() }, undefined, { required: ['name'] }),
      'GPUs passed through to the VM.',
    ),
    hostDevices: arr(
      openObj({ name: str(), deviceName: str(), tag: str() }, undefined, { required: ['name'] }),
      'Host devices passed through to the VM.',
    ),
    downwardMetrics: emptyObj('Expose host metrics to the guest over virtio-serial.'),
    panicDevices: arr(preserve()),
    filesystems: arr(preserve(), 'virtiofs filesystems shared with the guest.'),
    clientPassthrough: emptyObj('Allow USB redirection from the client.'),
    sound: obj({ name: str(), model: enumOf(['ich9', 'ac97']) }, 'An emulated sound card.', {
      required: ['name'],
    }),
    tpm: obj(
      {
        enabled: bool('Set false to drop a vTPM a preference adds.'),
        persistent: bool('Keep TPM state across reboots (needs a VM state storage class).'),
      },
      'Emulate a TPM device.',
    ),
    video: obj({ type: str('virtio, vga, bochs or ramfb.') }),
  },
  'Devices: disks, network interfaces and others.',
);

const cpu: JSONSchemaProps = obj(
  {
    cores: int('Number of cores inside the VM (>= 1).', { minimum: 1 }),
    sockets: int('Number of sockets inside the VM (>= 1).', { minimum: 1 }),
    threads: int('Number of threads per core (>= 1).', { minimum: 1 }),
    maxSockets: int('Maximum sockets for CPU hotplug.'),
    model: str('CPU model, e.g. host-model (default), host-passthrough or a named model.'),
    features: arr(
      obj(
        {
          name: str('Name of the CPU feature.'),
          policy: enumOf(
            ['force', 'require', 'optional', 'disable', 'forbid'],
            'Feature policy; require by default.',
          ),
        },
        undefined,
        { required: ['name'] },
      ),
    ),
    dedicatedCpuPlacement: bool('Pin each vCPU to a dedicated host CPU.'),
    numa: obj({ guestMappingPassthrough: emptyObj() }, 'Guest NUMA topology.'),
    isolateEmulatorThread: bool('Give the emulator thread a dedicated CPU too.'),
    realtime: obj({ mask: str('vCPUs used for realtime, e.g. "0-3,^1".') }),
  },
  'CPU topology, model and placement.',
);

const domain: JSONSchemaProps = obj(
  {
    resources: obj(
      {
        requests: quantityMap('Requested cpu and memory.'),
        limits: quantityMap('cpu and memory limits.'),
        overcommitGuestOverhead: bool(),
      },
      'Compute resources requested for the VM.',
    ),
    cpu,
    memory: obj(
      {
        guest: quantity('Memory visible to the guest, e.g. 2Gi.'),
        maxGuest: quantity('Maximum guest memory for memory hotplug.'),
        hugepages: obj({ pageSize: str('Hugepage size: 2Mi or 1Gi on x86_64.') }),
      },
      'Memory of the VM.',
    ),
    machine: obj({ type: str('QEMU machine type, e.g. q35 or pc-q35-rhel9.2.0.') }),
    firmware: obj(
      {
        uuid: str('UUID reported by the firmware.'),
        serial: str('SMBIOS system serial number.'),
        bootloader: obj(
          {
            bios: obj(
              { useSerial: bool('Send BIOS output to the serial console.') },
              'Boot with BIOS (default).',
            ),
            efi: obj(
              {
                secureBoot: bool('Enable Secure Boot (needs features.smm). Defaults to true.'),
                persistent: bool('Persist the EFI NVRAM across reboots.'),
              },
              'Boot with EFI instead of BIOS.',
            ),
          },
          'Bootloader settings.',
        ),
        kernelBoot: preserve('Boot a kernel and initrd from a container.'),
        acpi: preserve(),
      },
      'Firmware settings.',
    ),
    clock: preserve('Clock offset (utc or timezone) and timers.'),
    features: obj(
      {
        acpi: featureState('ACPI. Enabled by default.'),
        apic: openObj({ enabled: bool(), endOfInterrupt: bool() }),
        smm: featureState('System Management Mode; needed for Secure Boot.'),
        hyperv: preserve('Hyper-V enlightenments.'),
        hypervPassthrough: obj({ enabled: bool() }),
        kvm: obj({ hidden: bool('Hide KVM from the guest.') }),
        pvspinlock: featureState('Paravirtual spinlocks.'),
      },
      'Hypervisor features exposed to the guest.',
    ),
    devices,
    ioThreadsPolicy: enumOf(['shared', 'auto', 'supplementalPool'], 'IO thread sharing policy.'),
    ioThreads: preserve(),
    chassis: preserve('Chassis information passed to the guest.'),
    launchSecurity: preserve('AMD SEV / SNP or Intel TDX settings.'),
    rebootPolicy: enumOf(['Reboot', 'Terminate'], 'What a guest reboot does.'),
  },
  'Specification of the virtual hardware.',
  { required: ['devices'] },
);

const pvcVolumeSource = (description: string): JSONSchemaProps =>
  obj(
    {
      claimName: str('Name of a PersistentVolumeClaim in the same namespace.'),
      readOnly: bool(),
      hotpluggable: bool('Whether the volume can be hot-plugged and unplugged.'),
    },
    description,
    { required: ['claimName'] },
  );

const cloudInit = (description: string): JSONSchemaProps =>
  obj(
    {
      userData: str('Inline cloud-init user data, e.g. "#cloud-config\\n…".'),
      userDataBase64: str('Base64-encoded user data.'),
      secretRef: localObjectReference('Secret holding the user data.'),
      networkData: str('Inline cloud-init network data.'),
      networkDataBase64: str(),
      networkDataSecretRef: localObjectReference(),
    },
    description,
  );

const volume: JSONSchemaProps = obj(
  {
    name: str('Volume name; a DNS label, unique within the VM.'),
    containerDisk: obj(
      {
        image: str('Image holding the disk under /disk.'),
        imagePullSecret: str(),
        imagePullPolicy: enumOf(['Always', 'Never', 'IfNotPresent']),
        path: str('Path of the disk file inside the image.'),
      },
      'An ephemeral disk from a container image.',
      { required: ['image'] },
    ),
    dataVolume: obj(
      {
        name: str('Name of the DataVolume (and its PVC) in the same namespace.'),
        hotpluggable: bool('Whether the volume can be hot-plugged and unplugged.'),
      },
      'A DataVolume, created from dataVolumeTemplates or standalone.',
      { required: ['name'] },
    ),
    persistentVolumeClaim: pvcVolumeSource('A PersistentVolumeClaim in the same namespace.'),
    ephemeral: obj(
      {
        persistentVolumeClaim: obj({ claimName: str(), readOnly: bool() }, undefined, {
          required: ['claimName'],
        }),
      },
      'A copy-on-write layer over a read-only PVC, discarded on stop.',
    ),
    emptyDisk: obj(
      { capacity: quantity('Size of the sparse disk.') },
      'A blank disk tied to the VMI.',
      {
        required: ['capacity'],
      },
    ),
    hostDisk: obj(
      {
        path: str(),
        type: enumOf(['Disk', 'DiskOrCreate']),
        capacity: quantity(),
        shared: bool(),
      },
      'A disk image on the node.',
      { required: ['path', 'type'] },
    ),
    cloudInitNoCloud: cloudInit('cloud-init NoCloud data, attached as a disk.'),
    cloudInitConfigDrive: cloudInit('cloud-init config drive data, attached as a disk.'),
    sysprep: obj(
      {
        secret: localObjectReference('Secret with autounattend.xml / unattend.xml.'),
        configMap: localObjectReference('ConfigMap with autounattend.xml / unattend.xml.'),
      },
      'Windows sysprep answer files, attached as a CD-ROM.',
    ),
    configMap: obj(
      { name: str(), optional: bool(), volumeLabel: str() },
      'A ConfigMap attached as a disk.',
    ),
    secret: obj(
      { secretName: str(), optional: bool(), volumeLabel: str() },
      'A Secret attached as a disk.',
    ),
    serviceAccount: obj(
      { serviceAccountName: str() },
      'A ServiceAccount token attached as a disk.',
    ),
    downwardAPI: obj({ fields: arr(preserve()), volumeLabel: str() }),
    downwardMetrics: emptyObj('A small disk with host metrics.'),
    memoryDump: pvcVolumeSource('A PVC receiving a memory dump.'),
  },
  'A volume; set exactly one source (containerDisk, dataVolume, persistentVolumeClaim, cloudInitNoCloud, …).',
  { required: ['name'] },
);

const network: JSONSchemaProps = obj(
  {
    name: str('Network name; an interface of the same name connects to it.'),
    pod: obj({ vmNetworkCIDR: str(), vmIPv6NetworkCIDR: str() }, 'The default pod network.'),
    multus: obj(
      {
        networkName: str('NetworkAttachmentDefinition, as name or namespace/name.'),
        default: bool('Use this network as the pod default network.'),
      },
      'A secondary network through Multus.',
      { required: ['networkName'] },
    ),
  },
  'A network the VM can attach interfaces to; set pod or multus.',
  { required: ['name'] },
);

export const vmiSpec: JSONSchemaProps = obj(
  {
    domain,
    volumes: arr(volume, 'Volumes the disks refer to.', { maxItems: 256 }),
    networks: arr(network, 'Networks the interfaces refer to.', { maxItems: 256 }),
    accessCredentials: arr(
      preserve('An SSH public key or user password and how it is propagated.'),
      'Credentials injected into the guest.',
      { maxItems: 256 },
    ),
    evictionStrategy: enumOf(EVICTION_STRATEGIES, 'What a node drain does to the VM.'),
    startStrategy: enumOf(['Paused'], 'Paused: start the VM paused.'),
    terminationGracePeriodSeconds: int64(
      'Seconds to wait after signalling shutdown before forcing it.',
    ),
    hostname: str('Guest hostname; the VM name by default.'),
    subdomain: str('With a headless service of this name, the VM gets a DNS name.'),
    nodeSelector: stringMap('Labels a node must carry to run the VM.'),
    affinity: preserve('Pod affinity rules for the virt-launcher pod.'),
    tolerations: arr(preserve(), 'Tolerations of the virt-launcher pod.'),
    topologySpreadConstraints: arr(preserve()),
    schedulerName: str(),
    priorityClassName: str(),
    serviceAccountName: str('ServiceAccount of the virt-launcher pod.'),
    livenessProbe: preserve(),
    readinessProbe: preserve(),
    dnsPolicy: str(),
    dnsConfig: preserve(),
    architecture: str('Guest architecture, e.g. amd64.'),
    resourceClaims: arr(preserve()),
    utilityVolumes: arr(preserve()),
  },
  'VirtualMachineInstanceSpec is a description of a VirtualMachineInstance.',
  { required: ['domain'] },
);

const matcher = (what: string): JSONSchemaProps =>
  obj(
    {
      name: str(`Name of the ${what}.`),
      kind: str(
        `Kind of the ${what}: the cluster-wide kind by default, or the namespaced one (lower or CamelCase).`,
      ),
      revisionName: str('ControllerRevision holding the expanded copy the VM uses.'),
      inferFromVolume: str('Volume whose default-' + what + ' label names the ' + what + '.'),
      inferFromVolumeFailurePolicy: enumOf(['Reject', 'Ignore']),
    },
    `Reference to the ${what} that fills the VM template.`,
  );

export const vmiTemplate: JSONSchemaProps = obj(
  { metadata: templateMetadata(), spec: vmiSpec },
  'Template of the VirtualMachineInstance the VM runs.',
);

export const vmSpec: JSONSchemaProps = obj(
  {
    running: bool(
      'Deprecated: use runStrategy. Whether the VM should run; mutually exclusive with runStrategy.',
    ),
    runStrategy: enumOf(
      RUN_STRATEGIES,
      'When the VM runs: Always, RerunOnFailure, Manual, Halted, Once or WaitAsReceiver. ' +
        'Mutually exclusive with running.',
    ),
    instancetype: matcher('instance type'),
    preference: matcher('preference'),
    template: vmiTemplate,
    dataVolumeTemplates: arr(
      dataVolumeTemplate,
      'DataVolumes created for the VM and deleted with it; volumes refer to them by name.',
    ),
    updateVolumesStrategy: enumOf(['Replacement', 'Migration']),
  },
  'VirtualMachineSpec describes how the proper VirtualMachine should look like.',
  { required: ['template'] },
);

export const vmStatus: JSONSchemaProps = status({
  printableStatus: str(
    'Human-readable status: Stopped, Provisioning, Starting, Running, Paused, Stopping, ' +
      'Terminating, Migrating, WaitingForVolumeBinding, ErrorUnschedulable, DataVolumeError, ' +
      'CrashLoopBackOff, ErrImagePull, ImagePullBackOff, ErrorPvcNotFound, Unknown.',
  ),
  created: bool('Whether a VirtualMachineInstance exists for the VM.'),
  ready: bool('Whether the VirtualMachineInstance is running and ready.'),
  conditions: conditions('Ready, Paused, AgentConnected, RestartRequired, Failure, …'),
  runStrategy: str('The run strategy in effect.'),
  stateChangeRequests: arr(
    openObj(
      {
        action: enumOf(['Start', 'Stop'], 'The requested action.'),
        data: stringMap(),
        uid: str('UID of the VMI the request applies to.'),
      },
      undefined,
      { required: ['action'] },
    ),
    'Pending start/stop requests from the start, stop and restart subresources.',
  ),
  volumeRequests: arr(preserve(), 'Pending hotplug add/remove volume requests.'),
  volumeSnapshotStatuses: arr(
    openObj({ name: str(), enabled: bool(), reason: str() }, undefined, {
      required: ['name', 'enabled'],
    }),
    'Whether each volume can be snapshotted, and why not.',
  ),
  snapshotInProgress: str(),
  restoreInProgress: str(),
  startFailure: preserve(),
  memoryDumpRequest: preserve(),
  printableStatusReason: str(),
  observedGeneration: int64(),
  desiredGeneration: int64(),
  instancetypeRef: preserve(),
  preferenceRef: preserve(),
});

export const vmiStatus: JSONSchemaProps = status({
  phase: str('Pending, Scheduling, Scheduled, Running, Succeeded, Failed or Unknown.'),
  nodeName: str('The node the VMI runs on.'),
  reason: str(),
  conditions: conditions('Ready, LiveMigratable, Paused, AgentConnected, …'),
  interfaces: arr(
    openObj({
      name: str(),
      interfaceName: str(),
      ipAddress: str('Primary IP address.'),
      ipAddresses: strArr(),
      mac: str(),
      infoSource: str(),
    }),
    'Network interfaces as the guest reports them.',
  ),
  guestOSInfo: preserve('Guest OS information from the guest agent.'),
  migrationState: preserve('State of the last live migration.'),
  migrationMethod: str(),
  phaseTransitionTimestamps: arr(openObj({ phase: str(), phaseTransitionTimestamp: dateTime() })),
  volumeStatus: arr(preserve()),
  activePods: stringMap('Pod UID to node name.'),
  qosClass: str(),
  launcherContainerImageVersion: str(),
});

export const vmiReplicaSetSpec: JSONSchemaProps = obj(
  {
    replicas: int32('Desired number of VMIs.'),
    selector: labelSelector('Label selector for the VMIs.'),
    template: vmiTemplate,
    paused: bool(),
  },
  undefined,
  { required: ['selector', 'template'] },
);

export const vmPoolSpec: JSONSchemaProps = openObj(
  {
    replicas: int32('Desired number of VMs.'),
    selector: labelSelector('Label selector for the VMs.'),
    virtualMachineTemplate: obj(
      { metadata: templateMetadata(), spec: vmSpec },
      'Template of the VirtualMachines in the pool.',
    ),
    paused: bool(),
  },
  undefined,
  { required: ['selector', 'virtualMachineTemplate'] },
);

export const replicaStatus: JSONSchemaProps = status({
  replicas: int32(),
  readyReplicas: int32(),
  labelSelector: str(),
  conditions: conditions(),
});
