// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, initialTheme, loadTheme, saveTheme } from './theme';

const THEME_KEY = 'virtualization-shell.theme';
const DARK_CLASS = 'pf-v6-theme-dark';

const mockPrefersDark = (prefersDark: boolean) => {
  const matchMedia = vi.fn((query: string) => ({
    matches: query === '(prefers-color-scheme: dark)' && prefersDark,
    media: query,
  }));
  Object.defineProperty(window, 'matchMedia', { configurable: true, value: matchMedia });
  return matchMedia;
};

const resetRoot = () => {
  document.documentElement.className = '';
  document.documentElement.style.colorScheme = '';
};

beforeEach(() => {
  window.localStorage.clear();
  resetRoot();
});

afterEach(() => {
  Reflect.deleteProperty(window, 'matchMedia');
  window.localStorage.clear();
  resetRoot();
});

describe('initialTheme', () => {
  it('keeps a stored choice whatever the system prefers', () => {
    expect(initialTheme('light', true)).toBe('light');
    expect(initialTheme('dark', false)).toBe('dark');
  });

  it('follows the system preference when nothing is stored', () => {
    expect(initialTheme(null, true)).toBe('dark');
    expect(initialTheme(null, false)).toBe('light');
  });

  it('ignores a stored value that is not a theme', () => {
    expect(initialTheme('Dark', false)).toBe('light');
    expect(initialTheme('', true)).toBe('dark');
    expect(initialTheme('blue', true)).toBe('dark');
  });
});

describe('applyTheme', () => {
  it('adds the PatternFly dark class and the dark color scheme for dark', () => {
    const root = document.createElement('div');
    applyTheme('dark', root);
    expect(root).toHaveClass(DARK_CLASS);
    expect(root.style.colorScheme).toBe('dark');
  });

  it('removes the dark class and sets the light color scheme for light', () => {
    const root = document.createElement('div');
    root.classList.add(DARK_CLASS, 'other');
    applyTheme('light', root);
    expect(root).not.toHaveClass(DARK_CLASS);
    expect(root).toHaveClass('other');
    expect(root.style.colorScheme).toBe('light');
  });

  it('does not add the dark class twice when applied twice', () => {
    const root = document.createElement('div');
    applyTheme('dark', root);
    applyTheme('dark', root);
    expect(root.className).toBe(DARK_CLASS);
  });

  it('applies to <html> by default', () => {
    applyTheme('dark');
    expect(document.documentElement).toHaveClass(DARK_CLASS);
    applyTheme('light');
    expect(document.documentElement).not.toHaveClass(DARK_CLASS);
  });
});

describe('loadTheme', () => {
  it('uses the stored theme', () => {
    mockPrefersDark(true);
    window.localStorage.setItem(THEME_KEY, 'light');
    expect(loadTheme()).toBe('light');
  });

  it('asks the system for its color-scheme preference when nothing is stored', () => {
    const matchMedia = mockPrefersDark(true);
    expect(loadTheme()).toBe('dark');
    expect(matchMedia).toHaveBeenCalledWith('(prefers-color-scheme: dark)');
    mockPrefersDark(false);
    expect(loadTheme()).toBe('light');
  });

  it('is light when the browser has no matchMedia', () => {
    Reflect.deleteProperty(window, 'matchMedia');
    expect(loadTheme()).toBe('light');
  });
});

describe('saveTheme', () => {
  it('stores the theme and applies it to <html>', () => {
    saveTheme('dark');
    expect(window.localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(document.documentElement).toHaveClass(DARK_CLASS);
    saveTheme('light');
    expect(window.localStorage.getItem(THEME_KEY)).toBe('light');
    expect(document.documentElement).not.toHaveClass(DARK_CLASS);
    expect(loadTheme()).toBe('light');
  });
});
