import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { BP_CATALOG, CrossChecks, LIFECYCLE_KINDS, localBestPractices, type Emit } from './best-practices.js';
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
import { evaluatePodSecurity, parsePssVersion, PSS_MAX_MINOR, type PssVersion } from './pss.js';
import { localRbac, RBAC_CATALOG, RbacCross, RbacShared } from './rbac.js';
import { parse, SpillPartitions, Spool, stringify } from './spool.js';
import {
  SEVERITIES,
  severityRank,
  type AuditNote,
  type AuditObject,
  type AuditReport,
  type CheckInfo,
  type ExceptionInfo,
  type FieldPath,
  type Finding,
  type ObjectSource,
  type PssLevel,
  type Severity,
} from './types.js';
import { asJson, formatPath, POD_BEARING_KINDS, podTemplateOf } from './workloads.js';
import { compareText } from '../util/index.js';

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
  /**
   * Objects the checks that relate objects keep in memory (default 50,000); beyond, they go to
   * temporary files, one per partition of namespaces, read back one partition at a time.
   */
  readonly objectsInMemory?: number;
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

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function parseKubernetesMinor(v: string | undefined): number {
  if (v === undefined) return DEFAULT_KUBERNETES_MINOR;
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(v.trim());
  if (m === null) {
    throw new QuaiError('USAGE', msg('audit.badKubernetesVersion', { version: v }), {
      hint: msg('audit.badKubernetesVersionHint'),
    });
  }
  return Number(m[1]);
}

/** What a report says besides its findings, known once every object is audited. */
export type AuditHeader = Omit<AuditReport, 'findings'> & {
  /** Per check, how many objects it found something on (accepted findings excluded). */
  readonly objectsPerCheck: Readonly<Record<string, number>>;
};

/** A finished audit: its header, and the findings of the checks that relate objects. */
export interface Finished {
  readonly header: AuditHeader;
  readonly crossFindings: () => Iterable<RankedFinding>;
}

/** A finding with the rank of the object it is about, in input order. */
export interface RankedFinding {
  readonly rank: number;
  readonly finding: Finding;
}

/** Within one object: by line, then the most severe first, then by check. */
export function compareWithinObject(a: Finding, b: Finding): number {
  return (
    (a.line ?? 0) - (b.line ?? 0) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.checkId, b.checkId)
  );
}

