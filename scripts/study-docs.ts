/**
 * Writes the comparison tables of the study into docs/state-of-the-art.md and
 * docs/fr/etat-de-l-art.md, between their markers: `npm run docs:study`. A test checks they are
 * current, so the pages always say what `quai compare` computes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Lang } from '@quai/contracts';
import { compare } from '@quai/core';

export const BEGIN = '<!-- quai compare --format markdown --details: begin -->';
export const END = '<!-- quai compare --format markdown --details: end -->';

export function studyTable(lang: Lang): string {
  const data = compare.studyData();
  const weights = compare.resolveWeights(data);
  return compare.formatMarkdown(data, compare.rank(data, weights), compare.sensitivity(data, weights), lang, {
    details: true,
  });
}

export function withTable(page: string, table: string): string {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error('markers not found');
  return `${page.slice(0, start + BEGIN.length)}\n${table}${page.slice(end)}`;
}

if (process.argv[1]?.endsWith('study-docs.ts') === true) {
  for (const [file, lang] of [
    ['../docs/state-of-the-art.md', 'en'],
    ['../docs/fr/etat-de-l-art.md', 'fr'],
  ] as const) {
    const url = new URL(file, import.meta.url);
    writeFileSync(url, withTable(readFileSync(url, 'utf8'), studyTable(lang)));
    process.stdout.write(`${url.pathname}\n`);
  }
}
