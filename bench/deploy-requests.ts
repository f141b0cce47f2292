/**
 * Which requests `quai apply` sends, counted by method and resource: APPS apps (12 objects
 * each, the bench:deploy app) applied through the library on a running cluster, first on new
 * namespaces, then again unchanged (a second apply of the same revision: pruning, ownership and
 * history read what exists). Needs a cluster: QUAI_STATE_DIR=... quai dev cluster up.
 *
 *   npm run bench:deploy-requests [-- --apps 100]
 */
import { loadavg } from 'node:os';
import { deploy, KubeClient, loadClusterAccess, writeFileAtomic } from '@quai/core';
import { renderBenchApps } from './deploy-apps.js';

const args = process.argv.slice(2);
const APPS = Number(args[args.indexOf('--apps') + 1] ?? 20) || 20;
const prefix = `rq${Date.now().toString(36)}`;

const apps = renderBenchApps(APPS, prefix);
const objects = apps.reduce((n, a) => n + a.objects.length, 0);

/** method and path with the namespace and the object's name taken out. */
function shape(method: string, path: string): string {
  const p = path
    .replace(/\?.*$/, '')
    .replace(/\/namespaces\/[^/]+/, '/namespaces/NS')
    .replace(/^(\/apis?\/(?:[^/]+\/)?v[^/]+(?:\/namespaces\/NS)?\/[^/]+)\/[^/]+/, '$1/NAME');
  return `${method} ${p}`;
}

async function counted(
  label: string,
): Promise<{ requests: number; seconds: number; byRequest: Record<string, number> }> {
  const access = await loadClusterAccess({ env: process.env });
  const client = new KubeClient(access);
  const counts = new Map<string, number>();
  // The client's own transport, wrapped: every request it sends (retries included) is counted.
  const c = client as unknown as {
    send: (o: { method?: string; path: string }, ...rest: unknown[]) => unknown;
  };
  const send = c.send.bind(client);
  c.send = (o, ...rest) => {
    const k = shape(o.method ?? 'GET', o.path);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return send(o, ...rest);
  };
  const t = performance.now();
  await Promise.all(apps.map((a) => deploy.apply(client, a.target, a.objects, { wait: false })));
  const seconds = Math.round(performance.now() - t) / 1000;
  client.close();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`\n${label}: ${APPS} apps, ${objects} objects, ${total} requests, ${seconds}s\n`);
  for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]))
    process.stdout.write(`${String(n).padStart(6)}  ${k}\n`);
  return { requests: total, seconds, byRequest: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])) };
}

const first = await counted('first apply (new namespaces)');
const second = await counted('second apply (unchanged)');
await writeFileAtomic(
  new URL('./results/deploy-requests.json', import.meta.url).pathname,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      loadAverage: loadavg()
        .map((x) => x.toFixed(2))
        .join(' '),
      apps: APPS,
      objects,
      floor: `${objects + 2} (one server-side apply per object and one aggregated discovery)`,
      note: 'Lease renewals (PUT leases) follow the wall time: one every 30 s per running apply (60 s lease renewed at half).',
      firstApply: first,
      secondApplyUnchanged: second,
    },
    null,
    2,
  )}\n`,
);
