import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, EXIT_CODES, OUTCOMES } from '../src/index.js';

const doc = readFileSync(new URL('../../../docs/exit-codes.md', import.meta.url), 'utf8');

describe('docs/exit-codes.md', () => {
  it('lists every error code with its exit code and HTTP status', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(doc).toContain(`| \`${code}\` | ${info.exit} | ${info.http} |`);
    }
  });

  it('lists every outcome with its exit code and HTTP status', () => {
    for (const [outcome, info] of Object.entries(OUTCOMES)) {
      expect(doc).toContain(`| \`${outcome}\` | ${info.exit} | ${info.http} | ${info.summary.en} |`);
    }
  });

  it('explains every exit code', () => {
    for (const exit of Object.values(EXIT_CODES)) {
      expect(doc).toMatch(new RegExp(`^\\| ${exit} \\|`, 'm'));
    }
  });
});
