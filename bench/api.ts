/**
 * The HTTP API's main read on a cluster of 200 apps and 5,000 pods (KWOK nodes): `quai serve`'s
 * GET /api/v1/objects (pods of one app's namespace, from the signed-in user's watch cache), side
 * by side with the same read done as a direct LIST call to the API server. Both at the same open
 * load: 50 connections, 200 requests a second for 30 s, each request to a random app. Figures:
 * p50, p90, p99 and max latency, errors, and the server's resident memory (current and peak).
 * The load generator is the same for both (keep-alive agents of 50 sockets, a fixed schedule, so
 * a slow answer does not slow the sending: no coordinated omission).
 *
 *   npm run bench:api
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sha256 } from '@quai/api';
import { KubeClient, loadClusterAccess, mapLimit } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { stringify } from 'yaml';

const APPS = 200;
const PODS_PER_APP = 25;
const NODES = 50;
const RATE = 200;
const SECONDS = 30;
const CONNECTIONS = 50;
const loadAtStart = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const cli = resolve(new URL('..', import.meta.url).pathname, 'packages/cli/dist/main.js');

await devcluster.down({ name: 'bench-api' });
const up = await devcluster.up({ name: 'bench-api', nodes: NODES });
const kubeconfig = up.state.kubeconfig;
const access = await loadClusterAccess({ kubeconfig });
const client = new KubeClient(access, { userAgent: 'quai-bench' });
const ns = (i: number): string => `bench-api-app${i}`;

// ---- 200 namespaces, 25 pods each, bound to fake nodes (KWOK runs them) ----
const started = performance.now();
await mapLimit(
  Array.from({ length: APPS }, (_, i) => i),
  16,
  async (i) => {
    await client
      .create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns(i) } })
      .catch(() => undefined);
  },
);
const pods = Array.from({ length: APPS * PODS_PER_APP }, (_, k) => k);
await mapLimit(pods, 32, async (k) => {
  const app = Math.floor(k / PODS_PER_APP);
  await client
    .create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `web-${k % PODS_PER_APP}`,
        namespace: ns(app),
        labels: { 'app.kubernetes.io/name': `app${app}`, 'app.kubernetes.io/component': 'web' },
      },
      spec: {
        nodeName: `quai-node-${String((k % NODES) + 1).padStart(3, '0')}`,
        containers: [
          {
            name: 'web',
            image: `registry.example/app${app}/web:1.0.0`,
            resources: { requests: { cpu: '10m', memory: '16Mi' } },
          },
        ],
      },
    })
    .catch((error: { status?: number }) => {
      if (error.status !== 409) throw error;
    });
});
console.log(
  `[bench] ${APPS} apps, ${pods.length} pods created in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// ---- quai serve, a separate process, with one static token ----
const dir = mkdtempSync(join(tmpdir(), 'quai-bench-api-'));
const token = randomBytes(24).toString('hex');
const port = 18_000 + Math.floor(Math.random() * 2000);
writeFileSync(
  join(dir, 'serve.yaml'),
  stringify({
    listen: `127.0.0.1:${port}`,
    storage: { sqlite: join(dir, 'quai.db') },
    auth: { tokens: [{ user: 'bench-admin', groups: ['system:masters'], sha256: sha256(token) }] },
  }),
);
const server = spawn(process.execPath, [cli, 'serve', '--config', join(dir, 'serve.yaml')], {
  env: { ...process.env, KUBECONFIG: kubeconfig },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  const ok = await fetch(`${base}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (i > 300) throw new Error('quai serve did not start');
  await new Promise((r) => setTimeout(r, 100));
}

function rss(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
}

interface Target {
  readonly name: string;
  readonly request: (app: number) => http.RequestOptions & { protocol: string };
  readonly agent: http.Agent;
  readonly module: typeof http | typeof https;
}

async function one(target: Target, app: number): Promise<{ ms: number; ok: boolean; bytes: number }> {
  const t0 = performance.now();
  return new Promise((resolveOne) => {
    const req = target.module.request({ ...target.request(app), agent: target.agent }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolveOne({ ms: performance.now() - t0, ok: res.statusCode === 200, bytes }));
      res.on('error', () => resolveOne({ ms: performance.now() - t0, ok: false, bytes }));
    });
    req.on('error', () => resolveOne({ ms: performance.now() - t0, ok: false, bytes: 0 }));
    // A request unanswered after 30 s counts as an error (and shows in max).
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/** An open load: requests leave on a fixed schedule, whatever the answers take. */
async function load(target: Target): Promise<Record<string, number>> {
  const total = RATE * SECONDS;
  const results: Promise<{ ms: number; ok: boolean; bytes: number }>[] = [];
  const t0 = performance.now();
  for (let n = 0; n < total; n++) {
    const due = t0 + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    results.push(one(target, Math.floor(Math.random() * APPS)));
    if (n % RATE === RATE - 1) process.stdout.write(`\r[bench] ${target.name}: ${n + 1}/${total} sent`);
  }
  process.stdout.write('\n');
  const all = await Promise.all(results);
  const elapsed = (performance.now() - t0) / 1000;
  const ms = all.map((r) => r.ms).sort((a, b) => a - b);
  const at = (p: number): number =>
    Number(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1));
  return {
    requests: all.length,
    errors: all.filter((r) => !r.ok).length,
    'achieved req/s': Number((all.length / elapsed).toFixed(1)),
    'p50 ms': at(0.5),
    'p90 ms': at(0.9),
    'p99 ms': at(0.99),
    'max ms': Number(ms.at(-1)!.toFixed(1)),
    'mean body KiB': Math.round(all.reduce((s, r) => s + r.bytes, 0) / all.length / 1024),
  };
}

