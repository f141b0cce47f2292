// Regression tests for the defect classes of issue 11, each with a minimal compose file. The
// compose specification and Docker's documentation are the oracle for what compose does.
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t, type Component, type Message, type PlatformConfig } from '@quai/contracts';
import { model, onboard, render, type KubeObject } from '../src/index.js';

/** A report entry's detail, in English. */
const en = (m: Message | undefined): string => (m === undefined ? '' : t('en', m));

function project(compose: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'quai-defect-'));
  for (const [name, content] of Object.entries(extra)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'compose.yaml'), compose);
  return dir;
}

async function importDir(
  dir: string,
  options: Partial<onboard.LoadComposeOptions> = {},
  convert: onboard.ConvertOptions = {},
) {
  const loaded = await onboard.loadCompose({
    files: [join(dir, 'compose.yaml')],
    projectName: 'demo',
    ...options,
  });
  return onboard.convertCompose(loaded, convert);
}

async function convert(
  compose: string,
  extra: Record<string, string> = {},
  convertOptions: onboard.ConvertOptions = {},
) {
  return importDir(project(compose, extra), {}, convertOptions);
}

/** What `quai render` does with what `quai import` wrote: the app spec re-read with its rules. */
async function roundTrip(r: onboard.ImportResult, platform: PlatformConfig = model.defaultPlatform()) {
  const dir = mkdtempSync(join(tmpdir(), 'quai-roundtrip-'));
  const loaded = await model.parseAppSpec(onboard.appSpecYaml(r.spec), join(dir, 'app.yaml'));
  return render.render({ app: loaded.value, platform, environment: 'prod', secrets: r.secretValues });
}

function pods(objects: readonly KubeObject[]): { owner: string; pod: any }[] {
  return objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
    .map((o) => ({ owner: `${o.kind}/${o.metadata.name}`, pod: (o as any).spec.template.spec }));
}

function component(r: onboard.ImportResult, name: string): Component {
  const c = r.spec.spec.components[name];
  expect(c, name).toBeDefined();
  return c as Component;
}

describe('1. variables listed without a value', () => {
  it('take their value from .env, --env-file, --env and the shell, as docker compose does', async () => {
    const dir = project(
      `services:
  db:
    image: postgres:16
    environment:
      - POSTGRES_PASSWORD
      - POSTGRES_USER
      - POSTGRES_DB
`,
      { '.env': 'POSTGRES_PASSWORD=from-dotenv\nPOSTGRES_USER=app\n' },
    );
    const r = await importDir(dir, { env: { POSTGRES_DB: 'from-flag' } });
    const db = component(r, 'db');
    expect(db.env).toEqual({ POSTGRES_USER: 'app', POSTGRES_DB: 'from-flag' });
    expect(db.secretEnv?.['POSTGRES_PASSWORD']).toEqual({ secret: 'demo-db-env', key: 'POSTGRES_PASSWORD' });
    expect(r.secretValues['demo-db-env']).toEqual({ POSTGRES_PASSWORD: 'from-dotenv' });
    expect(r.report.unsetVariables).toEqual([]);
  });

  it('`KEY:` with no value in a mapping works the same, and the shell counts with --use-shell-env', async () => {
    const dir = project(`services:
  app:
    image: app:1
    environment:
      API_TOKEN:
`);
    const r = await importDir(dir, { shellEnv: { API_TOKEN: 'shell-token' } });
    expect(r.secretValues['demo-app-env']).toEqual({ API_TOKEN: 'shell-token' });
  });

  it('reports a variable nothing sets as a required input with its position, never drops it silently', async () => {
    const r = await convert(`services:
  db:
    image: postgres:16
    environment:
      - DB_PASSWORD
`);
    expect(r.report.unsetVariables).toEqual([
      expect.objectContaining({
        variable: 'DB_PASSWORD',
        service: 'db',
        location: expect.objectContaining({ line: 5 }),
      }),
    ]);
    expect(onboard.formatReport(r.report)).toContain('Required inputs');
    expect(en(r.report.entries.find((e) => e.key === 'services.db.environment[0]')?.detail)).toContain(
      '--env DB_PASSWORD=',
    );
  });
});

