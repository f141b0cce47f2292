import { isPastDay } from '../../util/index.js';

/*
 * The ignore file (`.quai-scan-ignore.yaml`): rules that accept a known vulnerability for a
 * while. Each names the vulnerability (its id or an alias), may narrow to a package (name or
 * package URL) and an image (a trailing `*` matches any suffix), and must say why and until when.
 * A rule past its expiry no longer applies and is reported, so nobody forgets an accepted risk.
 *
 *   apiVersion: quai.dev/v1alpha1
 *   kind: ScanIgnore
 *   rules:
 *     - id: CVE-2023-5363
 *       package: libssl3
 *       image: registry.example.org/grist*
 *       justification: TLS is terminated by the ingress; the app never calls the affected API.
 *       expires: "2027-03-31"
 *       by: security officer (J. Martin)
 */

export const IGNORE_FILE_NAME = '.quai-scan-ignore.yaml';

export interface IgnoreRule {
  readonly id: string;
  readonly package?: string;
  readonly image?: string;
  readonly justification: string;
  readonly expires: string;
  readonly by?: string;
  /** `file:line` where the rule is written. */
  readonly source: string;
}

/** A rule is valid through the whole of its expiry day (UTC). */
export function isExpired(rule: Pick<IgnoreRule, 'expires'>, now: Date): boolean {
  return isPastDay(rule.expires, now);
}

export function globMatch(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}
