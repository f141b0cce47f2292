// Every help text of the commands below, in French and in English: nothing mixed. The French
// help holds no sentence of the English catalog (and the English help no French one), and no
// English description is left outside the catalog.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@quai/contracts';
import { runQuai } from './run-cli.js';

const COMMANDS: readonly (readonly string[])[] = [
  ['backup'],
  ['backup', 'create'],
  ['backup', 'list'],
  ['backup', 'describe'],
  ['backup', 'delete'],
  ['backup', 'prune'],
  ['backup', 'drill'],
  ['backup', 'drill', 'list'],
  ['backup', 'key'],
  ['backup', 'key', 'create'],
  ['backup', 'logs'],
  ['backup', 'schedule'],
  ['backup', 'schedule', 'create'],
  ['backup', 'schedule', 'list'],
  ['backup', 'schedule', 'describe'],
  ['backup', 'schedule', 'delete'],
  ['backup', 'schedule', 'run-now'],
  ['backup', 'schedule', 'install'],
  ['backup', 'schedule', 'daemon'],
  ['restore'],
  ['scan'],
  ['scan', 'image'],
  ['scan', 'import'],
  ['scan', 'cluster'],
  ['sbom'],
  ['vulndb'],
  ['vulndb', 'import'],
  ['vulndb', 'update'],
  ['vulndb', 'status'],
  ['vulndb', 'query'],
  ['import'],
  ['import', 'compose'],
  ['dev'],
  ['dev', 'cluster'],
  ['dev', 'cluster', 'up'],
  ['dev', 'cluster', 'down'],
  ['demo'],
];

/** Pieces of catalog texts in one language that the other language's text does not share. */
function fragments(from: 'en' | 'fr', other: 'en' | 'fr'): string[] {
  const out = new Set<string>();
  for (const m of Object.values(MESSAGES) as { en: string; fr: string }[]) {
    if (m[from] === m[other]) continue;
    for (const part of m[from].split(/\{[^}]*\}|\n/)) {
      const p = part.trim();
      if (p.length >= 24 && !m[other].includes(p)) out.add(p);
    }
  }
  return [...out];
}

const english = fragments('en', 'fr');
const french = fragments('fr', 'en');

/** Lines of help that are prose (descriptions), not command lines, flags or values. */
function prose(help: string): string[] {
  return help
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) => /\b(the|of|and|to|with|is|are|a|an|in|from|or)\b [a-z]/.test(l) && !/^(quai|\$|-)/.test(l),
    );
}

describe('help in French and in English, nothing mixed', () => {
  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('%s --help', async (_name, argv) => {
    const fr = await runQuai(['--lang', 'fr', ...argv, '--help']);
    const en = await runQuai(['--lang', 'en', ...argv, '--help']);
    expect(fr.code).toBe(0);
    expect(en.code).toBe(0);
    expect(fr.out).toContain('Utilisation :');
    expect(en.out).toContain('Usage:');
    expect(english.filter((x) => fr.out.includes(x))).toEqual([]);
    expect(french.filter((x) => en.out.includes(x))).toEqual([]);
    // English prose that is in no catalog at all (a description left as a string literal).
    const leftover = prose(fr.out).filter((line) => /\b(the|and|with|from|which)\b/.test(line));
    expect(leftover).toEqual([]);
    // The French help is not the English one.
    expect(fr.out).not.toBe(en.out);
  });
});
