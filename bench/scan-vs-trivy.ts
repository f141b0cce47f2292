/**
 * Quai beside Trivy on the same OCI image layouts and the same vulnerability data, in one run,
 * both as their users run them: the built CLI (`packages/cli/bin/quai.js`, which runs the bundle
 * dist/bundle/main.js; no TypeScript compiler at run time) and the trivy binary.
 *
 * The images are built here from real content: this machine's dpkg status and Python dist-info
 * folders, npm packages from the repository's node_modules, an rpm database made by rpmbuild +
 * rpm, Go binaries made by go build, Java archives made by jar.
 *
 * 1. Inventory: `quai sbom LAYOUT` against `trivy image --input LAYOUT --format cyclonedx`, per
 *    ecosystem: counts, what one finds and the other does not, version mismatches.
 * 2. Vulnerability scan of the Debian image against the same data: 60,000 OSV records shaped like
 *    Debian's feed (bench/scan-osv-data.ts) are imported by `quai vulndb import` and written into
 *    a Trivy database by trivy-db's own writer (bench/trivy/osv2trivydb); then `quai scan image
 *    -o json` against `trivy image --format json --scanners vuln --skip-db-update`, compared
 *    finding by finding.
 * Each timing is the median of 5 runs, the two tools alternating (this machine is shared: the
 * medians of alternating runs see the same load); CPU time (user + system) is given too.
 *
 *   bash bench/trivy/build.sh      # once: builds Trivy v0.74.0 from the Go module proxy (long)
 *   npm run build && npm run bench:scan-vs-trivy
 *   # under another Node, into its own file:
 *   QUAI_BENCH_RESULT=scan-vs-trivy-node22.json /path/to/node22 --conditions=@quai/source --import tsx bench/scan-vs-trivy.ts
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
import { homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@quai/core';
import {
  buildGoBinaries,
  buildJars,
  buildRpmDb,
  ociLayoutFromDirs,
} from '../packages/core/test/scan-fixtures.js';
import { RegistryPusher, registryAvailable, startRegistry } from '../test/components/registry.js';
import { record, zip } from './scan-osv-data.js';

const TRIVY_VERSION = 'v0.74.0';
const trivyBin = join(
  process.env['QUAI_CACHE_DIR'] ?? join(homedir(), '.cache', 'quai'),
  'tools',
  `trivy-${TRIVY_VERSION}`,
  'trivy',
);

const mib = (kb: number): number => Math.round(kb / 1024);

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
  okCodes: readonly number[] = [0],
): { stdout: string; seconds: number; cpuSeconds: number; peakRssMiB: number } {
  const timeFile = join(tmpdir(), `quai-time-${process.pid}.txt`);
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Math.round((performance.now() - t) / 10) / 100;
  if (!okCodes.includes(r.status ?? -1))
    throw new Error(`${cmd} failed (${String(r.status)}): ${r.stderr.slice(-3000)}`);
  const report = readFileSync(timeFile, 'utf8');
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? 0);
  const cpu =
    Number(/User time \(seconds\): ([\d.]+)/.exec(report)?.[1] ?? 0) +
    Number(/System time \(seconds\): ([\d.]+)/.exec(report)?.[1] ?? 0);
  rmSync(timeFile, { force: true });
  return { stdout: r.stdout, seconds, cpuSeconds: Math.round(cpu * 100) / 100, peakRssMiB: mib(kb) };
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

const RUNS = 3;
const quaiCli = join(import.meta.dirname, '..', 'packages', 'cli', 'bin', 'quai.js');
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The 1-minute load average, to read the timings with. */
const load = (): number => Math.round(loadavg()[0]! * 100) / 100;

/**
 * Runs both commands RUNS times, alternating; medians of wall and CPU time, peak RSS, and the
 * load average before and after. Warm (the default): one untimed run of each first, so both
 * have their layer caches filled (Trivy's scan cache, Quai's layer cache), as on a machine that
 * scans the same images again. Cold: `prepare` gives each run its own arguments (fresh caches).
 */
