/**
 * Quai's package inventory side by side with Trivy's SBOM, on the same OCI image layouts, in one
 * run. The images are built here from real content: this machine's dpkg status and Python
 * dist-info folders, npm packages from the repository's node_modules, an rpm database made by
 * rpmbuild + rpm, Go binaries made by go build, Java archives made by jar. Trivy runs as
 * `trivy image --input LAYOUT --format cyclonedx --offline-scan --skip-db-update
 * --skip-java-db-update` (an SBOM only: no vulnerability database is needed). Reports, per
 * ecosystem, the counts, what one finds and the other does not, and version mismatches, with wall
 * time and peak RSS of both.
 *
 *   bash bench/trivy/build.sh      # once: builds Trivy v0.74.0 from the Go module proxy (long)
 *   npm run bench:scan-vs-trivy
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, writeFileAtomic } from '@quai/core';
import {
  buildGoBinaries,
  buildJars,
  buildRpmDb,
  ociLayoutFromDirs,
} from '../packages/core/test/scan-fixtures.js';

const TRIVY_VERSION = 'v0.74.0';
const trivyBin = join(
  process.env['QUAI_CACHE_DIR'] ?? join(homedir(), '.cache', 'quai'),
  'tools',
  `trivy-${TRIVY_VERSION}`,
  'trivy',
);

const mib = (kb: number): number => Math.round(kb / 1024);

function peakRssKb(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m === null ? process.resourceUsage().maxRSS : Number(m[1]);
}

/** A package identity comparable across tools: ecosystem (purl type), name, version. */
interface Pkg {
  readonly type: string;
  readonly name: string;
  readonly version: string;
}

