import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ociLayoutFromDirs } from '../../core/test/scan-fixtures.js';
import { runQuai, type CliResult } from './run-cli.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-scan-cli-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const quai = (...argv: string[]): Promise<CliResult> =>
  runQuai(argv, { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') });

async function rootfs(withLodash: boolean): Promise<string> {
  const root = join(work, 'rootfs');
  await mkdir(join(root, 'var/lib/dpkg'), { recursive: true });
  await mkdir(join(root, 'etc'), { recursive: true });
  await writeFile(
    join(root, 'etc/os-release'),
    'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
  );
  await writeFile(
    join(root, 'var/lib/dpkg/status'),
    'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u1\n',
  );
  if (withLodash) {
    await mkdir(join(root, 'app/node_modules/lodash'), { recursive: true });
    await writeFile(
      join(root, 'app/node_modules/lodash/package.json'),
      JSON.stringify({ name: 'lodash', version: '4.17.20' }),
    );
  }
  return root;
}

async function importRecords(): Promise<void> {
  const dir = join(work, 'osv');
  await mkdir(dir);
  await writeFile(
    join(dir, 'DSA-5532-1.json'),
    JSON.stringify({
      id: 'DSA-5532-1',
      modified: '2024-01-10T10:00:00Z',
      aliases: ['CVE-2023-5363'],
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'openssl' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }],
        },
      ],
    }),
  );
  await writeFile(
    join(dir, 'GHSA-35jh-r3h4-6jhm.json'),
    JSON.stringify({
      id: 'GHSA-35jh-r3h4-6jhm',
      modified: '2024-03-01T12:00:00Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        },
      ],
    }),
  );
  expect((await quai('vulndb', 'import', dir)).code).toBe(0);
}

