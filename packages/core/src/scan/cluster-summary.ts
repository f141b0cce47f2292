import {
  msg,
  SCAN_WORKLOADS_MAX,
  type ImageSeverity,
  type ImageVulnerability,
  type Message,
  type ScanClusterResult,
  type ScannedImage,
} from '@quai/contracts';
import type { ClusterImageResult, ClusterScanReport } from './cluster.js';
import { SEVERITY_ORDER, type Finding } from './findings.js';

/*
 * The compact form of a cluster scan, small enough to keep in the server's history: per image its
 * counts by severity (all, and fixable), and its first `top` vulnerabilities, fixable first; the
 * full list of findings stays with the CLI's reports (`quai scan cluster --report ...`).
 */

/** Characters kept of a vulnerability's summary. */
const SUMMARY_CHARS = 200;

const zero = (): Record<ImageSeverity, number> => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  none: 0,
  unknown: 0,
});

const asMessage = (text: Message | string): Message =>
  typeof text === 'string' ? msg('common.text', { text }) : text;

/** Fixable first, then the most severe, the highest score, the id (a stable order). */
export function compareVulnerabilities(a: ImageVulnerability, b: ImageVulnerability): number {
  return (
    Number(a.fixed === undefined) - Number(b.fixed === undefined) ||
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    (b.score ?? -1) - (a.score ?? -1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.package < b.package ? -1 : a.package > b.package ? 1 : 0)
  );
}

function vulnerabilityOf(f: Finding): ImageVulnerability {
  const v = f.vulnerability;
  const alias = v.id.startsWith('CVE-') ? undefined : v.aliases.find((a) => a.startsWith('CVE-'));
  const summary =
    v.summary === undefined || v.summary.length <= SUMMARY_CHARS
      ? v.summary
      : `${v.summary.slice(0, SUMMARY_CHARS - 1)}…`;
  return {
    id: v.id,
    ...(alias === undefined ? {} : { alias }),
    package: f.package.name,
    ecosystem: f.package.ecosystem,
    installed: f.package.version,
    ...(v.fixedVersion === undefined ? {} : { fixed: v.fixedVersion }),
    severity: v.severity.level,
    ...(v.severity.score === undefined ? {} : { score: v.severity.score }),
    ...(summary === undefined ? {} : { summary }),
  };
}

/** One image: its counts, and its first `top` vulnerabilities. */
export function compactImage(img: ClusterImageResult, top: number): ScannedImage {
  const base = {
    reference: img.reference,
    ...(img.digest === undefined ? {} : { digest: img.digest }),
    images: [...img.images],
    platform: img.platform,
    pods: img.pods,
    workloads: img.workloads.slice(0, SCAN_WORKLOADS_MAX).map((w) => ({ ...w })),
    workloadCount: img.workloads.length,
  };
  if (img.error !== undefined || img.report === undefined) {
    const e = img.error;
    return {
      ...base,
      error: {
        code: e?.code ?? 'INTERNAL',
        message: asMessage(e?.i18n?.message ?? e?.message ?? ''),
        ...(e?.i18n?.hint === undefined
          ? e?.hint === undefined
            ? {}
            : { hint: asMessage(e.hint) }
          : { hint: asMessage(e.i18n.hint) }),
      },
    };
  }
  const r = img.report;
  const bySeverity = zero();
  const fixable = zero();
  const all = r.findings.map(vulnerabilityOf);
  for (const v of all) {
    bySeverity[v.severity]++;
    if (v.fixed !== undefined) fixable[v.severity]++;
  }
  all.sort(compareVulnerabilities);
  const os = r.os === undefined ? undefined : (r.os.prettyName ?? `${r.os.id} ${r.os.versionId}`.trim());
  return {
    ...base,
    ...(os === undefined || os === '' ? {} : { os }),
    packages: r.packages,
    bySeverity,
    fixable,
    total: all.length,
    top: all.slice(0, top),
  };
}

/** The whole scan, compact: images with findings first (most severe first), then by reference. */
export function compactClusterScan(
  report: ClusterScanReport,
  options: {
    readonly top: number;
    readonly scannedAt: string;
    readonly scope: ScanClusterResult['scope'];
    readonly namespaces: readonly string[];
    readonly database?: ScanClusterResult['database'];
  },
): ScanClusterResult {
  const images = report.images.map((img) => compactImage(img, options.top));
  const bySeverity = zero();
  const fixable = zero();
  let vulnerabilities = 0;
  for (const img of images) {
    vulnerabilities += img.total ?? 0;
    for (const s of SEVERITY_ORDER) {
      bySeverity[s] += img.bySeverity?.[s] ?? 0;
      fixable[s] += img.fixable?.[s] ?? 0;
    }
  }
  const weight = (img: ScannedImage): number[] => SEVERITY_ORDER.map((s) => -(img.bySeverity?.[s] ?? 0));
  images.sort((a, b) => {
    const wa = weight(a);
    const wb = weight(b);
    for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return wa[i]! - wb[i]!;
    return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
  });
  return {
    scannedAt: options.scannedAt,
    scope: options.scope,
    namespaces: [...options.namespaces],
    pods: report.pods,
    containers: report.containers,
    ...(options.database === undefined ? {} : { database: options.database }),
    top: options.top,
    summary: { images: images.length, failed: report.failed, vulnerabilities, bySeverity, fixable },
    images,
    ...(options.scope === 'namespace' && options.namespaces.length === 1
      ? { target: { namespace: options.namespaces[0]! } }
      : {}),
  };
}