/** The `quai.dev/` annotations with a text value, or undefined when there are none. */
function quaiAnnotations(a: unknown): Record<string, string> | undefined {
  const all = asJson(a);
  if (all === undefined) return undefined;
  const kept = Object.entries(all).filter(
    (e): e is [string, string] => e[0].startsWith('quai.dev/') && typeof e[1] === 'string',
  );
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** Only what the checks that relate objects read, so that memory does not hold whole inputs. */
function slimObject(ao: AuditObject): AuditObject | undefined {
  const o = ao.object;
  const m = o.metadata;
  const annotations = quaiAnnotations(m.annotations);
  // Assigned one by one (not spread): the same keys, in the same order, for less work.
  const metadata: Writable<KubeObject['metadata']> = {};
  if (m.name !== undefined) metadata.name = m.name;
  if (m.generateName !== undefined) metadata.generateName = m.generateName;
  if (m.namespace !== undefined) metadata.namespace = m.namespace;
  if (m.labels !== undefined) metadata.labels = m.labels;
  if (annotations !== undefined) metadata.annotations = annotations;
  const base = { apiVersion: o.apiVersion, kind: o.kind, metadata };
  const spec = asJson(o['spec']) ?? {};
  let object: KubeObject;
  const t = podTemplateOf(o);
  if (t !== undefined) {
    const templateAnnotations = quaiAnnotations(t.metadata['annotations']);
    const template = {
      metadata: {
        ...(t.metadata['labels'] === undefined ? {} : { labels: t.metadata['labels'] }),
        ...(templateAnnotations === undefined ? {} : { annotations: templateAnnotations }),
      },
      spec: Object.fromEntries(
        ['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken']
          .filter((k) => t.spec[k] !== undefined)
          .map((k) => [k, t.spec[k]]),
      ),
    };
    // Rebuild the same nesting, so that the checks and the field paths stay those of the input.
    // A Pod is its own template: its metadata keeps its name and namespace.
    let nested: Record<string, unknown> =
      t.base.length === 0 ? { metadata: { ...metadata, ...template.metadata }, spec: template.spec } : {};
    if (t.base.length > 0) {
      const root: Record<string, unknown> = {
        ...(spec['replicas'] === undefined ? {} : { replicas: spec['replicas'] }),
        ...(spec['selector'] === undefined ? {} : { selector: spec['selector'] }),
      };
      nested = { spec: root };
      let cur = root;
      const rest = t.base.slice(1);
      rest.forEach((key, i) => {
        if (i === rest.length - 1) cur[String(key)] = template;
        else {
          const next: Record<string, unknown> = {};
          cur[String(key)] = next;
          cur = next;
        }
      });
    }
    object = { ...base, ...nested };
  } else {
    switch (o.kind) {
      case 'NetworkPolicy':
        object = {
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata,
          spec: { podSelector: spec['podSelector'] },
        };
        break;
      case 'PodDisruptionBudget':
        object = {
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata,
          spec: {
            selector: spec['selector'],
            maxUnavailable: spec['maxUnavailable'],
            minAvailable: spec['minAvailable'],
          },
        };
        break;
      case 'Service':
        object = {
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata,
          spec: { selector: spec['selector'], type: spec['type'] },
        };
        break;
      case 'Ingress':
        object = { apiVersion: o.apiVersion, kind: o.kind, metadata, spec };
        break;
      case 'ServiceAccount':
        object = {
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata,
          automountServiceAccountToken: o['automountServiceAccountToken'],
        };
        break;
      case 'Role':
      case 'ClusterRole':
        object = {
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata,
          rules: o['rules'],
          aggregationRule: o['aggregationRule'],
        };
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        object = {
          apiVersion: o.apiVersion,
          kind: o.kind,
          metadata,
          subjects: o['subjects'],
          roleRef: o['roleRef'],
        };
        break;
      default:
        return undefined;
    }
  }
  object = detached(object);
  if (ao.source === undefined) return { object };
  const { file, line, column, locate } = ao.source;
  // Keep the positions the later checks report, not the document: memory holds no input text.
  const { paths, keys } = reportedPaths(object, t?.base);
  if (locate === undefined || paths.length === 0) return { object, source: { file, line, column } };
  const at: number[] = [];
  for (const p of paths) {
    const pos = locate(p);
    at.push(pos.line, pos.column);
  }
  return { object, source: new SlimSource(file, line, column, keys, at) };
}

/**
 * A slim object's source: the positions of the fields the checks that relate objects report, as
 * line and column pairs in the order of `keys` (shared by the objects of the same shape).
 */
class SlimSource implements ObjectSource {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly keys: readonly string[],
    readonly at: readonly number[],
  ) {}

  /** A method, not a closure: a slim object holds no function of its own. */
  locate(p: FieldPath): { line: number; column: number } {
    const i = this.keys.indexOf(p.join('\u0000'));
    return i < 0
      ? { line: this.line, column: this.column }
      : { line: this.at[2 * i] ?? 0, column: this.at[2 * i + 1] ?? 0 };
  }
}

/**
 * A copy of what a slim object keeps, whose strings are new flat strings: a string the YAML
 * reader cut out of a document is a slice that keeps the whole file's text alive as long as it
 * lives, and slim objects live until the end of the audit.
 */
function detached<T>(v: T): T {
  if (typeof v === 'string') return (v.length < 13 ? v : ` ${v}`.slice(1)) as T;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(detached) as T;
  const out: Record<string, unknown> = {};
  // Plain data (YAML or JSON): own enumerable keys only, in order.
  for (const k in v) out[k] = detached((v as Record<string, unknown>)[k]);
  return out as T;
}

