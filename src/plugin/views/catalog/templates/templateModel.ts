// A VM template as the catalog shows it, read from the OpenShift Template: names, OS, workload,
// provider, parameters, hardware and the boot source, and whether that source is there.
import type {
  DataSource,
  PersistentVolumeClaim,
  Template,
  TemplateParameter,
  VirtualMachine,
} from '../../../api/types';
import {
  busOf,
  driveOf,
  type Drive,
  type Volume,
} from '../../vms/details/configuration/disks/diskTypes';

/** Where OpenShift Virtualization installs the common templates. */
export const OPENSHIFT_NAMESPACE = 'openshift';
export const TEMPLATE_TYPE_LABEL = 'template.kubevirt.io/type';
/** The templates of VMs: SSP's common ones (`base`) and the users' (`vm`). */
export const VM_TEMPLATES_SELECTOR = `${TEMPLATE_TYPE_LABEL} in (base,vm)`;
export const DEPRECATED_ANNOTATION = 'template.kubevirt.io/deprecated';
/** The parameter the common templates name the VM by; the drawer's name field sets it. */
export const NAME_PARAMETER = 'NAME';

const OS_LABEL = 'os.template.kubevirt.io/';
const WORKLOAD_LABEL = 'workload.template.kubevirt.io/';
const FLAVOR_LABEL = 'flavor.template.kubevirt.io/';
const OS_NAME_ANNOTATION = 'name.os.template.kubevirt.io/';
const DISPLAY_NAME_ANNOTATION = 'openshift.io/display-name';
const PROVIDER_ANNOTATION = 'openshift.io/provider-display-name';
const KUBEVIRT_PROVIDER_ANNOTATION = 'template.kubevirt.io/provider';
const SUPPORT_LEVEL_ANNOTATION = 'template.kubevirt.io/provider-support-level';
const DEFAULT_DISK_ANNOTATION = 'defaults.template.kubevirt.io/disk';
const RED_HAT = 'Red Hat';

/** Where the VM's boot disk comes from, with the template's parameter defaults filled in. */
export type BootSource =
  /** Cloned from a DataSource (the common templates' `sourceRef`). */
  | { kind: 'DataSource'; name: string; namespace?: string }
  /** Cloned from, or used as, a claim of a project. */
  | { kind: 'PersistentVolumeClaim'; name: string; namespace?: string }
  /** Pulled from a registry at every start: always there. */
  | { kind: 'containerDisk'; image: string }
  /** Imported when the VM is created (HTTP or registry into a new claim): always there. */
  | { kind: 'import'; url: string }
  | { kind: 'none' };

export type Availability = 'available' | 'missing' | 'unknown';

/** Why a boot source is not there; the view words it. */
export type SourceProblem =
  | { kind: 'no-source' }
  /** A name still holds a parameter without a default (`${DATA_SOURCE_NAME}`). */
  | { kind: 'unresolved'; reference: string }
  | { kind: 'not-found'; sourceKind: string; name: string; namespace: string }
  | { kind: 'not-ready'; name: string; namespace: string; message?: string }
  | { kind: 'not-bound'; name: string; namespace: string; phase?: string }
  /** The lists of that project are not known (loading, or not allowed). */
  | { kind: 'not-known'; namespace: string };

export interface SourceStatus {
  availability: Availability;
  problem?: SourceProblem;
}

/** A parameter as the drawer lists it. */
export interface ParameterInfo {
  name: string;
  displayName?: string;
  description?: string;
  defaultValue?: string;
  required: boolean;
  /** The expression the server generates a value from when none is given. */
  generated?: string;
}

export interface DiskInfo {
  name: string;
  drive: Drive;
  bus: string;
}

export interface NicInfo {
  name: string;
  model?: string;
  /** `masquerade`, `bridge`, `sriov`, … */
  binding?: string;
  /** The Multus network, or undefined for the pod network. */
  networkName?: string;
}

