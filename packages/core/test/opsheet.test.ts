import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppSheet, MESSAGES, type AppSpec } from '@quai/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { app, audit, QuaiError, render, type KubeObject } from '../src/index.js';
import * as opsheet from '../src/opsheet/index.js';

// The operations sheet from the spec alone (the use case with the cluster not read or not
// reachable), and the Markdown and HTML it is written as, in both languages.

const root = join(import.meta.dirname, '../../..');
const annuaireYaml = readFileSync(join(root, 'examples/annuaire/app.yaml'), 'utf8');
const gristYaml = readFileSync(join(root, 'examples/grist/golden/app.yaml'), 'utf8');
const platformYaml = readFileSync(join(root, 'examples/platform/quai.yaml'), 'utf8');
const now = () => new Date('2026-12-06T03:00:00Z');
const settings = (
  lang: 'en' | 'fr',
  cluster: app.Settings['cluster'] = { userAgent: 'test' },
): app.Settings => ({
  lang,
  cluster,
  env: {},
  now,
});
const tmp = mkdtempSync(join(tmpdir(), 'quai-opsheet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ids = (xs: readonly (string | { id: string })[]): string[] =>
  xs.map((x) => (typeof x === 'string' ? x : x.id));

async function sheetOf(
  request: Record<string, unknown>,
  lang: 'en' | 'fr' = 'en',
  cluster?: app.Settings['cluster'],
): Promise<AppSheet> {
  const out = await app.withContext(settings(lang, cluster), {}, (ctx) => app.run('docs.app', request, ctx));
  expect(out.outcome).toBe('ok');
  return AppSheet.parse(out.result);
}

const offline = (yaml: string, name = 'app.yaml') => ({
  app: { yaml, name },
  platform: { yaml: platformYaml, name: 'quai.yaml' },
  cluster: false,
});

// Rendering, auditing and the first import of each domain take a few seconds on a busy machine.
describe('the operations sheet from the app spec alone', { timeout: 60_000 }, () => {
  it('gathers purpose, endpoints, images, volumes, secrets (names), dependencies and commands', async () => {
    const s = await sheetOf(offline(annuaireYaml));
    expect(s).toMatchObject({ app: 'annuaire', environment: 'prod', namespace: 'annuaire', deployed: false });
    expect(s.sources).toEqual(['spec']);
    expect(s.cluster.state).toBe('not-read');
    expect(s.purpose).toEqual({
      description: 'Annuaire des agents du Département',
      team: 'dlsi-swat',
      owner: 'swat@cd49.local',
    });
    expect(s.endpoints.find((e) => e.kind === 'ingress')).toMatchObject({
      address: 'https://annuaire.apps.cd49.local/',
      component: 'web',
      tls: true,
    });
    expect(s.endpoints.map((e) => e.address)).toContain('cache.annuaire.svc:6379');
    const web = s.components.find((c) => c.object === 'Deployment/web');
    expect(web?.containers.find((k) => !k.init)).toMatchObject({
      image: 'registry.cd49.local/swat/annuaire:1.8.2',
      version: '1.8.2',
    });
    expect(web?.autoscaling).toEqual({ min: 2, max: 6 });
    // The cache image goes through the platform's mirror.
    expect(s.components.find((c) => c.name === 'cache')?.containers[0]?.image).toBe(
      'registry.cd49.local/mirror/library/redis:7.4-alpine',
    );
    expect(s.components.find((c) => c.kind === 'CronJob')).toMatchObject({
      name: 'nightly-sync',
      schedule: '30 2 * * *',
    });
    expect(s.secrets).toEqual([
      { name: 'annuaire-ldap', keys: ['password'], usedBy: ['import-ldap', 'web'] },
      { name: 'web-tls', keys: [], usedBy: ['Ingress/web'] },
    ]);
    expect(s.dependencies).toEqual(
      expect.arrayContaining([
        { from: 'web', kind: 'component', to: 'cache', how: 'healthy' },
        { from: 'web', kind: 'job', to: 'import-ldap', how: 'completed' },
        { from: 'web', kind: 'external', to: 'ldaps://ldap.cd49.local', how: 'env' },
      ]),
    );
    const commands = [...s.commands.deploy, ...s.commands.rollback, ...s.commands.restore].map(
      (c) => c.command,
    );
    expect(commands).toContain(
      "quai apply app.yaml --env prod --platform quai.yaml --secrets <secrets-dir> --message '<message>'",
    );
    expect(commands).toContain("quai rollback annuaire --env prod --reason '<reason>'");
    // No backup known: the platform's backup place.
    expect(commands).toContain(
      'quai restore <backup> --target s3://backups.cd49.local/quai --key-file <backup.key> --app annuaire --dry-run',
    );
    expect(s.rollout).toEqual({ history: [] });
    expect(ids(s.notes)).toEqual(['docs.note.offline']);
    expect(s.security.audit.source).toBe('rendered-spec');
    expect(s.security.vulnerabilities).toBeUndefined();
  });

  it('shows volumes with their backup policy', async () => {
    const spec = parse(gristYaml) as AppSpec;
    const volume = spec.spec.components['grist']?.volumes?.[0];
    if (volume === undefined) throw new Error('the grist example has a volume');
    const s = await sheetOf(offline(gristYaml));
    expect(s.volumes).toEqual([
      {
        claim: 'grist-data',
        component: 'grist',
        size: '5Gi',
        storageClass: 'kwok-volume',
        accessModes: ['ReadWriteOnce'],
        mounts: ['grist:/persist'],
        backup: { policy: 'scheduled', schedule: 'daily' },
      },
    ]);
    // APP_HOME_URL is the app's own address, not a dependency.
    expect(s.dependencies.filter((d) => d.kind === 'external')).toEqual([]);
    const none = gristYaml.replace(
      '          type: persistent',
      '          type: persistent\n          backup: none',
    );
    expect((await sheetOf(offline(none))).volumes[0]?.backup).toEqual({ policy: 'none' });
  });

  it('says so when the cluster cannot be reached, and still shows what the spec gives', async () => {
    // A kubeconfig whose server is a closed loopback port: connection refused, really.
    const kubeconfig = join(tmp, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9" } }]',
        'users: [{ name: u, user: { token: t } }]',
        'contexts: [{ name: x, context: { cluster: c, user: u } }]',
        'current-context: x',
      ].join('\n'),
    );
    const cluster = { userAgent: 'test', kubeconfig, timeoutMs: 5000 };
    const s = await sheetOf({ ...offline(gristYaml), cluster: true }, 'fr', cluster);
    expect(s.cluster.state).toBe('unreachable');
    expect(ids(s.notes)[0]).toBe('docs.note.unreachable');
    expect(s.components.length).toBeGreaterThan(0);
    const md = opsheet.sheetMarkdown(s, 'fr');
    expect(md).toContain("Le cluster n'a pas pu être lu");

    // With a name only, there is nothing to build from: a clear error naming the way out.
    const error = await app
      .withContext(settings('en', cluster), {}, (ctx) => app.run('docs.app', { app: { app: 'grist' } }, ctx))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).code).toBe('CLUSTER_UNREACHABLE');
    expect((error as QuaiError).hint).toContain('--app-spec');
  });

  it('refuses an invalid spec with file:line:column, and a name that is not the spec', async () => {
    const bad = annuaireYaml.replace(
      '      image: redis:7.4-alpine',
      '      image: redis:7.4-alpine\n      replicaz: 2',
    );
    const invalid = await sheetOf(offline(bad, 'annuaire.yaml')).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(QuaiError);
    const line = bad.split('\n').findIndex((l) => l.includes('replicaz')) + 1;
    expect((invalid as QuaiError).location).toMatchObject({ file: 'annuaire.yaml', line, column: 7 });

    const mismatch = await sheetOf({ ...offline(gristYaml), name: 'annuaire' }).catch((e: unknown) => e);
    expect((mismatch as QuaiError).code).toBe('USAGE');
    expect((mismatch as QuaiError).message).toContain('"annuaire"');
    expect((mismatch as QuaiError).message).toContain('"grist"');

    const offlineByName = await sheetOf({ app: { app: 'grist' }, cluster: false }).catch((e: unknown) => e);
    expect((offlineByName as QuaiError).code).toBe('USAGE');

    // Without file access (the HTTP API), a request does not make the server read a place it names.
    const place = await sheetOf({ ...offline(gristYaml), backupTargets: ['/etc'] }).catch((e: unknown) => e);
    expect((place as QuaiError).code).toBe('USAGE');
    expect((place as QuaiError).message).toContain('only by the command line');
  });
});

