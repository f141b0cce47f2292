import { describe, expect, it } from 'vitest';
import { failed, forbiddenBy, loading, show } from './render.js';
import type { HistoryEntry, Res } from '../src/api.js';
import { appScanOf, AppScanSection, SHEET_TOP } from '../src/pages/AppSheetImages.js';
import type { ImagesData } from '../src/pages/SecurityImages.js';

// The app sheet's part of the last scan of the cluster's images (`scan.cluster` kept in the
// server's history): only the images the app's own workloads ran, their counts by severity and
// with a fix, the most urgent vulnerabilities first, when and by whom, the link to the Security
// page; loading, empty, not covered, error and forbidden; fr and en.

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');
const rows = (el: HTMLElement): string[] =>
  [...el.querySelectorAll('[data-testid="sheet-scan-top"] > tbody > tr')].map((r) => text(r));

type Scan = Res<'scan.cluster'>;
type Image = Scan['images'][number];

const counts = (c: number, h: number, m: number, l: number) => ({
  critical: c,
  high: h,
  medium: m,
  low: l,
  none: 0,
  unknown: 0,
});

const workload = (namespace: string, kind: string, name: string) => ({
  namespace,
  kind,
  name,
  container: name,
  containerType: 'container' as const,
});

const vuln = (
  id: string,
  severity: 'critical' | 'high' | 'medium' | 'low',
  fixed?: string,
  score?: number,
) => ({
  id,
  package: `pkg-${id}`,
  ecosystem: 'Debian:12',
  installed: '1.0',
  severity,
  ...(fixed === undefined ? {} : { fixed }),
  ...(score === undefined ? {} : { score }),
});

const image = (name: string, workloads: Image['workloads'], extra: Partial<Image> = {}): Image => ({
  reference: `registry.lan/${name}@sha256:${name.length}`,
  images: [`registry.lan/${name}:1`],
  platform: 'linux/amd64',
  pods: 1,
  workloads,
  workloadCount: workloads.length,
  ...extra,
});

const web = image('annuaire/web', [workload('annuaire', 'Deployment', 'web')], {
  packages: 300,
  bySeverity: counts(1, 2, 1, 0),
  fixable: counts(1, 1, 0, 0),
  total: 4,
  top: [
    vuln('CVE-2024-0003', 'medium', '1.2'),
    vuln('CVE-2024-0001', 'high', undefined, 8.1),
    vuln('CVE-2024-0002', 'critical', '2.0', 9.8),
    vuln('CVE-2024-0004', 'high', '1.1', 7.5),
  ],
});
const db = image('annuaire/db', [workload('annuaire', 'StatefulSet', 'db')], {
  bySeverity: counts(0, 0, 0, 1),
  fixable: counts(0, 0, 0, 0),
  total: 1,
  top: [vuln('CVE-2023-9999', 'low')],
});
// The same image name in another app's namespace, and another app's workload in this namespace.
const other = image('other/web', [workload('autre', 'Deployment', 'web')], {
  bySeverity: counts(5, 0, 0, 0),
  fixable: counts(5, 0, 0, 0),
  total: 5,
  top: [vuln('CVE-2020-0001', 'critical', '3.0')],
});
const neighbour = image('annuaire/cron', [workload('annuaire', 'CronJob', 'export-autre')], {
  bySeverity: counts(0, 3, 0, 0),
  fixable: counts(0, 3, 0, 0),
  total: 3,
  top: [vuln('CVE-2021-0001', 'high', '1.0')],
});

const entry: HistoryEntry = {
  id: 'h1',
  at: '2026-03-05T14:01:00Z',
  kind: 'scan.cluster',
  actor: 'alice@example.fr',
  outcome: 'findings',
};

function data(result: Partial<Scan> = {}): ImagesData {
  const scan: Scan = {
    scannedAt: '2026-03-05T14:00:00Z',
    scope: 'cluster',
    namespaces: [],
    pods: 4,
    containers: 4,
    database: { updatedAt: '2026-03-05T03:00:00Z', records: 1000 },
    top: 20,
    summary: {
      images: 4,
      failed: 0,
      vulnerabilities: 13,
      bySeverity: counts(6, 5, 1, 1),
      fixable: counts(6, 4, 0, 0),
    },
    images: [web, db, other, neighbour],
    ...result,
  };
  return { latest: { entry, result: scan } };
}