export interface CatalogTemplate {
  /** `namespace/name`. */
  key: string;
  name: string;
  namespace: string;
  displayName: string;
  description?: string;
  iconClass?: string;
  /** `os.template.kubevirt.io/<key>` labels: `rhel9.0`, `win2k22`, … */
  osKeys: string[];
  /** The OS's name per key (`name.os.template.kubevirt.io/<key>`), else the key. */
  osNames: string[];
  /** The family the OS filter groups by: `rhel`, `fedora`, `centos`, `windows`, … `other`. */
  osFamily: string;
  workloads: string[];
  flavors: string[];
  provider?: string;
  /** Provided by Red Hat (the common templates). */
  redHat: boolean;
  supportLevel?: string;
  deprecated: boolean;
  windows: boolean;
  parameters: ParameterInfo[];
  bootSource: BootSource;
  /** The boot disk's name in the VM (`rootdisk`). */
  bootDisk?: string;
  /** What the boot disk's DataVolume asks for: its size (`30Gi`) and storage class. */
  bootDiskSize?: string;
  bootStorageClass?: string;
  cpu?: number;
  memory?: string;
  disks: DiskInfo[];
  nics: NicInfo[];
  template: Template;
}

const REFERENCE = /\$\{\{?([A-Za-z0-9_]+)\}?\}/g;

/** `${DATA_SOURCE_NAME}` → the parameter's default; references without a default stay. */
export const withParameterDefaults = (
  text: string,
  parameters: readonly TemplateParameter[] = [],
): string =>
  text.replace(REFERENCE, (whole, name: string) => {
    const value = parameters.find((p) => p.name === name)?.value;
    return value ? value : whole;
  });

const hasReference = (text: string): boolean => new RegExp(REFERENCE.source).test(text);

const substituteDeep = (value: unknown, parameters: readonly TemplateParameter[] = []): unknown => {
  if (typeof value === 'string') return withParameterDefaults(value, parameters);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, parameters));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteDeep(item, parameters)]),
    );
  return value;
};

const isVirtualMachine = (object: unknown): object is VirtualMachine =>
  !!object &&
  typeof object === 'object' &&
  (object as { kind?: unknown }).kind === 'VirtualMachine';

/** The template's VirtualMachine as written (`${…}` references and all). */
export const templateVm = (template: Template): VirtualMachine | undefined =>
  template.objects?.find(isVirtualMachine);

/** The VirtualMachine with the parameters' defaults filled in: what the catalog describes. */
export const previewVm = (template: Template): VirtualMachine | undefined => {
  const vm = templateVm(template);
  return vm && (substituteDeep(vm, template.parameters) as VirtualMachine);
};

type Spec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];

const specOf = (vm?: VirtualMachine): Spec | undefined => vm?.spec?.template?.spec;

/**
 * The boot disk: the one the template names (`defaults.template.kubevirt.io/disk`), else the
 * first by boot order, else the first disk, else the first volume.
 */
export const bootDiskName = (template: Template, vm?: VirtualMachine): string | undefined => {
  const spec = specOf(vm);
  const disks = spec?.domain?.devices?.disks ?? [];
  const named = template.metadata?.annotations?.[DEFAULT_DISK_ANNOTATION];
  if (named && disks.some((disk) => disk.name === named)) return named;
  const ordered = disks
    .filter((disk) => disk.bootOrder !== undefined)
    .sort((a, b) => (a.bootOrder ?? 0) - (b.bootOrder ?? 0));
  return ordered[0]?.name ?? disks[0]?.name ?? spec?.volumes?.[0]?.name;
};

const bootVolume = (template: Template, vm?: VirtualMachine): Volume | undefined => {
  const name = bootDiskName(template, vm);
  return specOf(vm)?.volumes?.find((volume) => volume.name === name);
};

/** The `dataVolumeTemplates` entry the boot disk's volume is created from, if any. */
export const bootDataVolumeTemplate = (template: Template, vm?: VirtualMachine) => {
  const dvName = bootVolume(template, vm)?.dataVolume?.name;
  return dvName
    ? vm?.spec?.dataVolumeTemplates?.find((item) => item.metadata?.name === dvName)
    : undefined;
};

/** Where the boot disk of a VM (processed, or previewed with defaults) comes from. */
export const bootSourceOfVm = (template: Template, vm?: VirtualMachine): BootSource => {
  const volume = bootVolume(template, vm);
  if (!volume) return { kind: 'none' };
  if (volume.containerDisk?.image)
    return { kind: 'containerDisk', image: volume.containerDisk.image };
  if (volume.persistentVolumeClaim?.claimName)
    return { kind: 'PersistentVolumeClaim', name: volume.persistentVolumeClaim.claimName };
  const dvName = volume.dataVolume?.name;
  if (!dvName) return { kind: 'none' };
  const dvt = vm?.spec?.dataVolumeTemplates?.find((item) => item.metadata?.name === dvName);
  // A DataVolume the VM does not create: its claim (named as it) must be there.
  if (!dvt) return { kind: 'PersistentVolumeClaim', name: dvName };
  const { sourceRef, source } = dvt.spec ?? {};
  if (sourceRef?.name && (sourceRef.kind ?? 'DataSource') === 'DataSource')
    return { kind: 'DataSource', name: sourceRef.name, namespace: sourceRef.namespace };
  if (source?.pvc?.name)
    return {
      kind: 'PersistentVolumeClaim',
      name: source.pvc.name,
      namespace: source.pvc.namespace,
    };
  const url = source?.http?.url ?? source?.registry?.url;
  if (url) return { kind: 'import', url };
  return { kind: 'none' };
};

