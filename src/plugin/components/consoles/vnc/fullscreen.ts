/** The Keyboard Lock API (Chromium): lets Ctrl+Alt and Esc combos reach the page in full screen. */
interface KeyboardLock {
  lock?: (codes?: string[]) => Promise<void>;
  unlock?: () => void;
}

const keyboardOf = (): KeyboardLock | undefined =>
  (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;

/** Show `element` in full screen and, where the browser allows it, capture system keys. */
export const enterFullscreen = async (element: HTMLElement): Promise<void> => {
  await element.requestFullscreen();
  try {
    await keyboardOf()?.lock?.();
  } catch {
    // Keyboard lock is a nicety: full screen works without it.
  }
};

/** Leave full screen and release the keyboard. */
export const exitFullscreen = async (): Promise<void> => {
  keyboardOf()?.unlock?.();
  if (document.fullscreenElement) await document.exitFullscreen();
};

/** Release the keyboard (when the user left full screen with the browser's own key). */
export const unlockKeyboard = (): void => keyboardOf()?.unlock?.();
