import type { Instancetype } from '../../../vms/details/configuration/details/instancetypes';
import type { BootableVolume, InstanceTypeChoice } from '../flow';
import { choiceOf, sizeOfType } from './instanceTypeSeries';

/** What the seeds pre-select when a volume names no instance type (002 §7.1.4.2). */
export const FALLBACK_INSTANCE_TYPE = 'u1.medium';

/** The instance type step 2 starts with: the volume's default, else `u1.medium`. */
export const defaultInstanceTypeName = (volume?: BootableVolume): string =>
  volume?.instancetype || FALLBACK_INSTANCE_TYPE;

const find = (types: readonly Instancetype[], name: string) =>
  types.find((type) => type.metadata?.name === name);

/**
 * The choice to pre-select: the volume's default instance type (a cluster one, else one of the
 * project's), else `u1.medium`; undefined when neither exists.
 */
export const defaultInstanceType = (
  volume: BootableVolume | undefined,
  cluster: readonly Instancetype[],
  namespaced: readonly Instancetype[],
): InstanceTypeChoice | undefined => {
  const name = defaultInstanceTypeName(volume);
  const clusterType = find(cluster, name);
  if (clusterType) return choiceOf(sizeOfType(clusterType), true);
  const projectType = find(namespaced, name);
  if (projectType) return choiceOf(sizeOfType(projectType), false);
  const fallback = find(cluster, FALLBACK_INSTANCE_TYPE);
  return fallback && choiceOf(sizeOfType(fallback), true);
};
