import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, QuaiError } from '../src/index.js';

// GitLab CI's own JSON schema (see fixtures/gitlab/README.md for its source and licence).
const schema = JSON.parse(
  await readFile(new URL('./fixtures/gitlab/gitlab-ci-schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(schema);

const files: app.FileAccess = { readText: (path) => readFile(path, 'utf8') };
let dir: string;
let spec: string;
let twoComponents: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quai-gitlab-ci-'));
  spec = 'app.yaml';
  await writeFile(
    join(dir, spec),
    [
      'apiVersion: quai.dev/v1alpha1',
      'kind: App',
      'metadata: { name: hello }',
      'spec:',
      '  components:',
      '    web:',
      '      # built by this repository',
      '      image: registry.example.fr/team/hello:1.0',
      '      ports: [{ name: http, port: 8080 }]',
      '',
    ].join('\n'),
  );
  twoComponents = 'two.yaml';
  await writeFile(
    join(dir, twoComponents),
    [
      'apiVersion: quai.dev/v1alpha1',
      'kind: App',
      'metadata: { name: two }',
      'spec:',
      '  components:',
      '    web: { image: "nginx:1.27", ports: [{ name: http, port: 8080 }] }',
      '    worker: { image: "busybox:1.37" }',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function generate(input: Record<string, unknown>, lang: 'en' | 'fr' = 'en') {
  const settings: app.Settings = { lang, cluster: { userAgent: 'quai/0.1.0' }, env: {}, files };
  const out = await app.withContext(settings, {}, (ctx) =>
    app.run('gitlab.ci', { root: dir, ...input }, ctx),
  );
  const result = out.result as { yaml: string; jobs: string[] };
  const doc = parse(result.yaml) as Record<string, Record<string, unknown>>;
  return { ...result, doc };
}

function schemaErrors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const ON_MAIN = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "merge_request_event"';

describe('quai gitlab ci', () => {
  const variants: [string, Record<string, unknown>][] = [
    ['app, Buildah, kubeconfig variable', { kind: 'app', apps: [] }],
    [
      'app, BuildKit, agent, three environments, tags',
      {
        kind: 'app',
        apps: [],
        builder: 'buildkit',
        dockerfile: 'docker/Dockerfile',
        buildContext: 'src',
        agent: 'infra/cluster-agents:prod',
        environments: [
          { name: 'dev', tier: 'development', automatic: true },
          { name: 'staging', tier: 'staging', automatic: false },
          { name: 'prod', tier: 'production', automatic: false },
        ],
        runnerTags: ['k8s'],
        auditExceptions: 'audit-exceptions.yaml',
        scanIgnoreFile: 'security/ignore.yaml',
        schedules: ['backup', 'drill', 'scan'],
      },
    ],
    [
      'platform, every schedule',
      {
        kind: 'platform',
        apps: ['apps/*/app.yaml'],
        platform: 'quai.yaml',
        schedules: ['backup', 'drill', 'scan'],
        scanThreshold: 'critical',
      },
    ],
  ];

  for (const [name, input] of variants) {
    it(`generates a pipeline that GitLab's CI schema accepts: ${name}`, async () => {
      const apps = (input['apps'] as string[]).length === 0 ? [spec] : input['apps'];
      const { doc, jobs, yaml } = await generate({ ...input, apps });
      expect(schemaErrors(doc)).toEqual([]);
      expect(
        Object.keys(doc).filter((k) => !['workflow', 'stages', 'variables', 'default'].includes(k)),
      ).toEqual(jobs);
      // No floating tag for the image the jobs run in, no YAML anchors GitLab shows as noise.
      expect(yaml).not.toMatch(/:latest\b/);
      expect(yaml).not.toMatch(/[&*]a\d/);
      // Every job's stage is declared.
      for (const job of jobs) expect(doc['stages']).toContain(doc[job]!['stage']);
    });
  }

  it('proves the schema check can fail: a job with a bad keyword and a bad `when` is refused', () => {
    expect(schemaErrors({ build: { script: ['true'], when: 'sometimes' } }).length).toBeGreaterThan(0);
    expect(schemaErrors({ build: { scripts: ['true'] } }).length).toBeGreaterThan(0);
  });

  it('builds rootless, tags by commit SHA, keeps the digest, scans it and publishes the reports', async () => {
    const { doc } = await generate({ kind: 'app', apps: [spec] });
    const build = doc['build']!;
    const script = (build['script'] as string[]).join('\n');
    expect(script).toContain('buildah build');
    expect(script).toContain('"$IMAGE:$CI_COMMIT_SHA"');
    expect(script).toContain('--digestfile image.digest');
    expect(build['variables']).toMatchObject({ STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot' });
    expect(build['artifacts']).toEqual({ reports: { dotenv: 'build.env' } });
    expect(JSON.stringify(build)).not.toContain('privileged');
    const scan = doc['scan']!;
    expect((scan['script'] as string[]).join('\n')).toContain('quai scan image "$IMAGE@$IMAGE_DIGEST"');
    expect(scan['artifacts']).toMatchObject({
      when: 'always',
      reports: {
        container_scanning: 'gl-container-scanning-report.json',
        cyclonedx: 'gl-sbom-container.cdx.json',
      },
    });
    expect(doc['audit']!['artifacts']).toMatchObject({
      reports: { codequality: 'gl-code-quality-report.json', junit: 'quai-junit.xml' },
      paths: ['gl-sast-quai.sarif'],
    });
    // Jobs that render, plan or apply use the built image, by digest.
    for (const job of ['render', 'plan:dev', 'deploy:prod'])
      expect((doc[job]!['script'] as string[])[0]).toBe(
        `quai gitlab pin-image ${spec} --image "$IMAGE@$IMAGE_DIGEST"`,
      );
  });

  it('plans on merge requests only, deploys dev automatically and production by a manual, blocking job', async () => {
    const { doc } = await generate({ kind: 'app', apps: [spec] });
    expect(doc['plan:prod']!['rules']).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    const dev = doc['deploy:dev']!;
    const prod = doc['deploy:prod']!;
    expect((dev['rules'] as unknown[]).at(-1)).toEqual({
      if: ON_MAIN,
      when: 'on_success',
    });
    expect((prod['rules'] as unknown[]).at(-1)).toEqual({
      if: ON_MAIN,
      when: 'manual',
      allow_failure: false,
    });
    expect(prod['environment']).toEqual({ name: 'prod', deployment_tier: 'production' });
    expect(prod['needs']).toContainEqual({ job: 'deploy:dev', artifacts: false });
    expect(prod['interruptible']).toBe(false);
    expect(prod['resource_group']).toBe('deploy-prod');
    expect(doc['rollback:prod']!['resource_group']).toBe('deploy-prod');
    expect((doc['rollback:prod']!['script'] as string[]).join('\n')).toContain(
      `quai rollback ${spec} --env prod`,
    );
  });

  it('runs scheduled jobs only in the schedule that names them, and nothing else then', async () => {
    const { doc } = await generate({ kind: 'platform', apps: ['apps/*/app.yaml'], schedules: ['drill'] });
    expect(doc['drill']!['rules']).toEqual([
      { if: '$CI_PIPELINE_SOURCE == "schedule" && $QUAI_SCHEDULE == "drill"' },
    ]);
    expect(doc['backup']).toBeUndefined();
    for (const job of ['render', 'audit', 'deploy:dev', 'rollback:prod'])
      expect((doc[job]!['rules'] as unknown[])[0]).toEqual({
        if: '$CI_PIPELINE_SOURCE == "schedule"',
        when: 'never',
      });
    expect(doc['build']).toBeUndefined();
  });

  it('writes its comments in the reader language', async () => {
    const { yaml } = await generate({ kind: 'app', apps: [spec] }, 'fr');
    expect(yaml.split('\n')[0]).toContain('Généré par `quai gitlab ci`');
  });

  it('refuses environments that would deploy production without a click, or out of order', async () => {
    const bad = async (environments: unknown[]) =>
      generate({ kind: 'app', apps: [spec], environments }).catch((e: unknown) => e as QuaiError);
    const a = await bad([{ name: 'prod', tier: 'production', automatic: true }]);
    expect(a).toBeInstanceOf(QuaiError);
    expect((a as QuaiError).messageIn('en')).toContain('Environment "prod" is of the production tier');
    const b = await bad([
      { name: 'staging', tier: 'staging', automatic: false },
      { name: 'dev', tier: 'development', automatic: true },
    ]);
    expect((b as QuaiError).messageIn('fr')).toContain('se déploie automatiquement après');
    const c = await bad([
      { name: 'dev', tier: 'development', automatic: true },
      { name: 'dev', tier: 'development', automatic: true },
    ]);
    expect((c as QuaiError).messageIn('en')).toContain('listed twice');
  });

  it('checks the app spec now: a missing file, or several components and none named', async () => {
    const missing = await generate({ kind: 'app', apps: ['nope.yaml'] }).catch(
      (e: unknown) => e as QuaiError,
    );
    // (the CLI's file access turns this into a QuaiError with the path; this test's gives the raw error)
    expect((missing as Error).message).toContain('nope.yaml');
    const which = await generate({ kind: 'app', apps: [twoComponents] }).catch(
      (e: unknown) => e as QuaiError,
    );
    expect((which as QuaiError).messageIn('en')).toContain('several components (web, worker)');
    const { doc } = await generate({ kind: 'app', apps: [twoComponents], component: 'worker' });
    expect((doc['render']!['script'] as string[])[0]).toContain('--component worker');
    const wrong = await generate({ kind: 'app', apps: [twoComponents], component: 'db' }).catch(
      (e: unknown) => e as QuaiError,
    );
    expect((wrong as QuaiError).messageIn('en')).toContain('no component "db"');
    const glob = await generate({ kind: 'app', apps: ['apps/*/app.yaml'] }).catch(
      (e: unknown) => e as QuaiError,
    );
    expect((glob as QuaiError).messageIn('en')).toContain('is a pattern');
    const path = await generate({ kind: 'platform', apps: ['../other/app.yaml'] }).catch(
      (e: unknown) => e as QuaiError,
    );
    expect((path as QuaiError).code).toBe('INPUT_INVALID');
  });
});

describe('quai gitlab pin-image', () => {
  const digest = `registry.example.fr/team/hello@sha256:${'a'.repeat(64)}`;
  const settings: app.Settings = { lang: 'en', cluster: { userAgent: 'quai/0.1.0' }, env: {}, files };

  it('sets the image by digest in place, keeping comments, and says what it was', async () => {
    const file = join(dir, 'pin.yaml');
    await writeFile(file, await readFile(join(dir, spec), 'utf8'));
    const out = await app.withContext(settings, {}, (ctx) =>
      app.run('gitlab.pinImage', { file, image: digest }, ctx),
    );
    expect(out.result).toMatchObject({
      component: 'web',
      previous: 'registry.example.fr/team/hello:1.0',
      image: digest,
    });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('# built by this repository');
    expect(text).toContain(`image: ${digest}`);
  });

  it('refuses a tag where a digest is expected (an empty IMAGE_DIGEST), leaving the file as it was', async () => {
    const file = join(dir, 'pin2.yaml');
    const before = await readFile(join(dir, spec), 'utf8');
    await writeFile(file, before);
    const e = await app
      .withContext(settings, {}, (ctx) =>
        app.run('gitlab.pinImage', { file, image: 'registry.example.fr/team/hello@' }, ctx),
      )
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QuaiError);
    expect((e as QuaiError).hint).toBeDefined();
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('needs file access (the HTTP API has none)', async () => {
    const e = await app
      .withContext({ lang: 'en', cluster: { userAgent: 'quai/0.1.0' }, env: {} }, {}, (ctx) =>
        app.run('gitlab.pinImage', { file: join(dir, spec), image: digest }, ctx),
      )
      .catch((x: unknown) => x);
    expect((e as QuaiError).code).toBe('USAGE');
  });
});