describe('2. .env files are interpolated as docker compose does', () => {
  it('expands ${VAR} from earlier lines and --env, keeps single quotes literal, reads multi-line quoted values', async () => {
    const dir = project(
      `services:
  app:
    image: app:1
    environment:
      DATA: \${DATA_DIR}
      CERT: \${CERT}
      LITERAL: \${LITERAL}
    volumes:
      - \${DATA_DIR}:/data
`,
      {
        '.env': `ROOT=/srv/app
DATA_DIR=\${ROOT}/data
CERT="-----BEGIN CERTIFICATE-----
MIIB
-----END CERTIFICATE-----"
LITERAL='\${ROOT}'
`,
      },
    );
    const r = await importDir(dir);
    const app = component(r, 'app');
    expect(app.env).toMatchObject({ DATA: '/srv/app/data', LITERAL: '${ROOT}' });
    expect(app.env?.['CERT']).toBe('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    // The path built from ${ROOT} is a host folder, not a named volume called "${ROOT}".
    expect(app.volumes?.[0]).toMatchObject({ name: 'app-data', mountPath: '/data', type: 'persistent' });
    expect(en(r.report.entries.find((e) => e.key === 'services.app.volumes[0]')?.detail)).toContain(
      '/srv/app/data',
    );
  });

  it('takes env_file values through the same parser, interpolated from the project environment', async () => {
    const r = await convert(
      `services:
  app:
    image: app:1
    env_file: app.env
`,
      { 'app.env': 'URL=http://${HOST_NAME}:8080\nMULTI="a\nb"\n', '.env': 'HOST_NAME=example.org\n' },
    );
    expect(component(r, 'app').env).toEqual({ URL: 'http://example.org:8080', MULTI: 'a\nb' });
  });
});

describe('3. dependencies come from host references, never from equal words; cycles never fail', () => {
  it('POSTGRES_DB: wiki in service db of app wiki is a database name, not a dependency', async () => {
    const r = await convert(`services:
  wiki:
    image: wiki:2
    depends_on: [db]
    environment:
      DB_HOST: db
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: wiki
      POSTGRES_USER: wiki
`);
    expect(component(r, 'db').dependsOn).toBeUndefined();
    expect(component(r, 'db').connectsTo).toBeUndefined();
    expect(component(r, 'wiki').dependsOn).toEqual(['db']);
    await expect(roundTrip(r)).resolves.toBeDefined();
  });

  it('two services that call each other are peers (connectsTo), and render accepts its own import', async () => {
    const r = await convert(`services:
  web:
    image: web:1
    ports: ["80:80"]
    environment:
      API_URL: http://api:8080
  api:
    image: api:1
    expose: ["8080"]
    environment:
      CALLBACK_URL: http://web:80
`);
    expect(component(r, 'web').connectsTo).toEqual(['api']);
    expect(component(r, 'api').connectsTo).toEqual(['web']);
    expect(component(r, 'web').dependsOn).toBeUndefined();
    const out = await roundTrip(r, { ...model.defaultPlatform() });
    expect(out.objects.length).toBeGreaterThan(0);
  });

  it('reads hosts from URLs, host:port, *_HOST names and host lists, including values moved to Secrets', async () => {
    const r = await convert(`services:
  app:
    image: app:1
    environment:
      DATABASE_URL: postgres://user:s3cret@db:5432/app
      CACHE: cache:6379
      BROKERS: kafka1,kafka2
      NOTE: db is just a word here
  db: { image: "postgres:16" }
  cache: { image: "redis:7" }
  kafka1: { image: "kafka:3" }
  kafka2: { image: "kafka:3" }
`);
    expect(component(r, 'app').connectsTo).toEqual(['cache', 'db', 'kafka1', 'kafka2']);
  });
});

describe('4. render --secrets with a folder that does not exist', () => {
  it('means no secrets', async () => {
    await expect(onboard.readSecretsDir(join(tmpdir(), 'quai-no-such-secrets-folder'))).resolves.toEqual({});
  });
  it('names a file given instead of a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-secrets-'));
    writeFileSync(join(dir, 'file'), 'x');
    await expect(onboard.readSecretsDir(join(dir, 'file'))).rejects.toThrow(/is a file, not a folder/);
  });
});

