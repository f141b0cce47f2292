import { useMemo } from 'preact/hooks';
import type { Api, HistoryEntry, Res } from '../api.js';
import { formatsOf } from '../charts/format.js';
import { useI18n } from '../i18n.js';
import { Loaded, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';

type Overview = Res<'view.overview'>;
type Audit = Res<'audit.cluster'>;

/** The overview's look at the other pages: last backups and drills, open findings of the last audit. */
export interface GlanceData {
  readonly backups: readonly HistoryEntry[];
  readonly drills: readonly HistoryEntry[];
  readonly audit?: { readonly entry: HistoryEntry; readonly summary: Audit['summary'] };
}

const LAST = 3;

export async function loadGlance(api: Api): Promise<GlanceData> {
  const [backups, drills, audits] = await Promise.all([
    api.history('backup.create', LAST),
    api.history('backup.drill', LAST),
    api.history('audit.cluster', 1),
  ]);
  const last = audits[0];
  const full = last === undefined ? undefined : await api.historyEntry(last.id).catch(() => undefined);
  const summary = (full?.result as Audit | undefined)?.summary;
  return last === undefined || summary === undefined
    ? { backups, drills }
    : { backups, drills, audit: { entry: last, summary } };
}

/** Requested over allocatable, real and simulated nodes apart, with a meter each (and its words). */
export function CapacityGlance(props: { readonly capacity: Overview['capacity'] }) {
  const { t, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const rows = (['real', 'simulated'] as const).flatMap((kind) =>
    (['cpu', 'memory', 'pods'] as const).map((res) => {
      const a = props.capacity[kind][res];
      return { kind, res, requested: a.requested, allocatable: a.allocatable };
    }),
  );
  const amount = (res: 'cpu' | 'memory' | 'pods', n: number): string =>
    res === 'cpu' ? f.cpu(n) : res === 'memory' ? f.bytes(n) : f.num(n);
  return (
    <Section title={t('console.glance.capacity')}>
      <table data-testid="glance-capacity">
        <thead>
          <tr>
            <th scope="col">{t('console.glance.nodes')}</th>
            <th scope="col">{t('console.capacity.resource')}</th>
            <th scope="col">{t('console.capacity.requests')}</th>
            <th scope="col">{t('console.glance.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((r) => r.allocatable > 0)
            .map((r) => {
              const share = r.requested / r.allocatable;
              return (
                <tr key={`${r.kind}-${r.res}`}>
                  <th scope="row">{t(`console.glance.kind.${r.kind}`)}</th>
                  <td>{t(`console.glance.res.${r.res}`)}</td>
                  <td>
                    {t('console.of', {
                      used: amount(r.res, r.requested),
                      total: amount(r.res, r.allocatable),
                    })}
                  </td>
                  <td>
                    <meter
                      min={0}
                      max={1}
                      low={0.7}
                      high={0.9}
                      optimum={0.5}
                      value={share}
                      aria-hidden="true"
                    />{' '}
                    {f.pct(share)}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
      <p>
        <a href="#/capacity">{t('console.glance.toCapacity')}</a>
      </p>
    </Section>
  );
}

function Recent(props: {
  readonly entries: readonly HistoryEntry[];
  readonly none: string;
  readonly testId: string;
}) {
  const { t, date } = useI18n();
  if (props.entries.length === 0) return <Empty>{props.none}</Empty>;
  return (
    <ul data-testid={props.testId}>
      {props.entries.map((e) => (
        <li key={e.id}>
          {t('console.glance.entry', {
            at: date(e.at),
            actor: e.actor,
            outcome: t(
              `console.glance.outcome.${e.outcome === 'ok' ? 'ok' : e.outcome === 'partial' ? 'partial' : 'failed'}`,
            ),
          })}
          {e.namespace === undefined ? '' : ` · ${e.namespace}`}
        </li>
      ))}
    </ul>
  );
}

export function GlanceView(props: { readonly load: Load<GlanceData> }) {
  const { t, date, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  return (
    <Loaded load={props.load}>
      {(g) => (
        <div class="columns">
          <Section title={t('console.glance.backups')}>
            <Recent entries={g.backups} none={t('console.backups.none')} testId="glance-backups" />
            <h3>{t('console.glance.drills')}</h3>
            <Recent entries={g.drills} none={t('console.backups.noDrills')} testId="glance-drills" />
            <p>
              <a href="#/backups">{t('console.glance.toBackups')}</a>
            </p>
          </Section>
          <Section title={t('console.glance.findings')}>
            {g.audit === undefined ? (
              <Empty>{t('console.security.none')}</Empty>
            ) : (
              <p data-testid="glance-findings">
                <strong
                  class={(g.audit.summary.bySeverity.critical ?? 0) > 0 ? 'severity-critical' : undefined}
                >
                  {t('console.glance.critical', {
                    critical: f.num(g.audit.summary.bySeverity.critical ?? 0),
                    high: f.num(g.audit.summary.bySeverity.high ?? 0),
                  })}
                </strong>{' '}
                {t('console.glance.auditOf', { at: date(g.audit.entry.at) })}
              </p>
            )}
            <p>
              <a href="#/security">{t('console.glance.toSecurity')}</a>
            </p>
          </Section>
        </div>
      )}
    </Loaded>
  );
}
