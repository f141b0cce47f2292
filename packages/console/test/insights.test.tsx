import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { failed, forbiddenBy, loading, show } from './render.js';
import type { HistoryEntry, Res } from '../src/api.js';
import { Chart } from '../src/charts/Chart.js';
import { formatsOf } from '../src/charts/format.js';
import { BackupCharts } from '../src/pages/BackupCharts.js';
import { CapacityView, CHART_MAX } from '../src/pages/Capacity.js';
import { CapacityGlance, GlanceView } from '../src/pages/Glance.js';
import { SecurityReport, SecurityView, type SecurityData } from '../src/pages/Security.js';
import { daysLeft } from '../src/pages/SecurityExceptions.js';

// The pages with charts (capacity, security, the overview's glances, backups over time): their
// states as a reader sees them (loading, empty, error, forbidden, data) in French and English,
// and the table each chart carries as its text alternative.

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');
const rows = (el: HTMLElement, testId: string): string[] =>
  [...el.querySelectorAll(`[data-testid="${testId}"] tbody tr`)].map((r) => text(r));

const forbidden = forbiddenBy('nodes is forbidden: User "console-viewer" cannot list nodes');

const GiB = 1024 ** 3;
const amounts = (cpu: number, memory: number) => ({ cpu, memory });
const node = (name: string, requested: number, usage?: number) => ({
  name,
  roles: [],
  ready: true,
  schedulable: name !== 'kwok-2',
  taints: [],
  allocatable: { cpu: 4000, memory: 8 * GiB, pods: 110 },
  requests: amounts(requested, requested * 1024 ** 2),
  limits: amounts(requested * 2, requested * 2 * 1024 ** 2),
  ...(usage === undefined ? {} : { usage: amounts(usage, usage * 1024 ** 2) }),
  pods: 3,
  requested: { cpu: requested / 4000, memory: (requested * 1024 ** 2) / (8 * GiB) },
  used: usage === undefined ? {} : { cpu: usage / 4000 },
});

const report: Res<'capacity.report'> = {
  generatedAt: '2026-03-05T14:03:00Z',
  usageSource: { kind: 'metrics-server' },
  cluster: {
    nodes: 3,
    schedulableNodes: 2,
    pods: 9,
    pendingPods: 1,
    allocatable: { cpu: 12_000, memory: 24 * GiB, pods: 330 },
    requests: amounts(4500, 4.5 * GiB),
    limits: amounts(9000, 9 * GiB),
    usage: amounts(1500, 2 * GiB),
    free: amounts(5500, 11 * GiB),
    requested: { cpu: 0.375, memory: 0.1875 },
    used: { cpu: 0.125, memory: 1 / 12 },
  },
  nodes: [node('kwok-0', 1500, 500), node('kwok-1', 3000, 1000), node('kwok-2', 0)],
  namespaces: [
    {
      name: 'annuaire',
      pods: 6,
      requests: amounts(3000, 3 * GiB),
      limits: amounts(6000, 6 * GiB),
      usage: amounts(1000, GiB),
      quotas: [{ quota: 'q', resource: 'requests.cpu', hard: '4', used: '3', share: 0.75 }],
    },
  ],
  fragmentation: {
    largestFree: amounts(2500, 6 * GiB),
    totalFree: amounts(5500, 11 * GiB),
    index: { cpu: 1 - 2500 / 5500, memory: 1 - 6 / 11 },
    shapes: [
      {
        namespace: 'annuaire',
        workload: 'Deployment/batch',
        requests: amounts(3000, GiB),
        replicas: 1,
        fitsOn: 0,
        status: 'fragmented',
        reasons: { cpu: 2, unschedulable: 1 },
      },
      {
        namespace: 'annuaire',
        workload: 'Deployment/web',
        requests: amounts(500, GiB / 2),
        replicas: 2,
        fitsOn: 2,
        status: 'fits',
        reasons: {},
      },
    ],
  },
  top: {
    byRequests: [
      {
        namespace: 'annuaire',
        pod: 'batch-0',
        workload: 'Deployment/batch',
        node: 'kwok-1',
        requests: amounts(1500, GiB),
        limits: amounts(3000, 2 * GiB),
      },
    ],
    byUsage: [],
    overRequested: [
      {
        namespace: 'annuaire',
        workload: 'Deployment/web',
        pods: 2,
        requests: amounts(1000, GiB),
        usage: amounts(100, GiB / 4),
        ratio: { cpu: 0.1, memory: 0.25 },
      },
    ],
    underRequested: [],
  },
  pending: [
    {
      namespace: 'annuaire',
      pod: 'batch-1',
      requests: amounts(3000, GiB),
      reasons: { cpu: 2 },
      message: { id: 'capacity.reasonCount', params: { count: 2, reason: { id: 'capacity.reason.cpu' } } },
    },
  ],
  warnings: [],
};

