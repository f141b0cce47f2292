/**
 * The npm package of the CLI works where users install it: packs it (scripts/pack-cli.ts),
 * installs it with `npm install -g` into a clean prefix, far from the repository, and runs it with
 * no build step under Node 20, 22 and 24:
 *
 *   npm run build && npm run test:package
 *
 * Node 22 and 24 come from the npm registry (the `node` package, as .ci/run does for Node 24); the
 * install runs under the Node it tests (npm itself runs on it). Under Node 20 the package is
 * installed whole, better-sqlite3 built and loaded; under 22 and 24 with --omit=optional (the
 * native SQLite module, used only by `quai serve --store sqlite`, would be compiled again for each),
 * which is also what a machine that cannot build it gets.
 * Each install checks: `quai --version`, `quai --help`, `kubectl-quai version -o json` (the Node
 * it runs on), `quai import compose` and `quai render` of the examples, that the web console's
 * built assets are where `quai serve` looks for them, that the package carries the bundle
 * (scripts/bundle-cli.ts) with its source maps, and `quai vulndb import` of a small OSV zip (the
 * bundle finds the OSV schema beside @quai/core's built code).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEBIAN_OPENSSL, record, writeRootFs, zip } from '../bench/scan-osv-data.js';
import { installNodeFromRegistry } from './node-from-registry.js';
import { packCli } from './pack-cli.js';

const ROOT = resolve(import.meta.dirname, '..');
const version = (
  JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version;
const work = mkdtempSync(join(tmpdir(), 'quai-package-test-'));
let failures = 0;

/**
 * The environment of a user's shell: none of the npm variables of the script running this test, no
 * NODE_OPTIONS or NODE_PATH (they would change how modules resolve); NODE_EXTRA_CA_CERTS stays.
 */
function cleanEnv(path: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS' && k !== 'NODE_PATH',
    ),
  );
  return { ...env, PATH: path };
}

