/**
 * The CLI as users run it: one ES module bundle per command, in packages/cli/dist/bundle/, made
 * by esbuild from the TypeScript sources after `tsc -b` has checked them (`npm run build` runs
 * both). bin/quai.js (the `quai` of `npx quai` and of the npm package) runs it when it exists;
 * `node packages/cli/dist/main.js` stays the unbundled build, module for module.
 *
 * Why (bench/startup.ts; figures in docs/install.md, "Start-up"): Node spends most of a short call resolving,
 * reading and compiling modules: `quai import compose` loads about 200 of them unbundled (zod
 * alone is 94 files). Bundled, a command loads its own chunk and the chunks it shares with
 * others, a dozen to thirty files. Code splitting keeps each command's code apart: `quai --version` and
 * `quai import` do not compile the scanner or the API server.
 *
 * What is bundled: the workspace packages (@quai/*) and the small libraries every command uses
 * (zod, yaml, commander). Every other dependency stays an import resolved by Node at run time from
 * node_modules, as before (the AWS SDK, the GitLab client, native better-sqlite3...): they are
 * large, loaded only by the commands that need them, and some read files beside their code.
 *
 * Modules that locate files beside their own code (`import.meta.url`: the OSV JSON schema, the
 * dev cluster's assets and provisioner) see the URL of their built file in its package, as
 * unbundled: the package is found from the bundle the way Node finds it (node_modules/@quai/<name>
 * in the CLI's folder or above, symbolic links followed), so the same bundle works in the
 * repository and in the npm package (scripts/pack-cli.ts).
 *
 * Source maps: each chunk has its .map (sources: the TypeScript files);
 * NODE_OPTIONS=--enable-source-maps maps every stack to them. They are not turned on by default:
 * that costs every call about 7% more instructions (docs/install.md).
 *
 *   npm run build            (tsc -b, then this script)
 *   node --import tsx scripts/bundle-cli.ts [--metafile FILE]
 */
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { LANGS } from '../packages/contracts/src/i18n.js';
import { MESSAGES } from '../packages/contracts/src/messages/index.js';
import { domainOf } from './bundle-catalog.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'packages/cli');
export const BUNDLE_DIR = join(CLI, 'dist/bundle');
/** Libraries bundled with the workspace packages: used by most commands, small, pure JavaScript. */
const BUNDLED = new Set(['zod', 'yaml', 'commander']);

const packageOf = (name: string): string =>
  name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name);