describe('charts', () => {
  it('carry their values as a table, in the reader’s format, and name their canvas', () => {
    const f = formatsOf('fr');
    const el = show(
      <Chart
        title="CPU par nœud"
        xLabel="Nom"
        spec={{
          type: 'bar',
          labels: ['kwok-0', 'kwok-1'],
          series: [
            { label: 'Demandes', values: [1.5, 1234.5] },
            { label: 'Consommation', values: [0.25, null] },
          ],
          format: f.cores,
          locale: f.locale,
        }}
      />,
    );
    expect(text(el.querySelector('figcaption'))).toBe('CPU par nœud');
    expect(el.querySelector('canvas')?.getAttribute('role')).toBe('img');
    expect(el.querySelector('canvas')?.getAttribute('aria-label')).toBe(
      'Graphique : CPU par nœud. Ses valeurs sont dans le tableau ci-dessous.',
    );
    expect([...el.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Nom',
      'Demandes',
      'Consommation',
    ]);
    const body = [...el.querySelectorAll('tbody tr')].map((r) => text(r));
    expect(body).toEqual(['kwok-01,5 CPU0,25 CPU', 'kwok-11 234,5 CPU—']);
  });
});

describe('capacity', () => {
  it('says it is loading, then forbidden without the raw error, then an error with a retry', () => {
    expect(text(show(<CapacityView load={loading} />).querySelector('[role="status"]'))).toBe('Chargement…');
    const no = show(<CapacityView load={forbidden} />);
    expect(text(no.querySelector('[role="alert"]'))).toContain("Vous n'avez pas les droits");
    expect(text(no)).not.toContain('forbidden');
    let retried = 0;
    const el = show(<CapacityView load={failed} retry={() => retried++} />);
    expect(text(el)).toContain('Is the cluster up?');
    void act(() => el.querySelector('button')!.click());
    expect(retried).toBe(1);
  });

  it('shows a cluster without nodes or pods as empty, not broken', () => {
    const empty: Res<'capacity.report'> = {
      ...report,
      usageSource: { kind: 'none' },
      nodes: [],
      namespaces: [],
      fragmentation: { ...report.fragmentation, shapes: [] },
      top: { byRequests: [], byUsage: [], overRequested: [], underRequested: [] },
      pending: [],
    };
    const el = show(<CapacityView load={{ state: 'ok', data: empty }} />);
    expect(text(el)).toContain('Aucun nœud.');
    expect(text(el)).toContain('Aucun namespace avec des pods.');
    expect(text(el)).toContain('Aucun pod en attente.');
    expect(text(el)).toContain('pas de mesure de consommation');
    expect(el.querySelector('canvas')).toBeNull();
  });

  it('shows allocatable, requests, limits and usage per node and namespace, with fr-FR formats', () => {
    const el = show(<CapacityView load={{ state: 'ok', data: report }} />);
    expect(text(el.querySelector('[data-testid="capacity-source"]'))).toMatch(
      /Rapport du 05\/03\/2026.*consommation mesurée par metrics-server/,
    );
    expect(text(el.querySelector('[data-testid="capacity-figures"]'))).toContain('2 sur 3');
    expect(text(el.querySelector('[data-testid="capacity-figures"]'))).toContain('38 %');
    expect(rows(el, 'capacity-cluster')[0]).toBe('CPU12 CPU4,5 CPU (38 %)9 CPU1,5 CPU5,5 CPU');
    expect(rows(el, 'capacity-cluster')[1]).toContain('24 Gio');
    const nodes = rows(el, 'capacity-nodes');
    expect(nodes).toHaveLength(3);
    expect(nodes[0]).toContain('1,5 CPU demandés sur 4 CPU (38 %)');
    expect(nodes[0]).toContain('consommation 0,5 CPU');
    expect(nodes[2]).toContain('Isolé (cordon)');
    expect(nodes[2]).toContain('consommation —');
    expect(rows(el, 'capacity-namespaces')[0]).toContain('requests.cpu : 3 sur 4 (75 %)');
    // Fragmentation: the shape that fits nowhere, with the scheduler's reasons in French.
    expect(text(el.querySelector('[data-testid="capacity-fragmentation"]'))).toContain('55 %');
    const shapes = rows(el, 'capacity-shapes');
    expect(shapes).toHaveLength(1);
    expect(shapes[0]).toContain('Fragmenté');
    expect(shapes[0]).toContain('2 CPU insuffisant, 1 nœud(s) non ordonnançable(s)');
    expect(rows(el, 'capacity-over')[0]).toContain('10 %');
    expect(rows(el, 'capacity-pending')[0]).toContain('2 CPU insuffisant');
    // Four charts, each with its table: the nodes' CPU in cores, allocatable first.
    const cpu = el.querySelector('[data-testid="chart-nodes-cpu"]')!;
    expect([...cpu.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Nom',
      'Allouable',
      'Demandes',
      'Limites',
      'Consommation',
    ]);
    // Sorted by requests: the busiest node first.
    expect(text(cpu.querySelector('tbody tr'))).toBe('kwok-14 CPU3 CPU6 CPU1 CPU');
    expect(el.querySelectorAll('figure.chart')).toHaveLength(4);
  });

  it('is English when asked', () => {
    const el = show(<CapacityView load={{ state: 'ok', data: report }} />, 'en');
    expect(text(el)).toContain('Per namespace');
    expect(rows(el, 'capacity-nodes')[0]).toContain('1.5 CPU requested of 4 CPU (38%)');
    expect(text(el)).toContain('2 Insufficient cpu');
  });

  it('charts the most requested nodes only, and says so', () => {
    const many = { ...report, nodes: Array.from({ length: CHART_MAX + 5 }, (_, i) => node(`n${i}`, i * 10)) };
    const el = show(<CapacityView load={{ state: 'ok', data: many }} />);
    const chart = el.querySelector('[data-testid="chart-nodes-cpu"]')!;
    expect(chart.querySelectorAll('tbody tr')).toHaveLength(CHART_MAX);
    expect(text(chart)).toContain(`Les ${CHART_MAX} plus demandés sur ${CHART_MAX + 5}`);
    expect(rows(el, 'capacity-nodes')).toHaveLength(CHART_MAX + 5);
  });
});

