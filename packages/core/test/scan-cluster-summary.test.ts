import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg, SCAN_WORKLOADS_MAX, t } from '@quai/contracts';
import {
  compactClusterScan,
  osv,
  scanInventory,
  type ClusterImageResult,
  type ClusterScanReport,
} from '../src/scan/index.js';
import type { InventoryPackage } from '../src/scan/inventory/index.js';

/*
 * The compact form of a cluster scan kept in the server's history (scan.cluster): real OSV records
 * (the lodash advisories of GitHub's database; Debian's record of an unfixed zlib issue) matched by
 * the real store, then compacted: counts by severity and
 * fixable, the top vulnerabilities fixable first, totals kept when the list is cut.
 */

/** Four real advisories (test/integration/fixtures/osv/README.md says where from). */
const RECORDS = new URL('../../../test/integration/fixtures/osv/', import.meta.url).pathname;

let work: string;
let db: osv.VulnDb;

const npm = (version: string): InventoryPackage => ({
  kind: 'npm',
  ecosystem: 'npm',
  name: 'lodash',
  version,
  purl: `pkg:npm/lodash@${version}`,
  locations: ['app/node_modules/lodash/package.json'],
});
const zlib: InventoryPackage = {
  kind: 'deb',
  ecosystem: 'Debian:12',
  name: 'zlib1g',
  version: '1:1.2.13.dfsg-1',
  sourceName: 'zlib',
  sourceVersion: '1:1.2.13.dfsg-1',
  purl: 'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12',
  locations: ['var/lib/dpkg/status'],
};

const workload = (ns: string, name: string) =>
  ({ namespace: ns, kind: 'Deployment', name, container: 'main', containerType: 'container' }) as const;

