// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { makeVm } from '../testSupport';
import {
  CONSOLE_CHOICE_KEY,
  defaultConsoleKind,
  readConsoleChoice,
  storeConsoleChoice,
  useConsoleChoice,
} from './consoleChoice';

const headless = () => {
  const vm = makeVm();
  vm.spec!.template!.spec!.domain.devices.autoattachGraphicsDevice = false;
  return vm;
};

describe('consoleChoice', () => {
  beforeEach(() => window.localStorage.clear());

  it('remembers a choice and ignores what it does not know', () => {
    expect(readConsoleChoice()).toBeUndefined();
    storeConsoleChoice('serial');
    expect(window.localStorage.getItem(CONSOLE_CHOICE_KEY)).toBe('serial');
    expect(readConsoleChoice()).toBe('serial');
    window.localStorage.setItem(CONSOLE_CHOICE_KEY, 'spice');
    expect(readConsoleChoice()).toBeUndefined();
  });

  it('defaults to VNC, or serial for a VM without a graphics device', () => {
    expect(defaultConsoleKind(makeVm())).toBe('vnc');
    expect(defaultConsoleKind(undefined)).toBe('vnc');
    expect(defaultConsoleKind(headless())).toBe('serial');
  });

  it('the hook starts from the stored choice and stores a new one', () => {
    storeConsoleChoice('desktop');
    const { result } = renderHook(() => useConsoleChoice(makeVm()));
    expect(result.current[0]).toBe('desktop');
    act(() => result.current[1]('serial'));
    expect(result.current[0]).toBe('serial');
    expect(readConsoleChoice()).toBe('serial');
  });

  it('the hook falls back to the VM default when nothing is stored', () => {
    const { result } = renderHook(() => useConsoleChoice(headless()));
    expect(result.current[0]).toBe('serial');
  });

  it('keeps working when storage throws', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('quota');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('denied');
    });
    expect(() => storeConsoleChoice('vnc')).not.toThrow();
    expect(readConsoleChoice()).toBeUndefined();
  });
});
