/**
 * A Debian 12 image of ~150 packages (this machine's real dpkg status, trimmed) scanned against a
 * full-size Debian OSV dump. There is no network here, so the dump is generated with the shape of
 * Debian's real OSV records (DSA, DLA and DEBIAN-CVE ids; affected entries for Debian:11, 12 and
 * 13; ECOSYSTEM ranges with several introduced/fixed events; CVE aliases; CVSS v3 vectors on part
 * of them; urgency in ecosystem_specific) and its size (60,000 records over 9,000 source packages,
 * every source package of the image among them, so the scan has real work and real findings).
 * Import and scan each run in their own process, so each peak RSS is its own.
 *
 *   npm run bench:scan-debian
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, writeFileAtomic } from '@quai/core';
import { RELEASES, record, zip } from './scan-osv-data.js';

const RECORDS = 60_000;
const SOURCE_PACKAGES = 9_000;
const IMAGE_PACKAGES = 150;

const seconds = (t: number): number => Math.round((performance.now() - t) / 10) / 100;
const mib = (b: number): number => Math.round(b / 1024 / 1024);

/** Peak resident memory of this process (VmHWM: getrusage's maxRSS carries over fork and exec). */
function peakRss(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m === null ? process.resourceUsage().maxRSS * 1024 : Number(m[1]) * 1024;
}

/** The first IMAGE_PACKAGES installed stanzas of this machine's dpkg status. */
function trimmedStatus(): { text: string; sources: Map<string, string> } {
  const stanzas = readFileSync('/var/lib/dpkg/status', 'utf8')
    .split(/\n\n+/)
    .filter((s) => /^Status: .* installed$/m.test(s))
    .slice(0, IMAGE_PACKAGES);
  const sources = new Map<string, string>();
  for (const s of stanzas) {
    const name = /^Package: (.+)$/m.exec(s)![1]!;
    const version = /^Version: (.+)$/m.exec(s)![1]!;
    const src = /^Source: (\S+)(?: \((.+)\))?$/m.exec(s);
    sources.set(src?.[1] ?? name, src?.[2] ?? version);
  }
  return { text: `${stanzas.join('\n\n')}\n`, sources };
}

function du(dir: string): number {
  let total = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, item.name);
    total += item.isDirectory() ? du(p) : statSync(p).size;
  }
  return total;
}

async function measureImport(zipPath: string, dir: string): Promise<Record<string, number>> {
  const t = performance.now();
  const report = await scan.osv.importOsv({ dir, sources: [zipPath] });
  return { importSeconds: seconds(t), imported: report.added, importPeakRssMiB: mib(peakRss()) };
}

async function measureScan(rootfs: string, dir: string): Promise<Record<string, number>> {
  const t = performance.now();
  const inv = await scan.inventory.inventoryFromRootFs(rootfs);
  const db = await scan.osv.VulnDb.open(dir);
  const report = await scan.scanInventory(db, inv);
  return {
    scanSeconds: seconds(t),
    packages: report.packages,
    findings: report.findings.length,
    critical: report.summary.critical,
    high: report.summary.high,
    scanPeakRssMiB: mib(peakRss()),
  };
}

function child(args: readonly string[]): Record<string, number> {
  const r = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the measuring process failed (exit ${String(r.status)})`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

if (process.argv[2] === '--import') {
  console.log(JSON.stringify(await measureImport(process.argv[3]!, process.argv[4]!)));
} else if (process.argv[2] === '--scan') {
  console.log(JSON.stringify(await measureScan(process.argv[3]!, process.argv[4]!)));
} else {
  const work = mkdtempSync(join(tmpdir(), 'quai-bench-scan-debian-'));
  try {
    const { text, sources } = trimmedStatus();
    const rootfs = join(work, 'rootfs');
    mkdirSync(join(rootfs, 'var/lib/dpkg'), { recursive: true });
    mkdirSync(join(rootfs, 'etc'));
    writeFileSync(join(rootfs, 'var/lib/dpkg/status'), text);
    writeFileSync(
      join(rootfs, 'etc/os-release'),
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION="12 (bookworm)"\n',
    );
    const names = [...sources.keys()];
    for (let i = names.length; i < SOURCE_PACKAGES; i++) names.push(`libsrc${i}`);
    const entries: [string, Buffer][] = [];
    const seen = new Set<string>();
    for (let i = 0; i < RECORDS; i++) {
      const r = record(i, names, sources) as { id: string };
      const id = seen.has(r.id) ? `${r.id}-${i}` : r.id;
      seen.add(id);
      entries.push([`${id}.json`, Buffer.from(JSON.stringify({ ...r, id }, null, 2))]);
    }
    const zipPath = join(work, 'Debian-all.zip');
    writeFileSync(zipPath, zip(entries));
    const dir = join(work, 'vulndb');
    const imported = child(['--import', zipPath, dir]);
    const scanned = child(['--scan', rootfs, dir]);
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      records: RECORDS,
      ecosystems: RELEASES.map((r) => `Debian:${r}`),
      sourcePackages: SOURCE_PACKAGES,
      imageSourcePackages: sources.size,
      dumpMiB: mib(statSync(zipPath).size),
      storeMiB: Math.round((du(dir) / 1024 / 1024) * 10) / 10,
      ...imported,
      ...scanned,
    };
    console.log(JSON.stringify(result, null, 2));
    await writeFileAtomic(
      join(import.meta.dirname, 'results', 'scan-debian.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