describe('5. volume names are unique per pod by construction', () => {
  it('a compose volume named like an internal volume, two host folders of the same name, one mount twice', async () => {
    const r = await convert(
      `services:
  web:
    image: web:1
    volumes:
      - files:/srv/files
      - tmp:/srv/tmp
      - ./a/data:/a
      - ./b/data:/b
      - ./etc/prometheus:/prometheus
      - prom:/prometheus
      - ./nginx.conf:/etc/nginx/nginx.conf
volumes:
  files: {}
  tmp: {}
  prom: {}
`,
      { 'nginx.conf': 'events {}', 'a/data/x': '', 'b/data/x': '', 'etc/prometheus/p.yml': '' },
    );
    const web = component(r, 'web');
    expect(new Set(web.volumes?.map((v) => v.name)).size).toBe(web.volumes?.length);
    expect(web.volumes?.find((v) => v.mountPath === '/prometheus')?.name).toBe('prom');
    expect(r.report.entries.find((e) => e.key === 'services.web.volumes[4]')?.status).toBe('dropped');
    const out = await roundTrip(r);
    for (const { owner, pod } of pods(out.objects)) {
      const names = pod.volumes.map((v: any) => v.name);
      expect(new Set(names).size, owner).toBe(names.length);
      const paths = pod.containers[0].volumeMounts.map((m: any) => m.mountPath);
      expect(new Set(paths).size, owner).toBe(paths.length);
      for (const m of pod.containers[0].volumeMounts) expect(names, owner).toContain(m.name);
    }
  });

  it('a tmpfs on a path a volume already takes is left out, and render accepts the import', async () => {
    const r = await convert(`services:
  db:
    image: postgres:16
    volumes: ["data:/tmp"]
    tmpfs: [/tmp, /run/postgresql]
volumes: { data: {} }
`);
    expect(component(r, 'db').volumes?.map((v) => v.mountPath)).toEqual(['/tmp', '/run/postgresql']);
    expect(r.report.entries.find((e) => e.key === 'services.db.tmpfs[0]')?.status).toBe('dropped');
    await expect(roundTrip(r)).resolves.toBeDefined();
  });

  it('holds over generated collisions (500 random pods)', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pool = ['tmp', 'files', 'data', 'quai-tmp', 'quai-files', 'quai-secret-0', 'cache'];
    const paths = ['/tmp', '/data', '/srv', '/etc/app/app.conf', '/cache', '/data/'];
    for (let round = 0; round < 500; round++) {
      const volumes = Array.from({ length: 1 + rand(6) }, () => ({
        name: pool[rand(pool.length)] ?? 'x',
        mountPath: paths[rand(paths.length)] ?? '/x',
        type: (['persistent', 'temporary', 'memory'] as const)[rand(3)] ?? 'persistent',
      }));
      const configFiles = Array.from({ length: rand(3) }, (_, i) =>
        rand(2) === 0
          ? { path: `/etc/app/f${i}.conf`, content: 'x' }
          : { path: `/etc/app/s${i}.key`, secretRef: { secret: 's', key: 'k' } },
      );
      const app = {
        apiVersion: 'quai.dev/v1alpha1' as const,
        kind: 'App' as const,
        metadata: { name: 'gen' },
        spec: { components: { web: { image: 'web:1', volumes, configFiles } } },
      };
      const out = render.render({ app, platform: model.defaultPlatform(), environment: 'prod' });
      for (const { pod } of pods(out.objects)) {
        const names = pod.volumes.map((v: any) => v.name);
        expect(new Set(names).size, JSON.stringify(volumes)).toBe(names.length);
        const mounts = pod.containers[0].volumeMounts;
        const mp = mounts.map((m: any) => String(m.mountPath).replace(/\/+$/, ''));
        expect(new Set(mp).size, JSON.stringify(volumes)).toBe(mp.length);
        for (const m of mounts) expect(names).toContain(m.name);
      }
    }
  }, 60_000);
});

