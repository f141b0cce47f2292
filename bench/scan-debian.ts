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
import { crc32, deflateRawSync } from 'node:zlib';
import { scan, writeFileAtomic } from '@quai/core';

const RECORDS = 60_000;
const SOURCE_PACKAGES = 9_000;
const IMAGE_PACKAGES = 150;
const RELEASES = ['11', '12', '13'] as const;

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

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
];

/** One record shaped like Debian's OSV data; packages of the image get versions around theirs. */
function record(i: number, names: readonly string[], installed: ReadonlyMap<string, string>): unknown {
  const pkg = names[i % names.length]!;
  const have = installed.get(pkg);
  const kind = i % 10 < 2 ? 'DSA' : i % 10 < 4 ? 'DLA' : 'DEBIAN-CVE';
  const cve = `CVE-${2015 + (i % 10)}-${10000 + i}`;
  const releases = kind === 'DEBIAN-CVE' ? RELEASES : [RELEASES[i % 3]!];
  const fixedFor = (release: string): string | undefined => {
    if (i % 9 === 0) return undefined; // not fixed yet
    // For the image's packages: a third fixed later than installed (a finding), the rest earlier.
    if (have !== undefined) return i % 3 === 0 ? `${have}+deb${release}u${1 + (i % 4)}` : `0.${i % 50}-1`;
    return `${1 + (i % 4)}.${i % 10}.${i % 13}-${1 + (i % 3)}+deb${release}u${1 + (i % 5)}`;
  };
  return {
    schema_version: '1.6.0',
    id: kind === 'DEBIAN-CVE' ? `DEBIAN-${cve}` : `${kind}-${3000 + Math.floor(i / 10)}-${1 + (i % 3)}`,
    modified: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    published: new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 28))).toISOString(),
    aliases: [cve],
    ...(kind === 'DEBIAN-CVE' ? {} : { related: [cve] }),
    summary: `${pkg} - security update`,
    details:
      `Several vulnerabilities were discovered in ${pkg}, which may result in denial of service or the execution of arbitrary code. `.repeat(
        1 + (i % 4),
      ),
    ...(i % 2 === 0 ? { severity: [{ type: 'CVSS_V3', score: VECTORS[i % VECTORS.length]! }] } : {}),
    affected: releases.map((release) => {
      const fixed = fixedFor(release);
      const events: Record<string, string>[] = [{ introduced: '0' }];
      if (i % 17 === 0 && fixed !== undefined) {
        // A regression: fixed, reintroduced later, fixed again.
        events.push({ fixed: `0.${i % 7}-1` }, { introduced: `0.${i % 7}-2` });
      }
      if (fixed !== undefined) events.push({ fixed });
      return {
        package: { ecosystem: `Debian:${release}`, name: pkg, purl: `pkg:deb/debian/${pkg}?arch=source` },
        ranges: [{ type: 'ECOSYSTEM', events }],
        ecosystem_specific: { urgency: ['low', 'medium', 'high', 'not yet assigned', 'unimportant'][i % 5] },
        database_specific: {
          source: `https://storage.googleapis.com/osv-vulnerabilities/Debian/${cve}.json`,
        },
      };
    }),
    references: [
      { type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${cve}` },
      { type: 'WEB', url: `https://www.debian.org/security/${2015 + (i % 10)}/dsa-${3000 + i}` },
    ],
  };
}

/** A zip as OSV's all.zip: deflated entries, one JSON record each. */
function zip(entries: readonly [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [n, data] of entries) {
    const name = Buffer.from(n);
    const body = deflateRawSync(data);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(crc32(data), 14);
    l.writeUInt32LE(body.length, 18);
    l.writeUInt32LE(data.length, 22);
    l.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(l, name, body);
    centrals.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
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