/** A slim object and its rank, as the checks that relate objects keep it. */
interface Kept {
  readonly rank: number;
  readonly ao: AuditObject;
}

/**
 * Kept objects as JSON lines, for the temporary files: positions as numbers, and the keys of the
 * fields they are of (shared by the objects of a shape) by their number in `keys`.
 */
class KeptCodec {
  private readonly keys: (readonly string[])[] = [];
  private readonly keyIds = new Map<readonly string[], number>();

  encode = (k: Kept): string => {
    const s = k.ao.source;
    if (s === undefined) return stringify([k.rank, k.ao.object]);
    if (!(s instanceof SlimSource)) return stringify([k.rank, k.ao.object, s.file, s.line, s.column]);
    let id = this.keyIds.get(s.keys);
    if (id === undefined && this.keys.length < 10_000) {
      id = this.keys.length;
      this.keys.push(s.keys);
      this.keyIds.set(s.keys, id);
    }
    return stringify([k.rank, k.ao.object, s.file, s.line, s.column, id ?? s.keys, s.at]);
  };

  decode = (line: string): Kept => {
    const [rank, object, file, l, column, keys, at] = parse(line) as [
      number,
      KubeObject,
      string?,
      number?,
      number?,
      (number | string[])?,
      number[]?,
    ];
    if (file === undefined || l === undefined || column === undefined) return { rank, ao: { object } };
    if (keys === undefined || at === undefined)
      return { rank, ao: { object, source: { file, line: l, column } } };
    const k = typeof keys === 'number' ? (this.keys[keys] ?? []) : keys;
    return { rank, ao: { object, source: new SlimSource(file, l, column, k, at) } };
  };
}

/** Paths, and the same joined (SlimSource's keys): shared by the objects of the same shape. */
interface Reported {
  readonly paths: readonly FieldPath[];
  readonly keys: readonly string[];
}
const NOTHING_REPORTED: Reported = { paths: [], keys: [] };
const REPORTED = new Map<unknown, Reported>();
function reported(id: unknown, make: () => FieldPath[]): Reported {
  let r = REPORTED.get(id);
  if (r === undefined) {
    const paths = make();
    r = { paths, keys: paths.map((p) => p.join('\u0000')) };
    // Few shapes in practice (one per kind and nesting, and per Ingress rule count): a bound all the same.
    if (REPORTED.size < 1000) REPORTED.set(id, r);
  }
  return r;
}

/** The fields the checks that relate objects report findings at, per kind. */
function reportedPaths(o: KubeObject, base: FieldPath | undefined): Reported {
  // `base` is one of the constant template paths: the same array for every object of a kind.
  if (base !== undefined)
    return reported(base, () => [
      [...base, 'spec'],
      [...base, 'metadata', 'labels'],
      [...base, 'spec', 'serviceAccountName'],
      [...base, 'spec', 'serviceAccount'],
      ['spec', 'replicas'],
      ['spec', 'selector'],
      ['spec'],
    ]);
  switch (o.kind) {
    case 'Service':
      return reported('Service', () => [['spec', 'selector']]);
    case 'PodDisruptionBudget':
      return reported('PodDisruptionBudget', () => [
        ['spec', 'selector'],
        ['spec', 'minAvailable'],
      ]);
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return reported('RoleBinding', () => [['roleRef']]);
    case 'Ingress': {
      const spec = asJson(o['spec']) ?? {};
      // The paths of each rule's backends: the shape is the number of paths in each rule.
      const counts = (Array.isArray(spec['rules']) ? (spec['rules'] as unknown[]) : []).map((r) => {
        const paths = asJson(asJson(r)?.['http'])?.['paths'];
        return Array.isArray(paths) ? paths.length : 0;
      });
      return reported(`Ingress ${counts.join(',')}`, () => {
        const out: FieldPath[] = [['spec', 'defaultBackend', 'service', 'name']];
        counts.forEach((n, i) => {
          for (let j = 0; j < n; j++) out.push(['spec', 'rules', i, 'http', 'paths', j, 'backend']);
        });
        return out;
      });
    }
    default:
      return NOTHING_REPORTED;
  }
}

