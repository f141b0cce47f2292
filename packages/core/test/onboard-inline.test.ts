import { describe, expect, it } from 'vitest';
import { app, QuaiError } from '../src/index.js';

// onboard.import with the compose file in the request (the HTTP API and the console): no file
// access is needed, no path of the server shows in the result or the errors.

const settings: app.Settings = { lang: 'en', cluster: { userAgent: 'test' }, env: {} };
const run = (input: unknown) => app.withContext(settings, {}, (ctx) => app.run('onboard.import', input, ctx));

const compose = `services:
  web:
    image: registry.example/web:1.0
    ports:
      - "8080:80"
    environment:
      GREETING: \${GREETING}
`;

describe('onboard.import, inline', () => {
  it('converts a compose file and its .env without file access, reporting the file as named', async () => {
    const { outcome, result } = (await run({
      compose: [{ yaml: compose, name: 'compose.yaml' }],
      envFile: 'GREETING=bonjour\n',
      name: 'web',
    })) as { outcome: string; result: { spec: { metadata: { name: string } } } };
    expect(outcome).toBe('ok');
    expect(result.spec.metadata.name).toBe('web');
    const text = JSON.stringify(result);
    expect(text).toContain('compose.yaml');
    expect(text).not.toMatch(/quai-import-/);
    expect(text).toContain('bonjour');
  });

  it('gives the line and column of a malformed file under its own name', async () => {
    const error = (await run({ compose: [{ yaml: 'services:\n  web: [\n', name: 'broken.yaml' }] }).catch(
      (e: unknown) => e,
    )) as QuaiError;
    expect(error).toBeInstanceOf(QuaiError);
    const body = JSON.stringify(error.toBody('en'));
    expect(body).toContain('broken.yaml');
    expect(body).not.toMatch(/quai-import-|\/tmp\//);
  });

  it('refuses paths mixed with inline files, and two files of one name', async () => {
    const mixed = (await run({ compose: [{ yaml: compose }], files: ['/etc/passwd'] }).catch(
      (e: unknown) => e,
    )) as QuaiError;
    expect(mixed.code).toBe('USAGE');
    const twice = (await run({ compose: [{ yaml: compose }, { yaml: compose }] }).catch(
      (e: unknown) => e,
    )) as QuaiError;
    expect(twice.code).toBe('USAGE');
    expect(twice.messageIn('fr')).toContain('Deux fichiers compose s’appellent compose.yaml');
  });
});
