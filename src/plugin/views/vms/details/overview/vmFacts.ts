// Small pure readers of a VM and its instance, for the Overview cards.
import type {
  DataVolume,
  PersistentVolumeClaim,
  VirtualMachine,
  VirtualMachineInstance,
} from '../../../../api/types';

type TemplateSpec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];
type Volume = NonNullable<NonNullable<TemplateSpec>['volumes']>[number];
const templateSpec = (vm: VirtualMachine): TemplateSpec | undefined => vm.spec?.template?.spec;

/** The OS and where it was read from: the guest agent first, then what the VM declares. */
export const vmOperatingSystem = (
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
): { name: string; source: 'guest' | 'preference' | 'label' } | undefined => {
  const guest = vmi?.status?.guestOSInfo;
  const guestName =
    guest?.prettyName || [guest?.name, guest?.version].filter(Boolean).join(' ').trim();
  if (guestName) return { name: guestName, source: 'guest' };
  const annotations = vm.metadata?.annotations ?? {};
  const templateAnnotations = vm.spec?.template?.metadata?.annotations ?? {};
  const os = annotations['vm.kubevirt.io/os'] ?? templateAnnotations['vm.kubevirt.io/os'];
  if (vm.spec?.preference?.name) return { name: vm.spec.preference.name, source: 'preference' };
  if (os) return { name: os, source: 'label' };
  const labels = { ...vm.metadata?.labels, ...vm.spec?.template?.metadata?.labels };
  const osLabel = Object.keys(labels).find((key) => key.startsWith('os.template.kubevirt.io/'));
  if (osLabel) return { name: osLabel.slice('os.template.kubevirt.io/'.length), source: 'label' };
  const defaultPreference = labels['instancetype.kubevirt.io/default-preference'];
  return defaultPreference ? { name: defaultPreference, source: 'label' } : undefined;
};

/** vCPUs of a domain's CPU topology (each part defaults to 1). */
export const cpuCount = (cpu?: { sockets?: number; cores?: number; threads?: number }): number =>
  (cpu?.sockets ?? 1) * (cpu?.cores ?? 1) * (cpu?.threads ?? 1);

export const vcpuCount = (vm: VirtualMachine): number => cpuCount(templateSpec(vm)?.domain?.cpu);

export const vmMemory = (vm: VirtualMachine): string | undefined => {
  const domain = templateSpec(vm)?.domain;
  return (
    domain?.memory?.guest ??
    (domain?.resources?.requests as Record<string, string> | undefined)?.memory
  );
};

/** `ns/name` of the template the VM was created from. */
export const vmTemplate = (vm: VirtualMachine): string | undefined => {
  const labels = vm.metadata?.labels ?? {};
  const name = labels['vm.kubevirt.io/template'];
  if (!name) return undefined;
  const namespace = labels['vm.kubevirt.io/template.namespace'];
  return namespace ? `${namespace}/${name}` : name;
};

export const vmHostname = (vm: VirtualMachine): string =>
  templateSpec(vm)?.hostname ?? vm.metadata?.name ?? '';

/** `HOSTNAME.SUBDOMAIN.NS.svc.cluster.local`, reachable through the headless service of the subdomain. */
export const internalFQDN = (vm: VirtualMachine): string | undefined => {
  const subdomain = templateSpec(vm)?.subdomain;
  return subdomain
    ? `${vmHostname(vm)}.${subdomain}.${vm.metadata?.namespace ?? ''}.svc.cluster.local`
    : undefined;
};

export const vmTimeZone = (vm: VirtualMachine): string | undefined => {
  const clock = templateSpec(vm)?.domain?.clock;
  if (clock?.timezone) return clock.timezone;
  return clock?.utc ? 'UTC' : undefined;
};

export const vmiIPAddresses = (vmi?: VirtualMachineInstance): string[] => [
  ...new Set(
    (vmi?.status?.interfaces ?? []).flatMap((i) =>
      i.ipAddresses?.length ? i.ipAddresses : i.ipAddress ? [i.ipAddress] : [],
    ),
  ),
];

export interface NetworkInterfaceRow {
  name: string;
  model: string;
  binding: string;
  network: string;
  mac?: string;
  ips: string[];
}

