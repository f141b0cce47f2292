import { useMemo } from 'preact/hooks';
import { Chart } from '../charts/Chart.js';
import { formatsOf } from '../charts/format.js';
import type { ChartSpec } from '../charts/spec.js';
import { useI18n } from '../i18n.js';
import type { HistoryEntry, Res } from '../api.js';
import { Section } from '../ui.js';

type Backup = Res<'backup.create'>;

/** What the Backups page reads: kept reports and, when they could be read, their results. */
export interface BackupHistory {
  readonly backups: readonly { readonly entry: HistoryEntry; readonly result?: Backup }[];
  readonly drills: readonly { readonly entry: HistoryEntry; readonly result?: Res<'backup.drill'> }[];
}

/**
 * Backup sizes and durations over time, from the kept reports the Backups page reads (oldest
 * first), and the drills' recovery times. Nothing to draw: nothing shown (the lists say it).
 */
export function BackupCharts(props: {
  readonly data: BackupHistory;
  /** The bytes a backup holds (the Backups page's own count). */
  readonly bytesOf: (b: Backup) => number;
}) {
  const { t, date, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const charts = useMemo(() => {
    const backups = props.data.backups.filter((b) => b.result !== undefined).reverse();
    const drills = props.data.drills.filter((d) => d.result !== undefined).reverse();
    const label = (at: string, name: string | undefined): string =>
      name === undefined ? date(at) : `${date(at)} · ${name}`;
    const sizes: ChartSpec = {
      type: 'bar',
      labels: backups.map((b) => label(b.entry.at, b.result?.name)),
      series: [{ label: t('console.backups.size'), values: backups.map((b) => props.bytesOf(b.result!)) }],
      format: f.bytes,
      locale: f.locale,
    };
    const seconds = (from: string, to: string): number =>
      Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
    // One time line for both: a backup's duration and a drill's recovery time at their dates.
    const times: { at: string; backup?: number; drill?: number }[] = [
      ...backups.map((b) => ({
        at: b.entry.at,
        backup: seconds(b.result!.startedAt, b.result!.completedAt),
      })),
      ...drills.map((d) => ({ at: d.entry.at, drill: d.result!.recoverySeconds })),
    ].sort((x, y) => x.at.localeCompare(y.at));
    const durations: ChartSpec = {
      type: 'line',
      labels: times.map((x) => date(x.at)),
      series: [
        { label: t('console.backupCharts.backupDuration'), values: times.map((x) => x.backup ?? null) },
        ...(drills.length === 0
          ? []
          : [{ label: t('console.backupCharts.recovery'), values: times.map((x) => x.drill ?? null) }]),
      ],
      format: (s) => f.duration(s * 1000),
      locale: f.locale,
    };
    return { backups: backups.length, sizes, durations };
  }, [props.data, lang]);
  if (charts.backups === 0) return null;
  return (
    <Section title={t('console.backupCharts.title')}>
      <div class="charts">
        <Chart
          title={t('console.backupCharts.sizes')}
          xLabel={t('console.col.when')}
          spec={charts.sizes}
          testId="chart-backup-sizes"
        />
        <Chart
          title={t('console.backupCharts.durations')}
          xLabel={t('console.col.when')}
          spec={charts.durations}
          testId="chart-backup-durations"
        />
      </div>
    </Section>
  );
}
