import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { Loaded, useLive, type Load } from '../state.js';
import { Empty, Figure } from '../ui.js';
import { levelWord, loadImages, VulnerabilityCells, type ImagesData } from './SecurityImages.js';

type Scan = Res<'scan.cluster'>;
type Image = Scan['images'][number];
type Level = keyof Scan['summary']['bySeverity'];
type Vulnerability = NonNullable<Image['top']>[number];

const LEVELS: readonly Level[] = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];
/** Vulnerabilities listed on the sheet at most (the Security page lists each image's top). */
export const SHEET_TOP = 10;
/** Where the Security page's images section is (the link from the sheet). */
export const IMAGES_SECTION_HREF = '#/security/images';

/** The last scan of the cluster's images, as far as one app's workloads go. */
export type AppScan =
  | { readonly kind: 'none' }
  /** The last scan did not read this namespace (it was made by someone who may not list its pods). */
  | { readonly kind: 'notCovered'; readonly at: string; readonly actor: string }
  | {
      readonly kind: 'images';
      readonly at: string;
      readonly actor: string;
      readonly databaseAt?: string;
      /** The app's images in the scan (none: none of its workloads was running then). */
      readonly images: readonly Image[];
      readonly bySeverity: Readonly<Record<Level, number>>;
      readonly fixable: Readonly<Record<Level, number>>;
      readonly total: number;
      readonly failed: number;
      /** Fixable first, then by severity and score, each with the image it is in. */
      readonly top: readonly (Vulnerability & { readonly image: string })[];
    };

const rank = (l: Level): number => LEVELS.indexOf(l);

/** `Kind/name` of an app's object, as the app's page names it: `Deployment/web` or `Deployment ns/web`. */
export function workloadKey(object: string): string {
  const spaced = /^([A-Za-z]+) (?:[^/\s]+\/)?([^/\s]+)$/.exec(object);
  return spaced === null ? object : `${spaced[1]}/${spaced[2]}`;
}

/**
 * The part of the last `scan.cluster` that is about one app: the images that its workloads (its
 * objects, `Deployment/web` or `Deployment ns/web`) in its namespace ran when the scan was made.
 */
export function appScanOf(data: ImagesData, namespace: string, workloads: readonly string[]): AppScan {
  const latest = data.latest;
  if (latest === undefined) return { kind: 'none' };
  const r = latest.result;
  const base = { at: r.scannedAt, actor: latest.entry.actor };
  if (r.scope !== 'cluster' && !r.namespaces.includes(namespace)) return { kind: 'notCovered', ...base };
  const mine = new Set(workloads.map(workloadKey));
  const images = r.images.filter((img) =>
    img.workloads.some((w) => w.namespace === namespace && mine.has(`${w.kind}/${w.name}`)),
  );
  const zero = (): Record<Level, number> =>
    Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  const bySeverity = zero();
  const fixable = zero();
  let total = 0;
  const top: (Vulnerability & { image: string })[] = [];
  for (const img of images) {
    for (const l of LEVELS) {
      bySeverity[l] += img.bySeverity?.[l] ?? 0;
      fixable[l] += img.fixable?.[l] ?? 0;
    }
    total += img.total ?? 0;
    for (const v of img.top ?? []) top.push({ ...v, image: img.images[0] ?? img.reference });
  }
  top.sort(
    (a, b) =>
      Number(b.fixed !== undefined) - Number(a.fixed !== undefined) ||
      rank(a.severity) - rank(b.severity) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.id.localeCompare(b.id),
  );
  return {
    kind: 'images',
    ...base,
    ...(r.database?.updatedAt === undefined ? {} : { databaseAt: r.database.updatedAt }),
    images,
    bySeverity,
    fixable,
    total,
    failed: images.filter((i) => i.error !== undefined).length,
    top: top.slice(0, SHEET_TOP),
  };
}

