import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { msg } from '@quai/contracts/catalog';
import { failed, forbiddenBy, loading, show } from './render.js';
import { ApiError, type HistoryEntry, type Res } from '../src/api.js';
import type { Action } from '../src/action.js';
import { ImagesReport, ImagesView, type ImagesData } from '../src/pages/SecurityImages.js';

// The images section of the Security page: the last kept scan of the images (scan.cluster) with
// its figures, its chart and table, each image's workloads and top vulnerabilities with the fixed
// version; loading, empty, error and forbidden; the scan button only for who may scan; fr and en.

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');
const rows = (el: HTMLElement, testId: string): string[] =>
  [...el.querySelectorAll(`[data-testid="${testId}"] > tbody > tr`)].map((r) => text(r));
const imageRows = (el: HTMLElement): string[] =>
  [...el.querySelectorAll('[data-testid="image-row"]')].map((r) => text(r));

const counts = (c: number, h: number, m: number, l: number, u = 0) => ({
  critical: c,
  high: h,
  medium: m,
  low: l,
  none: 0,
  unknown: u,
});

const scan: Res<'scan.cluster'> = {
  scannedAt: '2026-03-05T14:00:00Z',
  scope: 'cluster',
  namespaces: [],
  pods: 7,
  containers: 8,
  database: { updatedAt: '2026-03-05T03:00:00Z', records: 48_211 },
  top: 20,
  summary: {
    images: 3,
    failed: 1,
    vulnerabilities: 4,
    bySeverity: counts(1, 1, 1, 0, 1),
    fixable: counts(1, 1, 0, 0),
  },
  images: [
    {
      reference: 'registry.lan/annuaire/web@sha256:aaaa',
      digest: 'sha256:aaaa',
      images: ['registry.lan/annuaire/web:2.3'],
      platform: 'linux/amd64',
      pods: 2,
      workloads: [
        {
          namespace: 'annuaire',
          kind: 'Deployment',
          name: 'web',
          container: 'web',
          containerType: 'container',
        },
        {
          namespace: 'annuaire',
          kind: 'CronJob',
          name: 'purge',
          container: 'web',
          containerType: 'container',
        },
      ],
      workloadCount: 62,
      os: 'Debian GNU/Linux 12 (bookworm)',
      packages: 1234,
      bySeverity: counts(1, 1, 1, 0, 1),
      fixable: counts(1, 1, 0, 0),
      total: 4,
      top: [
        {
          id: 'GHSA-jf85-cpcp-j695',
          alias: 'CVE-2019-10744',
          package: 'lodash',
          ecosystem: 'npm',
          installed: '4.17.11',
          fixed: '4.17.12',
          severity: 'critical',
          score: 9.1,
          summary: 'Prototype Pollution in lodash',
        },
        {
          id: 'GHSA-35jh-r3h4-6jhm',
          alias: 'CVE-2021-23337',
          package: 'lodash',
          ecosystem: 'npm',
          installed: '4.17.11',
          fixed: '4.17.21',
          severity: 'high',
        },
        {
          id: 'DEBIAN-CVE-2023-45853',
          package: 'zlib1g',
          ecosystem: 'Debian:12',
          installed: '1:1.2.13.dfsg-1',
          severity: 'unknown',
        },
      ],
    },
    {
      reference: 'registry.lan/annuaire/worker@sha256:bbbb',
      images: ['registry.lan/annuaire/worker:1'],
      platform: 'linux/amd64',
      pods: 1,
      workloads: [
        {
          namespace: 'annuaire',
          kind: 'Deployment',
          name: 'worker',
          container: 'w',
          containerType: 'container',
        },
      ],
      workloadCount: 1,
      packages: 80,
      bySeverity: counts(0, 0, 0, 0),
      fixable: counts(0, 0, 0, 0),
      total: 0,
      top: [],
    },
    {
      reference: 'registry.lan/annuaire/ghost:1',
      images: ['registry.lan/annuaire/ghost:1'],
      platform: 'linux/amd64',
      pods: 1,
      workloads: [
        {
          namespace: 'annuaire',
          kind: 'Deployment',
          name: 'ghost',
          container: 'g',
          containerType: 'container',
        },
      ],
      workloadCount: 1,
      error: {
        code: 'IMAGE_NOT_FOUND',
        message: msg('scan.registry.notFound', { what: 'annuaire/ghost:1', registry: 'registry.lan' }),
        hint: msg('scan.registry.notFoundHint'),
      },
    },
  ],
};

const entry: HistoryEntry = {
  id: 'h1',
  at: '2026-03-05T14:00:05Z',
  kind: 'scan.cluster',
  actor: 'marie',
  outcome: 'findings',
};
const data: ImagesData = { latest: { entry, result: scan } };
const idle: Action = {
  busy: false,
  steps: [],
  error: undefined,
  run: () => Promise.resolve(),
  clear: () => undefined,
};