/**
 * Audits objects one at a time, as they are read: every check that reads one object runs at
 * once and its findings go to `sink`, in input order, each with its field's position and its
 * exceptions applied; the checks that relate objects run in `finish` over slim copies. Memory
 * holds those copies, not the inputs. Pure: no I/O, the clock only through `now`.
 */
export class Auditor {
  private readonly level: PssLevel;
  private readonly version: PssVersion;
  private readonly targetMinor: number;
  private readonly threshold: Severity;
  private readonly now: Date;
  private readonly notes: AuditNote[];
  private readonly fileRules: readonly ExceptionRule[];
  private readonly usedFileRules = new Set<ExceptionRule>();
  private readonly expiredReported = new Set<string>();
  private readonly skipped = new Map<string, number>();
  /** Roles, and the bindings that reach beyond their namespace: the RBAC checks need them all at once. */
  private readonly shared = new RbacShared();
  /** The other slim objects, by namespace: the checks that relate objects read a partition at a time. */
  private readonly kept: SpillPartitions<Kept>;
  /** The findings of those checks, in report order: one list, or one file per partition. */
  private readonly crossRuns: Spool<RankedFinding>[] = [];
  private readonly used = new Set<string>();
  private readonly perCheck = new Map<string, { objects: number; last: number }>();
  private readonly bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private lastRef: { of: KubeObject; ref: Finding['object'] } | undefined;
  private objects = 0;
  private total = 0;
  private suppressed = 0;
  private failing = 0;

  constructor(
    private readonly options: AuditOptions,
    private readonly sink: (f: RankedFinding) => void,
  ) {
    this.level = options.level ?? 'restricted';
    const version = parsePssVersion(options.pssVersion ?? 'latest');
    if (version === undefined) {
      throw new QuaiError('USAGE', msg('audit.badPssVersion', { version: options.pssVersion ?? '' }), {
        hint: msg('audit.badPssVersionHint'),
      });
    }
    this.version = version;
    this.targetMinor = parseKubernetesMinor(options.kubernetesVersion);
    this.threshold = options.severityThreshold ?? 'low';
    this.now = options.now ?? new Date();
    this.notes = [...(options.notes ?? [])];
    this.fileRules = options.exceptions ?? [];
    const codec = new KeptCodec();
    this.kept = new SpillPartitions<Kept>(options.objectsInMemory ?? 50_000, codec.encode, codec.decode);
  }

  /** Removes the temporary files of the objects kept and of the findings of the checks that relate them. */
  close(): void {
    this.kept.close();
    for (const run of this.crossRuns.splice(0)) run.close();
  }

  private runs(c: 'pod-security' | 'best-practice' | 'rbac'): boolean {
    return this.options.categories === undefined || this.options.categories.includes(c);
  }

  note(n: AuditNote): void {
    this.notes.push(n);
  }

