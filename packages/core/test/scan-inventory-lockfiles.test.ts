import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { scan } from '@quai/core';
import { makeZip, ociLayoutFromDirs } from './scan-fixtures.js';

/*
 * Inventories from the lock files and package databases of RubyGems, Packagist, NuGet, Pub, CRAN,
 * Bioconductor and Hackage, read from real public files (fixtures/scan-lockfiles/README.md names
 * each source and licence), placed where images keep them.
 */

const { inventory, osv } = scan;
const fixtures = join(import.meta.dirname, 'fixtures', 'scan-lockfiles');
const work = mkdtempSync(join(tmpdir(), 'quai-lockfiles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SAFE_CONF = 'safe-0.3.21-bf7883b24e2927b8c2c172a7483f6c3e88459b69f9bf915968d889e82f47f177.conf';

/** A root filesystem with each fixture at a path an application image would use. */
function rootfs(): string {
  const root = join(work, 'rootfs');
  const put = (file: string, to: string): void => {
    mkdirSync(join(root, to, '..'), { recursive: true });
    cpSync(join(fixtures, file), join(root, to));
  };
  put('Gemfile.lock', 'srv/redmine/Gemfile.lock');
  put('composer.lock', 'var/www/pastell/composer.lock');
  put('vendor/composer/installed.json', 'var/www/pastell/vendor/composer/installed.json');
  put('ExampleApp1.deps.json', 'app/ExampleApp1.deps.json');
  put('packages.lock.json', 'src/Api/packages.lock.json');
  put('pubspec.lock', 'app/pubspec.lock');
  put('renv.lock', 'home/rstudio/project/renv.lock');
  put('cabal.project.freeze', 'build/cabal.project.freeze');
  put(SAFE_CONF, `root/.cabal/store/ghc-9.6.6/package.db/${SAFE_CONF}`);
  return root;
}

const EXPECTED = [
  // Gemfile.lock: every spec
  ['RubyGems', 'coderay', '1.1.2', 'pkg:gem/coderay@1.1.2'],
  ['RubyGems', 'concurrent-ruby', '1.1.5', 'pkg:gem/concurrent-ruby@1.1.5'],
  ['RubyGems', 'dotenv', '2.7.2', 'pkg:gem/dotenv@2.7.2'],
  ['RubyGems', 'faker', '1.9.3', 'pkg:gem/faker@1.9.3'],
  ['RubyGems', 'i18n', '1.6.0', 'pkg:gem/i18n@1.6.0'],
  ['RubyGems', 'method_source', '0.9.2', 'pkg:gem/method_source@0.9.2'],
  ['RubyGems', 'pry', '0.12.2', 'pkg:gem/pry@0.12.2'],
  // composer.lock (production packages) and installed.json (what is on disk)
  ['Packagist', 'guzzlehttp/guzzle', '6.5.8', 'pkg:composer/guzzlehttp/guzzle@6.5.8'],
  ['Packagist', 'guzzlehttp/promises', '1.5.2', 'pkg:composer/guzzlehttp/promises@1.5.2'],
  ['Packagist', 'guzzlehttp/psr7', '1.9.0', 'pkg:composer/guzzlehttp/psr7@1.9.0'],
  ['Packagist', 'pear/log', '1.13.3', 'pkg:composer/pear/log@1.13.3'],
  ['Packagist', 'pear/pear_exception', 'v1.0.2', 'pkg:composer/pear/pear_exception@v1.0.2'],
  ['Packagist', 'psr/http-message', '1.0.1', 'pkg:composer/psr/http-message@1.0.1'],
  ['Packagist', 'ralouphie/getallheaders', '3.0.3', 'pkg:composer/ralouphie/getallheaders@3.0.3'],
  ['Packagist', 'symfony/polyfill-intl-idn', 'v1.27.0', 'pkg:composer/symfony/polyfill-intl-idn@v1.27.0'],
  [
    'Packagist',
    'symfony/polyfill-intl-normalizer',
    'v1.27.0',
    'pkg:composer/symfony/polyfill-intl-normalizer@v1.27.0',
  ],
  ['Packagist', 'symfony/polyfill-php72', 'v1.27.0', 'pkg:composer/symfony/polyfill-php72@v1.27.0'],
  // deps.json and packages.lock.json
  [
    'NuGet',
    'Microsoft.Extensions.ApiDescription.Server',
    '3.0.0',
    'pkg:nuget/Microsoft.Extensions.ApiDescription.Server@3.0.0',
  ],
  ['NuGet', 'Microsoft.OpenApi', '1.1.4', 'pkg:nuget/Microsoft.OpenApi@1.1.4'],
  ['NuGet', 'Newtonsoft.Json', '12.0.3', 'pkg:nuget/Newtonsoft.Json@12.0.3'],
  ['NuGet', 'Newtonsoft.Json', '13.0.1', 'pkg:nuget/Newtonsoft.Json@13.0.1'],
  ['NuGet', 'NuGet.Frameworks', '5.7.0', 'pkg:nuget/NuGet.Frameworks@5.7.0'],
  ['NuGet', 'Swashbuckle.AspNetCore', '5.5.1', 'pkg:nuget/Swashbuckle.AspNetCore@5.5.1'],
  ['NuGet', 'Swashbuckle.AspNetCore.Swagger', '5.5.1', 'pkg:nuget/Swashbuckle.AspNetCore.Swagger@5.5.1'],
  [
    'NuGet',
    'Swashbuckle.AspNetCore.SwaggerGen',
    '5.5.1',
    'pkg:nuget/Swashbuckle.AspNetCore.SwaggerGen@5.5.1',
  ],
  ['NuGet', 'Swashbuckle.AspNetCore.SwaggerUI', '5.5.1', 'pkg:nuget/Swashbuckle.AspNetCore.SwaggerUI@5.5.1'],
  // pubspec.lock: hosted packages (flutter_test comes with the SDK)
  ['Pub', 'crypto', '3.0.2', 'pkg:pub/crypto@3.0.2'],
  ['Pub', 'uuid', '3.0.6', 'pkg:pub/uuid@3.0.6'],
  // renv.lock: Bioconductor packages (renv itself is a local install)
  ['Bioconductor', 'BiocGenerics', '0.38.0', 'pkg:cran/BiocGenerics@0.38.0'],
  ['Bioconductor', 'limma', '3.50.0', 'pkg:cran/limma@3.50.0'],
  // cabal.project.freeze and the cabal store's package database
  ['Hackage', 'AC-Angle', '1.0', 'pkg:hackage/AC-Angle@1.0'],
  ['Hackage', 'ANum', '0.2.0.2', 'pkg:hackage/ANum@0.2.0.2'],
  ['Hackage', 'Agda', '2.6.4.3', 'pkg:hackage/Agda@2.6.4.3'],
  ['Hackage', 'Allure', '0.11.0.0', 'pkg:hackage/Allure@0.11.0.0'],
  ['Hackage', 'foo', '2.4.0.3', 'pkg:hackage/foo@2.4.0.3'],
  ['Hackage', 'safe', '0.3.21', 'pkg:hackage/safe@0.3.21'],
];

const rows = (inv: scan.inventory.Inventory): string[][] =>
  inv.packages
    .map((p) => [p.ecosystem, p.name, p.version, p.purl])
    .sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));

