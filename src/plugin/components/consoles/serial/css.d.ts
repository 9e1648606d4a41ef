// Side-effect CSS imports (xterm's stylesheet), handled by the bundler.
declare module '*.css';