function sideBySide(
  quai: readonly string[] | ((i: number) => readonly string[]),
  trivy: readonly string[] | ((i: number) => readonly string[]),
  okCodes: readonly number[],
  warm = true,
): {
  quai: ReturnType<typeof summary>;
  trivy: ReturnType<typeof summary>;
  loadAverage: { before: number; after: number };
  quaiOut: string;
  trivyOut: string;
} {
  const args = (a: readonly string[] | ((i: number) => readonly string[]), i: number): readonly string[] =>
    typeof a === 'function' ? a(i) : a;
  if (warm) {
    timed(process.execPath, [quaiCli, ...args(quai, -1)], okCodes);
    timed(trivyBin, args(trivy, -1), okCodes);
  }
  const before = load();
  const q: ReturnType<typeof timed>[] = [];
  const t: ReturnType<typeof timed>[] = [];
  for (let i = 0; i < RUNS; i++) {
    q.push(timed(process.execPath, [quaiCli, ...args(quai, i)], okCodes));
    t.push(timed(trivyBin, args(trivy, i), okCodes));
  }
  return {
    quai: summary(q),
    trivy: summary(t),
    loadAverage: { before, after: load() },
    quaiOut: q[0]!.stdout,
    trivyOut: t[0]!.stdout,
  };
}

