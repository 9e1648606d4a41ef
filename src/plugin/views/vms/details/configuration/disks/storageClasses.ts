import type { StorageClass, StorageProfile } from '../../../../../api/types';

const VIRT_DEFAULT = 'storageclass.kubevirt.io/is-default-virt-class';
const CLUSTER_DEFAULT = 'storageclass.kubernetes.io/is-default-class';

const annotated = (classes: StorageClass[], annotation: string) =>
  classes.find((sc) => sc.metadata?.annotations?.[annotation] === 'true')?.metadata?.name;

/** The class VM disks get by default: the virt default wins over the cluster default. */
export const defaultStorageClassName = (classes: StorageClass[]): string | undefined =>
  annotated(classes, VIRT_DEFAULT) ?? annotated(classes, CLUSTER_DEFAULT);

export interface ClaimProperties {
  accessModes: string[];
  volumeMode?: string;
}

/**
 * What CDI claims a DataVolume of this class with when the DataVolume names no modes: the
 * profile's first claim property set (its spec when an admin set one, else what CDI filled in).
 * Undefined when the profile has none: CDI then cannot create the claim without explicit modes.
 */
export const profileClaimProperties = (profile?: StorageProfile): ClaimProperties | undefined => {
  const sets = profile?.spec?.claimPropertySets?.length
    ? profile.spec.claimPropertySets
    : profile?.status?.claimPropertySets;
  const first = sets?.[0];
  if (!first || (!first.accessModes?.length && !first.volumeMode)) return undefined;
  return { accessModes: first.accessModes ?? [], volumeMode: first.volumeMode };
};

/** Whether claims of the class may grow (a class that says nothing does not allow it). */
export const allowsExpansion = (storageClass?: StorageClass): boolean =>
  storageClass?.allowVolumeExpansion === true;
