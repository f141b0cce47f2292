import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USE_CASES } from '@quai/contracts';

// docs/api.md and docs/fr/api.md list every use case the server serves, with its path: a use
// case added without its row fails here.
describe('the API reference pages', () => {
  for (const page of ['docs/api.md', 'docs/fr/api.md']) {
    it(`${page} names every use case and its path`, () => {
      const text = readFileSync(new URL(`../../../${page}`, import.meta.url), 'utf8');
      const missing = Object.entries(USE_CASES)
        .filter(([id, spec]) => !text.includes(id) || !text.includes(`\`${spec.path}\``))
        .map(([id, spec]) => `${id} (${spec.path})`);
      expect(missing).toEqual([]);
    });
  }
});