export const networkInterfaces = (
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
): NetworkInterfaceRow[] => {
  const spec = templateSpec(vm);
  const networks = spec?.networks ?? [];
  return (spec?.domain?.devices?.interfaces ?? []).map((iface) => {
    const network = networks.find((n) => n.name === iface.name);
    const status = vmi?.status?.interfaces?.find((i) => i.name === iface.name);
    const binding =
      (['masquerade', 'bridge', 'sriov', 'passt', 'slirp', 'macvtap'] as const).find(
        (key) => iface[key],
      ) ??
      iface.binding?.name ??
      '';
    return {
      name: iface.name,
      model: iface.model ?? 'virtio',
      binding,
      network: network?.multus?.networkName ?? (network?.pod ? 'pod' : ''),
      mac: iface.macAddress ?? status?.mac,
      ips: status?.ipAddresses?.length
        ? status.ipAddresses
        : status?.ipAddress
          ? [status.ipAddress]
          : [],
    };
  });
};

export interface DiskRow {
  name: string;
  drive: 'disk' | 'cdrom' | 'lun';
  interface?: string;
  size?: string;
  storageClass?: string;
  /** What backs the disk: `kind` says which source, `detail` names it. */
  source: { kind: string; detail?: string };
}

/** The claim a volume reads: a PVC, or a DataVolume's claim of the same name. */
const claimName = (volume: Volume) =>
  volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;

export const disks = (
  vm: VirtualMachine,
  claims: PersistentVolumeClaim[],
  dataVolumes: DataVolume[],
): DiskRow[] => {
  const spec = templateSpec(vm);
  const volumes = spec?.volumes ?? [];
  return (spec?.domain?.devices?.disks ?? []).map((disk) => {
    const volume = volumes.find((v) => v.name === disk.name);
    const claim = volume && claims.find((c) => c.metadata?.name === claimName(volume));
    const dvTemplate = vm.spec?.dataVolumeTemplates?.find(
      (dv) => dv.metadata?.name === volume?.dataVolume?.name,
    );
    const dv = dataVolumes.find((d) => d.metadata?.name === volume?.dataVolume?.name);
    const requested =
      (dvTemplate?.spec?.storage?.resources?.requests as Record<string, string> | undefined)
        ?.storage ??
      (dvTemplate?.spec?.pvc?.resources?.requests as Record<string, string> | undefined)?.storage;
    const target = disk.cdrom ?? disk.lun ?? disk.disk;
    return {
      name: disk.name,
      drive: disk.cdrom ? 'cdrom' : disk.lun ? 'lun' : 'disk',
      interface: target?.bus ?? (disk.cdrom ? 'sata' : 'virtio'),
      size:
        (claim?.status?.capacity as Record<string, string> | undefined)?.storage ??
        (claim?.spec?.resources?.requests as Record<string, string> | undefined)?.storage ??
        requested ??
        volume?.emptyDisk?.capacity ??
        undefined,
      storageClass:
        claim?.spec?.storageClassName ??
        dv?.spec?.storage?.storageClassName ??
        dv?.spec?.pvc?.storageClassName ??
        dvTemplate?.spec?.storage?.storageClassName ??
        dvTemplate?.spec?.pvc?.storageClassName,
      source: volumeSource(volume),
    };
  });
};

const volumeSource = (volume?: Volume): DiskRow['source'] => {
  if (!volume) return { kind: 'none' };
  if (volume.containerDisk) return { kind: 'containerDisk', detail: volume.containerDisk.image };
  if (volume.dataVolume) return { kind: 'dataVolume', detail: volume.dataVolume.name };
  if (volume.persistentVolumeClaim)
    return { kind: 'persistentVolumeClaim', detail: volume.persistentVolumeClaim.claimName };
  if (volume.cloudInitNoCloud || volume.cloudInitConfigDrive) return { kind: 'cloudInit' };
  if (volume.emptyDisk) return { kind: 'emptyDisk' };
  if (volume.ephemeral)
    return { kind: 'ephemeral', detail: volume.ephemeral.persistentVolumeClaim?.claimName };
  if (volume.configMap) return { kind: 'configMap', detail: volume.configMap.name };
  if (volume.secret) return { kind: 'secret', detail: volume.secret.secretName };
  if (volume.serviceAccount)
    return { kind: 'serviceAccount', detail: volume.serviceAccount.serviceAccountName };
  if (volume.sysprep) return { kind: 'sysprep' };
  return { kind: 'other' };
};

/** The labels a VM's pods carry, which services select. */
export const vmPodLabels = (vm: VirtualMachine): Record<string, string> =>
  vm.spec?.template?.metadata?.labels ?? {};

export const selects = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels[key] === value);
