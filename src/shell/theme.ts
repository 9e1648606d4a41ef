export type Theme = 'light' | 'dark';

const THEME_KEY = 'virtualization-shell.theme';
/** PatternFly 6 switches every token to its dark value under this class on <html>. */
const DARK_CLASS = 'pf-v6-theme-dark';

/** The theme chosen before, else the system's preference. */
export const initialTheme = (stored: string | null, prefersDark: boolean): Theme =>
  stored === 'light' || stored === 'dark' ? stored : prefersDark ? 'dark' : 'light';

export const applyTheme = (theme: Theme, root: HTMLElement = document.documentElement) => {
  root.classList.toggle(DARK_CLASS, theme === 'dark');
  root.style.colorScheme = theme;
};

export const loadTheme = (): Theme =>
  initialTheme(
    window.localStorage.getItem(THEME_KEY),
    window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  );

export const saveTheme = (theme: Theme) => {
  window.localStorage.setItem(THEME_KEY, theme);
  applyTheme(theme);
};
