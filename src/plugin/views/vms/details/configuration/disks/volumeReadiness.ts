import type { DataVolume, PersistentVolumeClaim } from '../../../../../api/types';

export type Readiness =
  | { state: 'waiting'; phase?: string; progress?: string; message?: string }
  | { state: 'ready' }
  | { state: 'failed'; message: string };

/** Phases in which a claim is there and waits only for its first consumer: the hot-plug is one. */
const CONSUMER_PHASES = new Set(['WaitForFirstConsumer', 'PendingPopulation']);

const conditionMessage = (dv: DataVolume | undefined, type: string) =>
  dv?.status?.conditions?.find((c) => c.type === type && c.status === 'False' && c.message)
    ?.message;

/**
 * Whether a new DataVolume can be hot-plugged: its claim exists and CDI finished filling it
 * (Succeeded), or the claim only waits for a consumer. Failed says why.
 */
export const volumeReadiness = (
  dataVolume?: DataVolume,
  claim?: PersistentVolumeClaim,
): Readiness => {
  const phase = dataVolume?.status?.phase;
  if (phase === 'Failed')
    return {
      state: 'failed',
      message:
        conditionMessage(dataVolume, 'Running') ??
        conditionMessage(dataVolume, 'Ready') ??
        'The DataVolume failed',
    };
  if (claim && (phase === 'Succeeded' || (phase && CONSUMER_PHASES.has(phase))))
    return { state: 'ready' };
  const running = dataVolume?.status?.conditions?.find((c) => c.type === 'Running');
  return {
    state: 'waiting',
    phase,
    progress:
      dataVolume?.status?.progress && dataVolume.status.progress !== 'N/A'
        ? dataVolume.status.progress
        : undefined,
    // CDI keeps retrying an import that fails (a 404 URL): say why it does not move.
    message:
      running?.status === 'False' && running.reason !== 'Completed' ? running.message : undefined,
  };
};
