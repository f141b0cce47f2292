/**
 * `quai docs app` as the user runs it: the sheet on standard output or in a file written
 * atomically, JSON with -o json, clear errors; and the commands the sheet tells the reader to run
 * are commands and flags this CLI has (a renamed flag breaks this test, not a night on call).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppSheet } from '@quai/contracts';
import { commandLineProblems, englishProgram } from './command-lines.js';
import { runQuai } from './run-cli.js';

const root = resolve(import.meta.dirname, '../../..');
const spec = join(root, 'examples/annuaire/app.yaml');
const platform = join(root, 'examples/platform/quai.yaml');
const offline = ['docs', 'app', '--app-spec', spec, '--platform', platform, '--offline'];

const program = await englishProgram();
const problems = (args: readonly string[]): string[] => commandLineProblems(program, args);

describe('quai docs app', { timeout: 60_000 }, () => {
  it('prints the sheet as Markdown in the language of --lang or LANG', async () => {
    const en = await runQuai(offline);
    expect(en.code).toBe(0);
    expect(en.out.startsWith('# Operations sheet: annuaire\n')).toBe(true);
    const fr = await runQuai(offline, { LANG: 'fr_FR.UTF-8' });
    expect(fr.code).toBe(0);
    expect(fr.out.startsWith("# Fiche d'exploitation : annuaire\n")).toBe(true);
  });

  it('writes HTML to a file atomically, and prints the structured sheet with -o json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-sheet-'));
    const file = join(dir, 'fiche.html');
    writeFileSync(file, 'the previous sheet');
    const r = await runQuai(['--lang', 'fr', ...offline, '--format', 'html', '--output-file', file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain(`Fiche écrite dans ${file}.`);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(readdirSync(dir)).toEqual(['fiche.html']);

    const json = await runQuai([...offline, '-o', 'json']);
    expect(json.code).toBe(0);
    const sheet = AppSheet.parse(JSON.parse(json.out));
    expect(sheet.app).toBe('annuaire');
    // Messages come with their text in the reader's language.
    expect(JSON.stringify(sheet.notes)).toContain('The cluster was not read');
  });

  it('gives commands that exist with those flags', async () => {
    const r = await runQuai([...offline, '-o', 'json']);
    const sheet = AppSheet.parse(JSON.parse(r.out));
    const lines = [...sheet.commands.deploy, ...sheet.commands.rollback, ...sheet.commands.restore].map(
      (c) => c.command,
    );
    expect(lines.length).toBeGreaterThanOrEqual(9);
    const words = lines.map((l) => [...l.matchAll(/'[^']*'|\S+/g)].map((m) => m[0]).slice(1));
    expect(words.flatMap(problems)).toEqual([]);
  });

  it('refuses a missing app, a name that is not the spec, and an invalid spec with its line', async () => {
    const none = await runQuai(['docs', 'app']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Name the app, or give its spec with --app-spec FILE.');

    const other = await runQuai(['docs', 'app', 'grist', ...offline.slice(2)]);
    expect(other.code).toBe(2);
    expect(other.err).toContain('The app named "grist" is not the one the spec');

    const dir = mkdtempSync(join(tmpdir(), 'quai-sheet-bad-'));
    const bad = join(dir, 'app.yaml');
    writeFileSync(
      bad,
      readFileSync(spec, 'utf8').replace('  components:', '  components:\n    Web: { image: x }'),
    );
    const invalid = await runQuai(['docs', 'app', '--app-spec', bad, '--offline']);
    expect(invalid.code).not.toBe(0);
    expect(invalid.err).toMatch(new RegExp(`${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+`));
  });
});
