import { useMemo } from 'react';
import {
  VirtualMachineClusterInstancetypeModel,
  VirtualMachineInstancetypeModel,
} from '../../../api/models';
import type { K8sObject, VirtualMachine } from '../../../api/types';
import { useK8sWatchObject } from '../../../api/watch';

interface InstancetypeSpec {
  spec?: { cpu?: { guest?: number }; memory?: { guest?: string } };
}

/**
 * The vCPUs and memory of the instance type a VM names (cluster-wide unless its kind says
 * otherwise); undefined when it names none or the type cannot be read.
 */
export const useInstancetypeSize = (vm: VirtualMachine | undefined) => {
  const matcher = vm?.spec?.instancetype;
  const cluster = !matcher?.kind || matcher.kind === 'VirtualMachineClusterInstancetype';
  const { data } = useK8sWatchObject<K8sObject & InstancetypeSpec>(
    cluster ? VirtualMachineClusterInstancetypeModel : VirtualMachineInstancetypeModel,
    matcher?.name
      ? { name: matcher.name, namespace: cluster ? undefined : vm?.metadata?.namespace }
      : null,
  );
  const cpu = data?.spec?.cpu?.guest;
  const memory = data?.spec?.memory?.guest;
  return useMemo(() => (cpu !== undefined && memory ? { cpu, memory } : undefined), [cpu, memory]);
};