describe('6. default requests never exceed the limits the file sets', () => {
  it('a 64M memory limit gets a 64Mi request, not the 128Mi default', async () => {
    const r = await convert(`services:
  web:
    image: web:1
    deploy: { resources: { limits: { memory: 64M, cpus: "0.05" } } }
`);
    const out = await roundTrip(r);
    const c = pods(out.objects)[0]?.pod.containers[0];
    expect(c.resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '50m', memory: '64Mi' },
    });
    expect(out.notes.some((n) => n.kind === 'resources-capped')).toBe(true);
  });
});

describe('7. a host folder shared by several services', () => {
  it('is one ReadWriteMany claim, said so in the report', async () => {
    const r = await convert(
      `services:
  web: { image: "nginx:1", volumes: ["./shared:/usr/share/nginx/html:ro"] }
  php: { image: "php:8", volumes: ["./shared/:/var/www/html"] }
`,
      { 'shared/index.php': '<?php' },
    );
    expect(component(r, 'web').volumes?.[0]).toMatchObject({ name: 'shared', accessMode: 'ReadWriteMany' });
    expect(component(r, 'php').volumes?.[0]).toMatchObject({ name: 'shared', accessMode: 'ReadWriteMany' });
    expect(r.report.assumptions.map((a) => t('en', a)).join('\n')).toMatch(
      /shared is mounted by php, web|shared is mounted by web, php/,
    );
    const out = await roundTrip(r);
    expect(out.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(
      ['demo-shared'],
    );
  });
});

describe('8. a host path that does not exist but names a file', () => {
  it('is a file (ConfigMap; Secret for keys and certificates), and the report says what was assumed', async () => {
    const r = await convert(`services:
  proxy:
    image: nginx:1
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
      - ./certs/privkey.pem:/etc/ssl/privkey.pem:ro
      - ./html:/usr/share/nginx/html
`);
    const proxy = component(r, 'proxy');
    expect(proxy.configFiles).toEqual([
      { path: '/etc/nginx/nginx.conf', content: '' },
      { path: '/etc/ssl/privkey.pem', secretRef: { secret: 'demo-proxy-files', key: 'privkey.pem' } },
    ]);
    expect(proxy.volumes?.map((v) => v.name)).toEqual(['html']);
    expect(r.report.assumptions.some((a) => t('en', a).includes('nginx.conf'))).toBe(true);
    expect(en(r.report.entries.find((e) => e.key === 'services.proxy.volumes[0]')?.detail)).toContain(
      'its name says it is a file',
    );
  });
});

describe('9. NetworkPolicies follow compose networks', () => {
  const compose = `services:
  proxy:
    image: nginx:1
    ports: ["80:80"]
    networks: [front]
  app:
    image: app:1
    networks: [front, back]
  db:
    image: postgres:16
    networks: [back]
networks: { front: {}, back: {} }
`;
  it('services sharing a network may reach each other; the proxy reaches its backend with no declared dependency', async () => {
    const r = await convert(compose);
    expect(component(r, 'app').networks).toEqual(['front', 'back']);
    const out = await roundTrip(r);
    const policy = (name: string): any =>
      out.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name);
    expect(policy('allow-network-front').spec.podSelector).toEqual({
      matchLabels: { 'network.quai.dev/front': 'member' },
    });
    const proxyPod = pods(out.objects).find((p) => p.owner === 'Deployment/proxy');
    const labels = (out.objects.find((o) => o.metadata.name === 'proxy' && o.kind === 'Deployment') as any)
      .spec.template.metadata.labels;
    expect(labels['network.quai.dev/front']).toBe('member');
    expect(labels['network.quai.dev/back']).toBeUndefined();
    expect(proxyPod).toBeDefined();
    expect(en(r.report.entries.find((e) => e.key === 'services.app.networks')?.detail)).toContain(
      'may reach each other',
    );
  });

  it('the strict mode allows only declared dependencies and references', async () => {
    const r = await convert(compose, {}, { networkPolicy: 'strict' });
    expect(component(r, 'app').networks).toBeUndefined();
    const out = await roundTrip(r);
    expect(out.objects.some((o) => o.metadata.name?.startsWith('allow-network-'))).toBe(false);
  });
});

