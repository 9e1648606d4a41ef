import React from 'react';
import * as ReactI18next from 'react-i18next';
import * as ReactRouter from 'react-router';
import * as ConsoleSDK from '../sdk';

/** Versions of the shared packages, read from node_modules at build time (vite.config.ts). */
declare const __SHARED_VERSIONS__: Record<string, string>;

/** The console's release our SDK implementation stands for; plugins depend on it by range. */
export const CONSOLE_VERSION = '4.22.0';

/** The share scope entry webpack module federation expects for one provided module. */
const provide = (version: string, module: unknown) => ({
  [version]: {
    get: () => Promise.resolve(() => module),
    loaded: 1,
    from: 'virtualization-shell',
    eager: true,
  },
});

/**
 * The modules the console shares with its plugins, as this shell provides them: the same
 * React, react-i18next and react-router instances the shell renders with (so the plugin's
 * hooks see the shell's contexts), and the shell's own SDK implementation.
 */
export const createSharedScope = (): Record<string, unknown> => ({
  react: provide(React.version, React),
  'react-i18next': provide(__SHARED_VERSIONS__['react-i18next'] ?? '0.0.0', ReactI18next),
  'react-router': provide(__SHARED_VERSIONS__['react-router'] ?? '0.0.0', ReactRouter),
  '@openshift-console/dynamic-plugin-sdk': provide(CONSOLE_VERSION, ConsoleSDK),
});
