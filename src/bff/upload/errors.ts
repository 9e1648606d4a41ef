import { failureStatus, type KubernetesStatus } from '../../common/cluster-info';

/** An upload refused or failed; `status` is what the caller gets. */
export class UploadError extends Error {
  constructor(readonly status: KubernetesStatus) {
    super(status.message);
  }
}

export const uploadError = (code: number, reason: string, message: string) =>
  new UploadError(failureStatus(code, reason, message));

/** The 409 of a volume that takes no upload now. */
export const notWaiting = (message: string) => uploadError(409, 'Conflict', message);
