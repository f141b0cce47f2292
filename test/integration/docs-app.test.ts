import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { AppSheet, type AppSpec } from '@quai/contracts';
import { app, backup, deploy, model, QuaiError, render, type KubeClient, type KubeObject } from '@quai/core';
import { sheetHtml, sheetMarkdown } from '@quai/core/opsheet';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

// `quai docs app` on the local control plane: the grist example deployed (with its Secret's value
// planted), backed up and drilled; the sheet shows its endpoints, images, revision, last backup
// and drill, names the Secret and never shows its value.

let client: KubeClient;
let root: string;
const ns = uniqueName('quai-test-sheet');
const PLANTED = 'Planted-sheet-S3cret-0d1c';
const key = backup.keyFrom(Buffer.alloc(32, 5));
const platform = model.defaultPlatform();
const specYaml = readFileSync(join(import.meta.dirname, '../../examples/grist/golden/app.yaml'), 'utf8');
const spec = (): AppSpec => {
  const s = parse(specYaml) as AppSpec;
  return { ...s, spec: { ...s.spec, namespace: ns } };
};

function settings(lang: 'en' | 'fr'): app.Settings {
  const context = inject('context');
  return {
    lang,
    cluster: {
      kubeconfig: inject('kubeconfig'),
      ...(context === '' ? {} : { context }),
      userAgent: 'quai-test',
    },
    env: {},
    // As the CLI gives it: the backup place the test names is read.
    files: { readText: (path, { what, maxBytes }) => model.readInput(path, what, maxBytes) },
  };
}

const ids = (xs: readonly (string | { id: string })[]): string[] =>
  xs.map((x) => (typeof x === 'string' ? x : x.id));

async function sheet(request: Record<string, unknown>, lang: 'en' | 'fr' = 'en'): Promise<AppSheet> {
  const out = await app.withContext(settings(lang), {}, (ctx) => app.run('docs.app', request, ctx));
  return AppSheet.parse(out.result);
}

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
  root = mkdtempSync(join(tmpdir(), 'quai-sheet-'));
  const r = render.render({
    app: spec(),
    platform,
    environment: 'prod',
    secrets: { 'grist-env': { GRIST_SESSION_SECRET: PLANTED } },
  });
  const applied = await deploy.apply(
    client,
    { app: 'grist', environment: 'prod', namespace: ns },
    r.objects,
    {
      timeoutMs: 120_000,
      message: 'first deployment',
    },
  );
  expect(applied.status).toBe('deployed');
  const target = new backup.DirectoryTarget(root);
  const index = await backup.createBackupWithLog(client, target, {
    name: 'grist-nightly',
    namespaces: [ns],
    clusterResources: 'auto',
    key,
  });
  expect(index.status).toBe('completed');
  const drill = await backup.drillAndRecord(client, target, 'grist-nightly', { key, timeoutMs: 120_000 });
  expect(drill.status).toBe('pass');
}, 600_000);

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
  rmSync(root, { recursive: true, force: true });
});

describe('quai docs app on a deployed app', () => {
  it('reads a deployed app by its name: endpoints, images, revision, last backup and drill', async () => {
    const s = await sheet({ app: { app: 'grist' }, namespace: ns, backupTargets: [root] });
    expect(s).toMatchObject({ app: 'grist', environment: 'prod', namespace: ns, deployed: true });
    expect(s.sources).toEqual(['cluster']);
    expect(s.cluster.state).toBe('reachable');
    expect(ids(s.notes)).toEqual(['docs.note.fromRevision', 'docs.note.noDescription']);
    expect(s.endpoints.map((e) => e.address)).toEqual([
      `https://grist.${platform.spec.domain}/`,
      `grist.${ns}.svc:8484`,
    ]);
    const grist = s.components.find((c) => c.object === 'Deployment/grist');
    expect(grist?.containers.map((k) => k.image)).toEqual(['gristlabs/grist:1.2.1']);
    expect(grist?.containers[0]?.version).toBe('1.2.1');
    expect(grist?.replicas).toEqual({ desired: 1, ready: 1 });
    expect(grist?.state).toBe('ready');
    expect(s.rollout.status).toBe('ready');
    expect(s.rollout.current).toMatchObject({ number: 1, status: 'deployed', message: 'first deployment' });
    expect(s.volumes).toMatchObject([
      { claim: 'grist-data', phase: 'Bound', backup: { policy: 'scheduled' } },
    ]);
    expect(s.secrets.find((x) => x.name === 'grist-env')).toEqual({
      name: 'grist-env',
      keys: ['GRIST_SESSION_SECRET'],
      usedBy: ['grist'],
      present: true,
    });
    expect(s.backups?.last).toMatchObject({ name: 'grist-nightly', target: root, status: 'completed' });
    expect(s.backups?.lastPassedDrill).toMatchObject({ backup: 'grist-nightly', status: 'pass' });
    expect(s.commands.restore.map((c) => c.command)).toContain(
      `quai restore grist-nightly --target ${root} --key-file <backup.key> --app grist --dry-run`,
    );
    expect(s.security.audit.source).toBe('deployed-revision');

    // The planted value is in the cluster, and nowhere in the sheet.
    const secret = await client.get<{ data: Record<string, string> } & KubeObject>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: ns,
      name: 'grist-env',
    });
    expect(Buffer.from(secret.data['GRIST_SESSION_SECRET'] ?? '', 'base64').toString()).toBe(PLANTED);
    const md = sheetMarkdown(s, 'en');
    const html = sheetHtml(s, 'fr');
    for (const out of [JSON.stringify(s), md, html]) {
      expect(out).not.toContain(PLANTED);
      expect(out).not.toContain(Buffer.from(PLANTED).toString('base64'));
    }
    expect(md).toContain('Last backup: grist-nightly (completed)');
    expect(md).toContain('Last successful restore drill: backup grist-nightly');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Dernière sauvegarde : grist-nightly');
  });

  it('reads the spec and the cluster together, and says when the app is not deployed', async () => {
    const both = await sheet({
      app: {
        yaml: specYaml.replace('  components:', `  namespace: ${ns}\n  components:`),
        name: 'grist.yaml',
      },
    });
    expect(both.sources).toEqual(['spec', 'cluster']);
    expect(both.deployed).toBe(true);
    expect(both.purpose.description).toBe('Imported from docker-compose.yml');
    expect(both.rollout.history.map((r) => r.number)).toEqual([1]);

    const elsewhere = uniqueName('quai-test-sheet-none');
    const none = await sheet(
      {
        app: {
          yaml: specYaml.replace('  components:', `  namespace: ${elsewhere}\n  components:`),
          name: 'grist.yaml',
        },
      },
      'fr',
    );
    expect(none.deployed).toBe(false);
    expect(ids(none.notes)).toEqual(['docs.note.notDeployed']);
    expect(sheetMarkdown(none, 'fr')).toContain(`n'est pas déployée dans le namespace ${elsewhere}`);
    expect(none.components.length).toBeGreaterThan(0);
  });

  it('refuses an unknown app with the list of the apps it knows', async () => {
    const error = await sheet({ app: { app: 'no-such-app' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).code).toBe('NOT_FOUND');
    expect((error as QuaiError).message).toContain('"no-such-app"');
    expect((error as QuaiError).message).toContain(`grist (prod, ${ns})`);
  });
});