/** Every bare import outside @quai/* and BUNDLED stays an import resolved at run time. */
const externals: Plugin = {
  name: 'quai-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const pkg = packageOf(args.path);
      if (pkg.startsWith('@quai/') || BUNDLED.has(pkg)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * `import.meta.url` (and `.filename`, `.dirname`) in a workspace module becomes the URL (path,
 * folder) of that module's built file in its package (src/x/y.ts -> dist/x/y.js), found at run time
 * from the bundle's own location.
 */
function withModuleUrls(source: string, path: string): string | undefined {
  if (!/import\.meta\.(url|dirname|filename)/.test(source)) return undefined;
  // The entry point is always dist/bundle/main.js, in the CLI's own package: its built file,
  // dist/main.js, is one folder up (no lookup, and `quai --version` loads no other chunk for it).
  if (path === join(CLI, 'src/main.ts') && !/import\.meta\.(dirname|filename)/.test(source))
    return source.replaceAll('import.meta.url', "new URL('../main.js', import.meta.url).href");
  const [pkg, ...rest] = relative(join(ROOT, 'packages'), path).split(sep);
  if (pkg === undefined || rest[0] !== 'src') return undefined;
  const built = ['dist', ...rest.slice(1)].join('/').replace(/\.ts$/, '.js');
  const prelude =
    `import { quaiModuleUrl as __quaiModuleUrl } from ${JSON.stringify(join(import.meta.dirname, 'bundle-runtime.ts'))};\n` +
    `import { fileURLToPath as __quaiFileURLToPath } from 'node:url';\n` +
    `import { dirname as __quaiPathDirname } from 'node:path';\n` +
    `const __quaiUrl = __quaiModuleUrl(import.meta.url, ${JSON.stringify(pkg)}, ${JSON.stringify(built)});\n` +
    `const __quaiFilename = __quaiFileURLToPath(__quaiUrl);\n` +
    `const __quaiDirname = __quaiPathDirname(__quaiFilename);\n`;
  // After a hashbang line, which must stay first.
  const at = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
  const body = source
    .slice(at)
    .replaceAll('import.meta.url', '__quaiUrl')
    .replaceAll('import.meta.filename', '__quaiFilename')
    .replaceAll('import.meta.dirname', '__quaiDirname');
  return source.slice(0, at) + prelude + body;
}

/**
 * `import { z } from 'zod'` becomes `import * as z from 'zod'`: the same functions, but esbuild
 * then turns each `z.object(...)` into a reference to that one export and leaves out the rest of
 * zod (its 50 locales, JSON Schema conversion...), where the `z` object itself would keep all of
 * it: the zod chunk every command loads goes from 580 kB to about 140 kB. (zod's own index says
 * the same of bundlers, its issue #6050.) A module must then reach zod's locales by their own
 * modules (`zod/v4/locales/fr.js`), not through `z.locales`.
 */
function withZodNamespace(source: string): string | undefined {
  const rewritten = source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';");
  return rewritten === source ? undefined : rewritten;
}

/** The two rewrites above, on the workspace's TypeScript sources. */
const workspaceSources: Plugin = {
  name: 'quai-workspace-sources',
  setup(b) {
    b.onLoad({ filter: /[/\\]packages[/\\][^/\\]+[/\\]src[/\\].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const zod = withZodNamespace(source);
      const urls = withModuleUrls(zod ?? source, args.path);
      const contents = urls ?? zod;
      return contents === undefined ? undefined : { contents, loader: 'ts' };
    });
  },
};

/**
 * The message catalog: in the bundle, packages/contracts/src/messages/index.ts (every domain's
 * texts in both languages, as JavaScript) is replaced by scripts/bundle-catalog.ts, which reads the
 * texts of one language and domain from catalog/<lang>/<domain>.json beside the bundle (written
 * below) when one of them is first needed. Nothing else in the bundle imports the per-domain
 * message files.
 */
export const CATALOG_RUNTIME = join(import.meta.dirname, 'bundle-catalog.ts');
const catalog: Plugin = {
  name: 'quai-catalog',
  setup(b) {
    b.onResolve({ filter: /^\.\/messages\/index\.js$/ }, (args) =>
      resolve(args.resolveDir) === join(ROOT, 'packages/contracts/src')
        ? { path: CATALOG_RUNTIME }
        : undefined,
    );
  },
};

/**
 * catalog/<lang>/<domain>.json (catalog/en/cli.json...): id -> template, the domain being what
 * the id starts with, for scripts/bundle-catalog.ts.
 */
export async function writeCatalog(dir: string): Promise<void> {
  const entries: readonly (readonly [string, { readonly en: string; readonly fr: string }])[] =
    Object.entries(MESSAGES);
  for (const lang of LANGS) {
    const domains = new Map<string, Record<string, string>>();
    for (const [id, m] of entries) {
      const domain = domainOf(id);
      if (!/^[a-z][a-z0-9-]*$/.test(domain)) throw new Error(`message id ${id}: no domain (domain.name)`);
      const texts = domains.get(domain) ?? {};
      texts[id] = m[lang];
      domains.set(domain, texts);
    }
    await mkdir(join(dir, 'catalog', lang), { recursive: true });
    for (const [domain, texts] of domains)
      await writeFile(join(dir, 'catalog', lang, `${domain}.json`), JSON.stringify(texts));
  }
}

/** The banner below: a `require` for the CommonJS libraries bundled in ES modules. */
const REQUIRE_BANNER =
  "import { createRequire as __quaiCreateRequire } from 'node:module'; const require = __quaiCreateRequire(import.meta.url);";

/**
 * esbuild puts the banner in every chunk, but only the chunks that name `require` use it (its
 * runtime chunk, whose `__require` the CommonJS libraries call): the others lose it, which saves
 * each loaded chunk a createRequire (about 1.5 ms for the 34 chunks of `quai import compose`).
 * The line stays, empty, so that the source maps' line numbers hold. A chunk that names `require`
 * anywhere, even in a string, keeps it.
 */
async function dropUnusedRequire(dir: string): Promise<void> {
  const files = [
    join(dir, 'main.js'),
    ...(await readdir(join(dir, 'chunks'))).map((f) => join(dir, 'chunks', f)),
  ];
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    const text = await readFile(file, 'utf8');
    // After the entry point's hashbang line, if any.
    const at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
    if (!text.startsWith(REQUIRE_BANNER, at)) continue;
    const body = text.slice(at + REQUIRE_BANNER.length);
    if (/(?<![\w$.])require(?![\w$])/.test(body)) continue;
    await writeFile(file, text.slice(0, at) + body);
  }
}

export async function bundleCli(options: { metafile?: string } = {}): Promise<void> {
  // Built beside, then renamed into place: a failed build leaves the previous bundle whole.
  const next = `${BUNDLE_DIR}.next`;
  await rm(next, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: join(CLI, 'src/main.ts') },
    outdir: next,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    conditions: ['@quai/source'],
    sourcemap: 'linked',
    sourcesContent: false,
    // Readable stacks and profiles: names stay; whitespace is dropped (faster to parse).
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    banner: {
      // CommonJS libraries bundled in ES modules (commander) call require() for Node's modules.
      js: REQUIRE_BANNER,
    },
    plugins: [catalog, externals, workspaceSources],
    metafile: options.metafile !== undefined,
    logLevel: 'warning',
  });
  if (options.metafile !== undefined && result.metafile !== undefined) {
    await writeFile(options.metafile, JSON.stringify(result.metafile));
  }
  await writeCatalog(next);
  await dropUnusedRequire(next);
  // The entry point is what bin/quai.js runs; make it executable like dist/main.js.
  const entry = join(next, 'main.js');
  const text = await readFile(entry, 'utf8');
  if (!text.startsWith('#!')) await writeFile(entry, `#!/usr/bin/env node\n${text}`);
  await chmod(entry, 0o755);
  await rm(BUNDLE_DIR, { recursive: true, force: true });
  await rename(next, BUNDLE_DIR);
  const main = join(BUNDLE_DIR, 'main.js');
  process.stdout.write(`bundled the CLI into ${relative(ROOT, dirname(main))}/\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const i = process.argv.indexOf('--metafile');
  await bundleCli(i >= 0 ? { metafile: resolve(process.argv[i + 1] ?? 'meta.json') } : {});
}
