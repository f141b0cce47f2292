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
