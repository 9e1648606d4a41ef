import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyEvent } from './keys';
import type { GuestKeymap } from './keymaps';
import { planPaste, typeStrokes } from './pastePlan';

export interface PasteJob {
  typed: number;
  total: number;
  /** Characters the guest layout cannot type (skipped). */
  unknown: string[];
  done: boolean;
  cancelled: boolean;
}

/** Type pasted text into the guest a key at a time, with progress and cancel. */
export const usePasteTyping = (send: (event: KeyEvent) => void) => {
  const [job, setJob] = useState<PasteJob>();
  const controller = useRef<AbortController>(undefined);

  const type = useCallback(
    async (text: string, keymap: GuestKeymap) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const { strokes, unknown } = planPaste(text, keymap);
      setJob({ typed: 0, total: strokes.length, unknown, done: false, cancelled: false });
      const typed = await typeStrokes(strokes, send, {
        signal: abort.signal,
        onProgress: (count) => setJob((last) => last && { ...last, typed: count }),
      });
      if (controller.current !== abort) return;
      setJob((last) => last && { ...last, typed, done: true, cancelled: abort.signal.aborted });
    },
    [send],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const dismiss = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setJob(undefined);
  }, []);

  useEffect(() => () => controller.current?.abort(), []);

  return { job, type, cancel, dismiss };
};
