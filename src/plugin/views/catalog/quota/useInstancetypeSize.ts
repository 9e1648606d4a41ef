import { useMemo } from 'react';
import type { VirtualMachine } from '../../../api/types';
import { useK8sWatchObject } from '../../../api/watch';
import {
  modelOf,
  refOf,
  sizeOf,
  type Instancetype,
} from '../../vms/details/configuration/details/instancetypes';

/**
 * The vCPUs and memory of the instance type a VM names (the reference read as the
 * configuration forms read it); undefined when it names none or the type cannot be read.
 */
export const useInstancetypeSize = (vm: VirtualMachine | undefined) => {
  const ref = vm ? refOf(vm, 'instancetype') : undefined;
  const { data } = useK8sWatchObject<Instancetype>(
    modelOf('instancetype', ref?.cluster ?? true),
    ref ? { name: ref.name, namespace: ref.cluster ? undefined : vm?.metadata?.namespace } : null,
  );
  const { cpus, memory } = sizeOf(data);
  return useMemo(
    () => (cpus !== undefined && memory ? { cpu: cpus, memory } : undefined),
    [cpus, memory],
  );
};
