/**
 * `quai gitlab sync` against a GitLab REST API v4 server on loopback that follows GitLab's
 * documentation for the endpoints used (test/components/gitlab-api.ts says which pages). Pull
 * secrets in a real cluster are in test/integration/gitlab-sync.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { app, QuaiError } from '../src/index.js';
import * as gitlab from '../src/gitlab/index.js';
import { startFakeGitlab, type FakeGitlab } from '../../../test/components/gitlab-api.js';

let server: FakeGitlab;
const TOKEN = 'glpat-maintainer-api';

beforeAll(async () => {
  server = await startFakeGitlab();
  server.addToken(TOKEN, { scopes: ['api'], accessLevel: 40 });
  server.addToken('glpat-read', { scopes: ['read_api'], accessLevel: 40 });
  server.addToken('glpat-developer', { scopes: ['api'], accessLevel: 30 });
});
afterAll(async () => {
  await server.stop();
});

let project: string;
let n = 0;
beforeEach(() => {
  project = `infra/platform-${++n}`;
  server.addProject(project);
});

function settings(env: Record<string, string> = {}): app.Settings {
  return {
    lang: 'en',
    cluster: { userAgent: 'quai-test' },
    env: { GITLAB_URL: server.url, GITLAB_TOKEN: TOKEN, KUBECONFIG_PROD: 'unused', ...env },
  };
}

function syncFile(extra = ''): string {
  return [
    'apiVersion: quai.dev/v1alpha1',
    'kind: GitlabSync',
    `project: ${project}`,
    'variables:',
    '  - key: QUAI_IMAGE',
    '    value: registry.example.fr/quai/quai:0.1.0',
    '  - key: DB_PASSWORD',
    '    fromEnv: TEST_DB_PASSWORD',
    '    environment: prod',
    '  - key: KUBECONFIG',
    '    fromEnv: TEST_KUBECONFIG',
    '    file: true',
    '    masked: false',
    '    environment: prod',
    'environments:',
    '  - name: dev',
    '    tier: development',
    '    url: https://grist-dev.example.fr',
    '  - name: prod',
    '    tier: production',
    '    protected:',
    '      deployers: maintainer',
    '      users: [7]',
    '      requiredApprovals: 1',
    'deployTokens:',
    '  - name: quai-pull',
    '    scopes: [read_registry]',
    '    expiresAt: "2027-12-31"',
    extra,
  ].join('\n');
}

const ENV = {
  TEST_DB_PASSWORD: 's3cr3t-p4ssw0rd',
  TEST_KUBECONFIG: 'apiVersion: v1\nkind: Config\nclusters: []\n',
};

async function sync(yaml: string, options: { dryRun?: boolean; env?: Record<string, string> } = {}) {
  return app.withContext(settings({ ...ENV, ...options.env }), {}, (ctx) =>
    app.run(
      'gitlab.sync',
      { file: { yaml, name: 'gitlab-sync.yaml' }, dryRun: options.dryRun ?? false },
      ctx,
    ),
  );
}

type Item = {
  kind: string;
  name: string;
  action: string;
  status: string;
  changes: string[];
  error?: unknown;
};
const items = (r: { result: unknown }) => (r.result as { items: Item[] }).items;
const errorOf = async (p: Promise<unknown>): Promise<QuaiError> => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(QuaiError);
  return e as QuaiError;
};

// Generous: the shared machine is slow at times, and the 429 tests wait as GitLab asks.
describe('quai gitlab sync', { timeout: 30_000 }, () => {
  it('plans creates in a dry run and writes nothing', async () => {
    const before = server.log.length;
    const r = await sync(syncFile(), { dryRun: true });
    expect(r.outcome).toBe('changes');
    expect(items(r).map((i) => `${i.kind} ${i.name} ${i.action} ${i.status}`)).toEqual([
      'variable QUAI_IMAGE (*) create planned',
      'variable DB_PASSWORD (prod) create planned',
      'variable KUBECONFIG (prod) create planned',
      'environment dev create planned',
      'environment prod create planned',
      'protectedEnvironment prod create planned',
      'deployToken quai-pull create planned',
    ]);
    expect(server.log.slice(before).every((e) => e.method === 'GET')).toBe(true);
    const p = server.project(project);
    expect(p.variables).toEqual([]);
    expect(p.environments).toEqual([]);
    expect(p.deployTokens).toEqual([]);
  });

  it('creates everything with the right flags, then a second run changes nothing', async () => {
    const r = await sync(syncFile());
    expect(r.outcome).toBe('ok');
    expect(items(r).every((i) => i.status === 'done')).toBe(true);
    const p = server.project(project);
    const v = (key: string) => p.variables.find((x) => x.key === key)!;
    // A value in the file: not sensitive. From the environment: masked and protected.
    expect(v('QUAI_IMAGE')).toMatchObject({
      masked: false,
      protected: false,
      environment_scope: '*',
      raw: true,
    });
    expect(v('DB_PASSWORD')).toMatchObject({
      value: 's3cr3t-p4ssw0rd',
      masked: true,
      protected: true,
      environment_scope: 'prod',
    });
    // A kubeconfig cannot be masked (several lines): protected, a File variable.
    expect(v('KUBECONFIG')).toMatchObject({ masked: false, protected: true, variable_type: 'file' });
    expect(p.environments.map((e) => [e.name, e.tier, e.external_url])).toEqual([
      ['dev', 'development', 'https://grist-dev.example.fr'],
      ['prod', 'production', null],
    ]);
    expect(p.protectedEnvironments[0]).toMatchObject({ name: 'prod', required_approval_count: 1 });
    expect(p.protectedEnvironments[0]!.deploy_access_levels.map((l) => [l.access_level, l.user_id])).toEqual([
      [40, null],
      [null, 7],
    ]);
    expect(p.deployTokens.map((t) => [t.name, t.scopes, t.expires_at?.slice(0, 10), t.revoked])).toEqual([
      ['quai-pull', ['read_registry'], '2027-12-31', false],
    ]);

    const before = server.log.length;
    const again = await sync(syncFile());
    expect(again.outcome).toBe('ok');
    expect(items(again).every((i) => i.action === 'unchanged')).toBe(true);
    expect(server.log.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('updates only what differs, and names the fields', async () => {
    await sync(syncFile());
    const changed = syncFile()
      .replace('registry.example.fr/quai/quai:0.1.0', 'registry.example.fr/quai/quai:0.2.0')
      .replace('requiredApprovals: 1', 'requiredApprovals: 2')
      .replace('users: [7]', 'users: [8]');
    const plan = await sync(changed, { dryRun: true });
    const changes = items(plan).filter((i) => i.action !== 'unchanged');
    expect(changes.map((i) => [i.name, i.action, i.changes])).toEqual([
      ['QUAI_IMAGE (*)', 'update', ['value']],
      ['prod', 'update', ['deploy_access_levels', 'required_approval_count']],
    ]);
    await sync(changed);
    const p = server.project(project);
    expect(p.variables.find((x) => x.key === 'QUAI_IMAGE')!.value).toBe(
      'registry.example.fr/quai/quai:0.2.0',
    );
    expect(p.protectedEnvironments[0]!.deploy_access_levels.map((l) => l.user_id ?? l.access_level)).toEqual([
      40, 8,
    ]);
    expect(p.protectedEnvironments[0]!.required_approval_count).toBe(2);
    expect(items(await sync(changed)).every((i) => i.action === 'unchanged')).toBe(true);
  });

  it('replaces a deploy token whose scopes changed: the new one first, then the old one revoked', async () => {
    await sync(syncFile());
    const r = await sync(
      syncFile().replace('scopes: [read_registry]', 'scopes: [read_registry, read_repository]'),
    );
    expect(
      items(r)
        .filter((i) => i.kind === 'deployToken')
        .map((i) => [i.name, i.action, i.status]),
    ).toEqual([
      ['quai-pull', 'replace', 'done'],
      [expect.stringMatching(/^quai-pull #\d+$/), 'update', 'done'],
    ]);
    const tokens = server.project(project).deployTokens;
    expect(tokens.map((t) => [t.scopes.join(','), t.revoked])).toEqual([
      ['read_registry', true],
      ['read_registry,read_repository', false],
    ]);
  });

  it('refuses a value GitLab cannot mask, at its line and column, before any call', async () => {
    const before = server.log.length;
    const e = await errorOf(sync(syncFile(), { env: { TEST_DB_PASSWORD: 'short' } }));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.location).toMatchObject({ file: 'gitlab-sync.yaml', line: 8 });
    expect(e.message).toMatch(/DB_PASSWORD is to be masked/);
    expect(server.log.length).toBe(before);
  });

  it('names every missing environment variable and the sync file position', async () => {
    const e = await errorOf(sync(syncFile(), { env: { TEST_DB_PASSWORD: '' } }));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toMatch(/TEST_DB_PASSWORD is not set/);
    expect(e.location).toMatchObject({ line: 8, column: 5 });
  });

  it('rejects a schema error with file:line:column', async () => {
    const e = await errorOf(sync(syncFile().replace('tier: development', 'tier: dev')));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toMatch(/gitlab-sync\.yaml:17:\d+/);
  });

  it('says clearly when the token is refused (401), with nothing written', async () => {
    const before = server.log.length;
    const e = await errorOf(sync(syncFile(), { env: { GITLAB_TOKEN: 'glpat-wrong' } }));
    expect(e.code).toBe('GITLAB_UNAUTHORIZED');
    expect(e.message).toMatch(/refused the token \(401: 401 Unauthorized\)/);
    expect(e.hint).toMatch(/GITLAB_TOKEN/);
    expect(server.log.slice(before).every((x) => x.method === 'GET')).toBe(true);
  });

  it('refuses a CI job token by name, and a token without the api scope before writing', async () => {
    const job = await errorOf(
      app.withContext(
        {
          lang: 'en',
          cluster: { userAgent: 'quai-test' },
          env: { ...ENV, GITLAB_URL: server.url, CI_JOB_TOKEN: 'x' },
        },
        {},
        (ctx) =>
          app.run(
            'gitlab.sync',
            { file: { yaml: syncFile(), name: 'gitlab-sync.yaml' }, dryRun: false },
            ctx,
          ),
      ),
    );
    expect(job.code).toBe('GITLAB_UNAUTHORIZED');
    expect(job.message).toMatch(/CI_JOB_TOKEN cannot manage/);
    const read = await errorOf(sync(syncFile(), { env: { GITLAB_TOKEN: 'glpat-read' } }));
    expect(read.code).toBe('GITLAB_FORBIDDEN');
    expect(read.message).toMatch(/scopes read_api; api is needed/);
    // read_api is enough for a dry run.
    expect((await sync(syncFile(), { dryRun: true, env: { GITLAB_TOKEN: 'glpat-read' } })).outcome).toBe(
      'changes',
    );
    const dev = await errorOf(sync(syncFile(), { env: { GITLAB_TOKEN: 'glpat-developer' } }));
    expect(dev.code).toBe('GITLAB_FORBIDDEN');
    expect(dev.message).toMatch(/role in infra\/platform-\d+ is 30; 40 or more/);
  });

  it('says clearly when the project does not exist (404)', async () => {
    const e = await errorOf(sync(syncFile().replace(`project: ${project}`, 'project: infra/nope')));
    expect(e.code).toBe('GITLAB_NOT_FOUND');
    expect(e.message).toMatch(/the project "infra\/nope" does not exist, or the token cannot see it/);
  });

  it('refuses protected environments on GitLab Free before writing anything', async () => {
    server.project(project).premium = false;
    const before = server.log.length;
    const e = await errorOf(sync(syncFile()));
    expect(e.code).toBe('GITLAB_NOT_FOUND');
    expect(e.message).toMatch(/GitLab Premium feature/);
    expect(server.log.slice(before).every((x) => x.method === 'GET')).toBe(true);
    expect(server.project(project).variables).toEqual([]);
  });

  it('honours Retry-After on 429, then goes on', async () => {
    server.rateLimit(2, 1);
    const started = Date.now();
    const r = await sync(syncFile(), { dryRun: true });
    expect(r.outcome).toBe('changes');
    const limited = server.log.filter((x) => x.status === 429 && x.at >= started);
    expect(limited).toHaveLength(2);
    const next = server.log.find((x) => x.at >= started && x.status !== 429)!;
    // The second retry waited the second asked after the second 429.
    expect(next.at - limited[1]!.at).toBeGreaterThanOrEqual(950);
  });

  it('reports a 429 that lasts, after waiting as asked', async () => {
    server.rateLimit(10, 1);
    const started = Date.now();
    const e = await errorOf(sync(syncFile(), { dryRun: true }));
    server.rateLimit(0, 0);
    expect(e.code).toBe('GITLAB_RATE_LIMITED');
    expect(e.message).toMatch(/kept answering 429 \(rate limited; Retry-After 1 s\)/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });

  it('stops at a failure mid-way and says exactly what was written and what was not', async () => {
    server.failNext('POST', /\/environments$/, 500);
    const r = await sync(syncFile());
    expect(r.outcome).toBe('partial');
    expect(items(r).map((i) => `${i.name} ${i.status}`)).toEqual([
      'QUAI_IMAGE (*) done',
      'DB_PASSWORD (prod) done',
      'KUBECONFIG (prod) done',
      'dev failed',
      'prod not-attempted',
      'prod not-attempted',
      'quai-pull not-attempted',
    ]);
    expect(items(r)[3]!.error).toMatchObject({ id: 'gitlab.api.failed' });
    const p = server.project(project);
    expect(p.variables).toHaveLength(3);
    expect(p.environments).toEqual([]);
    expect(p.deployTokens).toEqual([]);
    // The next run finishes the job.
    const next = await sync(syncFile());
    expect(next.outcome).toBe('ok');
    expect(
      items(next)
        .filter((i) => i.action !== 'unchanged')
        .map((i) => i.name),
    ).toEqual(['dev', 'prod', 'prod', 'quai-pull']);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(gitlab.retryAfterSeconds('7')).toBe(7);
    expect(gitlab.retryAfterSeconds(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThanOrEqual(4);
    expect(gitlab.retryAfterSeconds(null)).toBeUndefined();
  });
});

describe('the revision a rollback merge request returns to', () => {
  const rev = (number: number, status: 'deployed' | 'superseded' | 'failed', message: string) =>
    ({
      app: 'grist',
      environment: 'prod',
      number,
      status,
      deployedBy: 'ci',
      deployedAt: '2026-12-01T10:00:00Z',
      digest: '',
      message,
      images: [],
      hasManifests: true,
      keepsSecretValues: false,
    }) as const;
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);

  it('reads the commit at the start of the message, full or short', () => {
    expect(gitlab.commitOfRevision({ message: `${a} Add grist` })).toBe(a);
    expect(gitlab.commitOfRevision({ message: '1a2b3c4 Add grist' })).toBe('1a2b3c4');
    expect(gitlab.commitOfRevision({ message: 'rollback to revision 3' })).toBeUndefined();
    expect(gitlab.commitOfRevision({ message: 'cafe is not a sha' })).toBeUndefined();
  });

  it('skips failed, rolled-back and commit-less revisions, and the current commit', () => {
    const revisions = [
      rev(1, 'superseded', `${a} good`),
      rev(2, 'failed', `${b} broken`),
      rev(3, 'superseded', 'rollback to revision 1'),
      rev(4, 'superseded', `${b} again, same commit as the current`),
      rev(5, 'deployed', `${b} current`),
    ];
    expect(gitlab.chooseRevision(revisions, 'grist')).toMatchObject({ revision: { number: 1 }, commit: a });
    expect(gitlab.chooseRevision(revisions, 'grist', 4).commit).toBe(b);
    expect(() => gitlab.chooseRevision(revisions, 'grist', 3)).toThrow(/does not say which commit/);
    expect(() => gitlab.chooseRevision(revisions.slice(1), 'grist')).toThrow(/no earlier good revision/);
  });
});
