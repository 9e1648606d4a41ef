import { beforeEach, describe, expect, it, vi } from 'vitest';
import { k8sGet } from '../../../api/k8s';
import { uploadImage } from '../../../api/upload';
import { uploadBootDisk, waitForDataVolume } from './uploadBootDisk';
import { statusError } from './testSupport';

vi.mock('../../../api/k8s', () => ({ k8sGet: vi.fn() }));
vi.mock('../../../api/upload', () => ({ uploadImage: vi.fn() }));

const file = new File(['disk image'], 'fedora.qcow2');
const noWait = () => Promise.resolve();

beforeEach(() => {
  vi.mocked(k8sGet).mockReset();
  vi.mocked(uploadImage).mockReset();
});

describe('uploadBootDisk', () => {
  it('waits for KubeVirt to create the DataVolume, then uploads the file into it', async () => {
    vi.mocked(k8sGet)
      .mockRejectedValueOnce(statusError(404, 'not found'))
      .mockResolvedValueOnce({ metadata: { name: 'vm-1' } });
    let report: ((sent: number, total: number) => void) | undefined;
    vi.mocked(uploadImage).mockImplementation((_ns, _name, _file, onProgress) => {
      report = onProgress;
      return { done: Promise.resolve(), cancel: vi.fn() };
    });
    const onProgress = vi.fn();

    await uploadBootDisk(
      { namespace: 'demo', dataVolumeName: 'vm-1', file },
      { onProgress, sleep: noWait },
    );

    expect(vi.mocked(k8sGet)).toHaveBeenCalledTimes(2);
    expect(vi.mocked(k8sGet).mock.calls[0]?.[1]).toEqual({ namespace: 'demo', name: 'vm-1' });
    expect(vi.mocked(uploadImage).mock.calls[0]?.slice(0, 3)).toEqual(['demo', 'vm-1', file]);
    report?.(5, 10);
    expect(onProgress).toHaveBeenCalledWith(5, 10);
  });

  it('cancels the upload when the signal aborts', async () => {
    vi.mocked(k8sGet).mockResolvedValue({});
    const cancel = vi.fn();
    let fail: (error: Error) => void = () => undefined;
    vi.mocked(uploadImage).mockReturnValue({
      done: new Promise<void>((_, reject) => {
        fail = reject;
      }),
      cancel: () => {
        cancel();
        fail(new Error('The upload was cancelled.'));
      },
    });
    const controller = new AbortController();
    const running = uploadBootDisk(
      { namespace: 'demo', dataVolumeName: 'vm-1', file },
      { onProgress: vi.fn(), signal: controller.signal, sleep: noWait },
    );
    await vi.waitFor(() => expect(uploadImage).toHaveBeenCalled());
    controller.abort();
    await expect(running).rejects.toThrow('cancelled');
    expect(cancel).toHaveBeenCalled();
  });
});

describe('waitForDataVolume', () => {
  it('gives up after the timeout, and passes other errors on at once', async () => {
    vi.mocked(k8sGet).mockRejectedValue(statusError(404, 'not found'));
    await expect(
      waitForDataVolume('demo', 'vm-1', { timeoutMs: 0, sleep: noWait }),
    ).rejects.toThrow('DataVolume demo/vm-1 was not created within 0 s.');

    vi.mocked(k8sGet).mockReset().mockRejectedValue(statusError(403, 'forbidden'));
    await expect(waitForDataVolume('demo', 'vm-1', { sleep: noWait })).rejects.toThrow('forbidden');
    expect(k8sGet).toHaveBeenCalledTimes(1);
  });
});