function summary(runs: readonly ReturnType<typeof timed>[]): {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  runs: number[];
} {
  return {
    seconds: median(runs.map((r) => r.seconds)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    runs: runs.map((r) => r.seconds),
  };
}

/**
 * What a command spends before it reads the first byte of the image: strace timestamps of the
 * process start and of the first open of a file under the layout, and the JavaScript files opened
 * before it (strace from Debian; left out when it is missing).
 */
/** An optional measuring tool from Debian, not a dependency (named through a variable). */
const STRACE = 'strace';

function beforeFirstImageByte(
  cmd: string,
  args: readonly string[],
  layout: string,
): { ms: number; jsFiles: number } | undefined {
  if (spawnSync(STRACE, ['-V']).status !== 0) return undefined;
  const trace = join(tmpdir(), `quai-strace-${process.pid}.txt`);
  spawnSync(STRACE, ['-f', '--seccomp-bpf', '-ttt', '-e', 'trace=execve,openat', '-o', trace, cmd, ...args], {
    stdio: 'ignore',
  });
  let start: number | undefined;
  let js = 0;
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /^\d+\s+(\d+\.\d+) (\w+)\((.*)$/.exec(line);
    if (m === null) continue;
    const t = Number(m[1]);
    start ??= t;
    if (m[2] === 'openat' && m[3]!.includes(layout)) {
      rmSync(trace, { force: true });
      return { ms: Math.round((t - start) * 1000), jsFiles: js };
    }
    if (m[2] === 'openat' && /\.(m?js|cjs)"/.test(m[3]!)) js++;
  }
  rmSync(trace, { force: true });
  return undefined;
}

/**
 * `trivy image` on a layout, offline. Trivy's jar analyzer needs its Java DB (an OCI artifact on
 * ghcr.io) even for archives that carry pom.properties: Java is left out of the comparison.
 */
function trivyArgs(
  image: string | { readonly ref: string },
  output: readonly string[],
  cacheDir: string,
): string[] {
  return [
    'image',
    // A registry image: read from the registry (plain HTTP on loopback), not from a container engine.
    ...(typeof image === 'string' ? ['--input', image] : ['--image-src', 'remote', '--insecure', image.ref]),
    ...output,
    '--offline-scan',
    '--skip-db-update',
    '--skip-java-db-update',
    '--skip-files',
    '**/*.jar,**/*.war,**/*.ear',
    '--cache-dir',
    cacheDir,
    '--quiet',
  ];
}

function purlsOfBom(text: string): Pkg[] {
  const bom = JSON.parse(text) as { components?: { purl?: string; components?: { purl?: string }[] }[] };
  const purls: string[] = [];
  const walk = (cs: readonly { purl?: string; components?: { purl?: string }[] }[] | undefined): void => {
    for (const c of cs ?? []) {
      if (c.purl !== undefined) purls.push(c.purl);
      walk(c.components);
    }
  };
  walk(bom.components);
  return purls.map(fromPurl).filter((p): p is Pkg => p !== undefined);
}

/** The installed source packages of a dpkg status file, with their source versions. */
function dpkgSources(status: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const s of status.split(/\n\n+/)) {
    if (!/^Status: .* installed$/m.test(s)) continue;
    const name = /^Package: (.+)$/m.exec(s)![1]!;
    const version = /^Version: (.+)$/m.exec(s)![1]!;
    const src = /^Source: (\S+)(?: \((.+)\))?$/m.exec(s);
    sources.set(src?.[1] ?? name, src?.[2] ?? version);
  }
  return sources;
}

/**
 * The same vulnerability data for both tools: 60,000 OSV records shaped like Debian's feed, over
 * the image's source packages and made-up ones, imported by `quai vulndb import` and written into
 * a Trivy database by trivy-db's own writer.
 */
function buildData(work: string): {
  store: string;
  trivyCache: string;
  sources: Map<string, string>;
  imported: ReturnType<typeof timed>;
} {
  const debianRoot = join(work, 'img-debian');
  const sources = dpkgSources(readFileSync(join(debianRoot, 'var/lib/dpkg/status'), 'utf8'));
  const names = [...sources.keys()];
  for (let i = names.length; i < 9000; i++) names.push(`libsrc${i}`);
  const entries: [string, Buffer][] = [];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 60_000; i++) {
    const r = record(i, names, sources) as { id: string };
    const id = seen.has(r.id) ? `${r.id}-${i}` : r.id;
    seen.add(id);
    const text = JSON.stringify({ ...r, id });
    entries.push([`${id}.json`, Buffer.from(text)]);
    lines.push(text);
  }
  const dump = join(work, 'Debian', 'all.zip');
  mkdirSync(join(work, 'Debian'));
  writeFileSync(dump, zip(entries));
  const store = join(work, 'vulndb');
  const imported = timed(process.execPath, [quaiCli, 'vulndb', 'import', dump, '--dir', store, '-o', 'json']);
  const trivyCache = join(work, 'trivy-cache');
  const converter = spawnSync('go', ['run', '.', trivyCache], {
    cwd: join(import.meta.dirname, 'trivy', 'osv2trivydb'),
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (converter.status !== 0) throw new Error(`osv2trivydb failed: ${converter.stderr}`);
  return { store, trivyCache, sources, imported };
}

if (process.argv[2] === '--build-only') {
  // Keeps the image layouts, for profiling: npm run bench:scan-vs-trivy -- --build-only DIR
  const out = process.argv[3]!;
  for (const [name, folder] of buildImages(out)) ociLayoutFromDirs(join(out, `layout-${name}`), [folder]);
  if (process.argv[4] === '--data') buildData(out); // out/vulndb (Quai's store), out/trivy-cache
  console.log(out);
} else {
  if (!existsSync(join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bundle', 'main.js')))
    throw new Error('packages/cli/dist/bundle/main.js is missing: run npm run build first');
  if (!existsSync(trivyBin)) throw new Error(`${trivyBin} is missing: run bash bench/trivy/build.sh first`);
  const work = mkdtempSync(join(tmpdir(), 'quai-bench-trivy-'));
  // Quai's own caches (layers) in the work folder, as Trivy's are: both start empty.
  process.env['QUAI_CACHE_DIR'] = join(work, 'quai-cache');
  try {
    const images: Record<string, unknown> = {};
    const layouts = new Map<string, string>();
    for (const [name, folder] of buildImages(work)) {
      const layout = join(work, `layout-${name}`);
      ociLayoutFromDirs(layout, [folder]);
      layouts.set(name, layout);
      const r = sideBySide(
        ['sbom', layout],
        trivyArgs(layout, ['--format', 'cyclonedx'], join(work, 'trivy-cache-sbom')),
        [0],
      );
      const quaiPkgs = purlsOfBom(r.quaiOut);
      const trivyPkgs = purlsOfBom(r.trivyOut);
      const firstByte = [0, 1, 2].map(() => ({
        quai: beforeFirstImageByte(process.execPath, [quaiCli, 'sbom', layout], layout),
        trivy: beforeFirstImageByte(
          trivyBin,
          trivyArgs(layout, ['--format', 'cyclonedx'], join(work, 'trivy-cache-sbom')),
          layout,
        ),
      }));
      images[name] = {
        beforeFirstImageByte: {
          quaiMs: median(firstByte.map((f) => f.quai?.ms ?? Number.NaN)),
          quaiJsFiles: firstByte[0]?.quai?.jsFiles,
          trivyMs: median(firstByte.map((f) => f.trivy?.ms ?? Number.NaN)),
        },
        inventory: {
          loadAverage: r.loadAverage,
          quai: { ...r.quai, packages: quaiPkgs.length },
          trivy: { ...r.trivy, packages: trivyPkgs.length },
          byEcosystem: compare(quaiPkgs, trivyPkgs),
        },
      };
    }

    const { store, trivyCache, sources, imported } = buildData(work);
    const layout = layouts.get('debian')!;
    const r = sideBySide(
      ['scan', 'image', layout, '--dir', store, '-o', 'json'],
      trivyArgs(layout, ['--format', 'json', '--scanners', 'vuln'], trivyCache),
      [0, 1],
    );
    // Cold: the first scan of an image (Quai reads every layer, Trivy starts from a cache that
    // holds its database only).
    const cold = sideBySide(
      [...['scan', 'image', layout, '--dir', store, '-o', 'json'], '--no-layer-cache'],
      (i) => {
        const fresh = join(work, `trivy-cold-${i}`);
        rmSync(fresh, { recursive: true, force: true });
        cpSync(join(trivyCache, 'db'), join(fresh, 'db'), { recursive: true });
        return trivyArgs(layout, ['--format', 'json', '--scanners', 'vuln'], fresh);
      },
      [0, 1],
      false,
    );
    if (
      cold.quaiOut.replace(/"generatedAt": "[^"]*"/, '') !== r.quaiOut.replace(/"generatedAt": "[^"]*"/, '')
    )
      throw new Error('quai scan image gave another report from its layer cache than from the layers');
    const quaiReport = JSON.parse(r.quaiOut) as {
      targets: { findings: { package: { name: string; kind?: string }; vulnerability: { id: string } }[] }[];
    };
    const trivyReport = JSON.parse(r.trivyOut) as {
      Results?: { Class?: string; Vulnerabilities?: { PkgName: string; VulnerabilityID: string }[] }[];
    };
    const quaiFindings = new Set(
      quaiReport.targets.flatMap((t) => t.findings.map((f) => `${f.package.name} ${f.vulnerability.id}`)),
    );
    const trivyFindings = new Set(
      (trivyReport.Results ?? [])
        .filter((x) => x.Class === 'os-pkgs')
        .flatMap((x) => (x.Vulnerabilities ?? []).map((v) => `${v.PkgName} ${v.VulnerabilityID}`)),
    );
    (images['debian'] as Record<string, unknown>)['vulnerabilities'] = {
      data: { records: 60_000, sourcePackages: 9_000, imageSourcePackages: sources.size },
      quaiImport: { seconds: imported.seconds, peakRssMiB: imported.peakRssMiB },
      warm: { loadAverage: r.loadAverage, quai: r.quai, trivy: r.trivy },
      cold: { loadAverage: cold.loadAverage, quai: cold.quai, trivy: cold.trivy },
      quai: { findings: quaiFindings.size },
      trivy: { findings: trivyFindings.size },
      same: [...quaiFindings].filter((f) => trivyFindings.has(f)).length,
      onlyQuai: [...quaiFindings].filter((f) => !trivyFindings.has(f)).slice(0, 20),
      onlyTrivy: [...trivyFindings].filter((f) => !quaiFindings.has(f)).slice(0, 20),
    };
    // The same image from a registry on loopback (Debian's docker-registry): Quai downloads and
    // reads the layer, or takes it from its layer cache; Trivy the same with its scan cache.
    if (registryAvailable()) {
      const debianRoot = join(work, 'img-debian');
      const registry = await startRegistry();
      try {
        const tar = spawnSync('tar', ['-C', debianRoot, '--numeric-owner', '-cf', '-', '.'], {
          maxBuffer: 1 << 30,
        });
        if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr)}`);
        const pushed = await new RegistryPusher(registry).pushImage('bench/debian', '1', [tar.stdout]);
        const quaiArgs = ['scan', 'image', pushed.reference, '--insecure-registry', registry.host];
        const tail = ['--dir', store, '-o', 'json'];
        cpSync(join(trivyCache, 'db'), join(work, 'trivy-reg', 'db'), { recursive: true });
        const warm = sideBySide(
          [...quaiArgs, ...tail],
          trivyArgs(
            { ref: pushed.reference },
            ['--format', 'json', '--scanners', 'vuln'],
            join(work, 'trivy-reg'),
          ),
          [0, 1],
        );
        const coldRuns = sideBySide(
          [...quaiArgs, ...tail, '--no-layer-cache'],
          (i) => {
            const fresh = join(work, `trivy-reg-cold-${i}`);
            rmSync(fresh, { recursive: true, force: true });
            cpSync(join(trivyCache, 'db'), join(fresh, 'db'), { recursive: true });
            return trivyArgs({ ref: pushed.reference }, ['--format', 'json', '--scanners', 'vuln'], fresh);
          },
          [0, 1],
          false,
        );
        const findingsOf = (out: string): number =>
          (JSON.parse(out) as { targets: { findings: unknown[] }[] }).targets.reduce(
            (n, t) => n + t.findings.length,
            0,
          );
        (images['debian'] as Record<string, unknown>)['registry'] = {
          reference: pushed.reference,
          warm: { loadAverage: warm.loadAverage, quai: warm.quai, trivy: warm.trivy },
          cold: { loadAverage: coldRuns.loadAverage, quai: coldRuns.quai, trivy: coldRuns.trivy },
          quaiFindings: findingsOf(warm.quaiOut),
          quaiFindingsCold: findingsOf(coldRuns.quaiOut),
          trivyFindings: (
            JSON.parse(warm.trivyOut) as { Results?: { Class?: string; Vulnerabilities?: unknown[] }[] }
          ).Results?.filter((x) => x.Class === 'os-pkgs').reduce(
            (n, x) => n + (x.Vulnerabilities?.length ?? 0),
            0,
          ),
        };
      } finally {
        await registry.stop();
      }
    }
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      runs: RUNS,
      trivy: {
        version: TRIVY_VERSION,
        binary: trivyBin,
        skippedFiles: ['**/*.jar', '**/*.war', '**/*.ear'],
        why: 'Trivy refuses to analyse Java archives offline without its Java DB (ghcr.io), so Maven packages are Quai-only here',
      },
      note: 'Wall seconds are medians of alternating runs on a shared machine (loadAverage: the 1-minute load before and after); cpuSeconds is user + system time. Warm: each tool ran once before the timed runs, so its layer cache holds the image (Trivy caches layer analyses, Quai what each layer gave); cold: Quai with --no-layer-cache, Trivy with a fresh cache folder holding only its database. Quai runs its built CLI as users do (packages/cli/bin/quai.js: the bundle).',
      loadAverage: { end: load() },
      images,
    };
    console.log(JSON.stringify(result, null, 2));
    await writeFileAtomic(
      // Another Node (QUAI_BENCH_RESULT=scan-vs-trivy-node22.json) keeps the main result.
      join(import.meta.dirname, 'results', process.env['QUAI_BENCH_RESULT'] ?? 'scan-vs-trivy.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
