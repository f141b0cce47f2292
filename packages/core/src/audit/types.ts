import type { Message } from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';

/** How serious a finding is, from the least to the most. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** The Pod Security Standards levels Quai checks against (privileged allows everything). */
export type PssLevel = 'baseline' | 'restricted';

/** A path inside an object, as keys and indexes: `['spec', 'containers', 0, 'image']`. */
export type FieldPath = readonly (string | number)[];

/** Where an object came from, and how to find a field's line in it. */
export interface ObjectSource {
  readonly file: string;
  /** Line and column (1-based) of the document or list item the object starts at. */
  readonly line: number;
  readonly column: number;
  /** Line and column of a field path, or of its nearest ancestor present in the file. */
  readonly locate?: (path: FieldPath) => { readonly line: number; readonly column: number };
}

/** An object to audit, and, when it came from a file, where. */
export interface AuditObject {
  readonly object: KubeObject;
  readonly source?: ObjectSource;
}

interface ObjectRefLite {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export type CheckCategory = 'pod-security' | 'best-practice' | 'rbac' | 'exception';

/** What a check is, for reports and docs; its texts are catalog messages (English and French). */
export interface CheckInfo {
  readonly id: string;
  readonly category: CheckCategory;
  readonly severity: Severity;
  readonly title: Message;
  readonly rationale: Message;
  readonly remediation: Message;
  /** Sources: PSS control, NSA/CISA hardening guide section, CIS benchmark item, peer tools. */
  readonly references: readonly string[];
}

export interface Finding {
  readonly checkId: string;
  readonly category: CheckCategory;
  readonly severity: Severity;
  /** The check's title and remediation (the same message for every finding of a check). */
  readonly title: Message;
  /** What is wrong with this object, in one sentence or two, naming the object and the field. */
  readonly message: Message;
  readonly remediation: Message;
  readonly object: ObjectRefLite;
  /** The field the finding is about, as a dotted path: `spec.template.spec.containers[0].image`. */
  readonly path?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Set when an exception covers the finding: it is reported as suppressed. */
  readonly suppressed?: ExceptionInfo;
  /** On a QUAI-EXC-001 finding: the expired exception it reports. */
  readonly exception?: ExceptionInfo & { readonly check: string };
}

/** An exception as reports show it. */
export interface ExceptionInfo {
  readonly justification: string;
  /** YYYY-MM-DD; absent when the exception has no expiry. */
  readonly expires?: string;
  readonly source: string;
  /** Who granted it and the day (YYYY-MM-DD), when the exception says so. */
  readonly grantedBy?: string;
  readonly grantedAt?: string;
}

/** Something that is not a finding: a skipped kind, an input problem, an unused exception. */
export interface AuditNote {
  readonly kind: 'skipped' | 'input-error' | 'info';
  /** A catalog message, or a text from elsewhere (a parser's or an API server's reason). */
  readonly message: Message | string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: Message | string;
}

interface AuditSummary {
  readonly objects: number;
  readonly findings: number;
  readonly suppressed: number;
  /** Findings not suppressed, at or above the severity threshold: the exit code's business. */
  readonly failing: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export interface AuditReport {
  readonly tool: { readonly name: 'quai'; readonly version: string };
  readonly generatedAt: string;
  readonly options: {
    readonly level: PssLevel;
    readonly pssVersion: string;
    readonly kubernetesVersion: string;
    readonly severityThreshold: Severity;
  };
  readonly summary: AuditSummary;
  /** Every finding, suppressed ones included (see `suppressed`), sorted by file, line, check. */
  readonly findings: readonly Finding[];
  readonly notes: readonly AuditNote[];
  /** The checks that ran, for reports that describe their rules (SARIF, docs). */
  readonly checks: readonly CheckInfo[];
}
