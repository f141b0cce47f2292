import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, studyTable, withTable } from '../../../scripts/study-docs.js';

describe('the study pages', () => {
  for (const [file, lang] of [
    ['docs/state-of-the-art.md', 'en'],
    ['docs/fr/etat-de-l-art.md', 'fr'],
  ] as const) {
    it(`${file} shows what quai compare computes (npm run docs:study updates it)`, () => {
      const page = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
      expect(page).toContain(BEGIN);
      expect(page).toContain(END);
      expect(page).toBe(withTable(page, studyTable(lang)));
    });
  }
});