const finding = (
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info',
  category: 'pod-security' | 'rbac',
  namespace: string | undefined,
  suppressed?: { justification: string; expires?: string; source: string },
) => ({
  checkId: category === 'rbac' ? 'RBAC-001' : 'PSS-001',
  category,
  severity,
  title: { id: 'audit.check.PSS-001.title' },
  message: { id: 'audit.check.PSS-001.title' },
  remediation: { id: 'audit.check.PSS-001.title' },
  object: {
    apiVersion: 'v1',
    kind: category === 'rbac' ? 'ClusterRoleBinding' : 'Pod',
    name: 'web',
    ...(namespace === undefined ? {} : { namespace }),
  },
  ...(suppressed === undefined ? {} : { suppressed }),
});
const bySeverity = (critical: number, high: number, medium: number) => ({
  critical,
  high,
  medium,
  low: 0,
  info: 0,
});
const audit = (
  critical: number,
  high: number,
  findings: ReturnType<typeof finding>[],
): Res<'audit.cluster'> => ({
  tool: { name: 'quai', version: '0.1.0' },
  generatedAt: '2026-03-05T14:00:00Z',
  source: 'cluster',
  options: {
    level: 'restricted',
    pssVersion: 'v1.36',
    kubernetesVersion: '1.36',
    severityThreshold: 'medium',
  },
  summary: {
    objects: 42,
    findings: findings.length,
    suppressed: findings.filter((f) => f.suppressed !== undefined).length,
    failing: critical + high,
    bySeverity: bySeverity(critical, high, 1),
  },
  findings,
  truncated: false,
  notes: [],
  checks: [],
  reports: [],
});
const kept = (id: string, at: string): HistoryEntry => ({
  id,
  at,
  kind: 'audit.cluster',
  actor: 'marie',
  outcome: 'findings',
});
const latest = audit(1, 1, [
  finding('high', 'pod-security', 'annuaire'),
  finding('critical', 'rbac', undefined),
  finding('medium', 'pod-security', 'annuaire', {
    justification: 'image tierce, corrigée en avril',
    expires: '2026-03-15',
    source: 'annotation quai.dev/audit-exception.PSS-001',
  }),
  finding('medium', 'pod-security', 'grist', {
    justification: 'ancienne dérogation',
    expires: '2026-03-01',
    source: 'exceptions.yaml:12',
  }),
]);
const security: SecurityData = {
  runs: [
    { entry: kept('a2', '2026-03-05T14:00:00Z'), summary: latest.summary },
    { entry: kept('a1', '2026-03-04T14:00:00Z'), summary: audit(3, 2, []).summary },
    { entry: kept('a0', '2026-03-03T14:00:00Z') },
  ],
  latest: { entry: kept('a2', '2026-03-05T14:00:00Z'), result: latest },
};
const NOW = new Date('2026-03-05T15:00:00Z');