describe('10. a secret interpolated into command or entrypoint', () => {
  it('comes from its Secret at run time, never in clear', async () => {
    const r = await convert(
      `services:
  setup:
    image: minio/mc
    environment:
      MINIO_PASSWORD: \${MINIO_PASSWORD}
    entrypoint: /bin/sh -c "mc alias set m http://minio:9000 admin '\${MINIO_PASSWORD}'"
    healthcheck:
      test: ["CMD", "check", "--password", "\${MINIO_PASSWORD}"]
  minio: { image: "minio/minio:1", expose: ["9000"] }
`,
      { '.env': 'MINIO_PASSWORD=very-secret-value\n' },
    );
    const text = onboard.appSpecYaml(r.spec);
    expect(text).not.toContain('very-secret-value');
    const setup = component(r, 'setup');
    expect(setup.command?.join(' ')).toContain("'$(MINIO_PASSWORD)'");
    expect(setup.probes?.readiness?.exec?.command).toEqual([
      'sh',
      '-c',
      "'check' '--password' '${MINIO_PASSWORD}'",
    ]);
    const out = await roundTrip(r);
    expect(JSON.stringify(out.objects.filter((o) => o.kind !== 'Secret'))).not.toContain('very-secret-value');
  });
});

describe('11. a service that listens on UDP only', () => {
  it('gets no TCP probe, and a note', async () => {
    const r = await convert(`services:
  dns:
    image: coredns:1
    ports: ["53:53/udp"]
`);
    const out = await roundTrip(r);
    const c = pods(out.objects)[0]?.pod.containers[0];
    expect(c.readinessProbe).toBeUndefined();
    expect(c.livenessProbe).toBeUndefined();
    expect(out.notes.find((n) => n.kind === 'no-probe')?.message).toContain('UDP only');
  });
});

describe('12. service_healthy on a service whose health check lives in its image', () => {
  it('says so instead of pretending to wait for health', async () => {
    const r = await convert(`services:
  app:
    image: app:1
    depends_on: { db: { condition: service_healthy } }
  db: { image: "postgres:16" }
`);
    const e = r.report.entries.find((x) => x.key === 'services.app.depends_on.db');
    expect(e?.status).toBe('approximated');
    expect(en(e?.detail)).toContain('no health check in the compose file');
  });

  it('uses the HEALTHCHECK read from the image when given', async () => {
    const r = await convert(
      `services:
  app:
    image: app:1
    depends_on: { db: { condition: service_healthy } }
  db: { image: "postgres:16" }
`,
      {},
      { imageHealthchecks: new Map([['postgres:16', ['CMD-SHELL', 'pg_isready']]]) },
    );
    expect(component(r, 'db').probes?.readiness).toEqual({ exec: { command: ['sh', '-c', 'pg_isready'] } });
  });
});

describe('13. rendered Secrets', () => {
  it('can be sealed for the cluster so the rendered folder can be committed', async () => {
    const { generateKeyPairSync, privateDecrypt, createDecipheriv, constants } = await import('node:crypto');
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const sealed = render.sealSecret(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'ns' },
        stringData: { k: 'value' },
      },
      render.sealingKey(pem, 'key.pem'),
    ) as any;
    expect(sealed.kind).toBe('SealedSecret');
    const blob = Buffer.from(sealed.spec.encryptedData.k, 'base64');
    const len = blob.readUInt16BE(0);
    // Decrypt as the controller does (pkg/crypto HybridDecrypt), with the label namespace/name.
    const sessionKey = privateDecrypt(
      {
        key: privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
        oaepLabel: Buffer.from('ns/s'),
      },
      blob.subarray(2, 2 + len),
    );
    const body = blob.subarray(2 + len);
    const d = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
    d.setAuthTag(body.subarray(body.length - 16));
    expect(Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]).toString()).toBe('value');
    expect(JSON.stringify(sealed)).not.toContain('value"');
  });
});

describe('14. exceptions are scoped and said', () => {
  it('render writes the exception annotation on the excepted pod only and names who else is affected', async () => {
    const r = await convert(`services:
  vault: { image: "vault:1", cap_add: [IPC_LOCK] }
  web: { image: "web:1" }
`);
    const out = await roundTrip(r);
    const vault = out.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'vault') as any;
    const web = out.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web') as any;
    expect(Object.keys(vault.spec.template.metadata.annotations)).toEqual([
      'quai.dev/exception.capability.IPC_LOCK',
    ]);
    expect(web.spec.template.metadata.annotations).toBeUndefined();
    const note = out.notes.find((n) => n.kind === 'policy-level')?.message ?? '';
    expect(note).toContain('because vault needs it');
    expect(note).toContain('web runs under that weaker level too');
    const ns = out.objects.find((o) => o.kind === 'Namespace');
    expect(ns?.metadata.annotations?.['quai.dev/policy-level-needed-by']).toBe('vault');
  });
});

