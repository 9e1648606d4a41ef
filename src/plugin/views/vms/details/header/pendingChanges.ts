import type { TFunction } from 'i18next';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { refKey, refOf } from '../configuration/details/instancetypes';
import { cpuCount } from '../overview/vmFacts';

type Spec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];
type VmiSpec = VirtualMachineInstance['spec'];

/** A setting whose VM value differs from what the running instance was started with. */
interface PendingField {
  label: (t: TFunction) => string;
  /** The VM's value and the VMI's, compared only when the VM sets one (the VMI adds defaults). */
  vm: (spec: Spec) => unknown;
  vmi: (spec: VmiSpec) => unknown;
}

const vcpus = (cpu?: { sockets?: number; cores?: number; threads?: number }) =>
  cpu ? cpuCount(cpu) : undefined;
const names = (items?: { name: string }[]) =>
  items
    ? items
        .map((i) => i.name)
        .sort()
        .join(',')
    : undefined;

type Volume = NonNullable<NonNullable<Spec>['volumes']>[number];

/** Hot-plugged volumes come and go live: they never wait for a restart. */
const hotpluggable = (volume: Volume) =>
  !!(volume.persistentVolumeClaim?.hotpluggable || volume.dataVolume?.hotpluggable);

/** The spec's volumes and disks without the hot-plugged ones. */
const coldVolumes = (spec: { volumes?: Volume[] } | undefined) =>
  spec?.volumes?.filter((v) => !hotpluggable(v));
const coldDisks = (spec: Spec | VmiSpec) => {
  const hot = new Set((spec?.volumes ?? []).filter(hotpluggable).map((v) => v.name));
  return spec?.domain?.devices?.disks?.filter((d) => !hot.has(d.name));
};
/** Interfaces being unplugged (`state: absent`) leave live too. */
const presentInterfaces = (spec: Spec | VmiSpec) =>
  spec?.domain?.devices?.interfaces?.filter((i) => (i as { state?: string }).state !== 'absent');

const memory = (domain?: { memory?: { guest?: string }; resources?: { requests?: object } }) =>
  domain?.memory?.guest ??
  (domain?.resources?.requests as Record<string, string> | undefined)?.memory;

/** Devices that have a boot order, in that order: `rootdisk,nic-a`. */
const bootOrder = (devices?: {
  disks?: { name: string; bootOrder?: number }[];
  interfaces?: { name: string; bootOrder?: number }[];
}) =>
  devices
    ? [...(devices.disks ?? []), ...(devices.interfaces ?? [])]
        .filter((d) => d.bootOrder !== undefined)
        .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0))
        .map((d) => d.name)
        .join(',')
    : undefined;

const FIELDS: PendingField[] = [
  { label: (t) => t('CPU'), vm: (s) => vcpus(s?.domain?.cpu), vmi: (s) => vcpus(s?.domain?.cpu) },
  { label: (t) => t('Memory'), vm: (s) => memory(s?.domain), vmi: (s) => memory(s?.domain) },
  {
    label: (t) => t('Disks'),
    vm: (s) => names(coldDisks(s)),
    vmi: (s) => names(coldDisks(s)),
  },
  {
    label: (t) => t('Network interfaces'),
    vm: (s) => names(presentInterfaces(s)),
    vmi: (s) => names(presentInterfaces(s)),
  },
  {
    label: (t) => t('Boot order'),
    vm: (s) => bootOrder(s?.domain?.devices),
    vmi: (s) => bootOrder(s?.domain?.devices),
  },
  {
    label: (t) => t('Volumes'),
    vm: (s) => names(coldVolumes(s)),
    vmi: (s) => names(coldVolumes(s)),
  },
  {
    label: (t) => t('Node selector'),
    vm: (s) => s?.nodeSelector,
    vmi: (s) => s?.nodeSelector ?? {},
  },
  { label: (t) => t('Tolerations'), vm: (s) => s?.tolerations, vmi: (s) => s?.tolerations ?? [] },
  { label: (t) => t('Affinity rules'), vm: (s) => s?.affinity, vmi: (s) => s?.affinity ?? {} },
  {
    label: (t) => t('Eviction strategy'),
    vm: (s) => s?.evictionStrategy,
    vmi: (s) => s?.evictionStrategy,
  },
  {
    label: (t) => t('Boot mode'),
    vm: (s) => s?.domain?.firmware?.bootloader,
    vmi: (s) => s?.domain?.firmware?.bootloader,
  },
  { label: (t) => t('Hostname'), vm: (s) => s?.hostname, vmi: (s) => s?.hostname },
];

/** Key order must not count as a change. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  ) ?? '';

type TypeKind = 'instancetype' | 'preference';

/**
 * The instance type or preference the VMI started with, from the annotations KubeVirt records
 * on it (`kubevirt.io/cluster-instancetype-name`, `kubevirt.io/instancetype-name`, the same for
 * preferences), as `refKey` writes a VM's. Undefined when the VMI records neither.
 */
const startedWith = (vmi: VirtualMachineInstance, which: TypeKind): string | undefined => {
  const annotations = vmi.metadata?.annotations ?? {};
  const cluster = annotations[`kubevirt.io/cluster-${which}-name`];
  const namespaced = annotations[`kubevirt.io/${which}-name`];
  return cluster ? `cluster/${cluster}` : namespaced ? `namespaced/${namespaced}` : undefined;
};

const TYPE_FIELDS: { which: TypeKind; label: (t: TFunction) => string }[] = [
  { which: 'instancetype', label: (t) => t('Instance type') },
  { which: 'preference', label: (t) => t('Preference') },
];

/**
 * An instance type or preference changed (or set, or removed) since the VMI started. A VMI that
 * records neither (older KubeVirt, or a VM with neither) cannot tell: nothing is said then.
 */
const changedTypes = (t: TFunction, vm: VirtualMachine, vmi: VirtualMachineInstance) => {
  if (TYPE_FIELDS.every(({ which }) => startedWith(vmi, which) === undefined)) return [];
  return TYPE_FIELDS.filter(
    ({ which }) => startedWith(vmi, which) !== (refKey(refOf(vm, which)) || undefined),
  ).map(({ label }) => label(t));
};

export const restartRequiredCondition = (vm?: VirtualMachine) =>
  vm?.status?.conditions?.find((c) => c.type === 'RestartRequired' && c.status === 'True');

/**
 * What changed in the VM since its instance started, as far as the two specs tell. KubeVirt
 * gives only the condition; its message stays the fallback when nothing here differs.
 */
export const pendingChanges = (
  t: TFunction,
  vm?: VirtualMachine,
  vmi?: VirtualMachineInstance,
): string[] => {
  const spec = vm?.spec?.template?.spec;
  if (!spec || !vmi?.spec) return [];
  return [
    ...changedTypes(t, vm, vmi),
    ...FIELDS.filter((field) => {
      const wanted = field.vm(spec);
      return wanted !== undefined && canonical(wanted) !== canonical(field.vmi(vmi.spec));
    }).map((field) => field.label(t)),
  ];
};
