/**
 * The bundled CLI (dist/bundle/, made by scripts/bundle-cli.ts during `npm run build`; what
 * bin/quai.js, `npx quai` and the npm package run) behaves as the unbundled build, module for
 * module (dist/main.js): same output, same exit codes, and the files its modules find beside their
 * own code (the OSV schema of @quai/core) are found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { DEBIAN_OPENSSL, record, writeRootFs, zip } from '../../../bench/scan-osv-data.js';
import { CATALOG_RUNTIME, writeCatalog } from '../../../scripts/bundle-cli.js';
import * as source from '../../contracts/src/messages/index.js';

const cli = new URL('..', import.meta.url).pathname;
const bundle = join(cli, 'dist/bundle/main.js');
const modules = join(cli, 'dist/main.js');
const bin = join(cli, 'bin/quai.js');
const joplin = new URL('../../../examples/joplin/docker-compose.yml', import.meta.url).pathname;
const manifests = new URL('../../../examples/joplin/golden/manifests.prod.yaml', import.meta.url).pathname;

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function run(main: string, argv: readonly string[], cwd: string): Run {
  // NO_COLOR and no npm variables: both builds see the same environment.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  const r = spawnSync(process.execPath, [main, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1', QUAI_LANG: 'en' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the bundled CLI', { timeout: 120_000 }, () => {
  let work = '';
  beforeAll(() => {
    if (!existsSync(bundle) || !existsSync(modules)) {
      throw new Error(`${bundle} or ${modules} is missing: run \`npm run build\` first`);
    }
    work = mkdtempSync(join(tmpdir(), 'quai-bundle-test-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The bundle's catalog module alone, with its language files beside it, as in dist/bundle/. */
  async function catalogModule(name: string): Promise<string> {
    const dir = join(work, name);
    await build({
      entryPoints: [CATALOG_RUNTIME],
      outfile: join(dir, 'catalog.js'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
    });
    await writeCatalog(dir);
    return dir;
  }

  it('is what bin/quai.js runs', () => {
    expect(readFileSync(bin, 'utf8')).toContain("'../dist/bundle/main.js'");
    const r = run(bin, ['--version'], work);
    expect(r).toEqual(run(bundle, ['--version'], work));
    expect(r.code).toBe(0);
  });

  it.each([
    ['--help', ['--help']],
    ['--lang fr scan image --help', ['--lang', 'fr', 'scan', 'image', '--help']],
    ['import compose (examples/joplin)', ['import', 'compose', '-f', joplin]],
    ['import compose -o json', ['import', 'compose', '-f', joplin, '-o', 'json']],
    ['a usage error (exit 2)', ['import', 'compose', '--network-policy', 'nope', '-f', joplin]],
    ['an unknown command', ['nope']],
  ])('prints what the unbundled build prints: %s', (_, argv) => {
    const bundled = run(bundle, argv, work);
    const unbundled = run(modules, argv, work);
    expect(bundled).toEqual(unbundled);
    expect(bundled.out + bundled.err).not.toBe('');
  });

  it('finds the OSV schema beside @quai/core: vulndb import validates records', () => {
    const good = record(0, ['openssl'], new Map([['openssl', '3.0.1-1']])) as Record<string, unknown>;
    const osv = join(work, 'osv.zip');
    writeFileSync(
      osv,
      zip([
        ['DSA-3000-1.json', Buffer.from(JSON.stringify(good))],
        // Refused by the schema (no id): proof that the schema was read and applied.
        ['broken.json', Buffer.from(JSON.stringify({ ...good, id: undefined }))],
      ]),
    );
    const r = run(bundle, ['vulndb', 'import', osv, '--dir', join(work, 'db'), '-o', 'json'], work);
    const unbundled = run(modules, ['vulndb', 'import', osv, '--dir', join(work, 'db2'), '-o', 'json'], work);
    const body = JSON.parse(r.out) as { added: number; rejected: { source?: string }[] };
    expect(body.added).toBe(1);
    expect(body.rejected).toHaveLength(1);
    expect(r.code).toBe(unbundled.code);
  });

  /** The TypeScript and library sources of the bundle chunks a call loads (from their source maps). */
  function sourcesLoaded(argv: readonly string[]): string[] {
    const log = join(work, 'loaded.log');
    const hooks = join(work, 'hooks.mjs');
    const register = join(work, 'register.mjs');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`,
    );
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
    );
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['--import', register, bundle, ...argv], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).not.toBeNull();
    const chunks = readFileSync(log, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith('file:') && u.includes('/dist/bundle/'));
    return chunks.flatMap((u) => {
      const map = JSON.parse(readFileSync(`${new URL(u).pathname}.map`, 'utf8')) as { sources: string[] };
      return map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
    });
  }

  it("loads one domain's use cases and schemas: quai import compose builds no other domain's", () => {
    const sources = sourcesLoaded(['import', 'compose', '-f', joplin]);
    expect(sources).toContain('contracts/src/usecases/onboard.ts');
    for (const other of ['deploy', 'backup', 'scan', 'audit', 'gitlab', 'view', 'capacity', 'all']) {
      expect(sources).not.toContain(`contracts/src/usecases/${other}.ts`);
    }
    // zod by the functions used: its English and French messages, not its 50 locales.
    expect(sources.filter((s) => s.includes('zod/v4/locales/')).sort()).toEqual([
      'node_modules/zod/v4/locales/en.js',
      'node_modules/zod/v4/locales/fr.js',
    ]);
  });

  it('loads neither zod nor the cluster client where a call does not need them', () => {
    expect(sourcesLoaded(['--help']).filter((s) => s.includes('zod/'))).toEqual([]);
    const audit = sourcesLoaded(['audit', manifests]);
    expect(audit).toContain('core/src/app/audit.ts');
    expect(audit).not.toContain('core/src/kube/client.ts');
  });

  it('scans an image without loading the use cases, the app spec or the model (quai scan image)', () => {
    // A Debian 11 root file system with openssl 3.0.1-1, and a store whose one record affects it.
    const root = join(work, 'rootfs-debian');
    writeRootFs(root, DEBIAN_OPENSSL);
    const osv = join(work, 'scan-osv.zip');
    const affecting = record(0, ['openssl'], new Map([['openssl', '3.0.1-1']]));
    writeFileSync(osv, zip([['DSA-3000-1.json', Buffer.from(JSON.stringify(affecting))]]));
    const db = join(work, 'scan-db');
    expect(run(bundle, ['vulndb', 'import', osv, '--dir', db], work).code).toBe(0);
    const argv = ['scan', 'image', root, '--dir', db, '-o', 'json', '--no-layer-cache'];
    const r = run(bundle, argv, work);
    const report = JSON.parse(r.out) as { targets: { findings: { vulnerability: { id: string } }[] }[] };
    expect(report.targets.flatMap((t) => t.findings.map((f) => f.vulnerability.id))).toEqual(['DSA-3000-1']);
    const sources = sourcesLoaded(argv);
    expect(sources).toContain('core/src/scan/osv/store.ts');
    for (const heavy of [
      'contracts/src/usecases/scan.ts',
      'contracts/src/app-spec.ts',
      'core/src/model/rules.ts',
    ])
      expect(sources).not.toContain(heavy);
    // No ignore file, VEX document or YAML lockfile to read: neither zod nor the YAML library.
    expect(sources.filter((s) => /node_modules\/(zod|yaml)\//.test(s))).toEqual([]);
    expect(sources.filter((s) => s.startsWith('core/src/scan/ingest/'))).not.toContain(
      'core/src/scan/ingest/trivy.ts',
    );

    // With an ignore file, a VEX document and a pubspec.lock, their parsers are loaded then.
    writeRootFs(root, {
      'app/pubspec.lock':
        'packages:\n  http:\n    dependency: "direct main"\n    description:\n      name: http\n      url: "https://pub.dev"\n    source: hosted\n    version: "0.13.5"\nsdks:\n  dart: ">=2.19.0 <3.0.0"\n',
    });
    const ignore = join(work, 'scan-ignore.yaml');
    writeFileSync(
      ignore,
      'apiVersion: quai.dev/v1alpha1\nkind: ScanIgnore\nrules:\n  - id: DSA-3000-1\n    package: openssl\n    justification: not reachable\n    expires: "2099-12-31"\n',
    );
    const vex = join(work, 'scan.openvex.json');
    writeFileSync(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.org/vex/1',
        author: 'security officer',
        timestamp: '2026-12-01T00:00:00Z',
        version: 1,
        statements: [{ vulnerability: { name: 'CVE-2099-0001' }, status: 'under_investigation' }],
      }),
    );
    const withFiles = [...argv, '--ignore-file', ignore, '--vex', vex];
    const r2 = run(bundle, withFiles, work);
    expect(r2.code, r2.err).toBe(0);
    const report2 = JSON.parse(r2.out) as {
      targets: {
        packages?: { name: string; version: string }[];
        findings: { suppressed?: { source?: string } }[];
      }[];
    };
    expect(report2.targets[0]?.findings[0]?.suppressed).toBeDefined();
    const sbom = JSON.parse(run(bundle, ['sbom', root, '--no-layer-cache'], work).out) as {
      components: { name: string; version: string; purl?: string }[];
    };
    expect(sbom.components.find((c) => c.purl === 'pkg:pub/http@0.13.5')).toBeDefined();
    const loaded = sourcesLoaded(withFiles);
    expect(loaded).toContain('core/src/scan/exceptions/ignore-file.ts');
    expect(loaded).toContain('core/src/scan/exceptions/openvex-parse.ts');
    expect(loaded.some((s) => s.startsWith('node_modules/zod/'))).toBe(true);
  });

  /** The catalog/<lang>/<domain>.json files of the bundle a call reads (fs.readFileSync noted by a preloaded module). */
  function catalogRun(argv: readonly string[]): Run & { readonly read: readonly string[] } {
    const log = join(work, 'catalog.log');
    const preload = join(work, 'catalog-reads.mjs');
    writeFileSync(
      preload,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const read = fs.readFileSync;
const append = fs.appendFileSync;
fs.readFileSync = function (p, ...rest) {
  const path = String(p instanceof URL ? p.pathname : p);
  if (/[\\/]dist[\\/]bundle[\\/]catalog[\\/]/.test(path)) append(${JSON.stringify(log)}, path + '\\n');
  return read.call(this, p, ...rest);
};
syncBuiltinESMExports();
`,
    );
    rmSync(log, { force: true });
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
    const r = spawnSync(process.execPath, ['--import', preload, bundle, ...argv], {
      cwd: work,
      encoding: 'utf8',
      env: { ...env, NO_COLOR: '1', QUAI_LANG: 'en' },
    });
    const read = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.slice(l.lastIndexOf('/catalog/') + 1))
      : [];
    return { code: r.status, out: r.stdout, err: r.stderr, read };
  }

  /** The languages of the catalog files read, in the order they were first read. */
  const languagesRead = (read: readonly string[]): string[] => [
    ...new Set(read.map((f) => f.split('/')[1] ?? '')),
  ];

  it.each([
    ['en', ['import', 'compose', '-f', joplin]],
    ['fr', ['--lang', 'fr', 'import', 'compose', '-f', joplin]],
    ['fr', ['--lang', 'fr', 'audit', manifests]],
    ['en', ['--help']],
    ['fr', ['--lang', 'fr', 'scan', 'image', '--help']],
  ])(
    "reads only its language's catalog files (%s) and prints the unbundled CLI's texts: %j",
    (lang, argv) => {
      const bundled = catalogRun(argv);
      expect(languagesRead(bundled.read)).toEqual([lang]);
      // Only the domains it prints: its own and the CLI's, not the whole catalog.
      expect(bundled.read).toContain(`catalog/${lang}/cli.json`);
      expect(bundled.read).not.toContain(`catalog/${lang}/console.json`);
      expect(new Set(bundled.read).size).toBe(bundled.read.length);
      const { read: _, ...printed } = bundled;
      expect(printed).toEqual(run(modules, argv, work));
      expect(printed.out + printed.err).not.toBe('');
    },
  );

  it('reads the English file as well when a French call fails: a QuaiError keeps its message in English', () => {
    const argv = ['--lang', 'fr', 'import', 'compose', '--network-policy', 'nope', '-f', joplin];
    const bundled = catalogRun(argv);
    expect(languagesRead(bundled.read)).toEqual(['fr', 'en']);
    const { read: _, ...printed } = bundled;
    expect(printed).toEqual(run(modules, argv, work));
    expect(printed.err).toContain('--network-policy attend compose ou strict');
  });

  it('reads no catalog file for --version', () => {
    const r = catalogRun(['--version']);
    expect(r.read).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('does not load the catalog as JavaScript: no per-domain message module is in the bundle', () => {
    const sources = sourcesLoaded(['--lang', 'fr', 'import', 'compose', '-f', joplin]);
    expect(sources.filter((s) => s.startsWith('contracts/src/messages/'))).toEqual([]);
    expect(sources).toContain('scripts/bundle-catalog.ts');
  });

  it('says what to do when its catalog is missing (a damaged install), and reads no other language for it', async () => {
    const dir = await catalogModule('catalog-damaged');
    rmSync(join(dir, 'catalog', 'fr'), { recursive: true });
    const bundled = (await import(join(dir, 'catalog.js'))) as typeof source;
    expect(bundled.t('en', { id: 'cli.description' })).toBe(source.t('en', { id: 'cli.description' }));
    expect(() => bundled.t('fr', { id: 'cli.description' })).toThrow(
      /cannot read its message catalog .*catalog[\\/]fr: reinstall the quai package/,
    );
  });

  it('gives every message of the catalog the same text as the JavaScript catalog, in both languages', async () => {
    const dir = await catalogModule('catalog-module');
    const bundled = (await import(join(dir, 'catalog.js'))) as typeof source;
    expect(bundled.isMessageId('cli.description')).toBe(true);
    expect(bundled.isMessageId('no.such.id')).toBe(false);
    const unknown = { id: 'no.such.id', params: { n: 1 } };
    for (const lang of ['en', 'fr'] as const) expect(bundled.t(lang, unknown)).toBe(source.t(lang, unknown));
    const nested = { id: 'cli.help.default' };
    const ids = Object.keys(source.MESSAGES);
    expect(Object.keys(bundled.MESSAGES).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const en = (source.MESSAGES as Record<string, { en: string; fr: string }>)[id]?.en ?? '';
      // Every placeholder given: numbers for plurals (0, 1, 2 differ between the languages), a nested message for the rest.
      for (const value of [0, 1, 2, nested, 'x']) {
        const params = Object.fromEntries(
          [...en.matchAll(/\{([A-Za-z_][\w.]*)/g)].map((m) => [m[1] ?? '', value]),
        );
        const message = { id, params };
        for (const lang of ['en', 'fr'] as const)
          expect(bundled.t(lang, message)).toBe(source.t(lang, message));
        expect(bundled.localize([message], 'fr')).toEqual(source.localize([message], 'fr'));
        expect(bundled.withTexts(message, 'en')).toEqual(source.withTexts(message, 'en'));
      }
      expect(bundled.textOf('fr', { id })).toBe(source.textOf('fr', { id }));
      expect(bundled.MESSAGES[id as source.MessageId]).toEqual(source.MESSAGES[id as source.MessageId]);
    }
  });

  it('has source maps that name the TypeScript sources', () => {
    const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources).toContain('../../src/main.ts');
  });
});
