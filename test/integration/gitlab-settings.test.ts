/**
 * The GitLab use cases with the platform settings (issue 15) on the local control plane: the
 * address, the token (from the Secret of quai-system the settings name) and the project come from
 * the ConfigMap quai-settings when the request and the environment do not give them; the
 * environment overrides them; the settings' token is never sent to another address; and what is
 * missing is said in English and French. GitLab is test/components/gitlab-api.ts (a REST API v4
 * server built from GitLab's documentation; a real GitLab cannot run here).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SETTINGS_CONFIGMAP, SETTINGS_NAMESPACE } from '@quai/contracts';
import { app, QuaiError, type KubeClient, type KubeObject } from '@quai/core';
import { startFakeGitlab, type FakeGitlab } from '../components/gitlab-api.js';
import { testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let gitlab: FakeGitlab;
/** Another GitLab, that the environment names. */
let other: FakeGitlab;
const TOKEN = 'glpat-from-the-settings';
const ENV_TOKEN = 'glpat-from-the-environment';
const secret = uniqueName('gitlab-token');
let saved: (KubeObject & { data?: Record<string, string> }) | undefined;

const CM = { apiVersion: 'v1', kind: 'ConfigMap', namespace: SETTINGS_NAMESPACE, name: SETTINGS_CONFIGMAP };

async function declare(settingsYaml: string | undefined): Promise<void> {
  await client.delete(CM).catch(() => undefined);
  if (settingsYaml === undefined) return;
  await client.create({
    ...CM,
    metadata: { name: SETTINGS_CONFIGMAP, namespace: SETTINGS_NAMESPACE },
    data: { 'settings.yaml': settingsYaml },
  });
}

const declared = (extra = '') =>
  [
    'targets: []',
    'gitlab:',
    `  url: ${gitlab.url}/`,
    `  tokenSecret: ${secret}`,
    '  project: infra/platform',
    extra,
  ]
    .filter((l) => l !== '')
    .join('\n');

beforeAll(async () => {
  client = await testClient();
  gitlab = await startFakeGitlab();
  other = await startFakeGitlab();
  gitlab.addToken(TOKEN, { scopes: ['api'], accessLevel: 40 });
  other.addToken(ENV_TOKEN, { scopes: ['api'], accessLevel: 40 });
  gitlab.addProject('infra/platform');
  other.addProject('infra/platform');
  if ((await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: SETTINGS_NAMESPACE })) === undefined)
    // As Quai makes it (backup schedules live there too): the restricted Pod Security Standard.
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: SETTINGS_NAMESPACE,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    });
  // Whatever settings another test file left are put back at the end.
  saved = await client.tryGet(CM);
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secret, namespace: SETTINGS_NAMESPACE },
    stringData: { token: `${TOKEN}\n` },
  });
});

afterAll(async () => {
  await client
    .delete({ apiVersion: 'v1', kind: 'Secret', namespace: SETTINGS_NAMESPACE, name: secret })
    .catch(() => undefined);
  await client.delete(CM).catch(() => undefined);
  if (saved !== undefined)
    await client.create({
      ...CM,
      metadata: { name: SETTINGS_CONFIGMAP, namespace: SETTINGS_NAMESPACE },
      data: saved.data ?? {},
    });
  await gitlab.stop();
  await other.stop();
  client.close();
});

function settings(env: Record<string, string>, lang: 'en' | 'fr' = 'en'): app.Settings {
  const context = inject('context');
  return {
    lang,
    cluster: {
      kubeconfig: inject('kubeconfig'),
      ...(context === '' ? {} : { context }),
      userAgent: 'quai-test',
    },
    env,
  };
}

/** A sync file naming neither GitLab nor the project: both come from elsewhere. */
const SYNC = [
  'apiVersion: quai.dev/v1alpha1',
  'kind: GitlabSync',
  'variables:',
  '  - key: QUAI_ENVIRONMENT',
  '    value: production',
].join('\n');

const sync = (env: Record<string, string> = {}, lang: 'en' | 'fr' = 'en', yaml = SYNC) =>
  app.withContext(settings(env, lang), {}, (ctx) =>
    app.run('gitlab.sync', { file: { yaml, name: 'gitlab-sync.yaml' }, dryRun: false }, ctx),
  );

async function errorOf(p: Promise<unknown>): Promise<QuaiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof QuaiError) return error;
    throw error;
  }
  throw new Error('expected a QuaiError');
}

const text = (e: QuaiError, lang: 'en' | 'fr') => ({
  message: e.messageIn(lang),
  hint: e.hintIn(lang) ?? '',
});

