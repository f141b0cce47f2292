import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { sha256 } from '@quai/api';
import type { KubeClient, KubeObject } from '@quai/core';
import { startPostgres, type PostgresServer } from '../components/postgres.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

/**
 * `quai serve` as users run it: the real CLI process, a PostgreSQL store, SIGTERM in the middle
 * of a change; and its in-cluster manifests checked by the API server and by Quai's own audit.
 */

const MAIN = new URL('../../packages/cli/dist/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'quai-serve-'));
const token = `t-${randomBytes(16).toString('hex')}`;
const ns = uniqueName('quai-test-serve');
let pg: PostgresServer;
let client: KubeClient;

function quai(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, LANG: 'C', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function output(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, out, err };
}

beforeAll(async () => {
  pg = await startPostgres();
  pg.sql('postgres', 'CREATE DATABASE quai');
  client = await testClient();
}, 120_000);

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('quai serve, the process', () => {
  it('keeps its audit trail in PostgreSQL and, on SIGTERM, finishes the change in flight before it exits', async () => {
    const config = join(dir, 'serve.yaml');
    writeFileSync(
      config,
      stringify({
        listen: '127.0.0.1:0',
        storage: { postgres: { urlEnv: 'QUAI_DATABASE_URL' } },
        auth: { tokens: [{ user: 'quai-admin', groups: ['system:masters'], sha256: sha256(token) }] },
        limits: { drainTimeout: '60s' },
      }),
    );
    const child = quai(['serve', '--config', config, '--kubeconfig', inject('kubeconfig')], {
      QUAI_DATABASE_URL: `postgres://${pg.user}:${pg.password}@${pg.host}:${pg.port}/quai`,
    });
    const done = output(child);
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /Quai serves on (\S+)/.exec(err);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`quai serve exited: ${err}`)));
    });
    const spec = stringify({
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name: 'slow' },
      spec: {
        namespace: ns,
        components: {
          web: { image: 'registry.example/web:1', ports: [{ name: 'http', port: 8080 }], replicas: 40 },
        },
      },
    });
    // A change that takes a few seconds (40 replicas to become Ready), then SIGTERM while it runs.
    const inFlight = fetch(`${url}/api/v1/deploy/apply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ apps: [{ yaml: spec }], reason: 'drain test', timeoutMs: 120_000 }),
    });
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'ok', result: [{ status: 'deployed' }] });
    // New work is refused while draining (if the listener is still open), then the process ends cleanly.
    const { code, err } = await done;
    expect(err).toContain('Stopping: waiting for');
    expect(err).toContain('Stopped.');
    expect(code).toBe(0);
    const rows = pg.sql(
      'quai',
      "SELECT actor || ' ' || action || ' ' || status || ' ' || reason FROM audit_events WHERE action = 'deploy.apply'",
    );
    expect(rows).toBe('quai-admin deploy.apply ok drain test');
  }, 180_000);

  it('prints a token once with the line for the configuration, holding only its SHA-256', async () => {
    const { code, out } = await output(
      quai(['serve', 'token', 'create', '--user', 'ci', '--group', 'quai:deployers', '-o', 'json']),
    );
    expect(code).toBe(0);
    const r = JSON.parse(out) as {
      token: string;
      config: { user: string; groups: string[]; sha256: string };
    };
    expect(r.config).toEqual({ user: 'ci', groups: ['quai:deployers'], sha256: sha256(r.token) });
    expect(r.token).toMatch(/^quai_[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a configuration file with a wrong field, naming the line', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'listen: 127.0.0.1:0\nauth:\n  tokens:\n    - user: x\n      sha256: not-a-hash\n');
    const { code, err } = await output(quai(['serve', '--config', config]));
    expect(code).toBe(2);
    expect(err).toContain(`${config}:5:7 at auth.tokens[0].sha256`);
    expect(err).toContain('SHA-256');
  });
});

describe('quai serve in the cluster', () => {
  it('gives manifests that the API server accepts and that pass the restricted audit', async () => {
    const { code, out } = await output(
      quai([
        'serve',
        'manifests',
        '--image',
        'registry.example/quai:0.1.0',
        '--target-namespace',
        ns,
        '--public-url',
        'https://quai.example.fr',
      ]),
    );
    expect(code).toBe(0);
    const objects = parseAllDocuments(out).map((d) => d.toJSON() as KubeObject);
    expect(objects.map((o) => o.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'PersistentVolumeClaim',
      'Deployment',
      'PodDisruptionBudget',
      'NetworkPolicy',
      'Service',
    ]);
    // The namespace is created for real (with its restricted Pod Security labels), everything else
    // is checked by the API server's dry-run: validation and admission, restricted Pod Security included.
    for (const o of objects)
      await client.apply(o, { fieldManager: 'quai-test', dryRun: o.kind !== 'Namespace' });
    const file = join(dir, 'manifests.yaml');
    writeFileSync(file, out);
    const audit = await output(quai(['audit', file, '--level', 'restricted', '--format', 'json']));
    const report = JSON.parse(audit.out) as {
      summary: { failing: number };
      findings: { checkId: string; severity: string; suppressed?: boolean }[];
    };
    expect(
      report.findings.filter((f) => f.checkId.startsWith('PSS')),
      audit.out,
    ).toEqual([]);
    expect(report.summary.failing, audit.out).toBe(0);
    expect(audit.code).toBe(0);
  }, 120_000);
});
