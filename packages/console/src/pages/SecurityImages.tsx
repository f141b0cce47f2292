import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Api, HistoryEntry, Res } from '../api.js';
import { useAction, type Action } from '../action.js';
import { Chart } from '../charts/Chart.js';
import { formatsOf } from '../charts/format.js';
import type { ChartSpec } from '../charts/spec.js';
import { useI18n, type I18n } from '../i18n.js';
import { ErrorNotice, Loaded, useLive, useSession, useUseCase, type Load } from '../state.js';
import { Empty, Figure, Section } from '../ui.js';

type Scan = Res<'scan.cluster'>;
type Image = Scan['images'][number];
type Level = keyof Scan['summary']['bySeverity'];

const LEVELS: readonly Level[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];
/** Images listed at most (the most vulnerable first; the figures count them all). */
export const IMAGES_LISTED = 100;

export interface ImagesData {
  /** The newest kept scan of the images, with its result. */
  readonly latest?: { readonly entry: HistoryEntry; readonly result: Scan };
}

/** The last scan the server kept (`scan.cluster` in its history) that the user may read. */
export async function loadImages(api: Api): Promise<ImagesData> {
  const [entry] = await api.history('scan.cluster', 1);
  if (entry === undefined) return {};
  const full = await api.historyEntry(entry.id);
  return full.result === undefined ? {} : { latest: { entry, result: full.result as Scan } };
}

/** A level's word: the security page's for the four it shares, the images' own for the others. */
export function levelWord(t: I18n['t'], level: Level): string {
  return level === 'none' || level === 'unknown'
    ? t(`console.images.severity.${level}`)
    : t(`console.security.severity.${level}`);
}

type Vulnerability = NonNullable<Image['top']>[number];

/**
 * A vulnerability's cells in a table of them (this page's, the app sheet's): severity, id and
 * alias (and the summary when asked), package, installed and fixed versions.
 */
export function VulnerabilityCells(props: { readonly v: Vulnerability; readonly summary?: boolean }) {
  const { t } = useI18n();
  const { v } = props;
  return (
    <>
      <td>
        <span class={`severity-${v.severity}`}>{levelWord(t, v.severity)}</span>
      </td>
      <th scope="row">
        <span class="code">{v.id}</span>
        {v.alias === undefined ? null : <> ({v.alias})</>}
        {props.summary !== true || v.summary === undefined ? null : (
          <>
            <br />
            {v.summary}
          </>
        )}
      </th>
      <td>{v.package}</td>
      <td class="code">{v.installed}</td>
      <td class={v.fixed === undefined ? 'muted' : 'code'}>{v.fixed ?? t('console.images.noFix')}</td>
    </>
  );
}