describe('GitLab use cases with the platform settings', () => {
  it('take the address, the token (from the Secret the settings name) and the project from the settings', async () => {
    await declare(declared());
    const before = gitlab.log.length;
    const r = await sync();
    expect(r.outcome).toBe('ok');
    const result = r.result as {
      url: string;
      project: { path: string };
      items: { name: string; status: string }[];
    };
    // The address without its trailing slash, the project of the settings.
    expect(result.url).toBe(gitlab.url);
    expect(result.project.path).toBe('infra/platform');
    expect(result.items.map((i) => `${i.name} ${i.status}`)).toEqual(['QUAI_ENVIRONMENT (*) done']);
    expect(gitlab.project('infra/platform').variables.map((v) => v.key)).toEqual(['QUAI_ENVIRONMENT']);
    expect(gitlab.log.slice(before).every((x) => x.status < 400)).toBe(true);
    expect(other.log).toHaveLength(0);
  });

  it('let the environment override them (GITLAB_URL and GITLAB_TOKEN), and the file name its project', async () => {
    await declare(declared());
    other.addProject('apps/grist');
    const r = await sync(
      { GITLAB_URL: other.url, GITLAB_TOKEN: ENV_TOKEN },
      'en',
      SYNC.replace('kind: GitlabSync', 'kind: GitlabSync\nproject: apps/grist'),
    );
    expect(r.outcome).toBe('ok');
    expect((r.result as { url: string; project: { path: string } }).project.path).toBe('apps/grist');
    expect(other.project('apps/grist').variables.map((v) => v.key)).toEqual(['QUAI_ENVIRONMENT']);
    // Another GitLab does not get the settings' project either: the file must name one.
    const e = await errorOf(sync({ GITLAB_URL: other.url, GITLAB_TOKEN: ENV_TOKEN }));
    expect(e.messageIn('en')).toBe(
      'gitlab-sync.yaml names no project (project:), and none comes from the platform settings (they declare none, or for another GitLab).',
    );
  });

  it('never send the settings’ token to an address the settings do not name', async () => {
    await declare(declared());
    const before = other.log.length;
    const e = await errorOf(sync({ GITLAB_URL: other.url }));
    expect(e.code).toBe('GITLAB_UNAUTHORIZED');
    expect(text(e, 'en').message).toBe(
      `No GitLab token for ${other.url}: GITLAB_TOKEN is not set, and the platform settings' token is for ${gitlab.url}, not this address (it is never sent elsewhere).`,
    );
    expect(other.log.length).toBe(before);
  });

  it('say which Secret is missing or has no token, in English and French', async () => {
    await declare(declared().replace(`tokenSecret: ${secret}`, 'tokenSecret: gitlab-absent'));
    const missing = await errorOf(sync({}, 'fr'));
    expect(missing.code).toBe('GITLAB_UNAUTHORIZED');
    expect(text(missing, 'fr').message).toBe(
      `Aucun jeton GitLab pour ${gitlab.url} : GITLAB_TOKEN n’est pas défini, et le Secret quai-system/gitlab-absent que nomment les paramètres de la plateforme pour le jeton n’existe pas.`,
    );
    expect(text(missing, 'fr').hint).toContain(
      'la page Paramètres de la console ou avec `quai settings set`',
    );
    expect(text(missing, 'en').hint).toContain("the console's Settings page or with `quai settings set`");

    const empty = uniqueName('gitlab-empty');
    await client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: empty, namespace: SETTINGS_NAMESPACE },
      stringData: { password: 'not-a-token' },
    });
    try {
      await declare(declared().replace(`tokenSecret: ${secret}`, `tokenSecret: ${empty}`));
      expect(text(await errorOf(sync()), 'en').message).toBe(
        `No GitLab token for ${gitlab.url}: GITLAB_TOKEN is not set, and the Secret quai-system/${empty} the platform settings name has no key token.`,
      );
    } finally {
      await client.delete({ apiVersion: 'v1', kind: 'Secret', namespace: SETTINGS_NAMESPACE, name: empty });
    }
  });

  it('read the token from the variable the settings name (tokenEnv)', async () => {
    await declare(declared().replace(`tokenSecret: ${secret}`, 'tokenEnv: PLATFORM_GITLAB_TOKEN'));
    const unset = await errorOf(sync());
    expect(text(unset, 'en').message).toMatch(
      /the platform settings name the variable PLATFORM_GITLAB_TOKEN for the token, which is not set here\.$/,
    );
    expect((await sync({ PLATFORM_GITLAB_TOKEN: TOKEN })).outcome).toBe('ok');
  });

  it('open a rollback merge request on the settings’ project when --project is not given', async () => {
    await declare(declared());
    const ns = uniqueName('gl-set');
    const spec = (image: string) =>
      [
        'apiVersion: quai.dev/v1alpha1',
        'kind: App',
        'metadata: { name: hello }',
        'spec:',
        `  namespace: ${ns}`,
        '  components:',
        `    web: { image: "${image}", ports: [{ name: http, port: 8080 }] }`,
        '',
      ].join('\n');
    const good = gitlab.commit('infra/platform', 'main', 'hello 1.27', {
      'apps/hello/app.yaml': spec('nginx:1.27'),
    });
    const bad = gitlab.commit('infra/platform', 'main', 'hello 1.28', {
      'apps/hello/app.yaml': spec('nginx:1.28'),
    });
    const run = (id: 'deploy.apply' | 'gitlab.rollbackMr', req: unknown, lang: 'en' | 'fr' = 'en') =>
      app.withContext(settings({}, lang), {}, (ctx) => app.run(id, req as never, ctx));
    try {
      for (const [sha, image] of [
        [good, 'nginx:1.27'],
        [bad, 'nginx:1.28'],
      ] as const) {
        const r = await run('deploy.apply', {
          apps: [{ yaml: spec(image), name: 'app.yaml' }],
          environment: 'prod',
          message: `${sha} deploy`,
          wait: false,
        });
        expect(r.outcome).toBe('ok');
      }
      const request = { app: { app: 'hello' }, environment: 'prod', namespace: ns, dryRun: false };
      const opened = await run('gitlab.rollbackMr', request);
      expect(opened.outcome).toBe('ok');
      expect(opened.result).toMatchObject({ revision: 1, commit: good, targetBranch: 'main' });
      expect(gitlab.project('infra/platform').mergeRequests).toHaveLength(1);

      // Settings without a project, and no --project: said, in French too.
      await declare(declared().replace('  project: infra/platform', ''));
      const e = await errorOf(run('gitlab.rollbackMr', request, 'fr'));
      expect(e.code).toBe('USAGE');
      expect(text(e, 'fr').message).toBe(
        '--via-merge-request demande le dépôt de la plateforme dans GitLab : --project n’est pas donné, et aucun ne vient des paramètres de la plateforme (ils n’en déclarent pas, ou pour un autre GitLab).',
      );
      expect(text(e, 'en').hint).toContain('--project group/project');
    } finally {
      await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
    }
  });

  it('say where to declare GitLab when neither the settings nor the environment do', async () => {
    await declare(undefined);
    const e = await errorOf(sync({}, 'fr'));
    expect(e.code).toBe('USAGE');
    expect(text(e, 'fr').message).toBe(
      'L’adresse de GitLab n’est pas connue : ni --gitlab-url, ni url dans le fichier de synchronisation, ni GITLAB_URL (ou CI_SERVER_URL), et les paramètres de la plateforme (quai-system/quai-settings) ne déclarent aucun GitLab.',
    );
    expect(text(e, 'fr').hint).toContain('ou définissez GITLAB_URL et GITLAB_TOKEN');
    expect(text(e, 'en').hint).toContain('or set GITLAB_URL and GITLAB_TOKEN');

    // A file without a project, GitLab from the environment, no settings: the project is asked for.
    const p = await errorOf(sync({ GITLAB_URL: other.url, GITLAB_TOKEN: ENV_TOKEN }));
    expect(p.code).toBe('USAGE');
    expect(text(p, 'en').message).toBe(
      'gitlab-sync.yaml names no project (project:), and none comes from the platform settings (they declare none, or for another GitLab).',
    );
  });

  it('say the settings could not be read when the cluster cannot be reached', async () => {
    const e = await errorOf(
      app.withContext(
        { lang: 'en', cluster: { kubeconfig: '/nonexistent/kubeconfig', userAgent: 'quai-test' }, env: {} },
        {},
        (ctx) =>
          app.run('gitlab.sync', { file: { yaml: SYNC, name: 'gitlab-sync.yaml' }, dryRun: true }, ctx),
      ),
    );
    expect(e.code).toBe('USAGE');
    expect(e.messageIn('en')).toMatch(
      /^GitLab's address is not known: .*and the platform settings \(quai-system\/quai-settings\) could not be read \(.+\)\.$/,
    );
  });
});