const quai: Target = {
  name: 'quai serve GET /api/v1/objects (watch cache)',
  module: http,
  agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }),
  request: (app) => ({
    protocol: 'http:',
    host: '127.0.0.1',
    port,
    path: `/api/v1/objects?apiVersion=v1&kind=Pod&namespace=${ns(app)}`,
    headers: { authorization: `Bearer ${token}` },
  }),
};
const server0 = new URL(access.server);
const auth = access.auth.kind === 'clientCert' ? { cert: access.auth.cert, key: access.auth.key } : {};
const direct: Target = {
  name: 'direct LIST to the API server',
  module: https,
  agent: new https.Agent({
    keepAlive: true,
    maxSockets: CONNECTIONS,
    ...(access.ca === undefined ? {} : { ca: access.ca }),
    ...auth,
  }),
  request: (app) => ({
    protocol: 'https:',
    host: server0.hostname,
    port: Number(server0.port),
    path: `/api/v1/namespaces/${ns(app)}/pods`,
    headers: {
      accept: 'application/json',
      ...(access.auth.kind === 'token' ? { authorization: `Bearer ${access.auth.token}` } : {}),
    },
  }),
};

// Warm the caches of every app's namespace once (a first read lists and starts the watch).
const warm = performance.now();
const firstReads = await mapLimit(
  Array.from({ length: APPS }, (_, i) => i),
  16,
  async (i) => one(quai, i),
);
console.log(
  `[bench] ${APPS} first reads (list as the user, list and watch into the cache): ${((performance.now() - warm) / 1000).toFixed(1)} s, ${firstReads.filter((r) => !r.ok).length} errors`,
);
const results: Record<string, unknown> = {
  apps: APPS,
  pods: pods.length,
  'rate req/s': RATE,
  seconds: SECONDS,
  connections: CONNECTIONS,
};
const before = rss(server.pid!);
results[quai.name] = { ...(await load(quai)), ...rss(server.pid!), 'rss before load MiB': before.rssMiB };
results[direct.name] = await load(direct);
results['quai serve after both'] = rss(server.pid!);
console.log(JSON.stringify(results, null, 2));
writeFileSync(
  resolve(new URL('.', import.meta.url).pathname, 'results/api.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      loadAverage: {
        atStart: loadAtStart,
        atEnd: loadavg()
          .map((l) => l.toFixed(2))
          .join(' '),
      },
      results,
    },
    null,
    2,
  )}\n`,
);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
client.close();
await devcluster.down({ name: 'bench-api' });
