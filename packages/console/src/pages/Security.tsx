import { useCallback, useMemo, useState } from 'preact/hooks';
import { ApiError, type Api, type HistoryEntry, type Res } from '../api.js';
import { Chart } from '../charts/Chart.js';
import { formatsOf } from '../charts/format.js';
import type { ChartSpec } from '../charts/spec.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice, Loaded, useLive, useSession, type Load } from '../state.js';
import { Empty, Figure, Section } from '../ui.js';
import {
  AcceptRisk,
  SecurityExceptions,
  useExceptionControls,
  type ExceptionControls,
} from './SecurityExceptions.js';
import { SecurityImages } from './SecurityImages.js';

type Audit = Res<'audit.cluster'>;
type Finding = Audit['findings'][number];
type Severity = Finding['severity'];

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** One kept audit of the cluster: its summary for the chart over time. */
export interface AuditRun {
  readonly entry: HistoryEntry;
  readonly summary?: Audit['summary'];
}

export interface SecurityData {
  /** Kept audits of the cluster, newest first. */
  readonly runs: readonly AuditRun[];
  /** The newest, with its findings. */
  readonly latest?: { readonly entry: HistoryEntry; readonly result: Audit };
}

/** How many kept audits the page reads in full (the chart over time). */
const DETAILED = 12;
/** Findings listed at most in the table (the counts above count them all). */
export const LISTED = 200;

export async function loadSecurity(api: Api): Promise<SecurityData> {
  const entries = await api.history('audit.cluster', 50);
  const full = await Promise.all(
    entries.slice(0, DETAILED).map((e) => api.historyEntry(e.id).catch(() => undefined)),
  );
  const runs = entries.map((entry, i): AuditRun => {
    const result = full[i]?.result as Audit | undefined;
    return result === undefined ? { entry } : { entry, summary: result.summary };
  });
  const first = full.findIndex((f) => f?.result !== undefined);
  const latest = first < 0 ? undefined : { entry: entries[first]!, result: full[first]!.result as Audit };
  return latest === undefined ? { runs } : { runs, latest };
}

const rank = (s: Severity): number => SEVERITIES.indexOf(s);
const where = (f: Finding): string =>
  `${f.object.kind}/${f.object.namespace === undefined ? '' : `${f.object.namespace}/`}${f.object.name}`;

function SeverityWord(props: { readonly severity: Severity }) {
  const { t } = useI18n();
  return <span class={`severity-${props.severity}`}>{t(`console.security.severity.${props.severity}`)}</span>;
}