  /** Audits one object: its own checks now, the checks that relate it to others in finish(). */
  add(ao: AuditObject): void {
    const rank = this.objects++;
    this.lastRef = undefined;
    const o = ao.object;
    if (!AUDITED_KINDS.has(o.kind)) {
      const key = `${o.apiVersion} ${o.kind}`;
      this.skipped.set(key, (this.skipped.get(key) ?? 0) + 1);
    }
    const raw: {
      checkId: string;
      message: Message;
      path: FieldPath | undefined;
      /** Every field at fault, when there are several (else `path`'s). */
      paths: readonly FieldPath[] | undefined;
    }[] = [];
    const emit: Emit = (checkId, _ao, message, path, paths) => {
      raw.push({ checkId, message, path, paths });
    };
    const t = podTemplateOf(o);
    if (t !== undefined && this.runs('pod-security')) {
      for (const v of evaluatePodSecurity({ metadata: t.metadata, spec: t.spec }, this.level, this.version)) {
        const first: FieldPath | undefined = v.paths[0];
        emit(
          `PSS-${v.check}`,
          ao,
          msg('audit.finding.pss', {
            reason: v.reason,
            detail: v.detail,
            policy: `${this.level}:${this.version.label}`,
          }),
          first === undefined ? [...t.base, 'spec'] : [...t.base, ...first],
          v.paths.map((p) => [...t.base, ...p]),
        );
      }
    }
    if (this.runs('best-practice'))
      localBestPractices(
        ao,
        { targetMinor: this.targetMinor, live: this.options.source === 'cluster' },
        emit,
      );
    if (this.runs('rbac')) localRbac(ao, emit);
    const out: Finding[] = [];
    const exceptions = this.exceptionsOf(ao, out);
    for (const r of raw) this.finalize(ao, exceptions, r.checkId, r.message, r.path, r.paths, out);
    out.sort(compareWithinObject);
    for (const finding of out) this.count(rank, finding, this.sink);
    const slim = slimObject(ao);
    if (slim !== undefined) {
      const ns = slim.object.metadata.namespace ?? '';
      if (!this.shared.add(slim, rank)) this.kept.add(ns, { rank, ao: slim });
    }
  }

