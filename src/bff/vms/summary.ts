import type { VmCondition, VmSummary } from '../../common/vms';

export type { VmSummary };

/** The fields of a VirtualMachine or VMI the summaries read; everything else is ignored. */
export interface KubevirtObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  };
  spec?: {
    instancetype?: { name?: string };
    preference?: { name?: string };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: InstanceSpec };
  } & InstanceSpec;
  status?: {
    printableStatus?: string;
    phase?: string;
    nodeName?: string;
    interfaces?: { ipAddress?: string; ipAddresses?: string[] }[];
    guestOSInfo?: { id?: string; name?: string; prettyName?: string };
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
  };
}

interface InstanceSpec {
  domain?: {
    cpu?: { sockets?: number; cores?: number; threads?: number };
    memory?: { guest?: string };
    resources?: { requests?: { cpu?: string | number; memory?: string } };
  };
}

/** Conditions worth a look: not True, or RestartRequired / Failure kinds that are True. */
const ATTENTION_WHEN_TRUE = new Set(['RestartRequired', 'Failure', 'ReconcileError', 'Paused']);
const notableConditions = (object: KubevirtObject): VmCondition[] =>
  (object.status?.conditions ?? []).flatMap((condition) => {
    const { type, status, reason, message } = condition;
    if (!type || !status) return [];
    // A stopped VM is not Ready because it has no VMI: that is its state, not a problem.
    if (type === 'Ready' && reason === 'VMINotExists') return [];
    const notable = status === 'True' ? ATTENTION_WHEN_TRUE.has(type) : true;
    return notable
      ? [{ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }]
      : [];
  });

const OS_KEYS = ['kubevirt.io/os', 'vm.kubevirt.io/os'];

const osOf = (object: KubevirtObject | undefined): string | undefined => {
  const { labels = {}, annotations = {} } = object?.metadata ?? {};
  const templateLabels = object?.spec?.template?.metadata?.labels ?? {};
  for (const key of OS_KEYS) {
    const value = labels[key] ?? annotations[key] ?? templateLabels[key];
    if (value) return value;
  }
  return undefined;
};

const cpuOf = (spec: InstanceSpec | undefined): number | undefined => {
  const cpu = spec?.domain?.cpu;
  if (cpu && (cpu.sockets || cpu.cores || cpu.threads))
    return (cpu.sockets || 1) * (cpu.cores || 1) * (cpu.threads || 1);
  const requested = Number(spec?.domain?.resources?.requests?.cpu);
  return Number.isFinite(requested) && requested > 0 ? requested : undefined;
};

const memoryOf = (spec: InstanceSpec | undefined): string | undefined =>
  spec?.domain?.memory?.guest ?? spec?.domain?.resources?.requests?.memory;

const ipsOf = (vmi: KubevirtObject | undefined): string[] => {
  const ips = new Set<string>();
  for (const nic of vmi?.status?.interfaces ?? []) {
    if (nic.ipAddress) ips.add(nic.ipAddress);
    for (const ip of nic.ipAddresses ?? []) ips.add(ip);
  }
  return [...ips];
};

const vmiStatusOf = (vmi: KubevirtObject): string => {
  const paused = vmi.status?.conditions?.some((c) => c.type === 'Paused' && c.status === 'True');
  return paused ? 'Paused' : (vmi.status?.phase ?? 'Pending');
};

/** What a VirtualMachine contributes to its row (kept per VM instead of the whole object). */
export interface VmFacts {
  namespace: string;
  name: string;
  uid?: string;
  created?: string;
  labels: Record<string, string>;
  status: string;
  conditions: VmCondition[];
  os?: string;
  cpu?: number;
  memory?: string;
  instancetype?: string;
  preference?: string;
}

/** What a VirtualMachineInstance contributes to its row. */
export interface VmiFacts {
  namespace: string;
  name: string;
  uid?: string;
  created?: string;
  labels: Record<string, string>;
  /** Whether a VirtualMachine controls it (its name is then the VM's). */
  ownedByVM: boolean;
  status: string;
  node?: string;
  ips: string[];
  /** The guest agent's report. */
  guestOS?: string;
  /** The OS label or annotation. */
  os?: string;
  cpu?: number;
  memory?: string;
}

export const vmFacts = (vm: KubevirtObject): VmFacts => {
  const metadata = vm.metadata ?? {};
  const template = vm.spec?.template?.spec;
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid,
    created: metadata.creationTimestamp,
    labels: metadata.labels ?? {},
    status: vm.status?.printableStatus ?? 'Unknown',
    conditions: notableConditions(vm),
    os: osOf(vm),
    cpu: cpuOf(template),
    memory: memoryOf(template),
    instancetype: vm.spec?.instancetype?.name,
    preference: vm.spec?.preference?.name,
  };
};

export const vmiFacts = (vmi: KubevirtObject): VmiFacts => {
  const metadata = vmi.metadata ?? {};
  const guest = vmi.status?.guestOSInfo;
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid,
    created: metadata.creationTimestamp,
    labels: metadata.labels ?? {},
    ownedByVM: (metadata.ownerReferences ?? []).some((ref) => ref.kind === 'VirtualMachine'),
    status: vmiStatusOf(vmi),
    node: vmi.status?.nodeName || undefined,
    ips: ipsOf(vmi),
    guestOS: guest?.prettyName || guest?.name || guest?.id || undefined,
    os: osOf(vmi),
    cpu: cpuOf(vmi.spec),
    memory: memoryOf(vmi.spec),
  };
};

/** The row for a VM and its VMI, or for a VMI alone (`vm` undefined: standalone). */
export const summarize = (vm: VmFacts | undefined, vmi: VmiFacts | undefined): VmSummary => {
  const main = (vm ?? vmi) as VmFacts | VmiFacts;
  return {
    namespace: main.namespace,
    name: main.name,
    uid: main.uid,
    standalone: !vm,
    status: main.status,
    node: vmi?.node,
    ips: vmi?.ips ?? [],
    os: vmi?.guestOS ?? vm?.os ?? vmi?.os,
    created: main.created,
    cpu: vmi?.cpu ?? vm?.cpu,
    memory: vmi?.memory ?? vm?.memory,
    instancetype: vm?.instancetype,
    preference: vm?.preference,
    labels: main.labels,
    conditions: vm?.conditions ?? [],
  };
};

const sameLabels = (a: Record<string, string>, b: Record<string, string>) => {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
};

/** Whether two rows show the same thing (a VMI heartbeat that changes nothing shown is no change). */
export const sameSummary = (a: VmSummary, b: VmSummary): boolean =>
  a.status === b.status &&
  a.node === b.node &&
  a.os === b.os &&
  a.created === b.created &&
  a.uid === b.uid &&
  a.standalone === b.standalone &&
  a.cpu === b.cpu &&
  a.memory === b.memory &&
  a.instancetype === b.instancetype &&
  a.preference === b.preference &&
  a.ips.length === b.ips.length &&
  a.ips.every((ip, at) => ip === b.ips[at]) &&
  sameLabels(a.labels, b.labels) &&
  a.conditions.length === b.conditions.length &&
  a.conditions.every(
    (condition, at) =>
      condition.type === b.conditions[at]?.type &&
      condition.status === b.conditions[at]?.status &&
      condition.reason === b.conditions[at]?.reason &&
      condition.message === b.conditions[at]?.message,
  );
