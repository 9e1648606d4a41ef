import type { ObjectStore } from '../store/objectStore';

export const VMIS = 'kubevirt.io/virtualmachineinstances';
export const PODS = 'core/pods';

type Phase = { phase?: string; nodeName?: string } | undefined;
type VolumeRef = {
  persistentVolumeClaim?: { claimName?: string };
  dataVolume?: { name?: string };
};

const FINAL = ['Succeeded', 'Failed'];

/**
 * Whether a claim is in use, as the pvc-protection controller sees it: a VMI that is scheduled
 * or running (its virt-launcher pod mounts the claim) or a running pod names it in its volumes.
 */
export const claimInUse = (store: ObjectStore, namespace: string, claimName: string): boolean => {
  const names = (volumes: VolumeRef[] | undefined) =>
    (volumes ?? []).some(
      (v) => v.persistentVolumeClaim?.claimName === claimName || v.dataVolume?.name === claimName,
    );
  const byVmi = store.list(VMIS, namespace).some((vmi) => {
    const status = vmi.status as Phase;
    const active =
      !FINAL.includes(status?.phase ?? '') &&
      (status?.phase === 'Running' || status?.phase === 'Scheduled' || !!status?.nodeName);
    return active && names((vmi.spec as { volumes?: VolumeRef[] } | undefined)?.volumes);
  });
  if (byVmi) return true;
  return store
    .list(PODS, namespace)
    .some(
      (pod) =>
        (pod.status as Phase)?.phase === 'Running' &&
        names((pod.spec as { volumes?: VolumeRef[] } | undefined)?.volumes),
    );
};
