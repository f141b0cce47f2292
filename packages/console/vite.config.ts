import { defineConfig, type Plugin } from 'vite';

/**
 * The catalog one language at a time: src/catalog/en.ts and fr.ts take their texts from the
 * bilingual catalog of @quai/contracts (tests, `vite dev`); the build replaces each with its own
 * language's texts only, as JSON, so the bilingual catalog is not shipped and a page loads only
 * the texts of the language it shows (the contracts are built before the console).
 */
function catalogPerLanguage(): Plugin {
  return {
    name: 'quai-catalog-per-language',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      const lang = /\/src\/catalog\/(en|fr)\.ts$/.exec(id)?.[1] as 'en' | 'fr' | undefined;
      if (lang === undefined) return null;
      const { MESSAGES } = await import('@quai/contracts/catalog');
      const texts: Record<string, string> = {};
      for (const [key, entry] of Object.entries(MESSAGES)) texts[key] = entry[lang];
      // JSON.parse of a string literal: quicker to parse than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(texts))});\n`;
    },
  };
}

// The console builds to dist/, which `quai serve` serves (packages/api). Workspace packages
// resolve to their TypeScript sources (the "@quai/source" condition), as in the tests.
export default defineConfig({
  base: './',
  plugins: [catalogPerLanguage()],
  resolve: { conditions: ['@quai/source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // The catalog's modules only declare data: unused (the texts come from catalog/*.ts), they
    // are left out, although the bundler cannot prove that building their objects has no effect.
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !/\/contracts\/src\/messages\//.test(id) },
    },
  },
  server: { proxy: { '/api': process.env['QUAI_API_URL'] ?? 'http://127.0.0.1:8484' } },
});
