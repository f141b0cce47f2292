// The conversion report in the reader's language: every entry carries a message (its id is the
// entry's `code`), so a French report holds no English sentence, and the JSON keeps the same
// codes in both languages. Checked on every project of the corpus (test/corpus/).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CATALOG_PARTS, t } from '@quai/contracts';
import { onboard } from '../src/index.js';

const CORPUS = resolve('test/corpus');

interface Source {
  import: { files: string[]; envFiles?: string[]; env?: Record<string, string> };
  expect?: { import?: 'refused' };
}

/** The words of the onboarding messages in one language that the other language does not share. */
function fragments(from: 'en' | 'fr', other: 'en' | 'fr'): string[] {
  const out: string[] = [];
  for (const m of Object.values(CATALOG_PARTS['onboard'] ?? {})) {
    if (m[from] === m[other]) continue;
    for (const part of m[from].split(/\{[^}]*\}/)) {
      const p = part.trim();
      // Long enough to be a sentence of its own, and not a piece the other text has as well.
      if (p.length >= 24 && !m[other].includes(p)) out.push(p);
    }
  }
  return out;
}

const projects = readdirSync(CORPUS)
  .filter((p) => {
    const s = parse(readFileSync(join(CORPUS, p, 'SOURCE.yaml'), 'utf8')) as Source;
    return s.expect?.import !== 'refused';
  })
  .sort();

async function convert(project: string): Promise<onboard.ConversionReport> {
  const s = parse(readFileSync(join(CORPUS, project, 'SOURCE.yaml'), 'utf8')) as Source;
  const loaded = await onboard.loadCompose({
    files: s.import.files.map((f) => join(CORPUS, project, f)),
    ...(s.import.envFiles ? { envFiles: s.import.envFiles.map((f) => join(CORPUS, project, f)) } : {}),
    env: s.import.env ?? {},
  });
  return onboard.convertCompose(loaded, { team: 'dlsi' }).report;
}

describe('the conversion report in French and English', () => {
  const english = fragments('en', 'fr');
  const french = fragments('fr', 'en');

  it('has sentences to look for in both languages', () => {
    expect(english.length).toBeGreaterThan(100);
    expect(french.length).toBeGreaterThan(100);
  });

  it.each(projects)(
    '%s: French text with no English sentence, English with no French one',
    async (project) => {
      const report = await convert(project);
      expect(report.entries.length).toBeGreaterThan(0);
      const fr = onboard.formatReport(report, 'fr');
      const en = onboard.formatReport(report, 'en');
      expect(fr).toMatch(
        /^Conversion de .* \(projet .*\) : \d+ repris, \d+ approchés?, \d+ non repris, \d+ refusés?\n/,
      );
      expect(english.filter((x) => fr.includes(x))).toEqual([]);
      expect(french.filter((x) => en.includes(x))).toEqual([]);
    },
  );

  it('keeps the JSON machine-readable: the same codes in both languages, the detail as text', async () => {
    const report = await convert('immich');
    const fr = onboard.reportJson(report, 'fr') as { entries: { code: string; detail: unknown }[] };
    const en = onboard.reportJson(report, 'en') as { entries: { code: string; detail: unknown }[] };
    expect(fr.entries.map((e) => e.code)).toEqual(en.entries.map((e) => e.code));
    for (const e of fr.entries) {
      expect(e.code).toMatch(/^onboard\.(entry|key|top)\./);
      expect(typeof e.detail).toBe('string');
    }
    const image = report.entries.find(
      (e) => e.code === 'onboard.entry.imageLatest' || e.code === 'onboard.entry.image',
    );
    expect(image).toBeDefined();
    // A real entry of immich's compose file, in both languages.
    const redis = report.entries.find((e) => e.key.endsWith('.healthcheck') && e.service === 'redis');
    expect(redis).toBeDefined();
    expect(t('en', redis!.detail)).not.toBe(t('fr', redis!.detail));
  });
});
