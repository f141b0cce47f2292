/**
 * Deploying 100 apps (about 1,000 objects) to a fresh local control plane ("bench"), three ways,
 * each on its own fresh namespaces, in one run:
 *   1. quai: deploy.apply per app, apps in parallel, at the CLI's default rate limit (50/s, burst
 *      100), with pruning and revisions, without waiting for readiness (as kubectl does not);
 *      then the same with readiness awaited;
 *   2. kubectl apply --server-side -f (one invocation, all manifests), the peer tool;
 *   3. the floor: raw server-side apply PATCHes, 32 at once, no client-side limit.
 *
 *   npm run bench:deploy
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AppSpec } from '@quai/contracts';
import {
  deploy,
  KubeClient,
  loadClusterAccess,
  mapLimit,
  model,
  render,
  writeFileAtomic,
  type KubeObject,
} from '@quai/core';
import * as devcluster from '@quai/devcluster';

const APPS = 100;
const run = promisify(execFile);
const platform = model.defaultPlatform();

function spec(i: number, prefix: string): AppSpec {
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: `app${i}` },
    spec: {
      namespace: `${prefix}-app${i}`,
      components: {
        web: {
          image: `registry.example/app${i}/web:1.0.0`,
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          replicas: 2,
          env: { MODE: 'prod' },
        },
        worker: { image: `registry.example/app${i}/worker:1.0.0`, dependsOn: ['web'] },
      },
    },
  };
}

function renderAll(prefix: string): { target: deploy.AppTarget; objects: readonly KubeObject[] }[] {
  return Array.from({ length: APPS }, (_, i) => {
    const r = render.render({ app: spec(i, prefix), platform, environment: 'prod' });
    return { target: { app: `app${i}`, environment: 'prod', namespace: r.namespace }, objects: r.objects };
  });
}

async function timed(label: string, fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  const s = Math.round((performance.now() - t) / 10) / 100;
  process.stderr.write(`[bench] ${label}: ${s}s\n`);
  return s;
}

await devcluster.down({ name: 'bench' });
const up = await devcluster.up({ name: 'bench', nodes: 10 });
const access = await loadClusterAccess({ kubeconfig: up.state.kubeconfig });
const kubectl = join(
  devcluster.devClusterPaths('bench').binDir,
  `kubernetes-${up.state.versions.kubernetes}`,
  'kubectl',
);
const results: Record<string, number | string> = {};
try {
  const objects = renderAll('q').reduce((n, a) => n + a.objects.length, 0);
  results['apps'] = APPS;
  results['objects'] = objects;

  const quaiClient = new KubeClient(access, { qps: 50, burst: 100 });
  results['quai apply, 100 apps in parallel (50 req/s), s'] = await timed('quai', () =>
    Promise.all(renderAll('q').map((a) => deploy.apply(quaiClient, a.target, a.objects, { wait: false }))),
  );
  results['quai requests sent'] = quaiClient.requestCount;
  quaiClient.close();

  const waitClient = new KubeClient(access, { qps: 50, burst: 100 });
  results['quai apply and wait for readiness (50 req/s), s'] = await timed('quai with wait', () =>
    Promise.all(
      renderAll('w').map((a) => deploy.apply(waitClient, a.target, a.objects, { timeoutMs: 600_000 })),
    ),
  );
  waitClient.close();

  const fastClient = new KubeClient(access, { qps: 0 });
  results['quai apply, no client-side limit, s'] = await timed('quai unlimited', () =>
    Promise.all(renderAll('u').map((a) => deploy.apply(fastClient, a.target, a.objects, { wait: false }))),
  );
  fastClient.close();

  const dir = mkdtempSync(join(tmpdir(), 'quai-bench-deploy-'));
  const file = join(dir, 'all.yaml');
  writeFileSync(
    file,
    renderAll('k')
      .map((a) => render.toYamlStream(a.objects))
      .join('---\n'),
  );
  results['kubectl apply --server-side (one invocation), s'] = await timed('kubectl', () =>
    run(
      kubectl,
      [
        '--kubeconfig',
        up.state.kubeconfig,
        'apply',
        '--server-side',
        '--field-manager=kubectl-bench',
        '-f',
        file,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    ),
  );

  const floorClient = new KubeClient(access, { qps: 0 });
  const all = renderAll('f').flatMap((a) => a.objects);
  const namespaces = all.filter((o) => o.kind === 'Namespace');
  results['floor: raw server-side applies, 32 at once, s'] = await timed('floor', async () => {
    await mapLimit(namespaces, 32, async (o) => {
      await floorClient.apply(o, { fieldManager: 'floor' });
    });
    await mapLimit(
      all.filter((o) => o.kind !== 'Namespace'),
      32,
      async (o) => {
        await floorClient.apply(o, { fieldManager: 'floor' });
      },
    );
  });
  floorClient.close();
} finally {
  await devcluster.down({ name: 'bench' });
}
await writeFileAtomic(
  new URL('./results/deploy.json', import.meta.url).pathname,
  `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
);
process.stdout.write('| measure | value |\n| --- | --- |\n');
for (const [k, v] of Object.entries(results)) process.stdout.write(`| ${k} | ${v} |\n`);
