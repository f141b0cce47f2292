/**
 * `quai gitlab sync` and `quai rollback --via-merge-request` with the local control plane and a
 * GitLab REST API v4 server built from GitLab's documentation (test/components/gitlab-api.ts; a
 * real GitLab cannot run here): the deploy token's imagePullSecret lands in the cluster, and a
 * rollback through a merge request returns the app's files to the commit of its last good
 * revision, as recorded by `quai apply --message "$CI_COMMIT_SHA ..."` in the cluster.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { app, type KubeClient } from '@quai/core';
import { startFakeGitlab, type FakeGitlab } from '../components/gitlab-api.js';
import { createNamespace, deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let server: FakeGitlab;
const namespaces: string[] = [];
const TOKEN = 'glpat-integration';

beforeAll(async () => {
  client = await testClient();
  server = await startFakeGitlab();
  server.addToken(TOKEN, { scopes: ['api'], accessLevel: 40 });
});
afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  await server.stop();
  client.close();
});

function settings(): app.Settings {
  const context = inject('context');
  return {
    lang: 'en',
    cluster: {
      kubeconfig: inject('kubeconfig'),
      ...(context === '' ? {} : { context }),
      userAgent: 'quai-test',
    },
    env: { GITLAB_URL: server.url, GITLAB_TOKEN: TOKEN },
  };
}

const run = (id: 'gitlab.sync' | 'gitlab.rollbackMr' | 'deploy.apply', req: unknown) =>
  app.withContext(settings(), {}, (ctx) => app.run(id, req as never, ctx));

type Item = { kind: string; name: string; action: string; status: string };

describe('quai gitlab sync: pull secrets in the cluster', () => {
  it('creates the deploy token and its imagePullSecret, then changes nothing, then replaces both when the Secret is gone', async () => {
    const ns = await createNamespace(client);
    namespaces.push(ns);
    const project = 'apps/grist';
    server.addProject(project);
    const yaml = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: GitlabSync',
      `project: ${project}`,
      'deployTokens:',
      '  - name: quai-pull',
      '    pullSecret:',
      `      namespace: ${ns}`,
      '      registry: registry.gitlab.example.fr',
    ].join('\n');
    const sync = (dryRun = false) => run('gitlab.sync', { file: { yaml, name: 'gitlab-sync.yaml' }, dryRun });

    const plan = await sync(true);
    expect(plan.outcome).toBe('changes');
    expect(
      await client.tryGet({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'gitlab-registry' }),
    ).toBeUndefined();

    const first = await sync();
    expect(first.outcome).toBe('ok');
    const items = (first.result as { items: Item[] }).items;
    expect(items.map((i) => `${i.kind} ${i.action} ${i.status}`)).toEqual([
      'deployToken create done',
      'pullSecret create done',
    ]);
    const token = server.project(project).deployTokens[0]!;
    const secret = (await client.get({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: ns,
      name: 'gitlab-registry',
    })) as unknown as {
      type: string;
      data: Record<string, string>;
      metadata: { annotations: Record<string, string> };
    };
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson']!, 'base64').toString()) as {
      auths: Record<string, { username: string; password: string; auth: string }>;
    };
    expect(config.auths['registry.gitlab.example.fr']).toEqual({
      username: token.username,
      password: token.token,
      auth: Buffer.from(`${token.username}:${token.token}`).toString('base64'),
    });
    expect(secret.metadata.annotations['quai.dev/gitlab-deploy-token-id']).toBe(String(token.id));

    const second = await sync();
    expect((second.result as { items: Item[] }).items.every((i) => i.action === 'unchanged')).toBe(true);

    // The Secret is gone: the token's value cannot be read back, so a new token replaces it.
    await client.delete({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: 'gitlab-registry' });
    const third = await sync();
    expect((third.result as { items: Item[] }).items.map((i) => `${i.kind} ${i.action} ${i.status}`)).toEqual(
      ['deployToken replace done', 'pullSecret create done', 'deployToken update done'],
    );
    const tokens = server.project(project).deployTokens;
    expect(tokens.map((t) => t.revoked)).toEqual([true, false]);
    const again = (await client.get({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: ns,
      name: 'gitlab-registry',
    })) as unknown as {
      metadata: { annotations: Record<string, string> };
    };
    expect(again.metadata.annotations['quai.dev/gitlab-deploy-token-id']).toBe(String(tokens[1]!.id));
  });

  it('refuses before writing anything when the namespace of a pull secret does not exist', async () => {
    const project = 'apps/nons';
    server.addProject(project);
    const yaml = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: GitlabSync',
      `project: ${project}`,
      'deployTokens:',
      '  - name: quai-pull',
      '    pullSecret: { namespace: does-not-exist-here, registry: registry.example.fr }',
    ].join('\n');
    const e = await run('gitlab.sync', { file: { yaml, name: 'gitlab-sync.yaml' }, dryRun: false }).catch(
      (x: unknown) => x as { code: string },
    );
    expect((e as { code: string }).code).toBe('NOT_FOUND');
    expect(server.project(project).deployTokens).toEqual([]);
  });
});

describe('quai rollback --via-merge-request', () => {
  it("opens a merge request that returns the app's files to the commit of its last good revision", async () => {
    const ns = uniqueName('gl-rb');
    namespaces.push(ns);
    const project = 'infra/platform';
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
    server.addProject(project, { files: { 'README.md': '# platform\n', 'quai.yaml': 'x: 1\n' } });
    const good = server.commit(project, 'main', 'hello 1.27', { 'apps/hello/app.yaml': spec('nginx:1.27') });
    const bad = server.commit(project, 'main', 'hello 1.28 and a config', {
      'apps/hello/app.yaml': spec('nginx:1.28'),
      'apps/hello/extra.conf': 'broken = true\n',
    });
    // The pipeline deploys each commit with its SHA as the revision's message.
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

    const request = { app: { app: 'hello' }, environment: 'prod', namespace: ns, project, dryRun: true };
    const plan = await run('gitlab.rollbackMr', request);
    expect(plan.outcome).toBe('changes');
    expect(plan.result).toMatchObject({
      revision: 1,
      commit: good,
      files: [
        { path: 'apps/hello/app.yaml', action: 'update' },
        { path: 'apps/hello/extra.conf', action: 'delete' },
      ],
    });
    expect(server.project(project).mergeRequests).toEqual([]);

    const opened = await run('gitlab.rollbackMr', { ...request, dryRun: false });
    expect(opened.outcome).toBe('ok');
    const result = opened.result as {
      branch: string;
      mergeRequest: { iid: number; url: string; existed: boolean };
    };
    expect(result.mergeRequest.existed).toBe(false);
    const p = server.project(project);
    const mr = p.mergeRequests[0]!;
    expect(mr).toMatchObject({ source_branch: result.branch, target_branch: 'main', state: 'opened' });
    expect(mr.title).toBe(`Roll back hello (prod) to revision 1 (${good.slice(0, 12)})`);
    expect(mr.description).toContain('- delete `apps/hello/extra.conf`');
    // The branch holds the good commit's content for the app, and the rest of main untouched.
    expect(server.fileAt(project, result.branch, 'apps/hello/app.yaml')).toBe(spec('nginx:1.27'));
    expect(server.fileAt(project, result.branch, 'apps/hello/extra.conf')).toBeUndefined();
    expect(server.fileAt(project, result.branch, 'quai.yaml')).toBe('x: 1\n');
    // main is not touched until someone merges.
    expect(server.fileAt(project, 'main', 'apps/hello/app.yaml')).toBe(spec('nginx:1.28'));

    const again = await run('gitlab.rollbackMr', { ...request, dryRun: false });
    expect((again.result as { mergeRequest: { iid: number; existed: boolean } }).mergeRequest).toMatchObject({
      iid: mr.iid,
      existed: true,
    });
    expect(p.mergeRequests).toHaveLength(1);
  });
});
