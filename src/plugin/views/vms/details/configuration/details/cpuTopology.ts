import type { TFunction } from 'i18next';
import type { VirtualMachine } from '../../../../../api/types';

type Domain = NonNullable<
  NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec']
>['domain'];
export type Cpu = NonNullable<Domain['cpu']>;

export interface Topology {
  sockets: number;
  cores: number;
  threads: number;
}

export const TOPOLOGY_FIELDS = ['sockets', 'cores', 'threads'] as const;

/** Each part defaults to 1, as KubeVirt does. */
export const topologyOf = (cpu?: Cpu): Topology => ({
  sockets: cpu?.sockets ?? 1,
  cores: cpu?.cores ?? 1,
  threads: cpu?.threads ?? 1,
});

/** More than one part above 1: the user chose a topology, edit it as such. */
export const usesTopology = (cpu?: Cpu): boolean =>
  TOPOLOGY_FIELDS.filter((field) => (cpu?.[field] ?? 1) > 1).length > 1 || (cpu?.threads ?? 1) > 1;

/**
 * The one part a plain vCPU count goes into: the one the VM already uses (cores when it sets
 * cores, sockets when only sockets), cores when it sets neither.
 */
export const vcpuField = (cpu?: Cpu): 'sockets' | 'cores' => {
  if ((cpu?.cores ?? 1) > 1) return 'cores';
  if ((cpu?.sockets ?? 1) > 1) return 'sockets';
  if (cpu?.cores !== undefined) return 'cores';
  if (cpu?.sockets !== undefined) return 'sockets';
  return 'cores';
};

/** The VM's CPU with `vcpus` in its usual part (the other parts are 1 or unset and stay so). */
export const cpuWithVcpus = (cpu: Cpu | undefined, vcpus: number): Cpu => ({
  ...cpu,
  [vcpuField(cpu)]: vcpus,
});

/** The VM's CPU with the given topology; other CPU settings (model, features) are kept. */
export const cpuWithTopology = (cpu: Cpu | undefined, topology: Topology): Cpu => ({
  ...cpu,
  ...topology,
});

/** A count typed into a CPU field: a whole number of at least 1. */
export const validateCount = (value: string, t: TFunction): string | undefined => {
  if (!value.trim()) return t('Enter a number.');
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    return t('Enter a whole number of at least 1.');
  return undefined;
};
