/**
 * `quai scan cluster` over 200 distinct images: 200 repositories pushed to a real registry on
 * loopback (Debian's docker-registry), each image a Debian base layer (this machine's dpkg
 * status, shared) plus its own layer with a node_modules package, run by 200 Deployments (one
 * replica each) in a namespace of the running dev cluster. The vulnerability store holds one
 * Debian advisory per source package of the base and one npm advisory, so every image has
 * findings. `quai scan cluster` runs in its own process (tsx, from the sources), timed, its peak
 * RSS read by /usr/bin/time; `quai version` in the same way gives the start-up floor.
 *
 *   npm run bench:scan-cluster   (the dev cluster must be running: quai devcluster up)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, loadClusterAccess, mapLimit, waitFor, writeFileAtomic } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { buildLayer, RegistryPusher, startRegistry } from '../test/components/registry.js';

const IMAGES = Number(process.env['BENCH_IMAGES'] ?? 200);
const CONCURRENCY = [4, 8];
const seconds = (t: number): number => Math.round((performance.now() - t) / 10) / 100;

const work = mkdtempSync(join(tmpdir(), 'quai-bench-scan-cluster-'));
const reg = await startRegistry();
const kubeconfig = await devcluster.kubeconfigPath();
const client = new KubeClient(await loadClusterAccess({ kubeconfig }), { qps: 100, burst: 200 });
const ns = `quai-bench-scan-${Date.now().toString(36)}`;
const results: Record<string, number | string> = {};

function quai(args: string[]): {
  seconds: number;
  peakRssMiB: number;
  code: number;
  out: string;
  err: string;
} {
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %M',
      'node',
      '--conditions=@quai/source',
      '--import',
      'tsx',
      'packages/cli/src/main.ts',
      ...args,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, HOME: work, QUAI_CACHE_DIR: join(work, 'cache') },
    },
  );
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [s, kb] = last.split(' ').map(Number);
  return {
    seconds: s ?? NaN,
    peakRssMiB: Math.round((kb ?? 0) / 1024),
    code: r.status ?? -1,
    out: r.stdout,
    err: r.stderr,
  };
}

try {
  // Vulnerability data: one advisory per Debian source package of the base, one for the npm package.
  const status = readFileSync('/var/lib/dpkg/status', 'utf8');
  const sources = new Set<string>();
  for (const stanza of status.split(/\n\n+/)) {
    if (!/^Status: .* installed$/m.test(stanza)) continue;
    const src = /^Source: (\S+)/m.exec(stanza)?.[1] ?? /^Package: (\S+)/m.exec(stanza)?.[1];
    if (src !== undefined) sources.add(src);
  }
  const osv = join(work, 'osv');
  mkdirSync(osv);
  let n = 0;
  for (const src of sources) {
    n++;
    writeFileSync(
      join(osv, `DEBIAN-CVE-2099-${n}.json`),
      JSON.stringify({
        id: `DEBIAN-CVE-2099-${n}`,
        modified: '2026-01-01T00:00:00Z',
        aliases: [`CVE-2099-${n}`],
        affected: [
          {
            package: { ecosystem: 'Debian:12', name: src },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '99:1' }] }],
          },
        ],
      }),
    );
  }
  writeFileSync(
    join(osv, 'GHSA-bench.json'),
    JSON.stringify({
      id: 'GHSA-bench-0000-0000',
      modified: '2026-01-01T00:00:00Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'bench-lib' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.0.0' }] }],
        },
      ],
    }),
  );
  const imported = quai(['vulndb', 'import', osv]);
  if (imported.code !== 0) throw new Error(`vulndb import failed: ${imported.err}`);
  results['advisories'] = n + 1;

  // 200 distinct images.
  let t = performance.now();
  const base = buildLayer({
    'var/lib/dpkg/status': readFileSync('/var/lib/dpkg/status'),
    'etc/os-release': readFileSync('/etc/os-release'),
  });
  const pusher = new RegistryPusher(reg);
  const pushed = await mapLimit(
    Array.from({ length: IMAGES }, (_, i) => i),
    8,
    async (i) =>
      pusher.pushImage(`bench/app${i}`, '1.0', [
        base,
        buildLayer({
          'app/node_modules/bench-lib/package.json': JSON.stringify({
            name: 'bench-lib',
            version: `1.0.${i}`,
          }),
        }),
      ]),
  );
  results['images'] = IMAGES;
  results['pushSeconds'] = seconds(t);
  results['basePackages'] = (status.match(/^Status: .* installed$/gm) ?? []).length;

  // 200 Deployments.
  t = performance.now();
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await mapLimit(pushed, 16, async (img) => {
    const name = img.reference.split('/')[2]!.split(':')[0]!;
    await client.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'main', image: img.reference }] },
        },
      },
    });
  });
  await waitFor(
    async () => {
      const pods = await client.list('v1', 'Pod', { namespace: ns });
      return pods.length >= IMAGES ? pods : undefined;
    },
    { timeoutMs: 600_000, what: `${IMAGES} pods in ${ns}` },
  );
  results['deploySeconds'] = seconds(t);

  const floor = quai(['version']);
  results['startupSeconds'] = floor.seconds;
  results['startupPeakRssMiB'] = floor.peakRssMiB;
  for (const c of CONCURRENCY) {
    const r = quai([
      'scan',
      'cluster',
      '-n',
      ns,
      '-o',
      'json',
      '--concurrency',
      String(c),
      '--kubeconfig',
      kubeconfig,
    ]);
    const json = r.out.slice(0, r.out.indexOf('\n}\n') + 2);
    results['jsonReportMiB'] = Math.round(json.length / 1024 / 102.4) / 10;
    const report = JSON.parse(json) as {
      images: { findings?: unknown[] }[];
      failed: number;
    };
    if (report.images.length !== IMAGES || report.failed !== 0)
      throw new Error(`unexpected scan result: ${r.err}`);
    results[`scanSeconds (concurrency ${c})`] = r.seconds;
    results[`scanPeakRssMiB (concurrency ${c})`] = r.peakRssMiB;
    results['findingsPerImage'] = report.images[0]?.findings?.length ?? 0;
    results['exitCode'] = r.code;
    process.stderr.write(
      `[bench] scan cluster, concurrency ${c}: ${r.seconds}s, peak RSS ${r.peakRssMiB} MiB\n`,
    );
  }
  await writeFileAtomic(
    'bench/results/scan-cluster.json',
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  );
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  client.close();
  await reg.stop();
  rmSync(work, { recursive: true, force: true });
}
