import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT_CODES, OUTCOMES } from '../src/index.js';

for (const [page, lang] of [
  ['docs/exit-codes.md', 'en'],
  ['docs/fr/codes-de-sortie.md', 'fr'],
] as const) {
  const doc = readFileSync(new URL(`../../../${page}`, import.meta.url), 'utf8');

  describe(page, () => {
    it('lists every error code with its exit code and HTTP status', () => {
      for (const [code, info] of Object.entries(ERROR_CODES)) {
        expect(doc).toContain(`| \`${code}\` | ${info.exit} | ${info.http} |`);
      }
    });

    it('lists every outcome with its exit code and HTTP status', () => {
      for (const [outcome, info] of Object.entries(OUTCOMES)) {
        expect(doc).toContain(`| \`${outcome}\` | ${info.exit} | ${info.http} | ${info.summary[lang]} |`);
      }
    });

    it('explains every exit code', () => {
      for (const exit of Object.values(EXIT_CODES)) {
        expect(doc).toMatch(new RegExp(`^\\| ${exit} \\|`, 'm'));
      }
    });
  });
}