/** The boot source with the template's parameter defaults filled in. */
export const bootSourceOf = (template: Template): BootSource =>
  bootSourceOfVm(template, previewVm(template));

/** What the catalog looks boot sources up in: the watched lists, by namespace. */
export interface SourceLookup {
  /** The namespace's DataSources; undefined while they are not known. */
  dataSources(namespace: string): readonly DataSource[] | undefined;
  claims(namespace: string): readonly PersistentVolumeClaim[] | undefined;
}

const named = <T extends { metadata?: { name?: string } }>(items: readonly T[], name: string) =>
  items.find((item) => item.metadata?.name === name);

const claimStatus = (
  lookup: SourceLookup,
  namespace: string,
  name: string,
  sourceKind = 'PersistentVolumeClaim',
): SourceStatus => {
  const claims = lookup.claims(namespace);
  if (!claims) return { availability: 'unknown', problem: { kind: 'not-known', namespace } };
  const claim = named(claims, name);
  if (!claim)
    return { availability: 'missing', problem: { kind: 'not-found', sourceKind, name, namespace } };
  const phase = claim.status?.phase;
  return phase === 'Bound'
    ? { availability: 'available' }
    : { availability: 'missing', problem: { kind: 'not-bound', name, namespace, phase } };
};

const dataSourceStatus = (lookup: SourceLookup, namespace: string, name: string): SourceStatus => {
  const dataSources = lookup.dataSources(namespace);
  if (!dataSources) return { availability: 'unknown', problem: { kind: 'not-known', namespace } };
  const dataSource = named(dataSources, name);
  if (!dataSource)
    return {
      availability: 'missing',
      problem: { kind: 'not-found', sourceKind: 'DataSource', name, namespace },
    };
  const ready = dataSource.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return { availability: 'available' };
  if (ready)
    return {
      availability: 'missing',
      problem: { kind: 'not-ready', name, namespace, message: ready.message || undefined },
    };
  // No condition yet (a DataSource made by hand): what it points at decides.
  const pvc = dataSource.spec?.source?.pvc;
  if (pvc?.name) return claimStatus(lookup, pvc.namespace ?? namespace, pvc.name);
  return { availability: 'missing', problem: { kind: 'not-ready', name, namespace } };
};

/**
 * Whether the boot source is there to create a VM from: a DataSource that is Ready (or whose
 * claim is Bound), a Bound claim, a container disk or an import. `projectNamespace` is where a
 * reference without a namespace points (the VM's project).
 */
export const sourceStatus = (
  source: BootSource,
  lookup: SourceLookup,
  projectNamespace: string,
): SourceStatus => {
  switch (source.kind) {
    case 'containerDisk':
    case 'import':
      return { availability: 'available' };
    case 'none':
      return { availability: 'missing', problem: { kind: 'no-source' } };
    default: {
      const namespace = source.namespace || projectNamespace;
      const reference = [source.name, namespace].find(hasReference);
      if (reference) return { availability: 'missing', problem: { kind: 'unresolved', reference } };
      return source.kind === 'DataSource'
        ? dataSourceStatus(lookup, namespace, source.name)
        : claimStatus(lookup, namespace, source.name);
    }
  }
};

const suffixesOf = (labels: Record<string, string>, prefix: string): string[] =>
  Object.entries(labels)
    .filter(([key, value]) => key.startsWith(prefix) && value === 'true')
    .map(([key]) => key.slice(prefix.length))
    .sort();

const FAMILIES: readonly [RegExp, string][] = [
  [/^rhel/, 'rhel'],
  [/^centos/, 'centos'],
  [/^fedora/, 'fedora'],
  [/^win/, 'windows'],
];