  /**
   * The checks that relate objects, a partition of namespaces at a time, then the report's header;
   * the findings of those checks in report order (read from files when the input was large).
   */
  finish(): Finished {
    const steps = this.finishing();
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
    }
  }

  /** finish() a partition at a time: it yields between partitions (to act on an interruption). */
  *finishing(): Generator<undefined, Finished> {
    this.shared.finish();
    // Per check: the objects it found something on here, the first of them, and the last seen.
    const perCheck = new Map<string, { objects: number; first: number; last: number }>();
    let partition = 0;
    for (const items of this.kept.partitions()) {
      // Spilled, the partitions' findings are read back all at once (merged): small reads.
      const run = this.kept.spilled
        ? new Spool<RankedFinding>(1000, undefined, undefined, 1 << 16)
        : new Spool<RankedFinding>(Number.POSITIVE_INFINITY);
      this.crossRuns.push(run);
      for (const r of this.crossChecks(items, partition++)) this.countCross(r, perCheck, run);
      yield;
    }
    // The same count as in input order: an object found by a check both alone and related is one.
    for (const [id, c] of perCheck) {
      const e = this.perCheck.get(id);
      if (e === undefined) this.perCheck.set(id, { objects: c.objects, last: c.last });
      else e.objects += c.objects - (c.first === e.last ? 1 : 0);
    }

    const notes = [...this.notes];
    for (const [key, count] of [...this.skipped].sort()) {
      notes.push({
        kind: 'skipped',
        message: msg('audit.note.notAudited', { count, kind: key }),
      });
    }
    for (const r of this.fileRules) {
      if (!this.usedFileRules.has(r))
        notes.push({
          kind: 'info',
          message: msg('audit.note.unusedException', { check: r.check, source: r.source }),
        });
    }
    const header: AuditHeader = {
      tool: { name: 'quai', version: this.options.toolVersion ?? '0.0.0' },
      generatedAt: this.now.toISOString(),
      options: {
        level: this.level,
        pssVersion: this.version.label === 'latest' ? `latest (v1.${PSS_MAX_MINOR})` : this.version.label,
        kubernetesVersion: `1.${this.targetMinor}`,
        severityThreshold: this.threshold,
      },
      summary: {
        objects: this.objects,
        findings: this.total - this.suppressed,
        suppressed: this.suppressed,
        failing: this.failing,
        bySeverity: { ...this.bySeverity },
      },
      notes,
      checks: AUDIT_CHECKS.filter((c) => this.used.has(c.id)),
      objectsPerCheck: Object.fromEntries([...this.perCheck].map(([id, e]) => [id, e.objects])),
    };
    return { header, crossFindings: () => mergeRuns(this.crossRuns.map((r) => r.read())) };
  }

  /** The checks that relate the objects of one partition (with the shared ones), ranked and sorted. */
  private crossChecks(items: readonly Kept[], partition: number): RankedFinding[] {
    const cross = new CrossChecks();
    const rbac = new RbacCross(this.shared, (ns) => this.kept.partitionOf(ns) === partition);
    /** The rank of each slim object (a Map: they all live until the partition is done). */
    const rankOf = new Map<KubeObject, number>();
    for (const { rank, ao } of items) {
      rankOf.set(ao.object, rank);
      cross.add(ao);
      rbac.add(ao, rank);
    }
    for (const { rank, binding } of this.shared.bindings) rankOf.set(binding.ao.object, rank);
    const pending: {
      ao: AuditObject;
      checkId: string;
      message: Message;
      path?: FieldPath;
      paths: FieldPath[] | undefined;
    }[] = [];
    const emit: Emit = (checkId, ao, message, path, paths) => {
      pending.push({
        ao,
        checkId,
        message,
        ...(path === undefined ? {} : { path }),
        paths: paths === undefined ? undefined : [...paths],
      });
    };
    if (this.runs('best-practice')) cross.run(emit);
    if (this.runs('rbac')) rbac.run(emit);
    const byObject = new Map<KubeObject, typeof pending>();
    for (const p of pending) {
      const list = byObject.get(p.ao.object) ?? [];
      list.push(p);
      byObject.set(p.ao.object, list);
    }
    this.lastRef = undefined;
    const ranked: RankedFinding[] = [];
    for (const [object, list] of byObject) {
      const first = list[0];
      if (first === undefined) continue;
      const out: Finding[] = [];
      const exceptions = this.exceptionsOf(first.ao, undefined);
      for (const p of list) this.finalize(p.ao, exceptions, p.checkId, p.message, p.path, p.paths, out);
      const rank = rankOf.get(object) ?? Number.MAX_SAFE_INTEGER;
      for (const finding of out) ranked.push({ rank, finding });
    }
    ranked.sort((a, b) => a.rank - b.rank || compareWithinObject(a.finding, b.finding));
    return ranked;
  }

  /** Counts a finding of the checks that relate objects (in rank order within its partition). */
  private countCross(
    r: RankedFinding,
    perCheck: Map<string, { objects: number; first: number; last: number }>,
    to: Spool<RankedFinding>,
  ): void {
    const { rank, finding } = r;
    if (this.tally(finding)) {
      const e = perCheck.get(finding.checkId);
      if (e === undefined) perCheck.set(finding.checkId, { objects: 1, first: rank, last: rank });
      else if (e.last !== rank) {
        e.objects++;
        e.first = Math.min(e.first, rank);
        e.last = rank;
      }
    }
    to.add(r);
  }

  /** Counts a finding in the totals; true when it is not suppressed (then it counts for its check). */
  private tally(finding: Finding): boolean {
    this.total++;
    this.used.add(finding.checkId);
    if (finding.suppressed !== undefined) {
      this.suppressed++;
      return false;
    }
    this.bySeverity[finding.severity]++;
    if (severityRank(finding.severity) >= severityRank(this.threshold)) this.failing++;
    return true;
  }

  private count(rank: number, finding: Finding, to: (f: RankedFinding) => void): void {
    if (this.tally(finding)) {
      const e = this.perCheck.get(finding.checkId);
      if (e === undefined) this.perCheck.set(finding.checkId, { objects: 1, last: rank });
      else if (e.last !== rank) {
        e.objects++;
        e.last = rank;
      }
    }
    to({ rank, finding });
  }

  /**
   * The exceptions an object declares: `quai.dev/audit-exception.<CHECK>` on its metadata, and
   * the `quai.dev/exception.<allow>` render writes on its pod template. Malformed ones become
   * findings (in `out`, when given: they are reported once, on the object's first pass).
   */
  private exceptionsOf(
    ao: AuditObject,
    out: Finding[] | undefined,
  ): { rules: ExceptionRule[]; declared: RenderException[] } {
    const rules: ExceptionRule[] = [];
    const t = podTemplateOf(ao.object);
    if (ao.object.metadata.annotations === undefined && t?.metadata['annotations'] === undefined)
      return { rules, declared: [] };
    for (const e of annotationExceptions(ao.object)) {
      if (e.ok) rules.push(e.rule);
      else if (out !== undefined)
        out.push(
          this.finding(
            ao,
            'QUAI-EXC-002',
            msg('audit.finding.exceptionIgnored', { key: e.key, problem: e.problem }),
            ['metadata', 'annotations', e.key],
          ),
        );
    }
    if (t === undefined) return { rules, declared: [] };
    const { valid, invalid } = renderExceptions(asJson(t.metadata['annotations']) ?? {});
    if (out !== undefined)
      for (const e of invalid)
        out.push(
          this.finding(
            ao,
            'QUAI-EXC-002',
            msg('audit.finding.exceptionIgnored', { key: e.key, problem: e.problem }),
            [...t.base, 'metadata', 'annotations', e.key],
          ),
        );
    return { rules, declared: valid };
  }

  /** The object findings name (one per object, shared by its findings: they never change it). */
  private refOf(o: KubeObject): Finding['object'] {
    if (this.lastRef?.of === o) return this.lastRef.ref;
    const ref: Writable<Finding['object']> = {
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name ?? o.metadata.generateName ?? '',
    };
    if (o.metadata.namespace !== undefined) ref.namespace = o.metadata.namespace;
    this.lastRef = { of: o, ref };
    return ref;
  }

  /** A finding with its object, field path and position (its keys always in the same order). */
  private finding(ao: AuditObject, checkId: string, message: Message, path: FieldPath | undefined): Finding {
    const info = CHECKS_BY_ID.get(checkId);
    if (info === undefined) throw new Error(`Unknown check ${checkId}`);
    const source = ao.source;
    const f: Writable<Finding> = {
      checkId,
      category: info.category,
      severity: info.severity,
      title: info.title,
      message,
      remediation: info.remediation,
      object: this.refOf(ao.object),
    };
    if (path !== undefined && path.length > 0) f.path = formatPath(path);
    if (source !== undefined) {
      const pos =
        path !== undefined && path.length > 0 && source.locate !== undefined ? source.locate(path) : source;
      f.file = source.file;
      f.line = pos.line;
      f.column = pos.column;
    }
    return f;
  }

  /** Builds a finding, applies the exceptions that cover it, and reports expired ones. */
  private finalize(
    ao: AuditObject,
    exceptions: { rules: ExceptionRule[]; declared: RenderException[] },
    checkId: string,
    message: Message,
    path: FieldPath | undefined,
    paths: readonly FieldPath[] | undefined,
    out: Finding[],
  ): void {
    const f = this.finding(ao, checkId, message, path);
    // Most objects declare no exception and most runs have no exceptions file.
    if (exceptions.rules.length === 0 && exceptions.declared.length === 0 && this.fileRules.length === 0) {
      out.push(f);
      return;
    }
    const o = ao.object;
    const candidates: ExceptionRule[] = [
      ...exceptions.rules.filter((r) => r.check === checkId),
      ...this.fileRules.filter((r) => ruleMatches(r, checkId, o)),
    ];
    const fields = paths ?? (path === undefined ? [] : [path]);
    const declared =
      exceptions.declared.length === 0
        ? undefined
        : coveringException(exceptions.declared, checkId, o, fields);
    if (declared !== undefined) {
      candidates.push({
        check: checkId,
        ...(declared.expires === undefined ? {} : { expires: declared.expires }),
        justification: declared.justification,
        source: `annotation ${declared.key}`,
      });
    }
    const valid = candidates.find((r) => !isExpired(r.expires, this.now));
    for (const r of candidates) {
      if (this.fileRules.includes(r)) this.usedFileRules.add(r);
      if (!isExpired(r.expires, this.now)) continue;
      const k = `${r.source}|${f.object.kind}|${f.object.namespace ?? ''}|${f.object.name}`;
      if (this.expiredReported.has(k)) continue;
      this.expiredReported.add(k);
      pushExpired(
        out,
        this.finding(
          ao,
          'QUAI-EXC-001',
          msg('audit.finding.exceptionExpired', {
            check: r.check,
            source: r.source,
            date: r.expires ?? '',
            justification: r.justification,
          }),
          r.source.startsWith('annotation') ? ['metadata', 'annotations'] : undefined,
        ),
        r,
      );
    }
    out.push(
      valid === undefined
        ? f
        : {
            ...f,
            suppressed: exceptionInfo(valid),
          },
    );
  }
}

