import { defineConfig } from 'vite';

// The console builds to dist/, which `quai serve` serves (packages/api). Workspace packages
// resolve to their TypeScript sources (the "@quai/source" condition), as in the tests.
export default defineConfig({
  base: './',
  resolve: { conditions: ['@quai/source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': process.env['QUAI_API_URL'] ?? 'http://127.0.0.1:8484' } },
});