describe('security', () => {
  it('has loading, forbidden and error states, and an audit button', () => {
    expect(text(show(<SecurityView load={loading} />))).toContain('Chargement…');
    expect(text(show(<SecurityView load={forbidden} />))).toContain("Demandez l'accès");
    expect(text(show(<SecurityView load={failed} />))).toContain('Le serveur a répondu par une erreur.');
    let audited = 0;
    const el = show(<SecurityView load={loading} onAudit={() => audited++} />);
    void act(() => el.querySelector('button')!.click());
    expect(audited).toBe(1);
    const busy = show(<SecurityView load={loading} onAudit={() => audited++} auditing />);
    expect(busy.querySelector('button')?.disabled).toBe(true);
    expect(text(busy.querySelector('button'))).toBe('Audit du cluster en cours…');
  });

  it('says no audit is kept yet, and how to make one', () => {
    const el = show(<SecurityView load={{ state: 'ok', data: { runs: [] } }} />);
    expect(text(el)).toContain("Aucun audit du cluster n'est encore conservé");
    expect(el.querySelector('table')).toBeNull();
  });

  it('shows findings by severity and by app, RBAC risks, exceptions with expiry and origin', () => {
    const el = show(<SecurityReport data={security} now={NOW} />);
    expect(text(el.querySelector('[data-testid="security-latest"]'))).toContain('par marie, 42 objets lus');
    expect(text(el.querySelector('[data-testid="security-figures"]'))).toContain('Critique1');
    const apps = rows(el, 'security-by-app');
    expect(apps[0]).toBe('(objets du cluster entier)10000');
    expect(apps[1]).toBe('annuaire01000');
    // The most severe first; accepted findings are not open.
    const open = rows(el, 'security-findings');
    expect(open).toHaveLength(2);
    expect(open[0]).toMatch(/^Critique/);
    expect(rows(el, 'security-rbac')[0]).toContain('ClusterRoleBinding/web');
    const exceptions = rows(el, 'security-exceptions');
    expect(exceptions[0]).toContain('image tierce, corrigée en avril');
    expect(exceptions[0]).toContain('15/03/2026 (encore 10 jours)');
    expect(exceptions[0]).toContain('annotation quai.dev/audit-exception.PSS-001');
    expect(exceptions[1]).toContain('01/03/2026 (expirée)');
    expect(exceptions[1]).toContain('exceptions.yaml:12');
    // Over time: the two audits read in full, oldest first, as a table too.
    const over = el.querySelector('[data-testid="chart-findings-over-time"]')!;
    const points = [...over.querySelectorAll('tbody tr')].map((r) => text(r));
    expect(points).toHaveLength(2);
    expect(points[0]).toMatch(/^04\/03\/2026.*3210$/);
    expect(text(over)).toContain('des 2 derniers audits');
  });

  it('filters the findings by severity', () => {
    const el = show(<SecurityReport data={security} now={NOW} />);
    const select = el.querySelector('select')!;
    select.value = 'high';
    void act(() => {
      select.dispatchEvent(new Event('change'));
    });
    expect(rows(el, 'security-findings')).toHaveLength(1);
    expect(rows(el, 'security-findings')[0]).toMatch(/^Élevée/);
  });

  it('is English when asked', () => {
    const el = show(<SecurityReport data={security} now={NOW} />, 'en');
    expect(rows(el, 'security-exceptions')[0]).toContain('10 days left');
    expect(text(el)).toContain('Findings over time');
  });

  it('counts days to an expiry through the whole expiry day (UTC)', () => {
    expect(daysLeft('2026-03-05', NOW)).toBe(0);
    expect(daysLeft('2026-03-04', NOW)).toBe(-1);
    expect(daysLeft('2026-03-06', NOW)).toBe(1);
  });
});