function check(what: string, ok: boolean, detail = ''): void {
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === '' ? '' : `\n${detail}`}\n`);
  if (!ok) failures++;
}

function run(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/**
 * npm 11.16 and later read `--allow-scripts`; npm 12 runs a dependency's install script only when
 * it is allowed so (for a global install, there is no package.json to allow it in): better-sqlite3
 * is then installed but never built. The documented command (docs/install.md) allows it.
 */
function allowScripts(env: NodeJS.ProcessEnv): string[] {
  const [major = 0, minor = 0] = run('npm', ['--version'], env).out.trim().split('.').map(Number);
  return major > 11 || (major === 11 && minor >= 16) ? ['--allow-scripts=better-sqlite3'] : [];
}

function testOn(label: string, nodeBin: string | undefined, tgz: string, omitOptional: boolean): void {
  const prefix = join(work, `prefix-${label}`);
  const path = [
    join(prefix, 'bin'),
    ...(nodeBin === undefined ? [] : [nodeBin]),
    process.env['PATH'] ?? '',
  ].join(':');
  const env = cleanEnv(path);
  const node = run('node', ['--version'], env).out.trim();
  const options = omitOptional ? ['--omit=optional'] : allowScripts(env);
  process.stdout.write(`\nNode ${node}: npm install -g --prefix ${prefix} ${options.join(' ')}\n`);
  const install = run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', ...options, tgz],
    env,
  );
  check('installs', install.code === 0, install.err.slice(-3000));
  if (install.code !== 0) return;

  const v = run('quai', ['--version'], env);
  check(`quai --version prints ${version}`, v.code === 0 && v.out.trim() === version, v.out + v.err);
  const help = run('quai', ['--help'], env);
  check(
    'quai --help lists the commands',
    help.code === 0 && help.out.includes('Usage: quai [options] [command]') && /^ {2}apply /m.test(help.out),
    help.out + help.err,
  );
  const k = run('kubectl-quai', ['version', '-o', 'json'], env);
  const data = k.code === 0 ? (JSON.parse(k.out) as { client?: { node?: string } }) : {};
  check(`kubectl-quai runs on Node ${node}`, data.client?.node === node, k.out + k.err);
  const imported = run(
    'quai',
    ['import', 'compose', '-f', join(ROOT, 'examples/grist/docker-compose.yml')],
    env,
  );
  check(
    'quai import compose of examples/grist',
    imported.code === 0 && imported.out.includes('kind: App'),
    imported.err,
  );
  const rendered = run('quai', ['render', join(ROOT, 'examples/annuaire/app.yaml'), '--env', 'prod'], env);
  check(
    'quai render of examples/annuaire',
    rendered.code === 0 && rendered.out.includes('kind: Deployment'),
    rendered.out.slice(-2000) + rendered.err,
  );
  // `quai serve` finds the web console where @quai/api resolves @quai/console (packages/api/src/console.ts).
  const consoleIndex = run(
    'node',
    [
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const api = createRequire(${JSON.stringify(join(prefix, 'lib/node_modules/quai/'))}).resolve('@quai/api');
       process.stdout.write(createRequire(api).resolve('@quai/console/package.json'));`,
    ],
    env,
  );
  check(
    'the web console is in the package, where quai serve looks for it',
    consoleIndex.code === 0 && existsSync(join(consoleIndex.out, '..', 'dist', 'index.html')),
    consoleIndex.out + consoleIndex.err,
  );
  const installed = join(prefix, 'lib/node_modules/quai');
  const map = join(installed, 'dist/bundle/main.js.map');
  const sources = existsSync(map)
    ? (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources
    : [];
  check(
    'quai runs the bundle, whose source map names the TypeScript sources',
    existsSync(join(installed, 'dist/bundle/main.js')) && sources.some((f) => f.endsWith('src/main.ts')),
    sources.join('\n'),
  );
  const osv = join(work, `osv-${label}.zip`);
  writeFileSync(
    osv,
    zip([
      [
        'DSA-3000-1.json',
        Buffer.from(JSON.stringify(record(0, ['openssl'], new Map([['openssl', '3.0.1-1']])))),
      ],
    ]),
  );
  const store = join(work, `vulndb-${label}`);
  const vulndb = run('quai', ['vulndb', 'import', osv, '--dir', store, '-o', 'json'], env);
  check(
    'quai vulndb import of an OSV zip (the OSV schema is found)',
    vulndb.code === 0,
    vulndb.out + vulndb.err,
  );
  // A scan with an ignore file (zod and YAML loaded by import()) of a root file system with a
  // pubspec.lock (YAML loaded by require() from @quai/core's place in the package).
  const root = join(work, `rootfs-${label}`);
  writeRootFs(root, {
    ...DEBIAN_OPENSSL,
    'app/pubspec.lock':
      'packages:\n  http:\n    dependency: "direct main"\n    source: hosted\n    version: "0.13.5"\n',
  });
  const ignore = join(work, `ignore-${label}.yaml`);
  writeFileSync(
    ignore,
    'apiVersion: quai.dev/v1alpha1\nkind: ScanIgnore\nrules:\n  - id: DSA-3000-1\n    justification: not reachable\n    expires: "2099-12-31"\n',
  );
  const scanned = run(
    'quai',
    ['scan', 'image', root, '--dir', store, '--ignore-file', ignore, '--no-layer-cache', '-o', 'json'],
    env,
  );
  check(
    'quai scan image with an ignore file, of a root with a pubspec.lock (parsers loaded when needed)',
    scanned.code === 0 && scanned.out.includes('"suppressed"') && scanned.out.includes('pkg:pub/http@0.13.5'),
    scanned.out.slice(0, 2000) + scanned.err,
  );
  if (!omitOptional) {
    const sqlite = run(
      'node',
      ['-e', 'new (require("better-sqlite3"))(":memory:").prepare("select 1").get()'],
      { ...env, NODE_PATH: join(prefix, 'lib/node_modules/quai/node_modules') },
    );
    check('better-sqlite3 (quai serve) loads', sqlite.code === 0, sqlite.err);
  }
}

try {
  if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('run `npm run build` first');
  const tgz = packCli(work);
  process.stdout.write(`packed ${tgz}\n`);
  const majors = (process.env['QUAI_PACKAGE_NODES'] ?? '20,22,24').split(',').map(Number);
  const current = Number(process.versions.node.split('.')[0]);
  for (const major of majors) {
    if (major === current) testOn(`node${major}`, undefined, tgz, false);
    else
      testOn(
        `node${major}`,
        installNodeFromRegistry(major, join(work, `node${major}`), cleanEnv(process.env['PATH'] ?? '')),
        tgz,
        true,
      );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(
  failures === 0 ? '\npackage test: all passed\n' : `\npackage test: ${failures} failed\n`,
);
process.exitCode = failures === 0 ? 0 : 1;