async function image(
  reference: string,
  packages: InventoryPackage[],
  workloads = [workload('annuaire', reference)],
): Promise<ClusterImageResult> {
  const report = await scanInventory(db, {
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
    packages,
    warnings: [],
  });
  return {
    reference: `registry.lan/${reference}@sha256:${'a'.repeat(64)}`,
    digest: `sha256:${'a'.repeat(64)}`,
    images: [`registry.lan/${reference}:1`],
    workloads,
    pods: workloads.length,
    platform: 'linux/amd64',
    report,
  };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-compact-'));
  const sources = (await readdir(RECORDS)).filter((f) => f.endsWith('.json')).map((f) => join(RECORDS, f));
  await osv.importOsv({ dir: join(work, 'db'), sources });
  db = await osv.VulnDb.open(join(work, 'db'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the compact result of a cluster scan', () => {
  it('counts by severity and fixable, lists the fixable first, and sorts the images by risk', async () => {
    const web = await image('web', [npm('4.17.20'), zlib]);
    const old = await image('old', [npm('4.17.11')]);
    const ghost: ClusterImageResult = {
      reference: 'registry.lan/ghost:1',
      images: ['registry.lan/ghost:1'],
      workloads: [workload('annuaire', 'ghost')],
      pods: 1,
      platform: 'linux/amd64',
      error: {
        code: 'IMAGE_NOT_FOUND',
        message: 'not found',
        i18n: {
          message: msg('scan.registry.notFound', { what: 'ghost:1', registry: 'registry.lan' }),
          hint: msg('scan.registry.notFoundHint'),
        },
      },
    };
    const report: ClusterScanReport = {
      pods: 4,
      containers: 4,
      images: [ghost, web, old],
      summary: { critical: 1, high: 2, medium: 2, low: 0, none: 0, unknown: 1 },
      failed: 1,
    };
    const r = compactClusterScan(report, {
      top: 2,
      scannedAt: '2026-12-06T09:00:00.000Z',
      scope: 'namespace',
      namespaces: ['annuaire'],
    });
    expect(r.summary).toEqual({
      images: 3,
      failed: 1,
      vulnerabilities: 6,
      bySeverity: { critical: 1, high: 2, medium: 2, low: 0, none: 0, unknown: 1 },
      fixable: { critical: 1, high: 2, medium: 2, low: 0, none: 0, unknown: 0 },
    });
    // The most severe image first; the one that could not be read last.
    expect(r.images.map((i) => i.images[0])).toEqual([
      'registry.lan/old:1',
      'registry.lan/web:1',
      'registry.lan/ghost:1',
    ]);
    const w = r.images[1]!;
    expect(w).toMatchObject({
      os: 'Debian GNU/Linux 12 (bookworm)',
      packages: 2,
      total: 3,
      bySeverity: { high: 1, medium: 1, unknown: 1 },
      fixable: { high: 1, medium: 1, unknown: 0 },
    });
    // Two listed of three: those with a fix first, by severity; the unfixed zlib issue is counted.
    expect(w.top).toEqual([
      {
        id: 'GHSA-35jh-r3h4-6jhm',
        alias: 'CVE-2021-23337',
        package: 'lodash',
        ecosystem: 'npm',
        installed: '4.17.20',
        fixed: '4.17.21',
        severity: 'high',
        score: 7.2,
        summary: 'Command Injection in lodash',
      },
      expect.objectContaining({ id: 'GHSA-29mw-wpgm-hmr9', severity: 'medium', fixed: '4.17.21' }),
    ]);
    const all = compactClusterScan(report, { top: 10, scannedAt: '', scope: 'cluster', namespaces: [] });
    const zlibIssue = all.images[1]!.top!.at(-1)!;
    expect(zlibIssue).toMatchObject({ id: 'DEBIAN-CVE-2023-45853', package: 'zlib1g', severity: 'unknown' });
    expect(zlibIssue.fixed).toBeUndefined();
    // Summaries are cut at 200 characters.
    expect(zlibIssue.summary!.length).toBeLessThanOrEqual(200);
    expect(all.target).toBeUndefined();
    expect(r.target).toEqual({ namespace: 'annuaire' });
    // The image that could not be read says why, in both languages, from the catalog.
    const e = r.images[2]!.error!;
    expect(e.code).toBe('IMAGE_NOT_FOUND');
    expect(t('fr', e.message)).toContain('registry.lan');
    expect(t('fr', e.message)).not.toBe(t('en', e.message));
    expect(e.hint).toEqual(msg('scan.registry.notFoundHint'));
  });

  it('stays small for a big image: the counts cover every vulnerability, the list stops at top', async () => {
    // 3,000 packages each with the three lodash advisories: 9,000 findings.
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...npm('4.17.11'),
      name: `lodash-copy-${i}`,
      purl: `pkg:npm/lodash-copy-${i}@4.17.11`,
    }));
    const base = await image('old', [npm('4.17.11')]);
    const findings = many.flatMap((p) => base.report!.findings.map((f) => ({ ...f, package: p })));
    const workloads = Array.from({ length: 80 }, (_, i) => workload(`team-${i}`, 'api'));
    const big: ClusterImageResult = {
      ...base,
      workloads,
      report: {
        ...base.report!,
        packages: 3000,
        findings,
        summary: { critical: 3000, high: 3000, medium: 3000, low: 0, none: 0, unknown: 0 },
      },
    };
    const r = compactClusterScan(
      { pods: 80, containers: 80, images: [big], summary: big.report!.summary, failed: 0 },
      { top: 20, scannedAt: '2026-12-06T09:00:00.000Z', scope: 'cluster', namespaces: [] },
    );
    const img = r.images[0]!;
    expect(img.total).toBe(9000);
    expect(img.bySeverity).toMatchObject({ critical: 3000, high: 3000, medium: 3000 });
    expect(img.top).toHaveLength(20);
    expect(img.top!.every((v) => v.severity === 'critical')).toBe(true);
    expect(img.workloads).toHaveLength(SCAN_WORKLOADS_MAX);
    expect(img.workloadCount).toBe(80);
    const bytes = Buffer.byteLength(JSON.stringify(r));
    expect(bytes).toBeLessThan(16 * 1024);
    expect(Buffer.byteLength(JSON.stringify(findings))).toBeGreaterThan(100 * bytes);
  });
});