describe('overview glances', () => {
  const capacity: Res<'view.overview'>['capacity'] = {
    real: {
      cpu: { allocatable: 0, requested: 0 },
      memory: { allocatable: 0, requested: 0 },
      pods: { allocatable: 0, requested: 0 },
    },
    simulated: {
      cpu: { allocatable: 32_000, requested: 8000 },
      memory: { allocatable: 64 * GiB, requested: 16 * GiB },
      pods: { allocatable: 110, requested: 12 },
    },
  };
  it('shows capacity requested over allocatable, leaving out kinds of nodes there are none of', () => {
    const el = show(<CapacityGlance capacity={capacity} />);
    const r = rows(el, 'glance-capacity');
    expect(r).toHaveLength(3);
    expect(r[0]).toBe('Simulés (KWOK)CPU8 CPU sur 32 CPU 25 %');
    expect(r[1]).toContain('16 Gio sur 64 Gio');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('#/capacity');
  });
  it('shows the last backups and drills and the open critical findings, or says there are none', () => {
    const entry = (id: string, kind: string, outcome: string): HistoryEntry => ({
      id,
      at: '2026-03-05T02:00:13Z',
      kind,
      actor: 'marie',
      namespace: 'annuaire',
      outcome,
    });
    const el = show(
      <GlanceView
        load={{
          state: 'ok',
          data: {
            backups: [entry('b1', 'backup.create', 'ok'), entry('b2', 'backup.create', 'partial')],
            drills: [],
            audit: { entry: kept('a2', '2026-03-05T14:00:00Z'), summary: latest.summary },
          },
        }}
      />,
    );
    expect(text(el.querySelector('[data-testid="glance-backups"]'))).toMatch(
      /05\/03\/2026.*par marie : réussi · annuaire/,
    );
    expect(text(el.querySelector('[data-testid="glance-backups"]'))).toContain('en partie échoué');
    expect(text(el)).toContain('Aucun exercice');
    expect(text(el.querySelector('[data-testid="glance-findings"]'))).toContain('1 critiques, 1 élevés');
    expect(el.querySelector('.severity-critical')).not.toBeNull();
    const none = show(<GlanceView load={{ state: 'ok', data: { backups: [], drills: [] } }} />, 'en');
    expect(text(none)).toContain('No audit of the cluster is kept yet');
  });
});

describe('backups over time', () => {
  const backup = (name: string, at: string, seconds: number, bytes: number): Res<'backup.create'> => ({
    format: 3,
    name,
    status: 'completed',
    startedAt: at,
    completedAt: new Date(Date.parse(at) + seconds * 1000).toISOString(),
    createdBy: 'marie',
    cluster: 'prod',
    namespaces: ['annuaire'],
    clusterResources: true,
    encryption: 'none',
    files: [{ path: 'r.json', apiVersion: 'v1', kind: 'ConfigMap', count: 1, bytes, sha256: '0'.repeat(64) }],
    counts: {},
    warnings: [],
    errors: [],
  });
  const entry = (id: string, at: string): HistoryEntry => ({
    id,
    at,
    kind: 'backup.create',
    actor: 'marie',
    outcome: 'ok',
  });
  const bytesOf = (b: Res<'backup.create'>): number => b.files.reduce((n, f) => n + f.bytes, 0);

  it('charts sizes and durations, oldest first, with their tables', () => {
    const el = show(
      <BackupCharts
        bytesOf={bytesOf}
        data={{
          backups: [
            {
              entry: entry('b2', '2026-03-05T02:00:20Z'),
              result: backup('nuit-0305', '2026-03-05T02:00:00Z', 20, 3 * 1024 ** 2),
            },
            {
              entry: entry('b1', '2026-03-04T02:00:12Z'),
              result: backup('nuit-0304', '2026-03-04T02:00:00Z', 12.5, 1024 ** 2),
            },
            { entry: entry('b0', '2026-03-03T02:00:12Z') },
          ],
          drills: [],
        }}
      />,
    );
    const sizes = [...el.querySelectorAll('[data-testid="chart-backup-sizes"] tbody tr')].map((r) => text(r));
    expect(sizes).toHaveLength(2);
    expect(sizes[0]).toMatch(/04\/03\/2026.*nuit-0304.*1 Mio$/);
    const durations = [...el.querySelectorAll('[data-testid="chart-backup-durations"] tbody tr')].map((r) =>
      text(r),
    );
    expect(durations[0]).toMatch(/12,5 s$/);
    expect(durations[1]).toMatch(/20 s$/);
  });

  it('draws nothing without a backup read in full', () => {
    const el = show(
      <BackupCharts
        bytesOf={bytesOf}
        data={{ backups: [{ entry: entry('b0', '2026-03-03T02:00:12Z') }], drills: [] }}
      />,
    );
    expect(el.querySelector('figure')).toBeNull();
  });
});
