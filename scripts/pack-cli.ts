/**
 * Makes the npm package of the CLI, installable with no build step and no access to the
 * workspace: `npm run build && npm run pack:cli [-- --out DIR]` writes quai-<version>.tgz.
 *
 * The CLI needs the workspace packages (@quai/contracts, @quai/core, @quai/api, the web console's
 * built assets @quai/console, @quai/devcluster), which are not published: each is packed as npm would publish it (its
 * "files": dist, assets) and bundled into the CLI's package (bundleDependencies), with the same
 * layout as in the repository, so the files each one reads beside its code (JSON schemas, the
 * control plane's build scripts) are where it looks for them. Their own dependencies (zod, yaml,
 * the AWS SDK, ...) become the package's dependencies, installed by npm from the registry.
 * better-sqlite3, native code used only by `quai serve` with its SQLite store, is optional: a
 * machine that cannot build it still gets a working CLI.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const WORKSPACE = ['contracts', 'core', 'api', 'console', 'devcluster'] as const;
/** Dependencies a working CLI can do without (see above). */
const OPTIONAL = new Set(['better-sqlite3']);

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  bundleDependencies?: string[];
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
const writeManifest = (dir: string, m: Manifest): void =>
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(m, null, 2)}\n`);

/** Packs a folder with npm (its "files" only) and unpacks the result into `into`. */
function packInto(folder: string, into: string, scratch: string): void {
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', folder, '--json', '--pack-destination', scratch], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as { filename: string }[];
  if (info === undefined) throw new Error(`npm pack ${folder} gave no file`);
  mkdirSync(into, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, info.filename), '-C', into, '--strip-components=1']);
}

/** The package's manifest as installed: no source condition (src/ is not shipped), no dev fields. */
function published(m: Manifest): Manifest {
  const { devDependencies: _dev, scripts: _scripts, private: _private, ...rest } = m;
  if (m.exports === undefined) return rest;
  const exports = Object.fromEntries(
    Object.entries(m.exports).map(([k, v]) => [
      k,
      // A plain target ("./package.json") has no conditions to drop.
      typeof v === 'string'
        ? v
        : Object.fromEntries(Object.entries(v).filter(([cond]) => cond !== '@quai/source')),
    ]),
  );
  return { ...rest, exports };
}

export function packCli(out: string): string {
  if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) {
    throw new Error('packages/cli/dist/main.js is missing: run `npm run build` first.');
  }
  const scratch = mkdtempSync(join(tmpdir(), 'quai-pack-'));
  try {
    const stage = join(scratch, 'quai');
    packInto('./packages/cli', stage, scratch);
    const cli = readManifest(stage);
    const dependencies: Record<string, string> = {};
    const add = (from: string, deps: Record<string, string> | undefined): void => {
      for (const [name, range] of Object.entries(deps ?? {})) {
        if (name.startsWith('@quai/')) continue;
        const had = dependencies[name];
        if (had !== undefined && had !== range) {
          throw new Error(`${from} wants ${name}@${range}, another package ${had}: align the ranges first.`);
        }
        dependencies[name] = range;
      }
    };
    add(cli.name, cli.dependencies);
    for (const name of WORKSPACE) {
      const dir = join(stage, 'node_modules/@quai', name);
      packInto(`./packages/${name}`, dir, scratch);
      const m = readManifest(dir);
      if (m.version !== readManifest(join(ROOT, 'packages', name)).version)
        throw new Error(`${m.name}: version`);
      add(m.name, m.dependencies);
      // Its dependencies are the CLI's (below), installed beside it: a bundled package that
      // declared them too would have npm resolve them a second time inside the bundle.
      const { dependencies: _deps, ...rest } = published(m);
      writeManifest(dir, rest);
    }
    const bundled = WORKSPACE.map((n) => `@quai/${n}`);
    const sorted = Object.keys(dependencies).sort();
    writeManifest(stage, {
      ...published(cli),
      dependencies: Object.fromEntries([
        ...bundled.map((n): [string, string] => [n, cli.version]),
        ...sorted.filter((n) => !OPTIONAL.has(n)).map((n): [string, string] => [n, dependencies[n] ?? '']),
      ]),
      optionalDependencies: Object.fromEntries(
        sorted.filter((n) => OPTIONAL.has(n)).map((n) => [n, dependencies[n] ?? '']),
      ),
      bundleDependencies: bundled,
    });
    for (const file of ['README.md', 'LICENSE']) {
      if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(stage, file));
    }
    mkdirSync(out, { recursive: true });
    const [info] = JSON.parse(
      execFileSync('npm', ['pack', stage, '--json', '--pack-destination', out], {
        cwd: scratch,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as { filename: string }[];
    if (info === undefined) throw new Error('npm pack gave no file');
    return join(out, info.filename);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i >= 0 ? (process.argv[i + 1] ?? '.') : '.');
  process.stdout.write(`${packCli(out)}\n`);
}