/**
 * Ranked lists, each in order and on distinct objects (an object is in one partition), merged
 * into one in rank order.
 */
function* mergeRuns(runs: readonly Iterable<RankedFinding>[]): Generator<RankedFinding> {
  if (runs.length === 1) {
    yield* runs[0] as Iterable<RankedFinding>;
    return;
  }
  const its = runs.map((r) => r[Symbol.iterator]());
  const heads = its.map((it) => it.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i] as IteratorResult<RankedFinding>;
      if (h.done === true) continue;
      const b = heads[best];
      if (best < 0 || b === undefined || b.done === true || h.value.rank < b.value.rank) best = i;
    }
    if (best < 0) return;
    const h = heads[best] as IteratorYieldResult<RankedFinding>;
    yield h.value;
    heads[best] = (its[best] as Iterator<RankedFinding>).next();
  }
}

/** An exception as findings carry it. */
function exceptionInfo(r: ExceptionRule): ExceptionInfo {
  return {
    justification: r.justification,
    ...(r.expires === undefined ? {} : { expires: r.expires }),
    source: r.source,
    ...(r.grantedBy === undefined ? {} : { grantedBy: r.grantedBy }),
    ...(r.grantedAt === undefined ? {} : { grantedAt: r.grantedAt }),
  };
}

