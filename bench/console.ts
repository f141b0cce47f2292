/**
 * The web console, measured in Debian's Chromium: time to first render of the overview and of
 * the applications list (Chromium's performance timings: from navigation start to the page's
 * data on screen, and the first contentful paint) with many apps and pods on the running local
 * cluster, the capacity page (its report and charts), and the size of the shipped assets (raw and
 * gzip; all of them, and those the first render loads).
 *
 *   npm run build && quai dev cluster up --nodes 10
 *   QUAI_BENCH_APPS=200 QUAI_BENCH_REPLICAS=25 npm run bench:console
 *
 * No peer runs side by side: the peers (Headlamp, Kubernetes Dashboard) need a container
 * runtime or a Go build this machine does not give them; the figures stand alone.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AppSpec } from '@quai/contracts';
import { deploy, KubeClient, loadClusterAccess, mapLimit, model, render } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { launchChromium, startServe } from '../test/e2e/harness.js';

const APPS = Number(process.env['QUAI_BENCH_APPS'] ?? 200);
const REPLICAS = Number(process.env['QUAI_BENCH_REPLICAS'] ?? 25);
const RUNS = 5;
const PREFIX = 'cbench';
const platform = model.defaultPlatform();

function spec(i: number): AppSpec {
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: `app${i}` },
    spec: {
      namespace: `${PREFIX}-app${i}`,
      components: {
        web: {
          image: `registry.example/app${i}/web:1.0.0`,
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          replicas: REPLICAS,
        },
      },
    },
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * The shipped assets, raw and gzip: all of them, and what the first render loads (the page, its
 * entry script and style sheet, and the texts of the language it opens in, French by default)
 * apart from the chunks loaded later (Chart.js for the charts, the other language's texts).
 */
const assets = (() => {
  const dir = new URL('../packages/console/dist/', import.meta.url).pathname;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const french = readdirSync(join(dir, 'assets')).filter((f) => /^fr-[\w-]+\.js$/.test(f));
  const first = new Set(
    [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .concat('index.html', ...french.map((f) => `assets/${f}`)),
  );
  const sizes = { raw: 0, gzip: 0, firstRaw: 0, firstGzip: 0 };
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const p = join(dir, f);
    if (!statSync(p).isFile()) continue;
    const body = readFileSync(p);
    const gz = gzipSync(body, { level: 9 }).length;
    sizes.raw += body.length;
    sizes.gzip += gz;
    if (first.has(f)) {
      sizes.firstRaw += body.length;
      sizes.firstGzip += gz;
    }
  }
  return sizes;
})();

const kubeconfig = await devcluster.kubeconfigPath();
const client = new KubeClient(await loadClusterAccess({ kubeconfig }), { qps: 0 });
const results: Record<string, number | string> = {
  'assets, bytes': assets.raw,
  'assets gzip, bytes': assets.gzip,
  'first render assets, bytes': assets.firstRaw,
  'first render assets gzip, bytes': assets.firstGzip,
};
const t0 = performance.now();
await mapLimit(
  Array.from({ length: APPS }, (_, i) => i),
  16,
  async (i) => {
    const r = render.render({ app: spec(i), platform, environment: 'prod' });
    await deploy.apply(client, { app: `app${i}`, environment: 'prod', namespace: r.namespace }, r.objects, {
      wait: false,
    });
  },
);
process.stderr.write(`[bench] ${APPS} apps applied in ${Math.round(performance.now() - t0)} ms\n`);
// The controllers create the pods; wait for them (up to 5 minutes), then measure what is there.
const wanted = APPS * REPLICAS;
let pods = 0;
const deadline = Date.now() + 300_000;
while (Date.now() < deadline) {
  pods = (await client.list('v1', 'Pod')).filter((p) => p.metadata.namespace?.startsWith(PREFIX)).length;
  if (pods >= wanted) break;
  await new Promise((r) => setTimeout(r, 5000));
}
results['apps'] = APPS;
results['pods'] = pods;
process.stderr.write(`[bench] ${pods} of ${wanted} pods exist\n`);

const served = await startServe(kubeconfig);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const signIn = await context.newPage();
  await signIn.goto(served.url);
  await signIn.getByLabel("Jeton d'accès").fill(served.tokens.admin);
  await signIn.getByRole('button', { name: 'Se connecter avec le jeton' }).click();
  await signIn.getByTestId('health').waitFor({ timeout: 120_000 });
  await signIn.close();
  for (const [name, hash, testId] of [
    ['overview', '#/', 'health'],
    ['applications list', '#/apps', 'apps'],
    // The capacity report of every node and pod, and its four charts (Chart.js's chunk).
    ['capacity', '#/capacity', 'capacity-figures'],
  ] as const) {
    const rendered: number[] = [];
    const fcp: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await context.newPage();
      await page.goto(`${served.url}/${hash}`);
      await page.getByTestId(testId).waitFor({ timeout: 120_000 });
      rendered.push(await page.evaluate(() => performance.now()));
      // The scripts the browser fetched for this first render (decoded, and as sent).
      if (run === 0) {
        // (Page code as text: the bench is typed without the DOM.)
        const js = await page.evaluate<{ decoded: number; encoded: number }[]>(
          `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => ({ decoded: e.decodedBodySize, encoded: e.encodedBodySize }))`,
        );
        results[`${name}: scripts fetched, bytes`] = js.reduce((n, x) => n + x.decoded, 0);
        results[`${name}: scripts fetched as sent, bytes`] = js.reduce((n, x) => n + x.encoded, 0);
      }
      fcp.push(
        await page.evaluate(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        ),
      );
      await page.close();
    }
    results[`${name}: first contentful paint, ms (median of ${RUNS})`] = Math.round(median(fcp));
    results[`${name}: data on screen, ms (median of ${RUNS})`] = Math.round(median(rendered));
    process.stderr.write(`[bench] ${name}: ${rendered.map(Math.round).join(', ')} ms\n`);
  }
} finally {
  await browser.close();
  await served.stop();
  await mapLimit(
    Array.from({ length: APPS }, (_, i) => i),
    16,
    (i) =>
      client
        .delete({ apiVersion: 'v1', kind: 'Namespace', name: `${PREFIX}-app${i}` })
        .catch(() => undefined),
  );
  client.close();
}
const out = new URL('results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'console.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
