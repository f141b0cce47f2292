/**
 * The pipelines `quai gitlab ci` generates, run by gitlab-ci-local (GitLab's pipeline semantics:
 * rules, needs, manual jobs, dotenv-free artifacts, environments) with its shell executor against
 * the test cluster. Jobs that need containers (the image build, the image scan) are not run here:
 * the build needs Buildah or BuildKit in a container, and gitlab-ci-local's shell executor has none.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KubeClient, KubeObject } from '@quai/core';
import { parse } from 'yaml';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'packages/cli/dist/main.js');

let gcl: string;
let bin: string;
let work: string;
let client: KubeClient;
const namespaces: string[] = [];

beforeAll(async () => {
  // Installed from the npm registry into the cache on first use (test/components/build.sh does it in CI).
  gcl = execFileSync('bash', [join(root, 'test/components/gitlab-ci-local/build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  work = await mkdtemp(join(tmpdir(), 'quai-gcl-'));
  bin = join(work, 'bin');
  await mkdir(bin);
  // `quai` on the PATH, as in Quai's image.
  await writeFile(join(bin, 'quai'), `#!/bin/sh\nexec "${process.execPath}" "${main}" "$@"\n`);
  await chmod(join(bin, 'quai'), 0o755);
  client = await testClient();
}, 600_000);

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@example.fr', '-c', 'user.name=CI', ...args], {
    cwd: dir,
    stdio: 'pipe',
  });

/** A Git repository on branch main with an origin whose default branch is main, as GitLab clones it. */
async function repository(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'initial');
  git(dir, 'remote', 'add', 'origin', `https://gitlab.example.fr/infra/${name}.git`);
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  return dir;
}

async function quai(dir: string, ...args: string[]): Promise<string> {
  return (await run(process.execPath, [main, ...args], { cwd: dir })).stdout;
}

interface Run {
  readonly code: number;
  readonly output: string;
}

