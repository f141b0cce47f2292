import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuai } from './run-cli.js';

describe('the CLI in French', () => {
  it('follows LANG, and --lang wins over it', async () => {
    const fr = await runQuai(['--help'], { LANG: 'fr_FR.UTF-8' });
    expect(fr.code).toBe(0);
    expect(fr.out).toContain('Utilisation :');
    expect(fr.out).toContain('Options :');
    expect(fr.out).toContain('Exemples :');
    expect(fr.out).toContain('Codes de sortie');
    const en = await runQuai(['--lang', 'en', '--help'], { LANG: 'fr_FR.UTF-8' });
    expect(en.out).toContain('Usage:');
    expect(en.out).not.toContain('Utilisation');
    const c = await runQuai(['--help'], { LANG: 'fr_FR.UTF-8', LC_ALL: 'C' });
    expect(c.out).toContain('Usage:');
  });

  it('says parse errors in French, with the usage line', async () => {
    const r = await runQuai(['--lang=fr', 'apply', '--bogus', 'app.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('erreur : option inconnue « --bogus »');
    expect(r.err).toContain('Utilisation : quai apply');
    const bad = await runQuai(['--lang', 'fr', 'apply', 'x.yaml', '--timeout', 'long']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Une durée est attendue');
    const choice = await runQuai(['--lang', 'fr', '-o', 'xml', 'status', 'x']);
    expect(choice.err).toContain('Choix permis : text, json, yaml.');
  });

  it('says errors of core in French with their fix, and the same code', async () => {
    const r = await runQuai([
      '--lang',
      'fr',
      'history',
      'grist',
      '--env',
      'nowhere',
      '--kubeconfig',
      '/nonexistent/kubeconfig',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("erreur [USAGE] : La plateforme ne définit pas d'environnement « nowhere ».");
    expect(r.err).toContain('correctif : Environnements connus : prod.');
  });

  it('prints exactly one JSON document with -o json, an error included, in the chosen language', async () => {
    const r = await runQuai(['--lang', 'fr', '-o', 'json', 'history', 'grist', '--env', 'nowhere']);
    expect(r.code).toBe(2);
    const body = JSON.parse(r.out) as {
      error: { code: string; message: string; i18n: { message: { id: string } } };
    };
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toContain('La plateforme ne définit pas');
    expect(body.error.i18n.message.id).toBe('model.noEnvironment');
  });

  it('shows durations in help as durations', async () => {
    const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
    const r = await runQuai(['apply', '--help']);
    expect(oneLine(r.out)).toMatch(/--timeout <duration> [^(]*\(default: 5m\)/);
    const fr = await runQuai(['--lang', 'fr', 'apply', '--help']);
    expect(oneLine(fr.out)).toMatch(/--timeout <duration> [^(]*\(par défaut : 5m\)/);
  });
});

describe('names and locations in French errors', () => {
  it('names the document it could not read in French', async () => {
    const r = await runQuai(['--lang', 'fr', 'render', '/nonexistent/app.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('spécification d’application');
    expect(r.err).not.toContain('app spec');
    const en = await runQuai(['--lang', 'en', 'render', '/nonexistent/app.yaml']);
    expect(en.err).toContain('app spec');
  });

  it('says a schema error in French with file:line:column and the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-fr-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: quai.dev/v1alpha1',
        'kind: App',
        'metadata:',
        '  name: grist',
        'spec:',
        '  components:',
        '    web:',
        '      image: gristlabs/grist:1.1.15',
        '      replicas: beaucoup',
        '',
      ].join('\n'),
    );
    const fr = await runQuai(['--lang', 'fr', 'render', file]);
    expect(fr.code).toBe(2);
    // zod's message in French too, with its file:line:column and path.
    expect(fr.err).toMatch(
      /app\.yaml:9:\d+ dans spec\.components\.web\.replicas : erreur : Entrée invalide : nombre attendu, chaîne de caractères reçu/,
    );
    expect(fr.err).not.toMatch(/ at spec\.|Invalid input/);
    const en = await runQuai(['--lang', 'en', 'render', file]);
    expect(en.err).toMatch(
      /app\.yaml:9:\d+ at spec\.components\.web\.replicas: error: Invalid input: expected number, received string/,
    );
  });
});
