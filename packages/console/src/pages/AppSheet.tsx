import type { ComponentChildren } from 'preact';
import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { Loaded, useUseCase, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';
import { AppScanPanel } from './AppSheetImages.js';

type Sheet = Res<'docs.app'>;
type Command = Sheet['commands']['deploy'][number];

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;

/** A severity of the audit (`high`) or of Trivy (`HIGH`) in the reader's language. */
function severity(t: ReturnType<typeof useI18n>['t'], s: string): string {
  const k = s.toLowerCase();
  return (SEVERITIES as readonly string[]).includes(k)
    ? t(`console.sheet.sev.${k as (typeof SEVERITIES)[number]}`)
    : s;
}

/** Counts by severity, most severe first: "2 critique, 1 élevée". */
function bySeverity(
  counts: Readonly<Record<string, number>>,
  num: (n: number) => string,
  t: ReturnType<typeof useI18n>['t'],
): string {
  const order: readonly string[] = SEVERITIES;
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => order.indexOf(a.toLowerCase()) - order.indexOf(b.toLowerCase()))
    .map(([s, n]) => `${num(n)} ${severity(t, s)}`)
    .join(', ');
}

function Commands(props: { readonly title: string; readonly commands: readonly Command[] }) {
  const { m } = useI18n();
  if (props.commands.length === 0) return null;
  return (
    <>
      <h4>{props.title}</h4>
      <dl>
        {props.commands.map((c) => (
          <div key={c.command}>
            <dt>{m(c.purpose)}</dt>
            <dd>
              <code>{c.command}</code>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/**
 * An app's operations sheet (`quai docs app`, served at /api/v1/docs/app) in three sections: the
 * sheet itself (owners, volumes, Secrets by name, dependencies, commands), its backups and drills,
 * its findings and vulnerabilities.
 */
export function SheetView(props: {
  readonly load: Load<Sheet>;
  readonly retry?: () => void;
  /** The app's images in the last scan of the cluster, under the Trivy Operator's reports. */
  readonly scan?: ComponentChildren;
}) {
  const { t, m, date, num } = useI18n();
  const seconds = (n: number): string => t('console.backups.seconds', { n: num(Math.round(n * 10) / 10) });
  const retry = props.retry === undefined ? {} : { retry: props.retry };
  return (
    <Loaded load={props.load} {...retry}>
      {(s) => (
        <>
          <Section title={t('console.sheet.title')}>
            <div data-testid="sheet">
              <p class="muted">{t('console.sheet.generated', { date: date(s.generatedAt) })}</p>
              {s.cluster.state === 'unreachable' ? (
                <p class="notice error">{t('console.sheet.notReachable')}</p>
              ) : null}
              <dl>
                <div>
                  <dt>{t('console.sheet.purpose')}</dt>
                  <dd>{s.purpose.description ?? t('console.sheet.none')}</dd>
                </div>
                <div>
                  <dt>{t('console.col.team')}</dt>
                  <dd>{s.purpose.team ?? t('console.sheet.none')}</dd>
                </div>
                <div>
                  <dt>{t('console.sheet.owner')}</dt>
                  <dd>{s.purpose.owner ?? t('console.sheet.none')}</dd>
                </div>
              </dl>
              {s.volumes.length === 0 ? null : (
                <>
                  <h4>{t('console.sheet.volumes')}</h4>
                  <ul>
                    {s.volumes.map((v) => (
                      <li key={v.claim}>
                        {v.claim}
                        {v.size === undefined ? '' : ` (${v.size})`}
                        {v.mounts.length === 0 ? '' : ` — ${v.mounts.join(', ')}`}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {s.secrets.length === 0 ? null : (
                <>
                  <h4>{t('console.sheet.secrets')}</h4>
                  <ul>
                    {s.secrets.map((x) => (
                      <li key={x.name}>
                        {x.name}
                        {x.keys.length === 0 ? '' : ` — ${x.keys.join(', ')}`}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {s.dependencies.length === 0 ? null : (
                <>
                  <h4>{t('console.sheet.dependencies')}</h4>
                  <ul>
                    {s.dependencies.map((d) => (
                      <li key={`${d.from}-${d.to}`}>
                        {d.from} → {d.to} ({d.how})
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Commands title={t('console.sheet.deploy')} commands={s.commands.deploy} />
              <Commands title={t('console.sheet.rollback')} commands={s.commands.rollback} />
              <Commands title={t('console.sheet.restore')} commands={s.commands.restore} />
              {s.notes.length === 0 ? null : (
                <>
                  <h4>{t('console.sheet.notes')}</h4>
                  <ul>
                    {s.notes.map((n, i) => (
                      <li key={i}>{m(n)}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </Section>
          <Section title={t('console.sheet.backups')}>
            <div data-testid="sheet-backups">
              {s.backups?.schedules.length ? (
                <ul>
                  {s.backups.schedules.map((x) => (
                    <li key={x.name}>
                      {x.name} — {t('console.schedules.inZone', { cron: x.cron, zone: x.timeZone })} →{' '}
                      {x.target}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('console.sheet.noSchedule')}</p>
              )}
              {s.backups?.last === undefined ? (
                <Empty>{t('console.sheet.noBackup')}</Empty>
              ) : (
                <dl>
                  <div>
                    <dt>{t('console.sheet.lastBackup')}</dt>
                    <dd>
                      {t('console.sheet.backupAt', {
                        name: s.backups.last.name,
                        target: s.backups.last.target,
                        status:
                          s.backups.last.status === 'completed' ||
                          s.backups.last.status === 'partially-failed'
                            ? t(`console.backups.status.${s.backups.last.status}`)
                            : s.backups.last.status,
                        date: date(s.backups.last.completedAt),
                      })}
                    </dd>
                  </div>
                  {(['lastDrill', 'lastPassedDrill'] as const).map((k) => {
                    const d = s.backups?.[k];
                    return d === undefined ? null : (
                      <div key={k}>
                        <dt>{t(`console.sheet.${k}`)}</dt>
                        <dd>
                          {t('console.sheet.drillAt', {
                            backup: d.backup,
                            target: d.target,
                            status: t(`console.backups.drill.${d.status}`),
                            date: date(d.startedAt),
                            seconds: seconds(d.recoverySeconds),
                          })}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              )}
              {(s.backups?.problems ?? []).map((p, i) => (
                <p key={i} class="notice error">
                  {m(p)}
                </p>
              ))}
            </div>
          </Section>
          <Section title={t('console.sheet.findings')}>
            <div data-testid="sheet-findings">
              <p>
                {t('console.sheet.findingsFrom', {
                  source: t(`console.sheet.source.${s.security.audit.source}`),
                  count: s.security.audit.findings.length,
                })}
                {s.security.audit.findings.length === 0
                  ? ''
                  : ` — ${bySeverity(s.security.audit.bySeverity, num, t)}`}
              </p>
              {s.security.audit.findings.length === 0 ? (
                <Empty>{t('console.sheet.noFindings')}</Empty>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('console.sheet.severity')}</th>
                      <th scope="col">{t('console.sheet.check')}</th>
                      <th scope="col">{t('console.col.object')}</th>
                      <th scope="col">{t('console.col.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.security.audit.findings.map((f, i) => (
                      <tr key={i}>
                        <td>{severity(t, f.severity)}</td>
                        <th scope="row">{f.checkId}</th>
                        <td>{f.object}</td>
                        <td>{m(f.title)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </Section>
          <Section title={t('console.sheet.vulns')}>
            <div data-testid="sheet-vulns">
              {s.security.vulnerabilities === undefined ? (
                <Empty>{t('console.sheet.noVulnReports')}</Empty>
              ) : (
                <>
                  <p>
                    {t('console.sheet.vulnReports', {
                      count: s.security.vulnerabilities.reports,
                      summary: bySeverity(s.security.vulnerabilities.bySeverity, num, t),
                    })}
                  </p>
                  {s.security.vulnerabilities.top.length === 0 ? null : (
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('console.sheet.severity')}</th>
                          <th scope="col">CVE</th>
                          <th scope="col">{t('console.sheet.package')}</th>
                          <th scope="col">{t('console.sheet.installed')}</th>
                          <th scope="col">{t('console.sheet.fixed')}</th>
                          <th scope="col">{t('console.sheet.image')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.security.vulnerabilities.top.map((v) => (
                          <tr key={`${v.id}-${v.package}-${v.image}`}>
                            <td>{severity(t, v.severity)}</td>
                            <th scope="row">{v.id}</th>
                            <td>{v.package}</td>
                            <td>{v.installed}</td>
                            <td>{v.fixed ?? ''}</td>
                            <td>{v.image}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </>
              )}
            </div>
            {props.scan}
          </Section>
        </>
      )}
    </Loaded>
  );
}

/** The sheet of a deployed app, read once when the page opens (it reads targets: not live). */
export function AppSheetPanel(props: {
  readonly app: string;
  readonly namespace: string;
  readonly environment: string;
  /** The app's objects (`Deployment/web`, `CronJob ns/purge`), to find its images in the last scan. */
  readonly workloads: readonly string[];
}) {
  const [load, retry] = useUseCase(
    'docs.app',
    { app: { app: props.app }, namespace: props.namespace, environment: props.environment },
    [],
    [props.app, props.namespace, props.environment],
  );
  return (
    <SheetView
      load={load}
      retry={retry}
      scan={<AppScanPanel namespace={props.namespace} workloads={props.workloads} />}
    />
  );
}