describe('the images section of the Security page', () => {
  it('has loading, forbidden and error states', () => {
    expect(text(show(<ImagesView load={loading} canScan={false} />))).toContain('Chargement…');
    const refused = show(
      <ImagesView
        load={forbiddenBy('pods is forbidden: User "console-viewer" cannot list pods')}
        canScan={false}
      />,
    );
    expect(text(refused)).toContain("Demandez l'accès");
    expect(text(show(<ImagesView load={failed} canScan={false} />))).toContain(
      'Le serveur a répondu par une erreur.',
    );
  });

  it('says no scan is kept yet', () => {
    const el = show(<ImagesView load={{ state: 'ok', data: {} }} canScan={false} />);
    expect(text(el)).toContain('Aucune analyse des images pour l’instant');
    expect(el.querySelector('table')).toBeNull();
  });

  it('shows the scan button only to who may scan, its progress while it runs, and its error', () => {
    let scans = 0;
    const hidden = show(<ImagesView load={loading} canScan={false} action={idle} onScan={() => scans++} />);
    expect(hidden.querySelector('button')).toBeNull();
    const el = show(<ImagesView load={loading} canScan action={idle} onScan={() => scans++} />);
    const button = el.querySelector('button')!;
    expect(text(button)).toBe('Analyser les images maintenant');
    void act(() => button.click());
    expect(scans).toBe(1);
    let stopped = 0;
    const busy = show(
      <ImagesView
        load={loading}
        canScan
        action={{ ...idle, busy: true, steps: ['Images analysées : 1 sur 3 (registry.lan/web)'] }}
        onScan={() => scans++}
        onCancel={() => stopped++}
      />,
    );
    const [scanning, stop] = [...busy.querySelectorAll('button')];
    expect(scanning!.disabled).toBe(true);
    expect(text(scanning)).toBe('Analyse des images en cours…');
    expect(text(busy.querySelector('[data-testid="images-progress"]'))).toBe(
      'Images analysées : 1 sur 3 (registry.lan/web)',
    );
    void act(() => stop!.click());
    expect(stopped).toBe(1);
    const error = new ApiError(403, 'FORBIDDEN', 'refused', undefined, {
      message: msg('images.noNamespaces'),
    });
    const refused = show(
      <ImagesView load={loading} canScan action={{ ...idle, error }} onScan={() => scans++} />,
    );
    expect(text(refused)).toContain('Vous ne pouvez lister les pods dans aucun namespace');
  });

  it('shows the last scan: figures, chart with its table, images with workloads and the top vulnerabilities', () => {
    const el = show(<ImagesReport data={data} />);
    expect(text(el.querySelector('[data-testid="images-latest"]'))).toBe(
      'Dernière analyse : 05/03/2026 14:00:00, par marie : 3 images dans 7 pods. Tous les namespaces. ' +
        'Base de vulnérabilités du 05/03/2026 03:00:00 (48 211 enregistrements).',
    );
    const figures = text(el.querySelector('[data-testid="images-figures"]'));
    expect(figures).toContain('Vulnérabilités4');
    expect(figures).toContain('Avec correctif2');
    expect(figures).toContain('Critique1');
    expect(figures).toContain('Images non lues1');
    // The chart's table: with and without a fix, per severity.
    const chart = el.querySelector('[data-testid="chart-image-vulnerabilities"]')!;
    const points = [...chart.querySelectorAll('tbody tr')].map((r) => text(r));
    expect(points[0]).toBe('Critique10');
    expect(points[5]).toBe('Non évaluée01');
    const images = imageRows(el);
    expect(images).toHaveLength(3);
    expect(images[0]).toContain('registry.lan/annuaire/web:2.3');
    expect(images[0]).toContain('annuaire/Deployment/web, annuaire/CronJob/purge et 60 autres');
    expect(images[0]).toContain('1 234');
    expect(images[0]).toContain('2 avec correctif sur 4');
    expect(images[1]).toContain('Aucune vulnérabilité connue');
    // Under each image, on a row of its own: its top vulnerabilities, or why it was not read.
    const all = rows(el, 'images');
    expect(all).toHaveLength(5);
    expect(all[4]).toContain('Non lue');
    expect(all[4]).toContain('IMAGE_NOT_FOUND');
    expect(all[4]).toContain('annuaire/ghost:1');
    // The top vulnerabilities: the fixed version, or that there is none yet.
    const top = [...el.querySelectorAll('[data-testid="image-vulnerabilities"] tbody tr')].map((r) =>
      text(r),
    );
    expect(top[0]).toBe(
      'CritiqueGHSA-jf85-cpcp-j695 (CVE-2019-10744)Prototype Pollution in lodashlodash4.17.114.17.12',
    );
    expect(top[2]).toBe('Non évaluéeDEBIAN-CVE-2023-45853zlib1g1:1.2.13.dfsg-1pas encore de correctif');
    expect(text(el)).toContain('Les 3 premières sur 4 vulnérabilités, celles avec correctif d’abord.');
  });

  it('is English when asked', () => {
    const el = show(<ImagesReport data={data} />, 'en');
    expect(text(el.querySelector('[data-testid="images-latest"]'))).toContain(
      'by marie: 3 images in 7 pods.',
    );
    expect(imageRows(el)[0]).toContain('and 60 others');
    expect(imageRows(el)[0]).toContain('2 with a fix, of 4');
    const top = [...el.querySelectorAll('[data-testid="image-vulnerabilities"] tbody tr')].map((r) =>
      text(r),
    );
    expect(top[2]).toContain('no fix yet');
    expect(rows(el, 'images')[4]).toContain('Not read');
  });
});
