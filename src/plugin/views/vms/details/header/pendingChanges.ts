import type { TFunction } from 'i18next';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
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
const memory = (domain?: { memory?: { guest?: string }; resources?: { requests?: object } }) =>
  domain?.memory?.guest ??
  (domain?.resources?.requests as Record<string, string> | undefined)?.memory;

const FIELDS: PendingField[] = [
  { label: (t) => t('CPU'), vm: (s) => vcpus(s?.domain?.cpu), vmi: (s) => vcpus(s?.domain?.cpu) },
  { label: (t) => t('Memory'), vm: (s) => memory(s?.domain), vmi: (s) => memory(s?.domain) },
  {
    label: (t) => t('Disks'),
    vm: (s) => names(s?.domain?.devices?.disks),
    vmi: (s) => names(s?.domain?.devices?.disks),
  },
  {
    label: (t) => t('Network interfaces'),
    vm: (s) => names(s?.domain?.devices?.interfaces),
    vmi: (s) => names(s?.domain?.devices?.interfaces),
  },
  { label: (t) => t('Volumes'), vm: (s) => names(s?.volumes), vmi: (s) => names(s?.volumes) },
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
  return FIELDS.filter((field) => {
    const wanted = field.vm(spec);
    return wanted !== undefined && canonical(wanted) !== canonical(field.vmi(vmi.spec));
  }).map((field) => field.label(t));
};
