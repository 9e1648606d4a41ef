import { now } from '../objectRefs';

export { now };
/** A CDI condition (DataImportCron, DataSource): `ConditionState` with a heartbeat. */
export interface CdiCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

/**
 * Sets a condition the way CDI's `updateConditionState` does: the transition time moves only
 * when the status changes, the heartbeat whenever anything does. Returns the new list (the
 * same array when nothing changed).
 */
export const setCdiCondition = (
  conditions: readonly CdiCondition[] | undefined,
  type: string,
  status: CdiCondition['status'],
  message: string,
  reason: string,
): CdiCondition[] => {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === type);
  const current = index >= 0 ? list[index] : undefined;
  if (
    current &&
    current.status === status &&
    current.reason === reason &&
    current.message === message
  )
    return conditions as CdiCondition[];
  const time = now();
  const next: CdiCondition = {
    type,
    status,
    reason,
    message,
    lastTransitionTime: current && current.status === status ? current.lastTransitionTime : time,
    lastHeartbeatTime: time,
  };
  if (index >= 0) list[index] = next;
  else list.push(next);
  return list;
};

export const conditionOf = (
  conditions: readonly CdiCondition[] | undefined,
  type: string,
): CdiCondition | undefined => conditions?.find((c) => c.type === type);
