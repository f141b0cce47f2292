import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The French pages use the terms of docs/fr/terminologie.md: this test reads the table there and
 * fails on any refused variant in the prose of docs/fr/ and README.fr.md. Code (fenced blocks,
 * inline code), link addresses, file paths and HTML comments are not prose and are skipped.
 */

const root = new URL('../../../', import.meta.url).pathname;
const table = readFileSync(join(root, 'docs/fr/terminologie.md'), 'utf8');

interface Term {
  readonly english: string;
  readonly french: string;
  readonly refused: readonly string[];
}

function terms(): Term[] {
  const start = table.indexOf('<!-- terminologie: begin -->');
  const end = table.indexOf('<!-- terminologie: end -->');
  const rows = table
    .slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| anglais') && !l.startsWith('| ---'));
  return rows.map((row) => {
    const [english = '', french = '', refused = ''] = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    return {
      english,
      french,
      refused: refused === '—' ? [] : refused.split(',').map((v) => v.trim()),
    };
  });
}

/** The prose of a Markdown page: code, link addresses, paths and comments removed. */
function prose(markdown: string): string {
  // Removed parts keep their line breaks, so line numbers stay those of the file.
  const blank = (m: string): string => m.replace(/[^\n]/g, '');
  return (
    markdown
      .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, blank)
      .replace(/<!--[\s\S]*?-->/g, blank)
      .replace(/`[^`\n]*`/g, '')
      // The title of an external page is a citation, not our prose.
      .replace(/\[[^\]\n]*\]\(https?:[^)]*\)/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/https?:\/\/\S+/g, '')
      .replace(/\S*[/\\]\S*|\S+\.(md|sh|yaml|yml|json)\b/g, '')
  );
}

function frenchPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(join(root, 'docs/fr'));
  if (existsSync(join(root, 'README.fr.md'))) out.push(join(root, 'README.fr.md'));
  return out.sort();
}

/**
 * Pages owned by other engineers that still use a refused variant, and the fix asked of them.
 * Each entry must still be needed: when its page is fixed, the test fails until it is removed.
 */
const PENDING: readonly { readonly page: string; readonly variant: string }[] = [];

/** docs/fr pages with an English name, to be renamed by their owners (see terminologie.md). */
const PENDING_RENAMES: Readonly<Record<string, string>> = {
  'deploy.md': 'deploiement.md',
  'onboarding.md': 'integration-des-applications.md',
};

function violations(): { page: string; variant: string; line: number; text: string }[] {
  const found: { page: string; variant: string; line: number; text: string }[] = [];
  for (const file of frenchPages()) {
    const page = relative(root, file);
    // The table itself lists the refused variants.
    if (page === 'docs/fr/terminologie.md') continue;
    const text = prose(readFileSync(file, 'utf8'));
    const lines = text.split('\n');
    for (const t of terms()) {
      for (const variant of t.refused) {
        const re = new RegExp(
          `(^|[^\\p{L}\\p{N}_-])${variant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[^\\p{L}\\p{N}_-])`,
          'iu',
        );
        lines.forEach((l, i) => {
          if (re.test(l)) found.push({ page, variant, line: i + 1, text: l.trim() });
        });
      }
    }
  }
  return found;
}

describe('French terminology (docs/fr/terminologie.md)', () => {
  it('has a table with refused variants for the terms the issue names', () => {
    const byEnglish = new Map(terms().map((t) => [t.english, t]));
    // "namespace" stays in English, as in the CLI's messages; the variant the issue names is refused.
    expect(byEnglish.get('namespace')?.refused).toEqual(['espace de noms', 'espaces de noms']);
    expect(byEnglish.get('platform')?.refused).toContain('plate-forme');
    expect(byEnglish.get('Job (Kubernetes)')?.refused).toContain('une Job');
  });

  it('finds refused variants in prose but not in code or link addresses', () => {
    const sample = [
      'Créer un espace de noms pour la plate-forme.',
      '```sh',
      'echo "un espace de noms"',
      '```',
      'La commande `echo plate-forme` et [la page](../plate-forme.md) ne comptent pas.',
    ].join('\n');
    const p = prose(sample);
    expect(p).toContain('espace de noms pour la plate-forme');
    expect(p).not.toContain('echo');
    expect(p.match(/plate-forme/g)).toHaveLength(1);
  });

  it('is followed by every French page', () => {
    const found = violations();
    const unexpected = found.filter(
      (v) => !PENDING.some((p) => p.page === v.page && p.variant === v.variant),
    );
    expect(unexpected.map((v) => `${v.page}:${v.line}: "${v.variant}" in: ${v.text}`)).toEqual([]);
    // A pending exception that is no longer needed must be removed.
    for (const p of PENDING) {
      expect(
        found.some((v) => v.page === p.page && v.variant === p.variant),
        `${p.page} no longer uses "${p.variant}": remove it from PENDING`,
      ).toBe(true);
    }
  });

  it('gives French pages French file names', () => {
    const english = new Set([
      'deploy.md',
      'onboarding.md',
      'backup.md',
      'scan.md',
      'cli.md',
      'exit-codes.md',
    ]);
    const names = readdirSync(join(root, 'docs/fr')).filter((f) => f.endsWith('.md'));
    const bad = names.filter((n) => english.has(n));
    expect(bad.sort()).toEqual(Object.keys(PENDING_RENAMES).sort());
  });
});
