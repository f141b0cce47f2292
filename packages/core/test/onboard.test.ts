import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t, type Component } from '@quai/contracts';
import { onboard, QuaiError } from '../src/index.js';

/** Writes a compose project into a temporary folder and returns the compose file's path. */
function project(compose: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'quai-compose-'));
  for (const [name, content] of Object.entries(extra)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'docker-compose.yml'), compose);
  return join(dir, 'docker-compose.yml');
}

async function convert(
  compose: string,
  extra: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  const file = project(compose, extra);
  const loaded = await onboard.loadCompose({ files: [file], env, projectName: 'demo' });
  return onboard.convertCompose(loaded);
}

async function failure(p: Promise<unknown>): Promise<QuaiError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(QuaiError);
  return e as QuaiError;
}

/** An entry's detail, in English. */
function en(e: onboard.ReportEntry | undefined): string {
  return e === undefined ? '' : t('en', e.detail);
}

function entry(r: onboard.ImportResult, key: string): onboard.ReportEntry | undefined {
  return r.report.entries.find((e) => e.key === key);
}

describe('compose import', () => {
  it('reports every key of every service: nothing is dropped silently', async () => {
    const r = await convert(`services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    tty: true
    ulimits: { nofile: 1024 }
    frobnicate: yes
`);
    for (const key of ['image', 'ports[0]', 'tty', 'ulimits', 'frobnicate']) {
      expect(entry(r, `services.web.${key}`), key).toBeDefined();
    }
    expect(en(entry(r, 'services.web.frobnicate'))).toContain('unknown compose key');
    expect(entry(r, 'services.web.tty')?.status).toBe('dropped');
    expect(entry(r, 'services.web.frobnicate')?.location).toMatchObject({ line: 7, column: 5 });
  });

  it('moves secret-looking values to Secrets, never to the spec', async () => {
    const r = await convert(`services:
  app:
    image: app:1.0
    environment:
      DB_PASSWORD: hunter2
      API_TOKEN: abc
      DATABASE_URL: postgres://app:s3cret@db/app
      LOG_LEVEL: info
      PASSWORD_FILE: /run/secrets/pw
`);
    const app = r.spec.spec.components['app'] as Component;
    expect(app.env).toEqual({ LOG_LEVEL: 'info', PASSWORD_FILE: '/run/secrets/pw' });
    expect(Object.keys(app.secretEnv ?? {}).sort()).toEqual(['API_TOKEN', 'DATABASE_URL', 'DB_PASSWORD']);
    expect(r.secretValues['demo-app-env']).toEqual({
      API_TOKEN: 'abc',
      DATABASE_URL: 'postgres://app:s3cret@db/app',
      DB_PASSWORD: 'hunter2',
    });
    expect(JSON.stringify(r.spec)).not.toContain('hunter2');
    expect(JSON.stringify(r.report)).not.toContain('hunter2');
  });

  it('classifies bind mounts: files to ConfigMaps or Secrets, folders to volumes, host paths and the Docker socket refused', async () => {
    const r = await convert(
      `services:
  web:
    image: nginx:1.27
    volumes:
      - ./conf/site.conf:/etc/nginx/conf.d/site.conf:ro
      - ./conf/tls.key:/etc/tls/tls.key:ro
      - ./static:/usr/share/nginx/html
      - /var/run/docker.sock:/var/run/docker.sock
      - /etc/localtime:/etc/localtime:ro
      - /dev/fuse:/dev/fuse
`,
      { 'conf/site.conf': 'server {}', 'conf/tls.key': 'KEY', 'static/index.html': '<p>' },
    );
    const web = r.spec.spec.components['web'] as Component;
    expect(web.configFiles).toEqual([
      { path: '/etc/nginx/conf.d/site.conf', content: 'server {}' },
      { path: '/etc/tls/tls.key', secretRef: { secret: 'demo-web-files', key: 'tls.key' } },
    ]);
    expect(web.volumes?.map((v) => [v.name, v.mountPath, v.type])).toEqual([
      ['static', '/usr/share/nginx/html', 'persistent'],
    ]);
    expect(entry(r, 'services.web.volumes[3]')?.status).toBe('refused');
    expect(en(entry(r, 'services.web.volumes[3]'))).toContain('Docker socket');
    expect(entry(r, 'services.web.volumes[4]')?.status).toBe('refused');
    expect(entry(r, 'services.web.volumes[5]')?.status).toBe('refused');
    expect(r.secretValues['demo-web-files']).toEqual({ 'tls.key': 'KEY' });
  });

  it('makes a named volume shared by several services ReadWriteMany, and says so', async () => {
    const r = await convert(`services:
  a: { image: "a:1", volumes: ["shared:/data"] }
  b: { image: "b:1", volumes: ["shared:/srv/data:ro"] }
volumes:
  shared: {}
`);
    expect(r.spec.spec.components['a']?.volumes?.[0]).toMatchObject({
      name: 'shared',
      accessMode: 'ReadWriteMany',
    });
    expect(r.spec.spec.components['b']?.volumes?.[0]).toMatchObject({
      name: 'shared',
      accessMode: 'ReadWriteMany',
      readOnly: true,
    });
    expect(entry(r, 'services.a.volumes[0]')?.status).toBe('approximated');
  });

  it('turns curl and wget health checks into HTTP probes, others into exec probes', async () => {
    const r = await convert(`services:
  api:
    image: api:1
    healthcheck:
      test: ["CMD-SHELL", "curl -fsS http://localhost:8000/health || exit 1"]
      interval: 1m30s
      timeout: 5s
      retries: 4
      start_period: 40s
  db:
    image: postgres:16
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "app"]
`);
    expect(r.spec.spec.components['api']?.probes).toEqual({
      readiness: {
        http: { path: '/health', port: 8000 },
        periodSeconds: 90,
        timeoutSeconds: 5,
        failureThreshold: 4,
      },
      liveness: {
        http: { path: '/health', port: 8000 },
        periodSeconds: 90,
        timeoutSeconds: 5,
        failureThreshold: 4,
        initialDelaySeconds: 40,
      },
    });
    expect(r.spec.spec.components['db']?.probes?.readiness).toEqual({
      exec: { command: ['pg_isready', '-U', 'app'] },
    });
  });

  it('maps depends_on conditions: completed dependencies become one-shot jobs', async () => {
    const r = await convert(`services:
  app:
    image: app:1
    depends_on:
      db: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
      cache: { condition: service_started }
  db: { image: "postgres:16", ports: ["5432"] }
  cache: { image: "redis:7" }
  migrate: { image: "app:1", command: migrate, restart: "no" }
`);
    expect(r.spec.spec.jobs?.['migrate']?.args).toEqual(['migrate']);
    expect(r.spec.spec.components['migrate']).toBeUndefined();
    expect(r.spec.spec.components['app']?.dependsOn).toEqual([
      { component: 'db', condition: 'healthy' },
      { component: 'migrate', condition: 'completed' },
      'cache',
    ]);
  });

  it('renames services to DNS labels and rewrites host references in environment values', async () => {
    const r = await convert(`services:
  my_app:
    image: app:1
    environment:
      DB_HOST: my_db
      URL: http://my_db:5432/x
  my_db:
    image: postgres:16
    container_name: legacy_db
`);
    expect(Object.keys(r.spec.spec.components).sort()).toEqual(['my-app', 'my-db']);
    expect(r.spec.spec.components['my-app']?.env).toEqual({ DB_HOST: 'my-db', URL: 'http://my-db:5432/x' });
    // A reference is reachability, not a start order.
    expect(r.spec.spec.components['my-app']?.dependsOn).toBeUndefined();
    expect(r.spec.spec.components['my-app']?.connectsTo).toEqual(['my-db']);
    expect(r.spec.spec.components['my-db']?.aliases).toEqual(['legacy-db']);
    expect(r.report.renamed).toEqual([
      { from: 'my_app', to: 'my-app' },
      { from: 'my_db', to: 'my-db' },
    ]);
  });

  it('keeps ports bound to 127.0.0.1 internal and exposes published HTTP ports', async () => {
    const r = await convert(`services:
  web: { image: "web:1", ports: ["8080:80", "127.0.0.1:9000:9000", "5432:5432", "53:53/udp"] }
`);
    const web = r.spec.spec.components['web'];
    expect(web?.ports).toEqual(
      [
        { name: 'http', port: 80, protocol: 'TCP' },
        { name: 'http-9000', port: 9000, protocol: 'TCP' },
        { name: 'tcp-5432', port: 5432, protocol: 'TCP' },
        { name: 'udp-53', port: 53, protocol: 'UDP' },
      ].map((p, i) => (i === 1 ? { ...p, name: web?.ports?.[1]?.name ?? '' } : p)),
    );
    expect(web?.expose).toEqual([{ host: 'demo-web', path: '/', port: 'http', tls: true }]);
  });

  it('keeps security weakenings as exceptions with a justification to review', async () => {
    const r = await convert(`services:
  agent:
    image: agent:1
    user: root
    cap_add: [NET_ADMIN]
    privileged: true
`);
    expect(r.spec.spec.components['agent']?.securityExceptions?.map((e) => e.allow)).toEqual([
      'runAsRoot',
      'capability:NET_ADMIN',
      'privileged',
    ]);
    expect(r.spec.spec.components['agent']?.securityExceptions?.[0]?.justification).toContain('review');
  });

  it('converts resources, replicas and grace periods', async () => {
    const r = await convert(`services:
  w:
    image: w:1
    deploy: { replicas: 3, resources: { limits: { cpus: "0.5", memory: 1536M }, reservations: { memory: 256m } } }
    stop_grace_period: 1m30s
`);
    expect(r.spec.spec.components['w']).toMatchObject({
      replicas: 3,
      resources: { limits: { cpu: '500m', memory: '1536Mi' }, requests: { memory: '256Mi' } },
      stopGracePeriodSeconds: 90,
    });
  });

  it('merges several files like docker compose -f a -f b', async () => {
    const base = project(`services:
  web:
    image: web:1
    environment: [A=1, B=2]
    ports: ["8080:80"]
`);
    const dir = join(base, '..');
    writeFileSync(
      join(dir, 'override.yml'),
      `services:
  web:
    image: web:2
    environment: { B: "3", C: "4" }
    ports: ["8080:80", "8443:443"]
`,
    );
    const loaded = await onboard.loadCompose({
      files: [base, join(dir, 'override.yml')],
      projectName: 'demo',
    });
    const r = onboard.convertCompose(loaded);
    const web = r.spec.spec.components['web'];
    expect(web?.image).toBe('web:2');
    expect(web?.env).toEqual({ A: '1', B: '3', C: '4' });
    expect(web?.ports?.map((p) => p.port)).toEqual([80, 443]);
    expect(entry(r, 'services.web.image')?.location.file).toBe(join(dir, 'override.yml'));
  });

  it('lists every missing required variable with its position, and writes nothing', async () => {
    const file = project(`services:
  app:
    image: app:\${TAG:?set the image tag}
    environment:
      PASSWORD: \${DB_PASSWORD:?}
`);
    const e = await failure(onboard.loadCompose({ files: [file] }));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain('required variable TAG is not set: set the image tag');
    expect(e.message).toContain('required variable DB_PASSWORD is not set');
    expect(e.message).toMatch(/docker-compose\.yml:3:5/);
    expect(e.details?.['missingVariables']).toEqual(['TAG', 'DB_PASSWORD']);
  });

  it('reads the .env file beside the compose file, and --env wins over it', async () => {
    const file = project('services:\n  app: { image: "app:${TAG}" }\n', { '.env': 'TAG=1.0\n' });
    expect(
      onboard.convertCompose(await onboard.loadCompose({ files: [file] })).spec.spec.components['app']?.image,
    ).toBe('app:1.0');
    expect(
      onboard.convertCompose(await onboard.loadCompose({ files: [file], env: { TAG: '2.0' } })).spec.spec
        .components['app']?.image,
    ).toBe('app:2.0');
  });

  it('rejects duplicate keys with line and column', async () => {
    const file = project('services:\n  web:\n    image: a:1\n    image: b:1\n');
    const e = await failure(onboard.loadCompose({ files: [file] }));
    expect(e.message).toMatch(/line 4, column 5/);
    expect(e.location).toMatchObject({ line: 4, column: 5 });
  });

  it('refuses a YAML alias bomb instead of exhausting memory', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    lines.push('services: { web: { image: "x:1", environment: { A: *i } } }');
    const e = await failure(onboard.loadCompose({ files: [project(lines.join('\n'))] }));
    expect(e.message).toMatch(/alias/i);
  });

  it('refuses files over the size limit', async () => {
    const file = project(`services:\n  web: { image: "x:1" }\n# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const e = await failure(onboard.loadCompose({ files: [file] }));
    expect(e.message).toMatch(/over the 4096 KiB limit/);
  });

  it('applies YAML merge keys from x- extension fields and extends', async () => {
    const r = await convert(`x-base: &base
  image: base:1
  environment: { TZ: Europe/Paris }
services:
  a:
    <<: *base
  b:
    extends: a
    environment: { EXTRA: "1" }
`);
    expect(r.spec.spec.components['a']).toMatchObject({ image: 'base:1', env: { TZ: 'Europe/Paris' } });
    expect(r.spec.spec.components['b']).toMatchObject({
      image: 'base:1',
      env: { TZ: 'Europe/Paris', EXTRA: '1' },
    });
  });

  it('says a build-only service needs a CI build, with a placeholder image', async () => {
    const r = await convert('services:\n  app:\n    build: .\n');
    expect(r.spec.spec.components['app']?.image).toBe('registry.example.invalid/demo/app:CHANGE-ME');
    expect(entry(r, 'services.app.build')?.status).toBe('refused');
    expect(en(entry(r, 'services.app.build'))).toContain('CI pipeline');
  });

  it('refuses a project without services', async () => {
    const e = await failure(convert('volumes: { a: {} }\n'));
    expect(e.message).toContain('defines no services');
  });
});
