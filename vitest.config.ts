import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (the "@quai/source" export
// condition), so tests never run stale builds.
export default defineConfig({
  resolve: { conditions: ['@quai/source'] },
  ssr: { resolve: { conditions: ['@quai/source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'console',
          include: ['packages/console/test/**/*.test.tsx'],
          environment: 'happy-dom',
        },
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The console's end-to-end tests (Chromium) share the integration run's cluster.
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 1_800_000,
          // One cluster for the whole run: files run one after the other.
          fileParallelism: false,
        },
      },
    ],
  },
});
