import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { dataVolumeTTLSeconds } from './cdiConfig';
import { ANN, conditionOf, DATAVOLUMES, PVCS } from './dataVolumeStatus';

/**
 * CDI's DataVolume garbage collection (off in 4.16: `dataVolumeTTLSeconds: -1`). With a TTL
 * >= 0, a Succeeded DataVolume that nothing owns is deleted that many seconds after it became
 * Ready; its claim stays, no longer owned by it. Returns the ms to wait when it is not yet due.
 */
export const collectGarbage = async (
  store: ObjectStore,
  dv: KubeObject,
): Promise<number | undefined> => {
  const ttl = dataVolumeTTLSeconds(store);
  if (ttl < 0) return undefined;
  if (dv.metadata.annotations?.[ANN.deleteAfterCompletion] === 'false') return undefined;
  if (dv.metadata.ownerReferences?.length) return undefined;
  const ready = conditionOf(dv, 'Ready')?.lastTransitionTime ?? dv.metadata.creationTimestamp;
  const remaining = (Date.parse(ready ?? '') || Date.now()) + ttl * 1000 - Date.now();
  if (remaining > 0) return remaining;
  const { namespace, name, uid } = dv.metadata;
  const pvc = store.get(PVCS, namespace, name ?? '');
  if (pvc) {
    const { [ANN.populatedFor]: _populated, ...annotations } = pvc.metadata.annotations ?? {};
    const ownerReferences = (pvc.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    await store.put(PVCS, { ...pvc, metadata: { ...pvc.metadata, annotations, ownerReferences } });
  }
  const current = store.get(DATAVOLUMES, namespace, name ?? '');
  if (current && current.metadata.uid === uid) await store.remove(DATAVOLUMES, current);
  return undefined;
};