/** Parses a package URL into the identity both tools can agree on (epoch folded into the version). */
export function fromPurl(purl: string): Pkg | undefined {
  const m = /^pkg:([a-z]+)\/(.+?)@([^?#]+)(?:\?([^#]*))?/.exec(purl);
  if (m === null) return undefined;
  const type = m[1]!;
  const path = m[2]!.split('/').map(decodeURIComponent);
  const q = new URLSearchParams(m[4] ?? '');
  let version = decodeURIComponent(m[3]!);
  const epoch = q.get('epoch');
  if (epoch !== null && epoch !== '0' && !version.includes(':')) version = `${epoch}:${version}`;
  let name: string;
  switch (type) {
    case 'deb':
    case 'rpm':
    case 'apk':
      name = path[path.length - 1]!; // the namespace is the distribution
      break;
    case 'maven':
      name = path.join(':');
      break;
    case 'pypi':
      name = path
        .join('/')
        .toLowerCase()
        .replace(/[-_.]+/g, '-');
      break;
    default:
      name = path.join('/');
  }
  return { type, name, version };
}

/** The image folders: each becomes a one-layer OCI layout. */
function buildImages(work: string): Map<string, string> {
  const images = new Map<string, string>();
  // 1. Debian: the real dpkg status, real Python dist-info metadata, npm packages, Go and Java.
  const deb = join(work, 'img-debian');
  mkdirSync(join(deb, 'var/lib/dpkg'), { recursive: true });
  mkdirSync(join(deb, 'etc'), { recursive: true });
  copyFileSync('/var/lib/dpkg/status', join(deb, 'var/lib/dpkg/status'));
  writeFileSync(join(deb, 'etc/os-release'), readFileSync('/etc/os-release'));
  // Every Debian image has it, and Trivy detects Debian from it (not from os-release).
  if (existsSync('/etc/debian_version')) copyFileSync('/etc/debian_version', join(deb, 'etc/debian_version'));
  const site = join(deb, 'usr/lib/python3/dist-packages');
  mkdirSync(site, { recursive: true });
  let py = 0;
  for (const d of existsSync('/usr/lib/python3/dist-packages')
    ? readdirSync('/usr/lib/python3/dist-packages')
    : []) {
    if (!d.endsWith('.dist-info')) continue;
    const meta = join('/usr/lib/python3/dist-packages', d, 'METADATA');
    if (!existsSync(meta)) continue;
    mkdirSync(join(site, d));
    copyFileSync(meta, join(site, d, 'METADATA'));
    py++;
  }
  const nm = join(deb, 'srv/app/node_modules');
  const repoModules = join(import.meta.dirname, '..', 'node_modules');
  let npm = 0;
  for (const d of readdirSync(repoModules)
    .filter((x) => !x.startsWith('.') && !x.startsWith('@'))
    .slice(0, 80)) {
    const pj = join(repoModules, d, 'package.json');
    if (!existsSync(pj)) continue;
    mkdirSync(join(nm, d), { recursive: true });
    copyFileSync(pj, join(nm, d, 'package.json'));
    npm++;
  }
  const go = buildGoBinaries(join(work, 'go'), ['amd64']);
  mkdirSync(join(deb, 'usr/local/bin'), { recursive: true });
  copyFileSync(go.get('amd64')!, join(deb, 'usr/local/bin/quaihello'));
  chmodSync(join(deb, 'usr/local/bin/quaihello'), 0o755);
  mkdirSync(join(work, 'java'));
  const jars = buildJars(join(work, 'java'));
  mkdirSync(join(deb, 'opt/app'), { recursive: true });
  copyFileSync(jars.war, join(deb, 'opt/app/app.war'));
  copyFileSync(jars.alpha, join(deb, 'opt/app/alpha-1.4.2.jar'));
  images.set('debian', deb);
  console.error(`debian image: dpkg status, ${py} Python, ${npm} npm packages, a Go binary, a war and a jar`);
  // 2. Rocky Linux: an rpm database of 200 real packages.
  const rocky = join(work, 'img-rocky');
  const db = buildRpmDb(join(work, 'rpm'), 200);
  mkdirSync(join(rocky, 'usr/lib/sysimage/rpm'), { recursive: true });
  mkdirSync(join(rocky, 'etc'), { recursive: true });
  cpSync(join(db, 'rpmdb.sqlite'), join(rocky, 'usr/lib/sysimage/rpm/rpmdb.sqlite'));
  writeFileSync(
    join(rocky, 'etc/os-release'),
    'NAME="Rocky Linux"\nVERSION="9.4 (Blue Onyx)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"\n',
  );
  images.set('rocky', rocky);
  return images;
}

function timed(
  cmd: string,
  args: readonly string[],
): { stdout: string; seconds: number; peakRssMiB: number } {
  const timeFile = join(tmpdir(), `quai-time-${process.pid}.txt`);
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Math.round((performance.now() - t) / 10) / 100;
  if (r.status !== 0) throw new Error(`${cmd} failed (${String(r.status)}): ${r.stderr.slice(-3000)}`);
  const kb = Number(
    /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1] ?? 0,
  );
  rmSync(timeFile, { force: true });
  return { stdout: r.stdout, seconds, peakRssMiB: mib(kb) };
}

function compare(quai: readonly Pkg[], trivy: readonly Pkg[]): Record<string, unknown> {
  const types = [...new Set([...quai, ...trivy].map((p) => p.type))].sort();
  const out: Record<string, unknown> = {};
  for (const type of types) {
    const q = new Map<string, Set<string>>();
    const t = new Map<string, Set<string>>();
    for (const [list, map] of [
      [quai, q],
      [trivy, t],
    ] as const) {
      for (const p of list.filter((x) => x.type === type)) {
        if (!map.has(p.name)) map.set(p.name, new Set());
        map.get(p.name)!.add(p.version);
      }
    }
    const onlyQuai = [...q.keys()].filter((n) => !t.has(n)).sort();
    const onlyTrivy = [...t.keys()].filter((n) => !q.has(n)).sort();
    const mismatches = [...q.keys()]
      .filter((n) => t.has(n))
      .filter((n) => [...q.get(n)!].sort().join(',') !== [...t.get(n)!].sort().join(','))
      .map((n) => `${n}: quai ${[...q.get(n)!].join(',')} / trivy ${[...t.get(n)!].join(',')}`);
    out[type] = {
      quai: [...q.values()].reduce((a, s) => a + s.size, 0),
      trivy: [...t.values()].reduce((a, s) => a + s.size, 0),
      same: [...q.keys()].filter((n) => t.has(n)).length - mismatches.length,
      onlyQuai,
      onlyTrivy,
      versionMismatches: mismatches,
    };
  }
  return out;
}

if (process.argv[2] === '--build-only') {
  // Keeps the image layouts, for profiling: npm run bench:scan-vs-trivy -- --build-only DIR
  const out = process.argv[3]!;
  for (const [name, folder] of buildImages(out)) ociLayoutFromDirs(join(out, `layout-${name}`), [folder]);
  console.log(out);
} else if (process.argv[2] === '--quai') {
  const t = performance.now();
  const inv = await scan.inventory.inventoryFromOciLayout(process.argv[3]!);
  console.log(
    JSON.stringify({
      seconds: Math.round((performance.now() - t) / 10) / 100,
      peakRssMiB: mib(peakRssKb()),
      purls: inv.packages.map((p) => p.purl),
      warnings: inv.warnings,
    }),
  );
} else {
  const work = mkdtempSync(join(tmpdir(), 'quai-bench-trivy-'));
  try {
    const trivyAvailable = existsSync(trivyBin);
    const results: Record<string, unknown> = {};
    for (const [name, folder] of buildImages(work)) {
      const layout = join(work, `layout-${name}`);
      ociLayoutFromDirs(layout, [folder]);
      const q = timed(process.execPath, [...process.execArgv, import.meta.filename, '--quai', layout]);
      const quai = JSON.parse(q.stdout) as {
        seconds: number;
        peakRssMiB: number;
        purls: string[];
        warnings: string[];
      };
      const quaiPkgs = quai.purls.map(fromPurl).filter((p): p is Pkg => p !== undefined);
      if (!trivyAvailable) {
        results[name] = { quai: { seconds: q.seconds, peakRssMiB: q.peakRssMiB, packages: quaiPkgs.length } };
        continue;
      }
      const t = timed(trivyBin, [
        'image',
        '--input',
        layout,
        '--format',
        'cyclonedx',
        '--offline-scan',
        '--skip-db-update',
        // Trivy's jar analyzer needs its Java DB (an OCI artifact on ghcr.io) even for archives that
        // carry pom.properties, and refuses to start offline without it: Java is left out of the
        // comparison (recorded in the results).
        '--skip-files',
        '**/*.jar,**/*.war,**/*.ear',
        '--cache-dir',
        join(work, 'trivy-cache'),
        '--quiet',
      ]);
      const bom = JSON.parse(t.stdout) as {
        components?: { purl?: string; components?: { purl?: string }[] }[];
      };
      const purls: string[] = [];
      const walk = (cs: readonly { purl?: string; components?: { purl?: string }[] }[] | undefined): void => {
        for (const c of cs ?? []) {
          if (c.purl !== undefined) purls.push(c.purl);
          walk(c.components);
        }
      };
      walk(bom.components);
      const trivyPkgs = purls.map(fromPurl).filter((p): p is Pkg => p !== undefined);
      results[name] = {
        quai: {
          seconds: q.seconds,
          peakRssMiB: q.peakRssMiB,
          packages: quaiPkgs.length,
          warnings: quai.warnings,
        },
        trivy: { seconds: t.seconds, peakRssMiB: t.peakRssMiB, packages: trivyPkgs.length },
        byEcosystem: compare(quaiPkgs, trivyPkgs),
      };
    }
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      trivy: trivyAvailable
        ? {
            version: TRIVY_VERSION,
            binary: trivyBin,
            skippedFiles: ['**/*.jar', '**/*.war', '**/*.ear'],
            why: 'Trivy refuses to analyse Java archives offline without its Java DB (ghcr.io), so Maven packages are Quai-only here',
          }
        : {
            version: TRIVY_VERSION,
            available: false,
            why: `${trivyBin} is missing: run bash bench/trivy/build.sh first`,
          },
      note: 'Quai and Trivy wall time include process start-up; Quai runs under tsx (TypeScript compiled on load).',
      images: results,
    };
    console.log(JSON.stringify(result, null, 2));
    await writeFileAtomic(
      join(import.meta.dirname, 'results', 'scan-vs-trivy.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