function Workloads(props: { readonly image: Image }) {
  const { t } = useI18n();
  const { image } = props;
  const names = [...new Set(image.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`))];
  const more = image.workloadCount - image.workloads.length;
  return (
    <>
      {names.join(', ')}
      {more > 0 ? ` ${t('console.images.moreWorkloads', { count: more })}` : null}
    </>
  );
}

function ImageDetails(props: { readonly image: Image }) {
  const { t, m, num } = useI18n();
  const { image } = props;
  const top = image.top ?? [];
  if (image.error !== undefined) {
    return (
      <p class="notice error">
        <strong>{t('console.images.notRead')}</strong> {m(image.error.message)}{' '}
        {image.error.hint === undefined ? null : m(image.error.hint)}{' '}
        <span class="code">{image.error.code}</span>
      </p>
    );
  }
  if (top.length === 0) return null;
  return (
    <details>
      <summary>{t('console.images.details', { image: image.images[0] ?? image.reference })}</summary>
      {top.length < (image.total ?? 0) ? (
        <p class="muted">{t('console.images.topOf', { shown: num(top.length), total: image.total ?? 0 })}</p>
      ) : null}
      <div class="scroll">
        <table data-testid="image-vulnerabilities">
          <thead>
            <tr>
              <th scope="col">{t('console.security.severity')}</th>
              <th scope="col">{t('console.images.vulnerability')}</th>
              <th scope="col">{t('console.images.package')}</th>
              <th scope="col">{t('console.images.installed')}</th>
              <th scope="col">{t('console.images.fixedIn')}</th>
            </tr>
          </thead>
          <tbody>
            {top.map((v) => (
              <tr key={`${v.id} ${v.package}`}>
                <VulnerabilityCells v={v} summary />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The last scan: figures, the chart by severity (with and without a fix), each image. */
export function ImagesReport(props: { readonly data: ImagesData }) {
  const { t, date, lang, num } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const latest = props.data.latest;
  const chart: ChartSpec | undefined = useMemo(() => {
    if (latest === undefined) return undefined;
    const s = latest.result.summary;
    return {
      type: 'bar',
      stacked: true,
      labels: LEVELS.map((l) => levelWord(t, l)),
      series: [
        { label: t('console.images.fixable'), values: LEVELS.map((l) => s.fixable[l] ?? 0) },
        {
          label: t('console.images.unfixed'),
          values: LEVELS.map((l) => (s.bySeverity[l] ?? 0) - (s.fixable[l] ?? 0)),
        },
      ],
      format: f.num,
      locale: f.locale,
    };
  }, [latest, lang]);
  if (latest === undefined) return <Empty>{t('console.images.none')}</Empty>;
  const r = latest.result;
  const fixable = LEVELS.reduce((n, l) => n + (r.summary.fixable[l] ?? 0), 0);
  const listed = r.images.slice(0, IMAGES_LISTED);
  return (
    <>
      <p class="muted" data-testid="images-latest">
        {t('console.images.latest', {
          at: date(r.scannedAt),
          actor: latest.entry.actor,
          images: r.summary.images,
          pods: r.pods,
        })}{' '}
        {r.scope === 'cluster'
          ? t('console.images.scope.cluster')
          : t('console.images.scope.some', { namespaces: r.namespaces.join(', ') })}{' '}
        {r.database === undefined
          ? null
          : t('console.images.database', {
              at: r.database.updatedAt === undefined ? '—' : date(r.database.updatedAt),
              records: num(r.database.records),
              count: r.database.records,
            })}
      </p>
      <dl class="figures" data-testid="images-figures">
        <Figure label={t('console.images.total')}>{num(r.summary.vulnerabilities)}</Figure>
        <Figure label={t('console.images.fixable')}>{num(fixable)}</Figure>
        {LEVELS.slice(0, 4).map((l) => (
          <Figure key={l} label={levelWord(t, l)} class={`severity-${l}`}>
            {num(r.summary.bySeverity[l] ?? 0)}
          </Figure>
        ))}
        <Figure label={t('console.images.failed')}>{num(r.summary.failed)}</Figure>
      </dl>
      {chart === undefined || r.summary.vulnerabilities === 0 ? null : (
        <div class="charts">
          <Chart
            title={t('console.images.chart')}
            xLabel={t('console.security.severity')}
            spec={chart}
            testId="chart-image-vulnerabilities"
          />
        </div>
      )}
      {r.images.length > listed.length ? (
        <p class="muted">
          {t('console.images.imagesLimit', { shown: num(listed.length), total: r.images.length })}
        </p>
      ) : null}
      {listed.length === 0 ? null : (
        <div class="scroll">
          <table data-testid="images">
            <thead>
              <tr>
                <th scope="col">{t('console.images.image')}</th>
                <th scope="col">{t('console.images.workloads')}</th>
                <th scope="col">{t('console.images.packages')}</th>
                {LEVELS.slice(0, 4).map((l) => (
                  <th scope="col" key={l}>
                    {levelWord(t, l)}
                  </th>
                ))}
                <th scope="col">{t('console.images.fixable')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((img) => [
                <tr key={`${img.reference} ${img.platform}`} data-testid="image-row">
                  <th scope="row">
                    <span class="code">{img.images.join(', ')}</span>
                    {img.error === undefined && (img.total ?? 0) === 0 ? (
                      <p class="muted">{t('console.images.clean')}</p>
                    ) : null}
                  </th>
                  <td>
                    <Workloads image={img} />
                  </td>
                  <td>{img.packages === undefined ? '—' : num(img.packages)}</td>
                  {LEVELS.slice(0, 4).map((l) => (
                    <td key={l}>{img.bySeverity === undefined ? '—' : num(img.bySeverity[l] ?? 0)}</td>
                  ))}
                  <td>
                    {img.fixable === undefined
                      ? '—'
                      : t('console.images.counts', {
                          fixable: num(LEVELS.reduce((n, l) => n + (img.fixable?.[l] ?? 0), 0)),
                          total: num(img.total ?? 0),
                        })}
                  </td>
                </tr>,
                // Its top vulnerabilities (or why it was not read) on a row of their own, full width.
                img.error !== undefined || (img.top ?? []).length > 0 ? (
                  <tr key={`${img.reference} ${img.platform} details`} class="details">
                    <td colSpan={8}>
                      <ImageDetails image={img} />
                    </td>
                  </tr>
                ) : null,
              ])}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The images section: the scan button for those the API lets scan, its progress, the last scan. */
export function ImagesView(props: {
  readonly load: Load<ImagesData>;
  readonly retry?: () => void;
  readonly canScan: boolean;
  readonly action?: Action;
  readonly onScan?: () => void;
  readonly onCancel?: () => void;
}) {
  const { t } = useI18n();
  const { action } = props;
  const busy = action?.busy === true;
  return (
    <Section title={t('console.images.title')}>
      {props.canScan && props.onScan !== undefined ? (
        <div class="actions">
          <button type="button" onClick={props.onScan} disabled={busy}>
            {busy ? t('console.images.scanning') : t('console.images.scanNow')}
          </button>
          {busy && props.onCancel !== undefined ? (
            <button type="button" onClick={props.onCancel}>
              {t('console.images.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {busy && action !== undefined && action.steps.length > 0 ? (
        <p role="status" class="muted" data-testid="images-progress">
          {action.steps.at(-1)}
        </p>
      ) : null}
      {action?.error === undefined ? null : <ErrorNotice error={action.error} />}
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(d) => <ImagesReport data={d} />}
      </Loaded>
    </Section>
  );
}

export function SecurityImages() {
  const { api } = useSession();
  const [load, retry] = useLive((a) => loadImages(a), [], []);
  const [access] = useUseCase('view.access', {}, [], []);
  const action = useAction();
  const stop = useRef<AbortController | undefined>(undefined);
  const scan = (): void => {
    const controller = new AbortController();
    stop.current = controller;
    void action.run(async (progress) => {
      try {
        await api.stream('scan.cluster', {}, progress, controller.signal);
      } catch (error) {
        // Stopped by the reader: the server stops reading images; nothing is kept, nothing to say.
        if (!controller.signal.aborted) throw error;
      }
      retry();
    });
  };
  // Opened from a link to this section (`#/security/images`, an app's sheet): brought into view.
  const shown = load.state !== 'loading';
  useEffect(() => {
    if (!shown || location.hash !== '#/security/images') return;
    const section = document.getElementById('images');
    section?.scrollIntoView();
    section?.focus({ preventScroll: true });
  }, [shown]);
  return (
    <div id="images" tabIndex={-1}>
      <ImagesView
        load={load}
        retry={retry}
        canScan={access.state === 'ok' && access.data.scan === true}
        action={action}
        onScan={scan}
        onCancel={() => stop.current?.abort()}
      />
    </div>
  );
}
