import { jsonChunks } from '../../util/index.js';
import { renderOpenVex } from '../exceptions/openvex.js';
import { renderScanCycloneDx } from './cyclonedx.js';
import { renderScanGitlab } from './gitlab.js';
import type { ScanResults } from './model.js';
import { renderScanSarif } from './sarif.js';
import { renderScanSpdx } from './spdx.js';
import { renderScanText, type SeverityPainter } from './text.js';

export {
  activeFindings,
  buildResults,
  FINDING_STATUSES,
  imageLabel,
  summarize,
  targetFromScan,
  VEX_JUSTIFICATIONS,
  withWarningTexts,
  type ExpiredRule,
  type FindingStatus,
  type ReportFinding,
  type ReportPackage,
  type ReportVulnerability,
  type ScanResults,
  type ScanSummary,
  type ScanTarget,
  type Suppression,
  type VexJustification,
} from './model.js';
export {
  renderScanCycloneDx,
  renderScanGitlab,
  renderScanSarif,
  renderScanSpdx,
  renderScanText,
  type SeverityPainter,
};
export { GITLAB_SCHEMA_VERSION } from './gitlab.js';
export { targetsFromCluster } from './cluster.js';

/** The formats `quai scan` writes. */
export const SCAN_REPORT_FORMATS = [
  'text',
  'json',
  'sarif',
  'cyclonedx',
  'spdx',
  'gitlab',
  'openvex',
] as const;
export type ScanReportFormat = (typeof SCAN_REPORT_FORMATS)[number];

/**
 * Renders the view in one format, in pieces (about 64 KiB each) to write one after the other:
 * the same text as renderScanReport, never held whole.
 */
export function renderScanReportChunks(
  results: ScanResults,
  format: ScanReportFormat,
  options: { readonly paint?: SeverityPainter; readonly author?: string } = {},
): Iterable<string> {
  switch (format) {
    case 'text':
      return [`${renderScanText(results, options.paint)}\n`];
    case 'json':
      return jsonChunks(results);
    case 'sarif':
      return jsonChunks(renderScanSarif(results));
    case 'cyclonedx':
      return jsonChunks(renderScanCycloneDx(results));
    case 'spdx':
      return jsonChunks(renderScanSpdx(results));
    case 'gitlab':
      return jsonChunks(renderScanGitlab(results));
    case 'openvex':
      return jsonChunks(
        renderOpenVex(results, options.author === undefined ? {} : { author: options.author }),
      );
  }
}

/** Renders the view in one format, as the text to write (JSON formats end with a newline). */
export function renderScanReport(
  results: ScanResults,
  format: ScanReportFormat,
  options: { readonly paint?: SeverityPainter; readonly author?: string } = {},
): string {
  const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
  switch (format) {
    case 'text':
      return `${renderScanText(results, options.paint)}\n`;
    case 'json':
      return json(results);
    case 'sarif':
      return json(renderScanSarif(results));
    case 'cyclonedx':
      return json(renderScanCycloneDx(results));
    case 'spdx':
      return json(renderScanSpdx(results));
    case 'gitlab':
      return json(renderScanGitlab(results));
    case 'openvex':
      return json(renderOpenVex(results, options.author === undefined ? {} : { author: options.author }));
  }
}
