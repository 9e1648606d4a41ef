// The only door to xterm.js: everything heavy is behind this dynamic import, so pages that do
// not open a serial console never download it (tests mock this module).
export const loadXterm = async () => {
  const [{ Terminal }, { FitAddon }, { SearchAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/addon-search'),
    import('@xterm/xterm/css/xterm.css'),
  ]);
  return { Terminal, FitAddon, SearchAddon };
};

export type XtermLibrary = Awaited<ReturnType<typeof loadXterm>>;