/** A QUAI-EXC-001 finding, with the expired exception it reports. */
function pushExpired(out: Finding[], f: Finding, r: ExceptionRule): void {
  out.push({ ...f, exception: { check: r.check, ...exceptionInfo(r) } });
}

function normalize(input: readonly (AuditObject | KubeObject)[]): AuditObject[] {
  return input.map((x) => ('object' in x && !('apiVersion' in x) ? x : { object: x }));
}

/**
 * Audits objects held in memory: Pod Security Standards on every pod-bearing kind, best
 * practices, RBAC risks, with exceptions applied; findings sorted by file, line, object, severity
 * and check. Pure: no I/O, the clock only through `now`. Large inputs go through Auditor.
 */
export function auditObjects(
  input: readonly (AuditObject | KubeObject)[],
  options: AuditOptions = {},
): AuditReport {
  const findings: Finding[] = [];
  const auditor = new Auditor(options, (r) => findings.push(r.finding));
  for (const ao of normalize(input)) auditor.add(ao);
  try {
    const { header, crossFindings } = auditor.finish();
    for (const r of crossFindings()) findings.push(r.finding);
    return sortedReport(header, findings);
  } finally {
    auditor.close();
  }
}

function sortedReport(header: AuditHeader, findings: Finding[]): AuditReport {
  findings.sort(
    (a, b) =>
      compareText(a.file ?? '\uffff', b.file ?? '\uffff') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(
        `${a.object.namespace ?? ''}/${a.object.kind}/${a.object.name}`,
        `${b.object.namespace ?? ''}/${b.object.kind}/${b.object.name}`,
      ) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      compareText(a.checkId, b.checkId),
  );
  const { objectsPerCheck: _unused, ...report } = header;
  return { ...report, findings };
}
