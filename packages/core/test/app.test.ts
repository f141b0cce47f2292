import { USE_CASES } from '@quai/contracts';
import { describe, expect, it } from 'vitest';
import { app, QuaiError } from '../src/index.js';

const settings: app.Settings = { lang: 'fr', cluster: { userAgent: 'test' }, env: {} };

describe('the application layer', () => {
  it('implements every use case the contracts declare', () => {
    expect(Object.keys(app.HANDLERS).sort()).toEqual(Object.keys(USE_CASES).sort());
  });

  it('refuses a request that does not match its schema, in the reader language, with each path', async () => {
    const error = await app
      .withContext(settings, {}, (ctx) => app.run('deploy.apply', { apps: [], timeoutMs: 'soon' }, ctx))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    const e = error as QuaiError;
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.messageIn('fr')).toContain('La requête pour deploy.apply');
    expect(e.messageIn('fr')).toContain('timeoutMs');
    expect(e.messageIn('fr')).toContain('nombre attendu');
  });

  it('refuses a file path where the front end gives no file access (the HTTP API)', async () => {
    const error = await app
      .withContext(settings, {}, (ctx) => app.run('deploy.history', { app: { file: '/etc/passwd' } }, ctx))
      .catch((e: unknown) => e);
    expect((error as QuaiError).code).toBe('USAGE');
    expect((error as QuaiError).messageIn('en')).toContain('takes the app spec as content');
  });

  it('computes an app namespace one way: spec namespace, else its name, plus the environment suffix', async () => {
    const platform = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: Platform',
      'metadata: { name: dept }',
      'spec:',
      '  domain: apps.example.fr',
      '  environments:',
      '    prod: { namespaceSuffix: "" }',
      '    staging: { namespaceSuffix: "-staging" }',
    ].join('\n');
    const spec = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: App',
      'metadata: { name: grist }',
      'spec:',
      '  components:',
      '    web: { image: "gristlabs/grist:1.1.0", ports: [{ name: http, port: 8484 }] }',
    ].join('\n');
    const target = await app.withContext(settings, {}, (ctx) =>
      app.resolveTarget(
        ctx,
        { yaml: spec, name: 'app.yaml' },
        { environment: 'staging', platform: { yaml: platform } },
      ),
    );
    expect(target).toEqual({ app: 'grist', environment: 'staging', namespace: 'grist-staging' });
    const byName = await app.withContext(settings, {}, (ctx) =>
      app.resolveTarget(ctx, { app: 'grist' }, { environment: 'staging', platform: { yaml: platform } }),
    );
    expect(byName.namespace).toBe('grist-staging');
  });
});
