import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { BP_CATALOG, LIFECYCLE_KINDS, runBestPractices, type Emit } from './best-practices.js';
import { EXCEPTION_CATALOG, PSS_CATALOG } from './catalog.js';
import {
  annotationExceptions,
  coveringException,
  isExpired,
  renderExceptions,
  ruleMatches,
  type ExceptionRule,
  type RenderException,
} from './exceptions.js';
import { evaluatePodSecurity, parsePssVersion, PSS_MAX_MINOR } from './pss.js';
import { RBAC_CATALOG, runRbac } from './rbac.js';
import {
  SEVERITIES,
  severityRank,
  type AuditNote,
  type AuditObject,
  type AuditReport,
  type CheckInfo,
  type FieldPath,
  type Finding,
  type PssLevel,
  type Severity,
} from './types.js';
import { asJson, formatPath, POD_BEARING_KINDS, podTemplateOf } from './workloads.js';

export interface AuditOptions {
  /** Pod Security Standards level (default restricted). */
  readonly level?: PssLevel;
  /** Policy version: `latest` (default) or `v1.30`. */
  readonly pssVersion?: string;
  /** Target Kubernetes version for removed and deprecated APIs: `1.36` or `v1.36` (default 1.36). */
  readonly kubernetesVersion?: string;
  /** Findings at or above it fail the audit (default low). */
  readonly severityThreshold?: Severity;
  /** Central exceptions (see parseExceptionsFile). */
  readonly exceptions?: readonly ExceptionRule[];
  /** Notes gathered while loading (input errors), carried into the report. */
  readonly notes?: readonly AuditNote[];
  /** For tests and reproducible reports: the time exceptions are judged at. */
  readonly now?: Date;
  readonly toolVersion?: string;
  /** Where the objects come from: manifests (default) or a live cluster (no literal-Secret check). */
  readonly source?: 'manifests' | 'cluster';
  /** Which families of checks run (default all); exception checks always run. */
  readonly categories?: readonly ('pod-security' | 'best-practice' | 'rbac')[];
}

/** Every check Quai knows, for docs and reports. */
export const AUDIT_CHECKS: readonly CheckInfo[] = [
  ...PSS_CATALOG,
  ...BP_CATALOG,
  ...RBAC_CATALOG,
  ...EXCEPTION_CATALOG,
];
const CHECKS_BY_ID = new Map(AUDIT_CHECKS.map((c) => [c.id, c]));

/** Kinds some check reads; other kinds are skipped with a note. */
const AUDITED_KINDS = new Set([
  ...POD_BEARING_KINDS,
  ...LIFECYCLE_KINDS,
  'Service',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'ConfigMap',
  'Secret',
  'Namespace',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ServiceAccount',
]);

export const DEFAULT_KUBERNETES_MINOR = 36;

function parseKubernetesMinor(v: string | undefined): number {
  if (v === undefined) return DEFAULT_KUBERNETES_MINOR;
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(v.trim());
  if (m === null) {
    throw new QuaiError('USAGE', `Invalid Kubernetes version "${v}".`, {
      hint: 'Give a version such as 1.36 (or v1.36).',
    });
  }
  return Number(m[1]);
}

function normalize(input: readonly (AuditObject | KubeObject)[]): AuditObject[] {
  return input.map((x) => ('object' in x && !('apiVersion' in x) ? x : { object: x }));
}

/** Puts the line and column of each finding's field in place, grouped by object. */
function locateFindings(
  findings: Finding[],
  pending: ReadonlyMap<Finding, { ao: AuditObject; path: FieldPath }>,
): void {
  const byObject = new Map<AuditObject, number[]>();
  findings.forEach((f, i) => {
    const where = pending.get(f);
    if (where === undefined) return;
    const list = byObject.get(where.ao) ?? [];
    list.push(i);
    byObject.set(where.ao, list);
  });
  for (const [ao, indexes] of byObject) {
    for (const i of indexes) {
      const f = findings[i];
      const where = f === undefined ? undefined : pending.get(f);
      if (f === undefined || where === undefined || ao.source?.locate === undefined) continue;
      const pos = ao.source.locate(where.path);
      findings[i] = { ...f, line: pos.line, column: pos.column };
    }
  }
}

/**
 * Audits objects: Pod Security Standards on every pod-bearing kind, best practices, RBAC risks,
 * with exceptions applied. Pure: no I/O, the clock only through `now`.
 */