/** `rhel9.0` → rhel, `win2k22` → windows; OSes outside the common ones are `other`. */
export const osFamilyOf = (osKey?: string): string =>
  FAMILIES.find(([pattern]) => osKey && pattern.test(osKey))?.[1] ?? 'other';

const parameterInfo = (parameter: TemplateParameter): ParameterInfo => ({
  name: parameter.name,
  displayName: parameter.displayName || undefined,
  description: parameter.description || undefined,
  defaultValue: parameter.value || undefined,
  required: parameter.required === true,
  generated: parameter.generate === 'expression' ? (parameter.from ?? '') : undefined,
});

const cpuOf = (spec?: Spec): number | undefined => {
  const cpu = spec?.domain?.cpu;
  if (!cpu) return undefined;
  const count = (value: unknown) => {
    const n = Number(value ?? 1);
    return Number.isFinite(n) && n > 0 ? n : 1;
  };
  return count(cpu.sockets) * count(cpu.cores) * count(cpu.threads);
};

const memoryOf = (spec?: Spec): string | undefined =>
  spec?.domain?.memory?.guest ??
  (spec?.domain?.resources?.requests as Record<string, string> | undefined)?.memory;

const BINDINGS = ['masquerade', 'bridge', 'sriov', 'passt', 'slirp', 'binding'] as const;

const nicsOf = (spec?: Spec): NicInfo[] =>
  (spec?.domain?.devices?.interfaces ?? []).map((nic) => {
    const network = spec?.networks?.find((item) => item.name === nic.name);
    const record = nic as unknown as Record<string, unknown>;
    return {
      name: nic.name,
      model: nic.model,
      binding: BINDINGS.find((binding) => record[binding] !== undefined),
      networkName: network?.multus?.networkName,
    };
  });

/** Reads one Template into what the catalog shows and filters by. */
export const readTemplate = (template: Template): CatalogTemplate => {
  const meta = template.metadata ?? {};
  const labels = meta.labels ?? {};
  const annotations = meta.annotations ?? {};
  const name = meta.name ?? '';
  const namespace = meta.namespace ?? '';
  const osKeys = suffixesOf(labels, OS_LABEL);
  const provider =
    annotations[PROVIDER_ANNOTATION] || annotations[KUBEVIRT_PROVIDER_ANNOTATION] || undefined;
  const vm = previewVm(template);
  const spec = specOf(vm);
  const bootDv = bootDataVolumeTemplate(template, vm)?.spec;
  const bootStorage = bootDv?.storage ?? bootDv?.pvc;
  return {
    key: `${namespace}/${name}`,
    name,
    namespace,
    displayName: annotations[DISPLAY_NAME_ANNOTATION] || name,
    description: annotations.description || undefined,
    iconClass: annotations.iconClass || undefined,
    osKeys,
    osNames: osKeys.map((key) => annotations[`${OS_NAME_ANNOTATION}${key}`] || key),
    osFamily: osFamilyOf(osKeys[0]),
    workloads: suffixesOf(labels, WORKLOAD_LABEL),
    flavors: suffixesOf(labels, FLAVOR_LABEL),
    provider,
    redHat: provider === RED_HAT,
    supportLevel: annotations[SUPPORT_LEVEL_ANNOTATION] || undefined,
    deprecated: annotations[DEPRECATED_ANNOTATION] === 'true',
    windows: osKeys.some((key) => key.startsWith('win')),
    parameters: (template.parameters ?? []).map(parameterInfo),
    bootSource: bootSourceOfVm(template, vm),
    bootDisk: bootDiskName(template, vm),
    bootDiskSize: (bootStorage?.resources?.requests as Record<string, string> | undefined)?.storage,
    bootStorageClass: bootStorage?.storageClassName || undefined,
    cpu: cpuOf(spec),
    memory: memoryOf(spec),
    disks: (spec?.domain?.devices?.disks ?? []).map((disk) => ({
      name: disk.name,
      drive: driveOf(disk),
      bus: busOf(disk),
    })),
    nics: nicsOf(spec),
    template,
  };
};

/** Parameters the user must or may fill in, less NAME (the VirtualMachine name field). */
export const requiredParameters = (entry: CatalogTemplate): ParameterInfo[] =>
  entry.parameters.filter((p) => p.required && p.name !== NAME_PARAMETER);

export const optionalParameters = (entry: CatalogTemplate): ParameterInfo[] =>
  entry.parameters.filter((p) => !p.required && p.name !== NAME_PARAMETER);