describe('lock files and package databases of seven more ecosystems', () => {
  it('finds every package of the real files in a root filesystem, with its ecosystem and package URL', async () => {
    const inv = await inventory.inventoryFromRootFs(rootfs());
    expect(rows(inv)).toEqual([...EXPECTED].sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1)));
    expect(inv.warnings).toEqual([]);
    // A package named by the lock file and installed on disk is one package, found in both files.
    const log = inv.packages.find((p) => p.name === 'pear/log');
    expect(log?.locations).toEqual(['/var/www/pastell/vendor/composer/installed.json']);
  });

  it('reads the same packages from an OCI image layout', async () => {
    const layout = join(work, 'layout');
    ociLayoutFromDirs(layout, [rootfs()]);
    const inv = await inventory.inventoryFromOciLayout(layout);
    expect(rows(inv)).toHaveLength(EXPECTED.length);
  });

  it('reports a damaged lock file by name and keeps the rest', async () => {
    const root = join(work, 'damaged');
    mkdirSync(join(root, 'app'), { recursive: true });
    writeFileSync(join(root, 'app', 'composer.lock'), '{"packages": [');
    cpSync(join(fixtures, 'Gemfile.lock'), join(root, 'app', 'Gemfile.lock'));
    const inv = await inventory.inventoryFromRootFs(root);
    expect(inv.packages.filter((p) => p.ecosystem === 'RubyGems')).toHaveLength(7);
    expect(inv.warnings.map((w) => textOf('en', w))).toEqual([
      expect.stringMatching(/^\/app\/composer\.lock: not JSON/),
    ]);
  });

  it('matches them against OSV records with each ecosystem ordering', async () => {
    const db = join(work, 'vulndb');
    const record = (id: string, ecosystem: string, name: string, fixed: string): unknown => ({
      id,
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem, name },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
        },
      ],
    });
    const zip = join(work, 'records.zip');
    writeFileSync(
      zip,
      makeZip(
        [
          record('GHSA-gem-1', 'RubyGems', 'i18n', '1.6.0.1'), // 1.6.0 < 1.6.0.1
          record('GHSA-php-1', 'Packagist', 'guzzlehttp/psr7', '1.9.1'),
          record('GHSA-php-2', 'Packagist', 'symfony/polyfill-php72', 'v1.26.0'), // v1.27.0 is fixed
          record('GHSA-net-1', 'NuGet', 'newtonsoft.json', '13.0.1'), // case-insensitive names
          record('GHSA-pub-1', 'Pub', 'crypto', '3.0.3'),
          record('RSEC-2024-1', 'Bioconductor', 'limma', '3.50.1'),
          record('HSEC-2024-1', 'Hackage', 'safe', '0.3.22'),
        ].map((r) => ({ name: `${(r as { id: string }).id}.json`, data: Buffer.from(JSON.stringify(r)) })),
      ),
    );
    const r = await osv.importOsv({ dir: db, sources: [zip] });
    expect(r.rejected).toEqual([]);
    const report = await scan.scanInventory(
      await osv.VulnDb.open(db),
      await inventory.inventoryFromRootFs(rootfs()),
    );
    expect(
      report.findings.map((f) => `${f.vulnerability.id} ${f.package.name}@${f.package.version}`).sort(),
    ).toEqual([
      'GHSA-gem-1 i18n@1.6.0',
      'GHSA-net-1 Newtonsoft.Json@12.0.3',
      'GHSA-php-1 guzzlehttp/psr7@1.9.0',
      'GHSA-pub-1 crypto@3.0.2',
      'HSEC-2024-1 safe@0.3.21',
      'RSEC-2024-1 limma@3.50.0',
    ]);
    expect(report.warnings).toEqual([]);
    expect(readFileSync(join(fixtures, 'README.md'), 'utf8')).toContain('Apache-2.0');
  });
});
