import { compareText } from '../util/index.js';
/**
 * Label selectors, node selectors and tolerations with apimachinery's semantics (the scheduler's
 * own rules, read from k8s.io/apimachinery/pkg/labels and component-helpers):
 * - a nil LabelSelector selects nothing, an empty one (`{}`) selects everything;
 * - NotIn and DoesNotExist match objects without the key; Gt and Lt compare integer values;
 * - an empty node selector term matches no node; terms are ORed, requirements in a term ANDed.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values: readonly string[];
}

export type Selector =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'everything' }
  | { readonly kind: 'requirements'; readonly requirements: readonly Requirement[]; readonly text: string };

export const NOTHING: Selector = { kind: 'nothing' };
export const EVERYTHING: Selector = { kind: 'everything' };

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(value ?? '');
    case 'NotIn':
      return !has || !r.values.includes(value ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value ?? '')) return false;
      const v = Number(value);
      const bound = Number(r.values[0]);
      return r.operator === 'Gt' ? v > bound : v < bound;
    }
  }
}

export function matches(selector: Selector, labels: Labels | undefined): boolean {
  switch (selector.kind) {
    case 'nothing':
      return false;
    case 'everything':
      return true;
    case 'requirements': {
      const l = labels ?? {};
      return selector.requirements.every((r) => requirementMatches(r, l));
    }
  }
}

/** apimachinery's Selector.Empty(): true only for the selector that selects everything. */
export function isEmptySelector(selector: Selector): boolean {
  return selector.kind === 'everything';
}

function fromRequirements(requirements: readonly Requirement[]): Selector {
  if (requirements.length === 0) return EVERYTHING;
  const sorted = [...requirements].sort((a, b) => compareText(a.key, b.key));
  return {
    kind: 'requirements',
    requirements: sorted,
    text: sorted.map((r) => `${r.key} ${r.operator} ${[...r.values].sort().join(',')}`).join(';'),
  };
}

interface RawLabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>> | undefined;
  readonly matchExpressions?:
    readonly { key: string; operator: string; values?: readonly string[] | undefined }[] | undefined;
}

function operatorOf(op: string): Requirement['operator'] | undefined {
  return (['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const).find((o) => o === op);
}

/** metav1.LabelSelectorAsSelector: nil selects nothing, `{}` everything. */
export function labelSelector(raw: RawLabelSelector | null | undefined): Selector {
  if (raw === null || raw === undefined) return NOTHING;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(raw.matchLabels ?? {})) {
    reqs.push({ key, operator: 'In', values: [value] });
  }
  for (const e of raw.matchExpressions ?? []) {
    const operator = operatorOf(e.operator);
    // A label selector takes only In, NotIn, Exists and DoesNotExist; anything else selects nothing.
    if (operator === undefined || operator === 'Gt' || operator === 'Lt') return NOTHING;
    reqs.push({ key: e.key, operator, values: [...(e.values ?? [])] });
  }
  return fromRequirements(reqs);
}

/** labels.SelectorFromSet: every key equal to its value (an empty set selects everything). */
export function selectorFromSet(set: Labels): Selector {
  return fromRequirements(
    Object.entries(set).map(([key, value]) => ({ key, operator: 'In' as const, values: [value] })),
  );
}

/** Adds requirements to a selector (matchLabelKeys merged into a selector, as the scheduler does). */
export function withRequirements(selector: Selector, extra: readonly Requirement[]): Selector {
  if (extra.length === 0) return selector;
  switch (selector.kind) {
    case 'nothing':
      return selector;
    case 'everything':
      return fromRequirements(extra);
    case 'requirements':
      return fromRequirements([...selector.requirements, ...extra]);
  }
}

/** A stable text of a selector, for caches keyed by selector. */
export function selectorKey(selector: Selector): string {
  return selector.kind === 'requirements' ? selector.text : `<${selector.kind}>`;
}

// ---------------------------------------------------------------------------------------------
// Node selectors (node affinity)

export interface NodeSelectorTerm {
  /** undefined when the term has no matchExpressions. */
  readonly labels?: Selector;
  /** Requirements on node fields: only metadata.name exists. */
  readonly fields?: readonly Requirement[];
}

interface RawNodeSelectorTerm {
  readonly matchExpressions?:
    readonly { key: string; operator: string; values?: readonly string[] | undefined }[] | undefined;
  readonly matchFields?:
    readonly { key: string; operator: string; values?: readonly string[] | undefined }[] | undefined;
}

function nodeRequirements(
  raw: readonly { key: string; operator: string; values?: readonly string[] | undefined }[],
): Requirement[] | undefined {
  const out: Requirement[] = [];
  for (const e of raw) {
    const operator = operatorOf(e.operator);
    if (operator === undefined) return undefined;
    out.push({ key: e.key, operator, values: [...(e.values ?? [])] });
  }
  return out;
}

/** Parses node selector terms; empty terms (no expressions, no fields) are dropped: they match nothing. */
export function nodeSelectorTerms(raw: readonly RawNodeSelectorTerm[] | undefined): NodeSelectorTerm[] {
  const out: NodeSelectorTerm[] = [];
  for (const t of raw ?? []) {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) continue;
    const labelReqs = exprs.length > 0 ? nodeRequirements(exprs) : [];
    const fieldReqs = fields.length > 0 ? nodeRequirements(fields) : [];
    // A term that does not parse never matches (the scheduler records a parse error for it).
    if (labelReqs === undefined || fieldReqs === undefined) {
      out.push({ labels: NOTHING });
      continue;
    }
    out.push({
      ...(exprs.length > 0 ? { labels: fromRequirements(labelReqs) } : {}),
      ...(fields.length > 0 ? { fields: fieldReqs } : {}),
    });
  }
  return out;
}

export function termMatches(term: NodeSelectorTerm, nodeLabels: Labels, nodeName: string): boolean {
  if (term.labels !== undefined && !matches(term.labels, nodeLabels)) return false;
  if (term.fields !== undefined) {
    const fields = { 'metadata.name': nodeName };
    for (const r of term.fields) {
      if (r.key !== 'metadata.name') return false;
      if (!requirementMatches(r, fields)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Taints and tolerations

export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface Toleration {
  readonly key: string;
  readonly operator: 'Exists' | 'Equal';
  readonly value: string;
  /** Empty: every effect. */
  readonly effect: string;
}

/** core/v1 Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator) {
    case 'Exists':
      return true;
    case 'Equal':
      return t.value === taint.value;
  }
}

export function toleratesAll(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => tolerates(t, taint));
}

/** The first NoSchedule or NoExecute taint the tolerations do not tolerate. */
export function untoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  return taints.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !toleratesAll(tolerations, taint),
  );
}
