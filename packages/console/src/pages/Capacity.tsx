import { useMemo } from 'preact/hooks';
import type { Message } from '@quai/contracts';
import type { Res } from '../api.js';
import { Chart } from '../charts/Chart.js';
import { formatsOf, type Formats } from '../charts/format.js';
import type { ChartSpec } from '../charts/spec.js';
import { useI18n } from '../i18n.js';
import type { WatchScope } from '../live.js';
import { Loaded, useUseCase, type Load } from '../state.js';
import { Empty, Figure, Section } from '../ui.js';

type Report = Res<'capacity.report'>;
type Amounts = Report['cluster']['requests'];

/** Charts show at most this many nodes or namespaces (the most requested); the tables show all. */
export const CHART_MAX = 20;

/** The reasons nodes refuse a pod (reason -> nodes), in the reader's language. */
const reasonsOf = (reasons: Readonly<Record<string, number>>): Message[] =>
  Object.entries(reasons).map(([reason, count]) => ({
    id: 'capacity.reasonCount',
    params: { count, reason: { id: `capacity.reason.${reason}` } },
  }));

/** Allocatable, requests, limits and usage of one resource, one group of bars per node or namespace. */
function perResource<
  T extends {
    readonly name: string;
    readonly requests: Amounts;
    readonly limits: Amounts;
    readonly usage?: Amounts | undefined;
  },
>(
  rows: readonly T[],
  resource: 'cpu' | 'memory',
  labels: { allocatable: string; requests: string; limits: string; usage: string },
  f: Formats,
  allocatable?: (row: T) => number,
): ChartSpec {
  const scale = resource === 'cpu' ? 1000 : 1;
  const series = [
    ...(allocatable === undefined
      ? []
      : [{ label: labels.allocatable, values: rows.map((r) => allocatable(r) / scale) }]),
    { label: labels.requests, values: rows.map((r) => r.requests[resource] / scale) },
    { label: labels.limits, values: rows.map((r) => r.limits[resource] / scale) },
    ...(rows.some((r) => r.usage !== undefined)
      ? [
          {
            label: labels.usage,
            values: rows.map((r) => (r.usage === undefined ? null : r.usage[resource] / scale)),
          },
        ]
      : []),
  ];
  return {
    type: 'bar',
    labels: rows.map((r) => r.name),
    series,
    format: resource === 'cpu' ? f.cores : f.bytes,
    locale: f.locale,
  };
}

const byRequests = <T extends { readonly requests: Amounts }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => b.requests.cpu - a.requests.cpu || b.requests.memory - a.requests.memory);

/** One resource of an amount in the reader's format: CPUs, or bytes in binary units; a dash when unknown. */
const amountOf = (f: Formats, resource: 'cpu' | 'memory', a: Amounts | undefined): string =>
  a === undefined ? '—' : resource === 'cpu' ? f.cpu(a.cpu) : f.bytes(a.memory);

/** CPU and memory charts of nodes or namespaces (the most requested), side by side. */
function ResourceCharts<
  T extends {
    readonly name: string;
    readonly requests: Amounts;
    readonly limits: Amounts;
    readonly usage?: Amounts | undefined;
  },
