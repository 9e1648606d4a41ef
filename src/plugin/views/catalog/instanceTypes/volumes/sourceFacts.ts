import type { PersistentVolumeClaim, VolumeSnapshot } from '../../../../api/types';
import { claimCapacity } from '../../../vms/details/configuration/disks/diskRows';
import { quantityBytes } from '../../../vms/details/overview/formatQuantity';
import type { AddVolumeForm, SourceFacts } from './addVolumeForm';

export const claimBytes = (claim?: PersistentVolumeClaim) => quantityBytes(claimCapacity(claim));
export const snapshotBytes = (snapshot?: VolumeSnapshot) =>
  quantityBytes(snapshot?.status?.restoreSize);

/**
 * The size and class of the claim or snapshot the form names (a snapshot's class is its
 * claim's, while that claim is there); undefined for the other sources or before a pick.
 */
export const sourceFactsOf = (
  form: Pick<AddVolumeForm, 'sourceType' | 'pvcName' | 'snapshotName'>,
  claims: readonly PersistentVolumeClaim[],
  snapshots: readonly VolumeSnapshot[],
): (SourceFacts & { size?: string }) | undefined => {
  const claimNamed = (name?: string) => claims.find((c) => c.metadata?.name === name);
  if (form.sourceType === 'pvc') {
    const claim = claimNamed(form.pvcName);
    if (!claim) return undefined;
    return {
      bytes: claimBytes(claim),
      size: claimCapacity(claim),
      storageClass: claim.spec?.storageClassName,
    };
  }
  if (form.sourceType === 'snapshot') {
    const snapshot = snapshots.find((s) => s.metadata?.name === form.snapshotName);
    if (!snapshot) return undefined;
    return {
      bytes: snapshotBytes(snapshot),
      size: snapshot.status?.restoreSize,
      storageClass: claimNamed(snapshot.spec?.source?.persistentVolumeClaimName)?.spec
        ?.storageClassName,
    };
  }
  return undefined;
};