describe('the sheet as Markdown and HTML', { timeout: 60_000 }, () => {
  it('has the same sections in both languages, every heading from the catalog', async () => {
    const en = await sheetOf(offline(annuaireYaml), 'en');
    const md = { en: opsheet.sheetMarkdown(en, 'en'), fr: opsheet.sheetMarkdown(en, 'fr') };
    const headings = (s: string) => s.split('\n').filter((l) => l.startsWith('#'));
    expect(headings(md.en)).toEqual([
      '# Operations sheet: annuaire',
      '## Purpose and owners',
      '## Endpoints',
      '## Components and images',
      '## Volumes and backup policy',
      '## Secrets',
      '## Dependencies',
      '## Deploy, roll back, restore',
      '### Deploy',
      '### Roll back',
      '### Back up and restore',
      '## Rollout and revisions',
      '## Backups and restore drills',
      '## Findings and vulnerabilities',
    ]);
    expect(headings(md.fr)).toHaveLength(headings(md.en).length);
    expect(headings(md.fr)[0]).toBe("# Fiche d'exploitation : annuaire");
    for (const h of headings(md.fr).slice(1)) expect(h).not.toMatch(/[A-Z][a-z]+ and /);
    // Every heading the sheet uses exists in the catalog in both languages.
    for (const [id, m] of Object.entries(MESSAGES).filter(([id]) => id.startsWith('docs.heading.'))) {
      expect(m.en.length, id).toBeGreaterThan(0);
      expect(m.fr.length, id).toBeGreaterThan(0);
    }
    // Tables have a header row and a separator; commands are shell blocks.
    expect(md.en).toContain(
      '| Address | Kind | Component | Port | Object |\n| --- | --- | --- | --- | --- |',
    );
    expect(md.en).toContain('```sh\nquai status annuaire --env prod\n```');
  });

  it('writes a self-contained, accessible HTML page', async () => {
    const s = await sheetOf(offline(gristYaml), 'fr');
    const html = opsheet.sheetHtml(s, 'fr');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Fiche d&#39;exploitation : grist</title>');
    expect(html).toContain('faible 3');
    expect(html).toContain('@media print');
    // Self-contained: no script, no outside stylesheet, image or font.
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    // One h1, then h2 and h3 without skipping a level.
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++)
      expect((levels[i] ?? 0) - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1);
    // Every table has a caption and column headers; each section is labelled by its heading.
    const tables = html.split('<table>').slice(1);
    expect(tables.length).toBeGreaterThan(3);
    for (const t of tables) {
      expect(t).toMatch(
        /^\n<caption( class="vh")?>[^<]+<\/caption>\n<thead><tr>(<th scope="col">[^<]*<\/th>)+<\/tr><\/thead>/,
      );
    }
    for (const m of html.matchAll(/<section id="([a-z]+)" aria-labelledby="([a-z]+)-title">/g)) {
      expect(html).toContain(`<h2 id="${m[2] ?? ''}-title">`);
    }
    // Text from the spec is escaped.
    const hostile = gristYaml.replace(
      'description: Imported from docker-compose.yml',
      'description: "<img src=x onerror=alert(1)>"',
    );
    const escaped = opsheet.sheetHtml(await sheetOf(offline(hostile)), 'en');
    expect(escaped).not.toContain('<img');
    expect(escaped).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('secrets in the sheet', () => {
  it('never shows a value: neither a Secret object nor credentials in an address', () => {
    const spec = parse(annuaireYaml) as AppSpec;
    const web = spec.spec.components['web'];
    if (web === undefined) throw new Error('annuaire has a web component');
    web.env = {
      ...web.env,
      DATABASE_URL: 'postgres://annuaire:Planted-Pa55word@db.cd49.local:5432/annuaire',
    };
    const platform = parse(platformYaml) as Parameters<typeof render.render>[0]['platform'];
    const rendered = render.render({
      app: spec,
      platform,
      environment: 'prod',
      secrets: { 'annuaire-ldap': { password: 'Planted-S3cret-value' } },
    });
    const objects: KubeObject[] = [...rendered.objects];
    expect(JSON.stringify(objects)).toContain('Planted-S3cret-value');
    const sheet = opsheet.buildSheet({
      app: 'annuaire',
      environment: 'prod',
      namespace: 'annuaire',
      generatedAt: now().toISOString(),
      spec,
      objects,
      objectsFrom: 'spec',
      cluster: { state: 'not-read' },
      audit: audit.auditObjects(objects),
      revisionsShown: 5,
      notes: [],
    });
    expect(sheet.secrets.map((s) => s.name)).toEqual(['annuaire-ldap']);
    expect(sheet.dependencies).toContainEqual({
      from: 'web',
      kind: 'external',
      to: 'postgres://db.cd49.local:5432',
      how: 'env',
    });
    for (const out of [
      JSON.stringify(sheet),
      opsheet.sheetMarkdown(sheet, 'en'),
      opsheet.sheetHtml(sheet, 'fr'),
    ]) {
      expect(out).not.toContain('Planted-S3cret-value');
      expect(out).not.toContain(Buffer.from('Planted-S3cret-value').toString('base64'));
      expect(out).not.toContain('Planted-Pa55word');
    }
  });

  it('reads addresses without their credentials, and image versions', () => {
    expect(opsheet.addressOf('redis://:pw@cache:6379/0')).toEqual({
      scheme: 'redis',
      host: 'cache',
      port: '6379',
    });
    expect(opsheet.addressOf('not an address')).toBeUndefined();
    expect(opsheet.imageVersion('registry:5000/team/app:1.2.3')).toBe('1.2.3');
    expect(opsheet.imageVersion('registry:5000/team/app')).toBe('latest');
    expect(opsheet.imageVersion('app@sha256:abc')).toBe('sha256:abc');
    expect(opsheet.shellWord("it's")).toBe(`'it'\\''s'`);
  });
});