export function auditObjects(
  input: readonly (AuditObject | KubeObject)[],
  options: AuditOptions = {},
): AuditReport {
  const objects = normalize(input);
  const level = options.level ?? 'restricted';
  const version = parsePssVersion(options.pssVersion ?? 'latest');
  if (version === undefined) {
    throw new QuaiError('USAGE', `Invalid Pod Security Standards version "${options.pssVersion ?? ''}".`, {
      hint: 'Give latest or a version such as v1.30.',
    });
  }
  const targetMinor = parseKubernetesMinor(options.kubernetesVersion);
  const threshold = options.severityThreshold ?? 'low';
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  const notes: AuditNote[] = [...(options.notes ?? [])];

  const objectOf = new Map<Finding, KubeObject>();
  // Field positions are resolved at the end, object by object, so each document is read once.
  const pending = new Map<Finding, { ao: AuditObject; path: FieldPath }>();
  // Every field at fault, for exceptions that allow fields one by one.
  const fieldsOf = new Map<Finding, readonly FieldPath[]>();
  const emit: Emit = (checkId, ao, message, path, paths) => {
    const info = CHECKS_BY_ID.get(checkId);
    if (info === undefined) throw new Error(`Unknown check ${checkId}`);
    const o = ao.object;
    const finding: Finding = {
      checkId,
      category: info.category,
      severity: info.severity,
      title: info.title,
      message,
      remediation: info.remediation,
      object: {
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.metadata.name ?? o.metadata.generateName ?? '',
        ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
      },
      ...(path === undefined || path.length === 0 ? {} : { path: formatPath(path) }),
      ...(ao.source === undefined
        ? {}
        : { file: ao.source.file, line: ao.source.line, column: ao.source.column }),
    };
    findings.push(finding);
    objectOf.set(finding, o);
    const fields = paths ?? (path === undefined ? [] : [path]);
    if (fields.length > 0) fieldsOf.set(finding, fields);
    if (path !== undefined && ao.source?.locate !== undefined) pending.set(finding, { ao, path });
  };

  // Unknown kinds: one note per kind.
  const skipped = new Map<string, number>();
  for (const ao of objects) {
    if (!AUDITED_KINDS.has(ao.object.kind)) {
      const key = `${ao.object.apiVersion} ${ao.object.kind}`;
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
    }
  }
  for (const [key, count] of [...skipped].sort()) {
    notes.push({
      kind: 'skipped',
      message: `${count} object${count === 1 ? '' : 's'} of kind ${key} not audited (no check reads this kind).`,
    });
  }

  const runs = (c: 'pod-security' | 'best-practice' | 'rbac'): boolean =>
    options.categories === undefined || options.categories.includes(c);
  // Pod Security Standards.
  for (const ao of runs('pod-security') ? objects : []) {
    const t = podTemplateOf(ao.object);
    if (t === undefined) continue;
    for (const v of evaluatePodSecurity({ metadata: t.metadata, spec: t.spec }, level, version)) {
      const first: FieldPath | undefined = v.paths[0];
      emit(
        `PSS-${v.check}`,
        ao,
        `${v.reason} (${v.detail}) violates PodSecurity "${level}:${version.label}".`,
        first === undefined ? [...t.base, 'spec'] : [...t.base, ...first],
        v.paths.map((p) => [...t.base, ...p]),
      );
    }
  }
  if (runs('best-practice'))
    runBestPractices({ objects, targetMinor, live: options.source === 'cluster' }, emit);
  if (runs('rbac')) runRbac(objects, emit);

  // Exceptions: annotations first, then the central file.
  const byObject = new Map<KubeObject, AuditObject>(objects.map((ao) => [ao.object, ao]));
  const annotationRules = new Map<KubeObject, ExceptionRule[]>();
  // The exceptions `quai render` declares on pod templates (quai.dev/exception.<allow>).
  const declared = new Map<KubeObject, RenderException[]>();
  for (const ao of objects) {
    const t = podTemplateOf(ao.object);
    if (t === undefined) continue;
    const { valid, invalid } = renderExceptions(asJson(t.metadata['annotations']) ?? {});
    if (valid.length > 0) declared.set(ao.object, valid);
    for (const e of invalid)
      emit('QUAI-EXC-002', ao, `The exception annotation "${e.key}" is ignored: ${e.problem}.`, [
        ...t.base,
        'metadata',
        'annotations',
        e.key,
      ]);
  }
  for (const ao of objects) {
    const rules: ExceptionRule[] = [];
    for (const e of annotationExceptions(ao.object)) {
      if (e.ok) rules.push(e.rule);
      else
        emit('QUAI-EXC-002', ao, `The exception annotation "${e.key}" is ignored: ${e.problem}.`, [
          'metadata',
          'annotations',
          e.key,
        ]);
    }
    if (rules.length > 0) annotationRules.set(ao.object, rules);
  }
  const fileRules = options.exceptions ?? [];
  const usedFileRules = new Set<ExceptionRule>();
  const expiredReported = new Set<string>();
  const result: Finding[] = [];
  const checked = findings.slice();
  for (const f of checked) {
    const o = objectOf.get(f);
    if (o === undefined || f.category === 'exception') {
      result.push(f);
      continue;
    }
    const candidates = [
      ...(annotationRules.get(o) ?? []).filter((r) => r.check === f.checkId),
      ...fileRules.filter((r) => ruleMatches(r, f.checkId, o)),
    ];
    const renderException = coveringException(declared.get(o) ?? [], f.checkId, o, fieldsOf.get(f) ?? []);
    if (renderException !== undefined) {
      candidates.push({
        check: f.checkId,
        ...(renderException.expires === undefined ? {} : { expires: renderException.expires }),
        justification: renderException.justification,
        source: `annotation ${renderException.key}`,
      });
    }
    const valid = candidates.find((r) => !isExpired(r.expires, now));
    for (const r of candidates) {
      if (fileRules.includes(r)) usedFileRules.add(r);
      if (isExpired(r.expires, now)) {
        const k = `${r.source}|${f.object.kind}|${f.object.namespace ?? ''}|${f.object.name}`;
        const ao = byObject.get(o);
        if (!expiredReported.has(k) && ao !== undefined) {
          expiredReported.add(k);
          emit(
            'QUAI-EXC-001',
            ao,
            `The exception for ${r.check} (${r.source}) expired on ${r.expires}: "${r.justification}".`,
            r.source.startsWith('annotation') ? ['metadata', 'annotations'] : undefined,
          );
        }
      }
    }
    if (valid === undefined) {
      result.push(f);
    } else {
      const copy: Finding = {
        ...f,
        suppressed: {
          justification: valid.justification,
          ...(valid.expires === undefined ? {} : { expires: valid.expires }),
          source: valid.source,
        },
      };
      const where = pending.get(f);
      if (where !== undefined) pending.set(copy, where);
      result.push(copy);
    }
  }
  // QUAI-EXC-001 findings emitted by the loop above.
  result.push(...findings.slice(checked.length));
  for (const r of fileRules) {
    if (!usedFileRules.has(r))
      notes.push({
        kind: 'info',
        message: `The exception for ${r.check} at ${r.source} matched no finding; remove it if the risk is gone.`,
      });
  }

  locateFindings(result, pending);
  result.sort(
    (a, b) =>
      (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      `${a.object.namespace ?? ''}/${a.object.kind}/${a.object.name}`.localeCompare(
        `${b.object.namespace ?? ''}/${b.object.kind}/${b.object.name}`,
      ) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.checkId.localeCompare(b.checkId),
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  let failing = 0;
  for (const f of result) {
    if (f.suppressed !== undefined) {
      suppressed++;
      continue;
    }
    bySeverity[f.severity]++;
    if (severityRank(f.severity) >= severityRank(threshold)) failing++;
  }
  const used = new Set(result.map((f) => f.checkId));
  return {
    tool: { name: 'quai', version: options.toolVersion ?? '0.0.0' },
    generatedAt: now.toISOString(),
    options: {
      level,
      pssVersion: version.label === 'latest' ? `latest (v1.${PSS_MAX_MINOR})` : version.label,
      kubernetesVersion: `1.${targetMinor}`,
      severityThreshold: threshold,
    },
    summary: {
      objects: objects.length,
      findings: result.length - suppressed,
      suppressed,
      failing,
      bySeverity,
    },
    findings: result,
    notes,
    checks: AUDIT_CHECKS.filter((c) => used.has(c.id)),
  };
}