function ToSecurity() {
  const { t } = useI18n();
  return (
    <p>
      <a href={IMAGES_SECTION_HREF} data-testid="sheet-scan-link">
        {t('console.sheetScan.link')}
      </a>
    </p>
  );
}

/** What the sheet shows of the last scan of the images for one app. */
export function AppScanView(props: { readonly scan: AppScan }) {
  const { t, date, num } = useI18n();
  const s = props.scan;
  if (s.kind === 'none')
    return (
      <>
        <Empty>{t('console.sheetScan.none')}</Empty>
        <ToSecurity />
      </>
    );
  const when = t('console.sheetScan.when', { at: date(s.at), actor: s.actor });
  if (s.kind === 'notCovered')
    return (
      <>
        <Empty>{t('console.sheetScan.notCovered', { when })}</Empty>
        <ToSecurity />
      </>
    );
  if (s.images.length === 0)
    return (
      <>
        <Empty>{t('console.sheetScan.notRunning', { when })}</Empty>
        <ToSecurity />
      </>
    );
  const fixable = LEVELS.reduce((n, l) => n + s.fixable[l], 0);
  return (
    <>
      <p class="muted" data-testid="sheet-scan-latest">
        {when}{' '}
        {t('console.sheetScan.images', {
          count: s.images.length,
          images: s.images.map((i) => i.images[0] ?? i.reference).join(', '),
        })}{' '}
        {s.databaseAt === undefined ? null : t('console.sheetScan.database', { at: date(s.databaseAt) })}
      </p>
      <dl class="figures" data-testid="sheet-scan-figures">
        <Figure label={t('console.images.total')}>{num(s.total)}</Figure>
        <Figure label={t('console.images.fixable')}>{num(fixable)}</Figure>
        {LEVELS.slice(0, 4).map((l) => (
          <Figure key={l} label={levelWord(t, l)} class={`severity-${l}`}>
            {num(s.bySeverity[l])}
          </Figure>
        ))}
        {s.failed === 0 ? null : <Figure label={t('console.images.failed')}>{num(s.failed)}</Figure>}
      </dl>
      {s.total === 0 ? (
        <p>{t('console.images.clean')}</p>
      ) : s.top.length === 0 ? null : (
        <div class="scroll">
          <table data-testid="sheet-scan-top">
            <caption>
              {s.top.length < s.total
                ? t('console.sheetScan.top', { shown: num(s.top.length), total: num(s.total) })
                : t('console.sheetScan.all', { count: s.total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('console.security.severity')}</th>
                <th scope="col">{t('console.images.vulnerability')}</th>
                <th scope="col">{t('console.images.package')}</th>
                <th scope="col">{t('console.images.installed')}</th>
                <th scope="col">{t('console.images.fixedIn')}</th>
                <th scope="col">{t('console.images.image')}</th>
              </tr>
            </thead>
            <tbody>
              {s.top.map((v) => (
                <tr key={`${v.image} ${v.id} ${v.package}`}>
                  <VulnerabilityCells v={v} />
                  <td class="code">{v.image}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ToSecurity />
    </>
  );
}

/** The sheet's section, from a load of the last scan (component tests give the load). */
export function AppScanSection(props: {
  readonly load: Load<ImagesData>;
  readonly namespace: string;
  readonly workloads: readonly string[];
  readonly retry?: () => void;
}) {
  const { t } = useI18n();
  return (
    <div data-testid="sheet-scan">
      <h3>{t('console.sheetScan.title')}</h3>
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(d) => <AppScanView scan={appScanOf(d, props.namespace, props.workloads)} />}
      </Loaded>
    </div>
  );
}

/** The last scan the server kept (`GET /api/v1/history`), read when the page opens. */
export function AppScanPanel(props: { readonly namespace: string; readonly workloads: readonly string[] }) {
  const [load, retry] = useLive((a) => loadImages(a), [], []);
  return <AppScanSection load={load} retry={retry} namespace={props.namespace} workloads={props.workloads} />;
}