describe('15. smaller ones', () => {
  it('a rename collision never rewrites a reference to the wrong service', async () => {
    const r = await convert(`services:
  Web.Front: { image: "web:1", expose: ["80"] }
  web-front: { image: "other:1", expose: ["80"] }
  client:
    image: client:1
    environment:
      A_URL: http://Web.Front:80
      B_URL: http://web-front:80
`);
    expect(Object.keys(r.spec.spec.components).sort()).toEqual(['client', 'web-front', 'web-front-2']);
    expect(component(r, 'web-front').image).toBe('other:1');
    expect(component(r, 'client').env).toEqual({
      A_URL: 'http://web-front-2:80',
      B_URL: 'http://web-front:80',
    });
  });

  it('multi-line quoted .env values are kept whole', () => {
    expect(onboard.parseDotEnv('KEY="line 1\nline 2"\nNEXT=x\n').get('KEY')).toBe('line 1\nline 2');
  });

  it('aliases with dots are reported and references to them rewritten', async () => {
    const r = await convert(`services:
  api:
    image: api:1
    networks: { default: { aliases: [api.internal.example] } }
  web:
    image: web:1
    environment: { API_HOST: api.internal.example }
`);
    expect(component(r, 'api').aliases).toEqual(['api-internal-example']);
    expect(component(r, 'web').env).toEqual({ API_HOST: 'api-internal-example' });
    expect(en(r.report.entries.find((e) => e.key.includes('aliases'))?.detail)).toContain(
      'is not a valid Service name',
    );
  });

  it('a hint never names a command that does not exist', async () => {
    const r = await convert(`services:
  app: { build: ., image: "registry.example/app:1" }
`);
    expect(JSON.stringify(r.report)).not.toContain('quai gitlab');
  });

  it('non-HTTP published ports (FTP and its passive range) get no HTTPS Ingress', async () => {
    const r = await convert(`services:
  ftp: { image: "ftpd:1", ports: ["21:21", "30000-30009:30000-30009"] }
  dns: { image: "dns:1", ports: ["5353:5353/tcp", "5353:5353/udp"] }
`);
    expect(component(r, 'ftp').expose).toBeUndefined();
    expect(component(r, 'dns').expose).toBeUndefined();
    expect(component(r, 'ftp').ports).toHaveLength(11);
  });

  it("a service's own *_HOST value naming another renamed service is rewritten, in env and in Secrets", async () => {
    const r = await convert(`services:
  my_app:
    image: app:1
    environment:
      DB_HOST: my_db
      DATABASE_URL: postgres://u:secret-pass@my_db:5432/app
  my_db: { image: "postgres:16" }
`);
    expect(component(r, 'my-app').env).toEqual({ DB_HOST: 'my-db' });
    expect(r.secretValues['demo-my-app-env']?.['DATABASE_URL']).toBe(
      'postgres://u:secret-pass@my-db:5432/app',
    );
  });

  it('an empty host address (":2283:2283", as Immich writes it) is a published port', async () => {
    const r = await convert(`services:
  web: { image: "web:1", ports: [":2283:2283"] }
`);
    expect(component(r, 'web').ports).toEqual([{ name: 'tcp-2283', port: 2283, protocol: 'TCP' }]);
  });
});

describe('render --out keeps Secrets apart', () => {
  it('writes them with mode 0600 in their own folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-secretsdir-'));
    await onboard.writeFolderAtomic(
      join(dir, 'out-secrets'),
      new Map([['001-secret-x.yaml', { content: 'x', mode: 0o600 }]]),
    );
    expect(statSync(join(dir, 'out-secrets', '001-secret-x.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'out-secrets')).mode & 0o777).toBe(0o700);
  });
});