// As the app's page names its objects: its components (`Kind/name`) and its resources (`Kind ns/name`).
const WORKLOADS = [
  'Deployment/web',
  'StatefulSet annuaire/db',
  'Service annuaire/web',
  'PersistentVolumeClaim annuaire/data',
];

describe('the app sheet: its images in the last scan of the cluster', () => {
  it('keeps only the images of its own workloads in its namespace, most urgent first', () => {
    const s = appScanOf(data(), 'annuaire', WORKLOADS);
    expect(s.kind).toBe('images');
    if (s.kind !== 'images') return;
    expect(s.images.map((i) => i.images[0])).toEqual([
      'registry.lan/annuaire/web:1',
      'registry.lan/annuaire/db:1',
    ]);
    expect(s.bySeverity).toEqual({ ...counts(1, 2, 1, 1) });
    expect(s.total).toBe(5);
    expect(s.fixable.critical + s.fixable.high).toBe(2);
    // With a fix first (by severity, then score), then those without.
    expect(s.top.map((v) => v.id)).toEqual([
      'CVE-2024-0002',
      'CVE-2024-0004',
      'CVE-2024-0003',
      'CVE-2024-0001',
      'CVE-2023-9999',
    ]);
    expect(s.top[0]!.image).toBe('registry.lan/annuaire/web:1');
  });

  it(`lists at most ${SHEET_TOP} vulnerabilities, the counts count them all`, () => {
    const many = image('annuaire/web', [workload('annuaire', 'Deployment', 'web')], {
      bySeverity: counts(0, 30, 0, 0),
      fixable: counts(0, 30, 0, 0),
      total: 30,
      top: Array.from({ length: 20 }, (_, i) => vuln(`CVE-2024-${1000 + i}`, 'high', '2')),
    });
    const s = appScanOf(data({ images: [many] }), 'annuaire', WORKLOADS);
    if (s.kind !== 'images') throw new Error(s.kind);
    expect(s.top).toHaveLength(SHEET_TOP);
    expect(s.total).toBe(30);
    const el = show(
      <AppScanSection
        load={{ state: 'ok', data: data({ images: [many] }) }}
        namespace="annuaire"
        workloads={WORKLOADS}
      />,
      'en',
    );
    expect(text(el.querySelector('caption'))).toBe(
      'The 10 most urgent of 30 (with a fix first, then by severity)',
    );
  });

  it('shows the figures, the date, who scanned, the vulnerabilities and the link to the Security page (fr)', () => {
    const el = show(
      <AppScanSection load={{ state: 'ok', data: data() }} namespace="annuaire" workloads={WORKLOADS} />,
    );
    expect(text(el.querySelector('h3'))).toBe('Dans la dernière analyse des images du cluster');
    expect(text(el.querySelector('[data-testid="sheet-scan-latest"]'))).toMatch(
      /^Analyse du 05\/03\/2026 \d\d:00:00 par alice@example\.fr\. 2 images : registry\.lan\/annuaire\/web:1, registry\.lan\/annuaire\/db:1\. Base de vulnérabilités du 05\/03\/2026 \d\d:00:00\.$/,
    );
    expect(text(el.querySelector('[data-testid="sheet-scan-figures"]'))).toBe(
      'Vulnérabilités5Avec correctif2Critique1Élevée2Moyenne1Faible1',
    );
    expect(rows(el)[0]).toBe('CritiqueCVE-2024-0002pkg-CVE-2024-00021.02.0registry.lan/annuaire/web:1');
    // Every vulnerability is listed: the caption says so.
    expect(text(el.querySelector('caption'))).toBe(
      'Ses 5 vulnérabilités (avec correctif d’abord, puis par gravité)',
    );
    expect(rows(el)[3]).toBe(
      'ÉlevéeCVE-2024-0001pkg-CVE-2024-00011.0pas encore de correctifregistry.lan/annuaire/web:1',
    );
    expect(el.textContent).not.toContain('other/web');
    expect(el.textContent).not.toContain('CVE-2021-0001');
    const link = el.querySelector<HTMLAnchorElement>('[data-testid="sheet-scan-link"]')!;
    expect(link.getAttribute('href')).toBe('#/security/images');
    expect(text(link)).toBe('Toutes les images et leurs vulnérabilités, dans la page Sécurité');
  });

  it('shows the same in English', () => {
    const el = show(
      <AppScanSection load={{ state: 'ok', data: data() }} namespace="annuaire" workloads={WORKLOADS} />,
      'en',
    );
    expect(text(el.querySelector('h3'))).toBe('In the last scan of the cluster’s images');
    expect(text(el.querySelector('[data-testid="sheet-scan-latest"]'))).toMatch(
      /^Scan of .+ by alice@example\.fr\. 2 images: registry\.lan\/annuaire\/web:1, registry\.lan\/annuaire\/db:1\. Vulnerability database of .+\.$/,
    );
    expect(text(el.querySelector('[data-testid="sheet-scan-figures"]'))).toBe(
      'Vulnerabilities5With a fix2Critical1High2Medium1Low1',
    );
    expect(rows(el)[3]).toContain('no fix yet');
    expect(text(el.querySelector('[data-testid="sheet-scan-link"]'))).toBe(
      'Every image and its vulnerabilities, on the Security page',
    );
  });

  it('says when no scan is kept, when the scan did not read the namespace, and when none of its workloads ran', () => {
    const none = show(
      <AppScanSection load={{ state: 'ok', data: {} }} namespace="annuaire" workloads={WORKLOADS} />,
    );
    expect(text(none.querySelector('.empty'))).toBe(
      'Aucune analyse des images du cluster n’est encore conservée : analysez-les dans la page Sécurité.',
    );
    expect(none.querySelector('[data-testid="sheet-scan-link"]')).not.toBeNull();
    const some = show(
      <AppScanSection
        load={{ state: 'ok', data: data({ scope: 'namespaces', namespaces: ['autre'] }) }}
        namespace="annuaire"
        workloads={WORKLOADS}
      />,
      'en',
    );
    expect(text(some.querySelector('.empty'))).toMatch(
      /^Scan of .+ by alice@example\.fr\. It did not read this namespace \(made by someone who may not list its pods\)\.$/,
    );
    const idle = show(
      <AppScanSection
        load={{ state: 'ok', data: data() }}
        namespace="annuaire"
        workloads={['Deployment/api']}
      />,
    );
    expect(text(idle.querySelector('.empty'))).toMatch(
      /Aucune charge de travail de cette application ne tournait alors\.$/,
    );
    expect(idle.querySelector('[data-testid="sheet-scan-top"]')).toBeNull();
  });

  it('says an image without a known vulnerability is clean', () => {
    const clean = image('annuaire/web', [workload('annuaire', 'Deployment', 'web')], {
      bySeverity: counts(0, 0, 0, 0),
      fixable: counts(0, 0, 0, 0),
      total: 0,
      top: [],
    });
    const el = show(
      <AppScanSection
        load={{ state: 'ok', data: data({ images: [clean] }) }}
        namespace="annuaire"
        workloads={WORKLOADS}
      />,
    );
    expect(el.textContent).toContain('Aucune vulnérabilité connue');
    expect(el.querySelector('[data-testid="sheet-scan-top"]')).toBeNull();
  });

  it('loading, refused and the cluster away', () => {
    const props = { namespace: 'annuaire', workloads: WORKLOADS };
    expect(text(show(<AppScanSection load={loading} {...props} />).querySelector('[role="status"]'))).toBe(
      'Chargement…',
    );
    expect(
      show(<AppScanSection load={forbiddenBy('history: forbidden')} {...props} />).textContent,
    ).toContain("Vous n'avez pas les droits");
    expect(show(<AppScanSection load={failed} {...props} />, 'en').textContent).toContain(
      'Is the cluster up?',
    );
  });
});
