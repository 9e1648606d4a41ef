// "Upload (Upload a new file to a PVC)": the VM's boot DataVolume takes an upload; KubeVirt
// creates it from the VM's `dataVolumeTemplates`, then the file goes through the BFF relay.
import { k8sGet } from '../../../api/k8s';
import { DataVolumeModel } from '../../../api/models';
import { uploadImage } from '../../../api/upload';

/** What waits for the VM to exist: the DataVolume to fill and the chosen file. */
export interface PendingUpload {
  namespace: string;
  dataVolumeName: string;
  file: File;
}

export interface UploadOptions {
  onProgress(sent: number, total: number): void;
  /** Aborting cancels the upload (and the wait before it). */
  signal?: AbortSignal;
  /** How long KubeVirt may take to create the DataVolume (ms). */
  timeoutMs?: number;
  intervalMs?: number;
  sleep?(ms: number): Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const codeOf = (error: unknown) => (error as { code?: number } | null)?.code;

/** Resolves once the DataVolume exists; the BFF relay then waits for it to take the upload. */
export const waitForDataVolume = async (
  namespace: string,
  name: string,
  {
    signal,
    timeoutMs = 120_000,
    intervalMs = 1_000,
    sleep = defaultSleep,
  }: Omit<UploadOptions, 'onProgress'> = {},
): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new Error('The upload was cancelled.');
    try {
      await k8sGet(DataVolumeModel, { namespace, name });
      return;
    } catch (error) {
      if (codeOf(error) !== 404) throw error;
    }
    if (Date.now() >= until)
      throw new Error(
        `DataVolume ${namespace}/${name} was not created within ${Math.round(timeoutMs / 1000)} s.`,
      );
    await sleep(intervalMs);
  }
};

/** Waits for the DataVolume, then uploads the file into it, telling the progress. */
export const uploadBootDisk = async (
  upload: PendingUpload,
  options: UploadOptions,
): Promise<void> => {
  const { namespace, dataVolumeName, file } = upload;
  await waitForDataVolume(namespace, dataVolumeName, options);
  const handle = uploadImage(namespace, dataVolumeName, file, options.onProgress);
  const cancel = () => handle.cancel();
  options.signal?.addEventListener('abort', cancel);
  try {
    await handle.done;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
};
