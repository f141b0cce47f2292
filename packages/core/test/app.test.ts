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

describe('backup schedules as use cases', () => {
  const noCluster = { kube: () => Promise.reject(new Error('the cluster must not be reached')) };
  const at = { ...settings, now: () => new Date('2026-12-06T09:00:00Z') };
  it('previews a schedule in a dry run without the cluster (replace), its problems by field in French', async () => {
    const out = await app.withContext(at, noCluster, (ctx) =>
      app.run(
        'backup.scheduleCreate',
        {
          name: 'nuit',
          cron: '@daily',
          timeZone: 'America/Cayenne',
          target: 'rel',
          replace: true,
          dryRun: true,
        },
        ctx,
      ),
    );
    const result = out.result as { status: string; nextRuns: string[]; problems: { field: string }[] };
    expect(out.outcome).toBe('ok');
    expect(result.status).toBe('invalid');
    expect(result.problems.map((p) => p.field).sort()).toEqual(['encryption', 'namespaces', 'target']);
    // Midnight in Cayenne (UTC-3) is 03:00 UTC.
    expect(result.nextRuns).toEqual([
      '2026-12-07T03:00:00.000Z',
      '2026-12-08T03:00:00.000Z',
      '2026-12-09T03:00:00.000Z',
      '2026-12-10T03:00:00.000Z',
      '2026-12-11T03:00:00.000Z',
    ]);
  });
  it('refuses a wrong schedule before it reaches the cluster, naming the field', async () => {
    const error = await app
      .withContext(at, noCluster, (ctx) =>
        app.run(
          'backup.scheduleCreate',
          {
            name: 'nuit',
            cron: '30 2 * * *',
            timeZone: 'Mars/Olympus',
            namespaces: ['grist'],
            target: '/mnt',
            encryption: 'none',
          },
          ctx,
        ),
      )
      .catch((e: unknown) => e);
    expect((error as QuaiError).code).toBe('USAGE');
    expect((error as QuaiError).details).toEqual({ field: 'timeZone' });
    expect((error as QuaiError).messageIn('fr')).toBe(
      "La planification « nuit » n'est pas valide : Fuseau horaire inconnu : « Mars/Olympus ».",
    );
  });
});