export function SecurityReport(props: {
  readonly data: SecurityData;
  readonly now?: Date;
  /** Grants and revocations of exceptions, where the API allows them. */
  readonly controls?: ExceptionControls | undefined;
}) {
  const { t, m, date, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const { runs, latest } = props.data;
  const now = props.now ?? new Date();
  const [severity, setSeverity] = useState<Severity | ''>('');

  const over: ChartSpec | undefined = useMemo(() => {
    const kept = runs.filter((r) => r.summary !== undefined).reverse();
    if (kept.length === 0) return undefined;
    return {
      type: 'line',
      labels: kept.map((r) => date(r.entry.at)),
      series: SEVERITIES.filter((s) => s !== 'info').map((s) => ({
        label: t(`console.security.severity.${s}`),
        values: kept.map((r) => r.summary?.bySeverity[s] ?? 0),
      })),
      format: f.num,
      locale: f.locale,
    };
  }, [runs, lang]);

  if (latest === undefined) return <Empty>{t('console.security.none')}</Empty>;
  const a = latest.result;
  const open = a.findings.filter((x) => x.suppressed === undefined);
  const rbac = open.filter((x) => x.category === 'rbac');
  const byNamespace = new Map<string, Record<Severity, number>>();
  for (const x of open) {
    const ns = x.object.namespace ?? '';
    const row = byNamespace.get(ns) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    row[x.severity]++;
    byNamespace.set(ns, row);
  }
  const apps = [...byNamespace.entries()].sort(
    ([, x], [, y]) => y.critical - x.critical || y.high - x.high || y.medium - x.medium,
  );
  const listed = open
    .filter((x) => severity === '' || x.severity === severity)
    .sort((x, y) => rank(x.severity) - rank(y.severity));
  const accept = props.controls !== undefined && listed.some((x) => props.controls?.can(x.object) === true);
  const bySeverity: ChartSpec = {
    type: 'bar',
    labels: SEVERITIES.map((s) => t(`console.security.severity.${s}`)),
    series: [
      { label: t('console.security.findings'), values: SEVERITIES.map((s) => a.summary.bySeverity[s] ?? 0) },
    ],
    format: f.num,
    locale: f.locale,
  };

  return (
    <>
      <Section title={t('console.security.summary')}>
        <p class="muted" data-testid="security-latest">
          {t('console.security.latest', {
            at: date(latest.entry.at),
            actor: latest.entry.actor,
            objects: a.summary.objects,
          })}
        </p>
        <dl class="figures" data-testid="security-figures">
          {SEVERITIES.map((s) => (
            <Figure key={s} label={t(`console.security.severity.${s}`)} class={`severity-${s}`}>
              {f.num(a.summary.bySeverity[s] ?? 0)}
            </Figure>
          ))}
          <Figure label={t('console.security.accepted')}>{f.num(a.summary.suppressed)}</Figure>
        </dl>
        <div class="charts">
          <Chart
            title={t('console.security.chart.bySeverity')}
            xLabel={t('console.security.severity')}
            spec={bySeverity}
            testId="chart-severity"
          />
          {over === undefined ? null : (
            <Chart
              title={t('console.security.chart.overTime')}
              xLabel={t('console.col.when')}
              spec={over}
              summary={t('console.security.chart.overTimeSummary', { runs: over.labels.length })}
              testId="chart-findings-over-time"
            />
          )}
        </div>
      </Section>

      <Section title={t('console.security.byApp')}>
        {apps.length === 0 ? (
          <Empty>{t('console.security.noFindings')}</Empty>
        ) : (
          <table data-testid="security-by-app">
            <thead>
              <tr>
                <th scope="col">{t('console.col.namespace')}</th>
                {SEVERITIES.map((s) => (
                  <th scope="col" key={s}>
                    {t(`console.security.severity.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {apps.map(([ns, row]) => (
                <tr key={ns}>
                  <th scope="row">{ns === '' ? t('console.security.clusterScope') : ns}</th>
                  {SEVERITIES.map((s) => (
                    <td key={s}>{f.num(row[s])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t('console.security.findingsList')}>
        <div class="filters">
          <label>
            {t('console.security.severity')}{' '}
            <select
              value={severity}
              onChange={(e) => setSeverity((e.target as HTMLSelectElement).value as Severity | '')}
            >
              <option value="">{t('console.security.allSeverities')}</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`console.security.severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {listed.length === 0 ? (
          <Empty>{t('console.security.noFindings')}</Empty>
        ) : (
          <>
            {listed.length > LISTED || a.truncated ? (
              <p class="muted">
                {t('console.security.listedOf', { shown: LISTED, total: a.summary.findings })}
              </p>
            ) : null}
            <div class="scroll">
              <table data-testid="security-findings">
                <thead>
                  <tr>
                    <th scope="col">{t('console.security.severity')}</th>
                    <th scope="col">{t('console.col.object')}</th>
                    <th scope="col">{t('console.security.check')}</th>
                    <th scope="col">{t('console.security.fix')}</th>
                    {accept ? <th scope="col">{t('console.exceptions.actions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {listed.slice(0, LISTED).map((x, i) => (
                    <tr key={i}>
                      <td>
                        <SeverityWord severity={x.severity} />
                      </td>
                      <th scope="row">{where(x)}</th>
                      <td>
                        <strong>{m(x.title)}</strong> <span class="code">{x.checkId}</span>
                        <br />
                        {m(x.message)}
                      </td>
                      <td>{m(x.remediation)}</td>
                      {accept ? (
                        <td>
                          <AcceptRisk finding={x} controls={props.controls} now={now} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Section>

      <Section title={t('console.security.rbac')}>
        {rbac.length === 0 ? (
          <Empty>{t('console.security.noRbac')}</Empty>
        ) : (
          <table data-testid="security-rbac">
            <thead>
              <tr>
                <th scope="col">{t('console.security.severity')}</th>
                <th scope="col">{t('console.col.object')}</th>
                <th scope="col">{t('console.security.risk')}</th>
              </tr>
            </thead>
            <tbody>
              {rbac
                .sort((x, y) => rank(x.severity) - rank(y.severity))
                .map((x, i) => (
                  <tr key={i}>
                    <td>
                      <SeverityWord severity={x.severity} />
                    </td>
                    <th scope="row">{where(x)}</th>
                    <td>
                      <strong>{m(x.title)}</strong>
                      <br />
                      {m(x.message)}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </Section>

      <SecurityExceptions findings={a.findings} now={now} controls={props.controls} />
    </>
  );
}

export function SecurityView(props: {
  readonly load: Load<SecurityData>;
  readonly retry?: () => void;
  readonly onAudit?: () => void;
  readonly auditing?: boolean;
  readonly auditError?: ApiError | undefined;
  readonly controls?: ExceptionControls | undefined;
  /** What the last grant or revocation did. */
  readonly notice?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('console.security.title')}</h1>
      {props.onAudit === undefined ? null : (
        <div class="actions">
          <button type="button" onClick={props.onAudit} disabled={props.auditing === true}>
            {props.auditing === true ? t('console.security.auditing') : t('console.security.auditNow')}
          </button>
        </div>
      )}
      {props.notice === undefined ? null : (
        <p role="status" class="notice ok">
          {props.notice}
        </p>
      )}
      {props.auditError === undefined ? null : <ErrorNotice error={props.auditError} />}
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(d) => <SecurityReport data={d} controls={props.controls} />}
      </Loaded>
    </>
  );
}

export function SecurityPage() {
  const session = useSession();
  const [load, retry] = useLive((api) => loadSecurity(api), [], []);
  const [auditing, setAuditing] = useState(false);
  const [auditError, setAuditError] = useState<ApiError | undefined>(undefined);
  const audit = useCallback((): void => {
    setAuditing(true);
    setAuditError(undefined);
    session.api.run('audit.cluster', {}).then(
      () => {
        setAuditing(false);
        retry();
      },
      (error: unknown) => {
        setAuditing(false);
        const e = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', String(error));
        if (e.unauthenticated) session.signedOut();
        setAuditError(e);
      },
    );
  }, [retry]);
  const [controls, notice] = useExceptionControls(load, audit);
  return (
    <>
      <SecurityView
        load={load}
        retry={retry}
        onAudit={audit}
        auditing={auditing}
        auditError={auditError}
        controls={controls}
        notice={notice}
      />
      <SecurityImages />
    </>
  );
}