>(props: {
  readonly of: 'nodes' | 'namespaces';
  readonly rows: readonly T[];
  readonly xLabel: string;
  readonly allocatable?: (row: T, resource: 'cpu' | 'memory') => number;
}) {
  const { t, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const shown = useMemo(() => byRequests(props.rows).slice(0, CHART_MAX), [props.rows]);
  const labels = {
    allocatable: t('console.capacity.allocatable'),
    requests: t('console.capacity.requests'),
    limits: t('console.capacity.limits'),
    usage: t('console.capacity.usage'),
  };
  const all = props.allocatable;
  const specs = useMemo(
    () =>
      (['cpu', 'memory'] as const).map((res) =>
        perResource(shown, res, labels, f, all === undefined ? undefined : (row) => all(row, res)),
      ),
    [shown, lang],
  );
  const summary =
    shown.length < props.rows.length
      ? t('console.capacity.chartTop', { shown: shown.length, total: props.rows.length })
      : undefined;
  return (
    <div class="charts">
      {(['cpu', 'memory'] as const).map((res, i) => (
        <Chart
          key={res}
          title={t(`console.capacity.chart.${props.of}${res === 'cpu' ? 'Cpu' : 'Memory'}`)}
          xLabel={props.xLabel}
          spec={specs[i]!}
          summary={summary}
          testId={`chart-${props.of}-${res}`}
        />
      ))}
    </div>
  );
}

function Amount(props: {
  readonly f: Formats;
  readonly resource: 'cpu' | 'memory';
  readonly value: number | undefined;
}) {
  if (props.value === undefined) return <>—</>;
  return <>{props.resource === 'cpu' ? props.f.cpu(props.value) : props.f.bytes(props.value)}</>;
}

export function CapacityReportView(props: { readonly report: Report }) {
  const { t, m, date, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const r = props.report;
  const c = r.cluster;
  const labels = {
    allocatable: t('console.capacity.allocatable'),
    requests: t('console.capacity.requests'),
    limits: t('console.capacity.limits'),
    usage: t('console.capacity.usage'),
  };
  const shapes = r.fragmentation.shapes.filter((s) => s.status !== 'fits');

  return (
    <>
      <Section title={t('console.capacity.cluster')}>
        <p class="muted" data-testid="capacity-source">
          {t('console.capacity.generated', { at: date(r.generatedAt) })} ·{' '}
          {t(`console.capacity.source.${r.usageSource.kind}`)}
          {r.usageSource.detail === undefined ? null : <> ({m(r.usageSource.detail)})</>}
        </p>
        <dl class="figures" data-testid="capacity-figures">
          <Figure label={t('console.capacity.nodesCount')}>
            {t('console.capacity.schedulableOf', { schedulable: c.schedulableNodes, nodes: c.nodes })}
          </Figure>
          <Figure label={t('console.capacity.podsCount')}>{f.num(c.pods)}</Figure>
          <Figure label={t('console.capacity.pendingCount')}>{f.num(c.pendingPods)}</Figure>
          <Figure label={t('console.capacity.cpuRequested')}>{f.pct(c.requested.cpu)}</Figure>
          <Figure label={t('console.capacity.memoryRequested')}>{f.pct(c.requested.memory)}</Figure>
          {c.usage === undefined ? null : (
            <>
              <Figure label={t('console.capacity.cpuUsed')}>{f.pct(c.used.cpu)}</Figure>
              <Figure label={t('console.capacity.memoryUsed')}>{f.pct(c.used.memory)}</Figure>
            </>
          )}
        </dl>
        <table data-testid="capacity-cluster">
          <thead>
            <tr>
              <th scope="col">{t('console.capacity.resource')}</th>
              <th scope="col">{labels.allocatable}</th>
              <th scope="col">{labels.requests}</th>
              <th scope="col">{labels.limits}</th>
              <th scope="col">{labels.usage}</th>
              <th scope="col">{t('console.capacity.free')}</th>
            </tr>
          </thead>
          <tbody>
            {(['cpu', 'memory'] as const).map((res) => (
              <tr key={res}>
                <th scope="row">{t(`console.capacity.${res}Column`)}</th>
                <td>
                  <Amount f={f} resource={res} value={c.allocatable[res]} />
                </td>
                <td>
                  <Amount f={f} resource={res} value={c.requests[res]} /> ({f.pct(c.requested[res])})
                </td>
                <td>
                  <Amount f={f} resource={res} value={c.limits[res]} />
                </td>
                <td>
                  <Amount f={f} resource={res} value={c.usage?.[res]} />
                </td>
                <td>
                  <Amount f={f} resource={res} value={c.free[res]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.warnings.length === 0 ? null : (
          <ul class="notice warn" data-testid="capacity-warnings">
            {r.warnings.map((w, i) => (
              <li key={i}>{m(w)}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('console.capacity.nodes')}>
        {r.nodes.length === 0 ? (
          <Empty>{t('console.capacity.noNodes')}</Empty>
        ) : (
          <>
            <ResourceCharts
              of="nodes"
              rows={r.nodes}
              xLabel={t('console.col.name')}
              allocatable={(n, res) => n.allocatable[res]}
            />
            <div class="scroll">
              <table data-testid="capacity-nodes">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.name')}</th>
                    <th scope="col">{t('console.capacity.state')}</th>
                    <th scope="col">{t('console.capacity.cpuColumn')}</th>
                    <th scope="col">{t('console.capacity.memoryColumn')}</th>
                    <th scope="col">{t('console.col.pods')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.nodes.map((n) => (
                    <tr key={n.name}>
                      <th scope="row">{n.name}</th>
                      <td>
                        {!n.ready
                          ? t('console.capacity.notReady')
                          : n.schedulable
                            ? t('console.capacity.schedulable')
                            : t('console.capacity.cordoned')}
                      </td>
                      {(['cpu', 'memory'] as const).map((res) => (
                        <td key={res}>
                          {t('console.capacity.cell', {
                            requests: amountOf(f, res, n.requests),
                            allocatable: amountOf(f, res, n.allocatable),
                            share: f.pct(n.requested[res]),
                          })}
                          <br />
                          <span class="muted">
                            {t('console.capacity.cellMore', {
                              limits: amountOf(f, res, n.limits),
                              usage: amountOf(f, res, n.usage),
                            })}
                          </span>
                        </td>
                      ))}
                      <td>{t('console.of', { used: f.num(n.pods), total: f.num(n.allocatable.pods) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>

      <Section title={t('console.capacity.namespaces')}>
        {r.namespaces.length === 0 ? (
          <Empty>{t('console.capacity.noNamespaces')}</Empty>
        ) : (
          <>
            <ResourceCharts of="namespaces" rows={r.namespaces} xLabel={t('console.col.namespace')} />
            <div class="scroll">
              <table data-testid="capacity-namespaces">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.namespace')}</th>
                    <th scope="col">{t('console.col.pods')}</th>
                    <th scope="col">{t('console.capacity.cpuColumn')}</th>
                    <th scope="col">{t('console.capacity.memoryColumn')}</th>
                    <th scope="col">{t('console.capacity.quotas')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.namespaces.map((n) => (
                    <tr key={n.name}>
                      <th scope="row">{n.name}</th>
                      <td>{f.num(n.pods)}</td>
                      {(['cpu', 'memory'] as const).map((res) => (
                        <td key={res}>
                          {t('console.capacity.nsCell', {
                            requests: amountOf(f, res, n.requests),
                            limits: amountOf(f, res, n.limits),
                            usage: amountOf(f, res, n.usage),
                          })}
                        </td>
                      ))}
                      <td>
                        {n.quotas.length === 0
                          ? '—'
                          : n.quotas.map((q) => (
                              <div key={`${q.quota}/${q.resource}`}>
                                {t('console.capacity.quota', {
                                  resource: q.resource,
                                  used: q.used,
                                  hard: q.hard,
                                  share: f.pct(q.share),
                                })}
                              </div>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>

      <Section title={t('console.capacity.fragmentation')}>
        <p>{t('console.capacity.fragmentationHelp')}</p>
        <dl class="figures" data-testid="capacity-fragmentation">
          {(['cpu', 'memory'] as const).map((res) => (
            <div key={res}>
              <dt>{t(`console.capacity.index.${res}`)}</dt>
              <dd>{f.pct(r.fragmentation.index[res])}</dd>
              <dd class="muted">
                {t('console.capacity.largestFree', {
                  largest: amountOf(f, res, r.fragmentation.largestFree),
                  total: amountOf(f, res, r.fragmentation.totalFree),
                })}
              </dd>
            </div>
          ))}
        </dl>
        {shapes.length === 0 ? (
          <Empty>{t('console.capacity.allShapesFit')}</Empty>
        ) : (
          <table data-testid="capacity-shapes">
            <thead>
              <tr>
                <th scope="col">{t('console.capacity.workload')}</th>
                <th scope="col">{labels.requests}</th>
                <th scope="col">{t('console.capacity.fitsOn')}</th>
                <th scope="col">{t('console.col.status')}</th>
                <th scope="col">{t('console.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {shapes.map((s) => (
                <tr key={`${s.namespace}/${s.workload}`}>
                  <th scope="row">
                    {s.namespace}/{s.workload}
                  </th>
                  <td>
                    {f.cpu(s.requests.cpu)}, {f.bytes(s.requests.memory)}
                  </td>
                  <td>{f.num(s.fitsOn)}</td>
                  <td>{t(`console.capacity.shape.${s.status}`)}</td>
                  <td>{reasonsOf(s.reasons).map(m).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t('console.capacity.top')}>
        {r.top.byRequests.length === 0 ? (
          <Empty>{t('console.capacity.noPods')}</Empty>
        ) : (
          <table data-testid="capacity-top">
            <thead>
              <tr>
                <th scope="col">{t('console.capacity.pod')}</th>
                <th scope="col">{t('console.capacity.node')}</th>
                <th scope="col">{t('console.capacity.cpuColumn')}</th>
                <th scope="col">{t('console.capacity.memoryColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {r.top.byRequests.map((p) => (
                <tr key={`${p.namespace}/${p.pod}`}>
                  <th scope="row">
                    {p.namespace}/{p.pod}
                  </th>
                  <td>{p.node ?? '—'}</td>
                  {(['cpu', 'memory'] as const).map((res) => (
                    <td key={res}>
                      {t('console.capacity.nsCell', {
                        requests: amountOf(f, res, p.requests),
                        limits: amountOf(f, res, p.limits),
                        usage: amountOf(f, res, p.usage),
                      })}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {[
          ['over', r.top.overRequested],
          ['under', r.top.underRequested],
        ].map(([which, rows]) =>
          (rows as Report['top']['overRequested']).length === 0 ? null : (
            <table key={which as string} data-testid={`capacity-${which as string}`}>
              <caption>{t(`console.capacity.${which as 'over' | 'under'}Requested`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('console.capacity.workload')}</th>
                  <th scope="col">{t('console.col.pods')}</th>
                  <th scope="col">{t('console.capacity.usageOfRequests', { resource: 'CPU' })}</th>
                  <th scope="col">{t('console.capacity.usageOfRequestsMemory')}</th>
                </tr>
              </thead>
              <tbody>
                {(rows as Report['top']['overRequested']).map((s) => (
                  <tr key={`${s.namespace}/${s.workload}`}>
                    <th scope="row">
                      {s.namespace}/{s.workload}
                    </th>
                    <td>{f.num(s.pods)}</td>
                    <td>{f.pct(s.ratio.cpu)}</td>
                    <td>{f.pct(s.ratio.memory)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ),
        )}
      </Section>

      <Section title={t('console.capacity.pending')}>
        {r.pending.length === 0 ? (
          <Empty>{t('console.capacity.noPending')}</Empty>
        ) : (
          <table data-testid="capacity-pending">
            <thead>
              <tr>
                <th scope="col">{t('console.capacity.pod')}</th>
                <th scope="col">{labels.requests}</th>
                <th scope="col">{t('console.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {r.pending.map((p) => (
                <tr key={`${p.namespace}/${p.pod}`}>
                  <th scope="row">
                    {p.namespace}/{p.pod}
                  </th>
                  <td>
                    {f.cpu(p.requests.cpu)}, {f.bytes(p.requests.memory)}
                  </td>
                  <td>{m(p.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

export function CapacityView(props: { readonly load: Load<Report>; readonly retry?: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('console.capacity.title')}</h1>
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(r) => <CapacityReportView report={r} />}
      </Loaded>
    </>
  );
}

/** What the report is made of: nodes and pods (quotas change rarely; a new pod reads them again). */
const CAPACITY_SCOPES: readonly WatchScope[] = [
  { apiVersion: 'v1', kind: 'Node' },
  { apiVersion: 'v1', kind: 'Pod' },
];

export function CapacityPage() {
  const [load, retry] = useUseCase('capacity.report', {}, CAPACITY_SCOPES, []);
  return <CapacityView load={load} retry={retry} />;
}
