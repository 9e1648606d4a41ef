import { useCallback, useEffect, useRef, useState } from 'react';
import { DataVolumeModel, PersistentVolumeClaimModel } from '../../../../../api/models';
import type { DataVolume, PersistentVolumeClaim } from '../../../../../api/types';
import { useK8sWatchObject } from '../../../../../api/watch';
import { volumeReadiness, type Readiness } from './volumeReadiness';

/** How long a new volume may take to be ready for a hot-plug (an import of a large image). */
export const VOLUME_WAIT_MS = 10 * 60_000;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Waits, by watching, for a new DataVolume and its claim to be ready to hot-plug. `readiness` is
 * where it stands (for "Preparing the disk…" and its progress); `waitFor` resolves when ready,
 * rejects with the DataVolume's failure or `timeoutMessage(readiness)` after `timeoutMs`.
 */
export const useVolumeWait = (
  namespace: string,
  timeoutMessage: (name: string, readiness?: Readiness) => string,
  timeoutMs = VOLUME_WAIT_MS,
) => {
  const [target, setTarget] = useState<string>();
  const ref = target ? { namespace, name: target } : null;
  const dataVolume = useK8sWatchObject<DataVolume>(DataVolumeModel, ref);
  const claim = useK8sWatchObject<PersistentVolumeClaim>(PersistentVolumeClaimModel, ref);
  const readiness = target ? volumeReadiness(dataVolume.data, claim.data) : undefined;
  const pending = useRef<Pending>(undefined);
  const latest = useRef(readiness);
  const watched = useRef(target);
  useEffect(() => {
    latest.current = readiness;
    watched.current = target;
  });

  const settle = useCallback((error?: Error) => {
    const current = pending.current;
    if (!current) return;
    pending.current = undefined;
    clearTimeout(current.timer);
    if (error) current.reject(error);
    else current.resolve();
  }, []);

  const state = readiness?.state;
  const failure = readiness?.state === 'failed' ? readiness.message : undefined;
  useEffect(() => {
    if (state === 'ready') settle();
    else if (state === 'failed') settle(new Error(failure));
  }, [state, failure, settle]);

  useEffect(() => () => settle(new Error('cancelled')), [settle]);

  const waitFor = useCallback(
    (name: string) =>
      new Promise<void>((resolve, reject) => {
        settle(new Error('superseded'));
        const timer = setTimeout(
          () => settle(new Error(timeoutMessage(name, latest.current))),
          timeoutMs,
        );
        pending.current = { resolve, reject, timer };
        // Watched already (a second attempt): its state does not change, so answer now.
        if (watched.current === name && latest.current?.state === 'ready') settle();
        else if (watched.current === name && latest.current?.state === 'failed')
          settle(new Error(latest.current.message));
        else setTarget(name);
      }),
    [settle, timeoutMessage, timeoutMs],
  );

  const stop = useCallback(() => {
    settle(new Error('cancelled'));
    setTarget(undefined);
  }, [settle]);

  return { waitFor, stop, readiness };
};
