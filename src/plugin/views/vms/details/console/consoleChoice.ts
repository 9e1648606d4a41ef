import { useCallback, useState } from 'react';
import type { VirtualMachine } from '../../../../api/types';

/** The consoles the switcher offers, in the order shown. */
export const CONSOLE_KINDS = ['vnc', 'serial', 'desktop'] as const;
export type ConsoleKind = (typeof CONSOLE_KINDS)[number];

/**
 * The last console chosen, kept in localStorage: a habit of the person at this browser, shared by
 * every VM (someone who works on serial consoles wants serial next time too).
 */
export const CONSOLE_CHOICE_KEY = 'virtualization-plugin/console/choice';

export const isConsoleKind = (value: unknown): value is ConsoleKind =>
  (CONSOLE_KINDS as readonly unknown[]).includes(value);

/** VNC, unless the VM has no graphics device: then the serial console is all there is. */
export const defaultConsoleKind = (vm?: VirtualMachine): ConsoleKind =>
  vm?.spec?.template?.spec?.domain?.devices?.autoattachGraphicsDevice === false ? 'serial' : 'vnc';

export const readConsoleChoice = (): ConsoleKind | undefined => {
  try {
    const stored = window.localStorage.getItem(CONSOLE_CHOICE_KEY);
    return isConsoleKind(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
};

export const storeConsoleChoice = (kind: ConsoleKind): void => {
  try {
    window.localStorage.setItem(CONSOLE_CHOICE_KEY, kind);
  } catch {
    // Private browsing or a full quota: the choice holds for this page only.
  }
};

/** The console to show: the remembered choice, else the VM's default; choosing remembers it. */
export const useConsoleChoice = (vm?: VirtualMachine) => {
  const [chosen, setChosen] = useState<ConsoleKind | undefined>(readConsoleChoice);
  const choose = useCallback((kind: ConsoleKind) => {
    setChosen(kind);
    storeConsoleChoice(kind);
  }, []);
  return [chosen ?? defaultConsoleKind(vm), choose] as const;
};
