/**
 * The offline vulnerability store at the size of a real distribution feed: a generated Debian-like
 * OSV dump of 40,000 records (DSA, DLA and DEBIAN-CVE shapes, 4,000 source packages, Debian:11
 * and Debian:12) in one zip, imported, imported again (nothing changes), then 150 installed
 * packages matched, as a scan of a Debian-based image would. Measures wall time, peak RSS and
 * the size of the store.
 *
 *   npm run bench:scan
 *
 * Peer tools: Trivy and Grype could not run side by side (neither is packaged in Debian, and
 * their databases are downloads this machine cannot make).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, writeFileAtomic } from '@quai/core';
import { zip } from './scan-osv-data.js';

const RECORDS = 40_000;
const PACKAGES = 4_000;

function record(i: number): Record<string, unknown> {
  const pkg = `srcpkg${i % PACKAGES}`;
  const release = i % 3 === 0 ? '11' : '12';
  const kind = i % 5 === 0 ? 'DSA' : i % 5 === 1 ? 'DLA' : 'DEBIAN-CVE';
  return {
    id: kind === 'DEBIAN-CVE' ? `DEBIAN-CVE-2024-${10000 + i}` : `${kind}-${5000 + i}-1`,
    modified: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    published: '2024-01-01T00:00:00Z',
    aliases: [`CVE-2024-${10000 + i}`],
    summary: `${pkg} - security update`,
    details: 'A flaw was found that allows a remote attacker to cause a denial of service. '.repeat(8),
    affected: [
      {
        package: { ecosystem: `Debian:${release}`, name: pkg, purl: `pkg:deb/debian/${pkg}?arch=source` },
        ranges: [
          {
            type: 'ECOSYSTEM',
            events: [
              { introduced: '0' },
              ...(i % 7 === 0
                ? []
                : [
                    {
                      fixed: `${1 + (i % 4)}.${i % 10}.${i % 13}-${1 + (i % 3)}+deb${release}u${1 + (i % 5)}`,
                    },
                  ]),
            ],
          },
        ],
        ecosystem_specific: { urgency: ['low', 'medium', 'high', 'not yet assigned'][i % 4] },
      },
    ],
    references: [
      { type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/CVE-2024-${10000 + i}` },
    ],
  };
}

function du(dir: string): number {
  let total = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, item.name);
    total += item.isDirectory() ? du(p) : statSync(p).size;
  }
  return total;
}

const seconds = (t: number): number => Math.round((performance.now() - t) / 10) / 100;
const mib = (b: number): number => Math.round(b / 1024 / 1024);

/**
 * Peak resident memory of this process. VmHWM, not getrusage's maxRSS: Linux carries maxRSS over
 * fork and exec, so a child would report the parent's peak.
 */
function peakRss(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m === null ? process.resourceUsage().maxRSS * 1024 : Number(m[1]) * 1024;
}

/** Imports, imports again and matches, in this process: run as a child so its peak RSS is its own. */
async function measure(zipPath: string, dir: string): Promise<Record<string, number>> {
  let t = performance.now();
  const first = await scan.osv.importOsv({ dir, sources: [zipPath] });
  const importSeconds = seconds(t);
  const importPeakRssMiB = mib(peakRss());
  t = performance.now();
  const again = await scan.osv.importOsv({ dir, sources: [zipPath] });
  const reimportSeconds = seconds(t);
  const db = await scan.osv.VulnDb.open(dir);
  t = performance.now();
  let findings = 0;
  for (let i = 0; i < 150; i++) {
    const r = await db.match({
      ecosystem: 'Debian:12',
      name: `srcpkg${(i * 26) % PACKAGES}`,
      version: '2.5.6-1+deb12u1',
    });
    findings += r.matches.length;
  }
  return {
    importSeconds,
    imported: first.added,
    importPeakRssMiB,
    reimportSeconds,
    reimportUnchanged: again.unchanged,
    match150PackagesSeconds: seconds(t),
    findings,
    peakRssMiB: mib(peakRss()),
  };
}

if (process.argv[2] === '--measure') {
  console.log(JSON.stringify(await measure(process.argv[3]!, process.argv[4]!)));
} else {
  const work = mkdtempSync(join(tmpdir(), 'quai-bench-scan-'));
  try {
    const zipPath = join(work, 'Debian-all.zip');
    const entries: [string, Buffer][] = [];
    for (let i = 0; i < RECORDS; i++) {
      const r = record(i);
      entries.push([`${String(r['id'])}.json`, Buffer.from(JSON.stringify(r, null, 2))]);
    }
    writeFileSync(zipPath, zip(entries));
    const dir = join(work, 'vulndb');
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--measure', zipPath, dir],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (child.status !== 0) throw new Error(`the measuring process failed (exit ${String(child.status)})`);
    const measured = JSON.parse(child.stdout) as Record<string, number>;
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      records: RECORDS,
      sourcePackages: PACKAGES,
      dumpMiB: mib(statSync(zipPath).size),
      storeMiB: Math.round((du(dir) / 1024 / 1024) * 10) / 10,
      ...measured,
    };
    console.log(JSON.stringify(result, null, 2));
    await writeFileAtomic(
      join(import.meta.dirname, 'results', 'scan-vulndb.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
