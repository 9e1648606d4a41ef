import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      // The console provides the SDK at run time; in unit tests the shell's implementation of
      // the same surface stands in, so plugin code is tested against what the shell ships.
      '@openshift-console/dynamic-plugin-sdk': path.resolve(__dirname, 'src/shell/sdk/index.ts'),
    },
  },
  test: {
    globals: true,
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'charts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    restoreMocks: true,
  },
});