describe('quai scan image', () => {
  it('matches Debian binary packages under their source package, and fails at the threshold', async () => {
    await importRecords();
    const root = await rootfs(false);
    const r = await quai('scan', 'image', root);
    expect(r.code).toBe(0); // unrated counts as medium, below the default threshold (high)
    expect(r.out).toContain('Debian GNU/Linux 12 (bookworm), Debian:12): 1 packages');
    expect(r.out).toMatch(
      /unknown\s+libssl3 3\.0\.11-1~deb12u1 \(source openssl\)\s+DSA-5532-1 CVE-2023-5363\s+fixed in 3\.0\.11-1~deb12u2/,
    );

    const strict = await quai('scan', 'image', root, '--severity-threshold', 'medium');
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('[SCAN_FINDINGS]');
  });

  it('reports language packages with CVSS severities, as JSON for scripts', async () => {
    await importRecords();
    const root = await rootfs(true);
    const r = await quai('scan', 'image', root, '-o', 'json');
    expect(r.code).toBe(1);
    // Exactly one JSON document (the report model of --format json), findings say exit 1.
    const report = JSON.parse(r.out) as {
      summary: { bySeverity: Record<string, number> };
      targets: { findings: { vulnerability: { id: string } }[] }[];
    };
    expect(report.summary.bySeverity).toMatchObject({ high: 1, unknown: 1 });
    expect(report.targets[0]?.findings.map((f) => f.vulnerability.id)).toEqual([
      'GHSA-35jh-r3h4-6jhm',
      'DSA-5532-1',
    ]);
    expect(r.err).toContain('at or above high [SCAN_FINDINGS]');
  });

  it("shows inventory warnings in the reader's language, on stderr and in -o json", async () => {
    await importRecords();
    const root = await rootfs(false);
    await mkdir(join(root, 'app/node_modules/broken'), { recursive: true });
    await writeFile(join(root, 'app/node_modules/broken/package.json'), '{"name": ');
    const en = await quai('scan', 'image', root, '-o', 'json');
    expect(en.err).toMatch(/warning: \/app\/node_modules\/broken\/package\.json: not JSON \(.*\); skipped\./);
    const enReport = JSON.parse(en.out) as { targets: { warnings: unknown[] }[] };
    expect(enReport.targets[0]?.warnings).toEqual([
      expect.stringMatching(/^\/app\/node_modules\/broken\/package\.json: not JSON \(.*\); skipped\.$/),
    ]);

    const fr = await quai('--lang', 'fr', 'scan', 'image', root, '-o', 'json');
    expect(fr.err).toMatch(
      /avertissement : \/app\/node_modules\/broken\/package\.json : pas du JSON \(.*\) ; ignoré\./,
    );
    expect(fr.err).not.toMatch(/not JSON|skipped/);
    const frReport = JSON.parse(fr.out) as { targets: { warnings: unknown[] }[] };
    expect(frReport.targets[0]?.warnings).toEqual([
      expect.stringMatching(/^\/app\/node_modules\/broken\/package\.json : pas du JSON \(.*\) ; ignoré\.$/),
    ]);
    const text = await quai('--lang', 'fr', 'scan', 'image', root);
    expect(text.err).toContain('pas du JSON');
    expect(text.err).not.toContain('not JSON');
  });

  it('applies ignore rules with -o json too', async () => {
    await importRecords();
    const root = await rootfs(true);
    const rules = join(work, 'ignore.yaml');
    await writeFile(
      rules,
      'apiVersion: quai.dev/v1alpha1\nkind: ScanIgnore\nrules:\n  - id: GHSA-35jh-r3h4-6jhm\n    package: lodash\n    justification: lodash is not reachable from user input in this image\n    expires: "2099-12-31"\n    by: DSI\n',
    );
    const r = await quai('scan', 'image', root, '-o', 'json', '--ignore-file', rules);
    expect(r.code).toBe(0); // the high finding is accepted; unknown is below the default threshold
    const report = JSON.parse(r.out) as {
      summary: { suppressed: number; bySeverity: Record<string, number> };
    };
    expect(report.summary).toMatchObject({ suppressed: 1, bySeverity: { high: 0, unknown: 1 } });
  });

  it('writes a CycloneDX SBOM with the findings next to the report', async () => {
    await importRecords();
    const root = await rootfs(true);
    const out = join(work, 'image.cdx.json');
    const r = await quai('scan', 'image', root, '--sbom', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('CycloneDX SBOM with 2 vulnerabilities written to');
    const bom = JSON.parse(await readFile(out, 'utf8')) as {
      specVersion: string;
      vulnerabilities: { id: string }[];
    };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.vulnerabilities.map((v) => v.id).sort()).toEqual(['DSA-5532-1', 'GHSA-35jh-r3h4-6jhm']);
  });

  it('takes layers it has read from the layer cache, with the same report; --no-layer-cache reads them', async () => {
    await importRecords();
    const layout = join(work, 'layout');
    ociLayoutFromDirs(layout, [await rootfs(true)]);
    const first = await quai('scan', 'image', layout, '-o', 'json');
    expect([first.code, first.err]).toEqual([1, expect.stringContaining('[SCAN_FINDINGS]')]); // lodash: high
    const layers = join(work, 'cache', 'layers');
    const [recipe] = await readdir(layers);
    const cached = await readdir(join(layers, recipe!));
    expect(cached).toHaveLength(1);
    const report = (r: CliResult): unknown => {
      const doc = JSON.parse(r.out) as Record<string, unknown>;
      delete doc['generatedAt'];
      return doc;
    };
    expect(JSON.stringify(report(first))).toContain('DSA-5532-1');
    // The layer blob is damaged: the cache still answers for its digest; without it, the damage shows.
    const blob = join(layout, 'blobs', 'sha256', cached[0]!.replace(/^sha256-/, ''));
    await writeFile(blob, 'not a layer');
    const again = await quai('scan', 'image', layout, '-o', 'json');
    expect(again.code).toBe(1);
    expect(report(again)).toEqual(report(first));
    const uncached = await quai('scan', 'image', layout, '--no-layer-cache');
    expect(uncached.err).toContain('[IMAGE_TRUNCATED]');
    expect([0, 1]).not.toContain(uncached.code);
  });

  it('says to import data first when the store is empty, and refuses a missing path as a usage error', async () => {
    const root = await rootfs(false);
    const empty = await quai('scan', 'image', root);
    expect(empty.code).toBe(6);
    expect(empty.err).toContain('quai vulndb import');
    const missing = await quai('scan', 'image', join(work, 'nope'));
    expect(missing.code).toBe(2);
  });
});

describe('quai sbom', () => {
  it('prints a CycloneDX SBOM of a root filesystem without any vulnerability data', async () => {
    const root = await rootfs(true);
    const r = await quai('sbom', root);
    expect(r.code).toBe(0);
    const bom = JSON.parse(r.out) as { bomFormat: string; components: { name: string; purl?: string }[] };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components.map((c) => c.purl ?? c.name)).toEqual([
      'debian',
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12',
      'pkg:npm/lodash@4.17.20',
    ]);
    const file = join(work, 'out.cdx.json');
    expect((await quai('sbom', root, '--out', file)).code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ specVersion: '1.6' });
  });
});
