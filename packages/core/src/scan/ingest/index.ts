import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { parseYamlStream } from '../../util/index.js';
import type { ScanTarget } from '../report/model.js';
import { parseJsonText, readInputText } from './read.js';
import { ingestCycloneDx, isCycloneDx } from './cyclonedx.js';
import { ingestGitlab, isGitlabReport } from './gitlab.js';
import { ingestTrivy, isTrivyReport } from './trivy.js';
import { ingestVulnerabilityReport, isVulnerabilityReport } from './trivy-operator.js';

export { dedupeFindings, mergeTargets } from './merge.js';
export { matchTarget } from './match.js';
export { ingestClusterReports, VULNERABILITY_REPORT_API } from './trivy-operator.js';
export { runTrivy, type TrivyRunOptions } from './trivy-run.js';
export { parseJsonText, readInputText } from './read.js';
export { ingestTrivy, ingestGitlab, ingestCycloneDx, ingestVulnerabilityReport };

export type ReportKind = 'trivy' | 'gitlab' | 'cyclonedx' | 'trivy-operator';

export function detectReport(value: unknown): ReportKind | undefined {
  if (isTrivyReport(value)) return 'trivy';
  if (isCycloneDx(value)) return 'cyclonedx';
  if (isVulnerabilityReport(value)) return 'trivy-operator';
  if (isGitlabReport(value)) return 'gitlab';
  return undefined;
}

/** The targets of one parsed report, whatever its format. */
export function ingestValue(value: unknown, file: string): ScanTarget[] {
  const kind = detectReport(value);
  switch (kind) {
    case 'trivy':
      return [ingestTrivy(value, file)];
    case 'cyclonedx':
      return [ingestCycloneDx(value, file)];
    case 'gitlab':
      return ingestGitlab(value, file);
    case 'trivy-operator': {
      const v = value as { kind: string; items?: unknown[] };
      return v.kind === 'VulnerabilityReportList'
        ? (v.items ?? []).map((item, i) => ingestVulnerabilityReport(item, `${file}#/items/${i}`))
        : [ingestVulnerabilityReport(value, file)];
    }
    case undefined: {
      // `kubectl get vulns -o json` writes a List.
      const items = (value as { kind?: unknown; items?: unknown } | null)?.items;
      if ((value as { kind?: unknown } | null)?.kind === 'List' && Array.isArray(items)) {
        return items.flatMap((item, i) => ingestValue(item, `${file}#/items/${i}`));
      }
      throw new QuaiError('INPUT_INVALID', msg('scan.ingest.unknownReport', { file }), {
        location: { file },
        hint: msg('scan.ingest.unknownReportHint'),
      });
    }
  }
}

/** Reads a report file (JSON; YAML for Kubernetes objects) and returns its targets. */
export async function ingestFile(file: string): Promise<ScanTarget[]> {
  const text = await readInputText(file, msg('scan.what.report'), msg('scan.ingest.checkPathHint'));
  if (/\.ya?ml$/i.test(file)) {
    return parseYamlStream(text, { file, what: msg('scan.what.report') }).flatMap((doc) =>
      ingestValue(doc, file),
    );
  }
  const value = parseJsonText(text, file, msg('scan.what.report'));
  return ingestValue(value, file);
}