/** Runs gitlab-ci-local in a repository: jobs by name, or the whole pipeline. */
async function pipeline(
  dir: string,
  args: readonly string[],
  variables: Record<string, string> = {},
): Promise<Run> {
  const vars = { KUBECONFIG: inject('kubeconfig'), ...variables };
  const context = inject('context');
  if (context !== '') throw new Error('these tests use the kubeconfig current context');
  try {
    const { stdout, stderr } = await run(
      gcl,
      [
        '--force-shell-executor',
        '--no-color',
        ...Object.entries(vars).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
        ...args,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${bin}:${process.env['PATH'] ?? ''}`,
          // gitlab-ci-local refuses to override its predefined variables unless told to.
          GCL_IGNORE_PREDEFINED_VARS: 'CI_PIPELINE_SOURCE,CI_REGISTRY_IMAGE',
        },
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function appSpec(name: string, image: string): string {
  return [
    'apiVersion: quai.dev/v1alpha1',
    'kind: App',
    `metadata: { name: ${name} }`,
    'spec:',
    '  components:',
    '    web:',
    `      image: ${image}`,
    '      ports: [{ name: http, port: 8080 }]',
    '',
  ].join('\n');
}

async function deployedImage(namespace: string): Promise<string | undefined> {
  const d = await client.tryGet<
    KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } }
  >({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace,
    name: 'web',
  });
  return d?.spec.template.spec.containers[0]?.image;
}

describe('generated GitLab pipelines under gitlab-ci-local', () => {
  it('platform repository: push to main renders, audits and deploys dev; production waits for a click; MR plans; rollback', async () => {
    const app = uniqueName('gl').slice(0, 20);
    namespaces.push(`${app}-dev`, app);
    const platform = await readFile(join(root, 'examples/platform/quai.yaml'), 'utf8');
    const dir = await repository('platform', {
      'quai.yaml': platform,
      [`apps/${app}/app.yaml`]: appSpec(app, 'nginx:1.27'),
    });
    await quai(
      dir,
      'gitlab',
      'ci',
      '--kind',
      'platform',
      'apps/*/app.yaml',
      '--platform',
      'quai.yaml',
      '--out',
      '.gitlab-ci.yml',
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'pipeline');

    // A push to the default branch: every automatic job, in GitLab's order; the manual ones stay put.
    const push = await pipeline(dir, []);
    expect(push.output, push.output).toMatch(/PASS\s+render/);
    expect(push.code, push.output).toBe(0);
    expect(push.output).toMatch(/PASS\s+audit/);
    expect(push.output).toMatch(/PASS\s+deploy:dev/);
    expect(push.output).not.toMatch(/deploy:prod\s+starting/);
    expect(push.output).not.toMatch(/plan:dev\s+starting/);
    expect(await deployedImage(`${app}-dev`)).toBe('registry.cd49.local/mirror/library/nginx:1.27');
    expect(await deployedImage(app)).toBeUndefined();
    // The audit's reports, as GitLab would collect them.
    const codequality = JSON.parse(
      await readFile(join(dir, 'gl-code-quality-report.json'), 'utf8'),
    ) as unknown[];
    expect(codequality.length).toBeGreaterThan(0);
    const sarif = JSON.parse(await readFile(join(dir, 'gl-sast-quai.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(await readFile(join(dir, 'quai-junit.xml'), 'utf8')).toContain('<testsuites');

    // A merge request: plans only. dev is deployed (no change), prod is not (changes: not a failure).
    const mr = await pipeline(dir, [], { CI_PIPELINE_SOURCE: 'merge_request_event' });
    expect(mr.code, mr.output).toBe(0);
    expect(mr.output).toMatch(/PASS\s+plan:dev/);
    expect(mr.output).toMatch(/PASS\s+plan:prod/);
    expect(mr.output).not.toMatch(/deploy:dev\s+starting/);
    expect(await readFile(join(dir, 'plan-dev.txt'), 'utf8')).toMatch(
      /0 to create, 0 to update, 0 to delete/,
    );
    expect(await readFile(join(dir, 'plan-prod.txt'), 'utf8')).toMatch(/[1-9]\d* to create/);
    expect(await deployedImage(app)).toBeUndefined();

    // Production: the manual job, run by a person.
    const prod = await pipeline(dir, ['--manual', 'deploy:prod', 'deploy:prod']);
    expect(prod.code, prod.output).toBe(0);
    expect(await deployedImage(app)).toBe('registry.cd49.local/mirror/library/nginx:1.27');

    // A second release to dev, then the rollback job brings the first one back.
    await writeFile(join(dir, `apps/${app}/app.yaml`), appSpec(app, 'nginx:1.28'));
    git(dir, 'commit', '-qam', 'nginx 1.28');
    const second = await pipeline(dir, ['deploy:dev']);
    expect(second.code, second.output).toBe(0);
    expect(await deployedImage(`${app}-dev`)).toBe('registry.cd49.local/mirror/library/nginx:1.28');
    const noApp = await pipeline(dir, ['--manual', 'rollback:dev', 'rollback:dev']);
    // A manual job that may fail without blocking the pipeline: GitLab shows it failed, with the reason.
    expect(noApp.output).toMatch(/WARN\s+rollback:dev/);
    expect(noApp.output).toContain('Set QUAI_ROLLBACK_APP');
    const back = await pipeline(dir, ['--manual', 'rollback:dev', 'rollback:dev'], {
      QUAI_ROLLBACK_APP: app,
    });
    expect(back.code, back.output).toBe(0);
    expect(await deployedImage(`${app}-dev`)).toBe('registry.cd49.local/mirror/library/nginx:1.27');
    const history = JSON.parse(
      await quai(
        dir,
        'history',
        app,
        '--kubeconfig',
        inject('kubeconfig'),
        '--env',
        'dev',
        '--platform',
        'quai.yaml',
        '-o',
        'json',
      ),
    ) as {
      revisions?: unknown[];
    };
    expect(JSON.stringify(history)).toContain('rollback from pipeline');
  }, 600_000);

  it('application repository: the jobs after the build deploy the image the build pushed, by digest', async () => {
    const app = uniqueName('glapp').slice(0, 20);
    namespaces.push(`${app}-dev`);
    const platform = await readFile(join(root, 'examples/platform/quai.yaml'), 'utf8');
    const dir = await repository('app', {
      Dockerfile: 'FROM nginx:1.27\n',
      'app.yaml': appSpec(app, 'registry.example.fr/team/app:dev'),
      'deploy/quai.yaml': platform,
    });
    await quai(dir, 'gitlab', 'ci', 'app.yaml', '--platform', 'deploy/quai.yaml', '--out', '.gitlab-ci.yml');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'pipeline');
    const doc = parse(await readFile(join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { needs?: unknown }
    >;
    expect(doc['render']?.needs).toEqual([{ job: 'build', artifacts: true }]);

    // What the build job's dotenv report gives the later jobs (the build itself needs a container).
    const digest = `sha256:${'1'.repeat(64)}`;
    const vars = { CI_REGISTRY_IMAGE: 'registry.example.fr/team/app', IMAGE_DIGEST: digest };
    const r = await pipeline(dir, ['render', 'audit', 'deploy:dev'], vars);
    expect(r.code, r.output).toBe(0);
    const image = `registry.example.fr/team/app@${digest}`;
    expect(await deployedImage(`${app}-dev`)).toBe(image);
    // The audit no longer flags the image as unpinned.
    expect(r.output).not.toContain('is not pinned by digest');

    // Without the build's digest (the build job missing from `needs`), the jobs stop with a clear error.
    const bad = await pipeline(dir, ['render'], { CI_REGISTRY_IMAGE: 'registry.example.fr/team/app' });
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('is not a reference by digest');
  }, 600_000);
});
