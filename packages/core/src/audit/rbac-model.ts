/**
 * RBAC rules as the API server's authorizer reads them (k8s.io/kubernetes
 * pkg/apis/rbac/v1/evaluation_helpers.go): `*` matches every verb, group or resource; a rule
 * resource `*` followed by `/sub` matches that subresource of any resource; `pods/*` matches
 * nothing but the literal `pods/*` (there is no other glob); resourceNames restrict a rule to
 * requests that name one of them, so a rule with resourceNames never allows a create of a top-level resource or a
 * deletecollection (the request has no name).
 */
import { parse as parseYaml } from 'yaml';
import { BOOTSTRAP_BINDINGS, BOOTSTRAP_ROLES } from './bootstrap-policy.js';
import { asJson, selectorMatches } from './workloads.js';
import { compareText } from '../util/index.js';

type Json = Record<string, unknown>;

export interface Rule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  /** The rule's index in the object, for field paths. */
  readonly index: number;
}

function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function strs(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

export function parseRule(raw: unknown, index: number): Rule {
  const rule = asJson(raw) ?? {};
  return {
    apiGroups: strs(rule['apiGroups']),
    resources: strs(rule['resources']),
    verbs: strs(rule['verbs']),
    resourceNames: strs(rule['resourceNames']),
    nonResourceURLs: strs(rule['nonResourceURLs']),
    index,
  };
}

export function rulesOf(o: Json): Rule[] {
  return arr(o['rules']).map(parseRule);
}

/** One spelling per rule (sorted lists, fixed key order) to compare rules by content. */
export function canonicalRule(rule: Omit<Rule, 'index'>): string {
  const sorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
  return JSON.stringify([
    sorted(rule.apiGroups),
    sorted(rule.resources),
    sorted(rule.verbs),
    sorted(rule.resourceNames),
    sorted(rule.nonResourceURLs),
  ]);
}

export function ruleFromCanonical(text: string, index: number): Rule {
  const [apiGroups = [], resources = [], verbs = [], resourceNames = [], nonResourceURLs = []] = JSON.parse(
    text,
  ) as string[][];
  return { apiGroups, resources, verbs, resourceNames, nonResourceURLs, index };
}

/** A request to the authorizer: verb, group, resource, subresource and the object's name. */
export interface ResourceRequest {
  readonly verb: string;
  /** Undefined: any group (who-can on a resource Quai does not know). */
  readonly group: string | undefined;
  readonly resource: string;
  readonly subresource?: string;
  /** The object's name; undefined when the request names none (create, deletecollection, a plain list). */
  readonly name?: string;
}

function resourceMatches(ruleResource: string, resource: string, sub: string | undefined): boolean {
  if (ruleResource === '*') return true;
  const combined = sub === undefined ? resource : `${resource}/${sub}`;
  if (ruleResource === combined) return true;
  return sub !== undefined && ruleResource === `*/${sub}`;
}

/**
 * Does the rule allow the request, exactly as the authorizer decides? `anyName` asks whether it
 * allows the request for at least one name (a rule restricted by resourceNames then allows it,
 * unless the request can carry no name).
 */
export function ruleAllows(rule: Rule, req: ResourceRequest, anyName = false): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(req.verb)) return false;
  if (req.group !== undefined && !rule.apiGroups.includes('*') && !rule.apiGroups.includes(req.group))
    return false;
  if (!rule.resources.some((res) => resourceMatches(res, req.resource, req.subresource))) return false;
  if (rule.resourceNames.length === 0) return true;
  if (req.name !== undefined) return rule.resourceNames.includes(req.name);
  return anyName && !requestHasNoName(req);
}

/**
 * Requests that never carry an object name: create of a top-level resource and deletecollection
 * (list and watch do, through a `metadata.name` field selector).
 */
function requestHasNoName(req: ResourceRequest): boolean {
  if (req.subresource !== undefined) return false;
  return req.verb === 'create' || req.verb === 'deletecollection';
}

/**
 * Resources that exist only at cluster scope. A Role (or a RoleBinding's grant) applies to
 * requests in its namespace only, and requests for these resources carry no namespace, so a
 * namespaced grant of them allows nothing, with one exception the authorizer itself makes:
 * `bind` on `clusterroles` is checked in the namespace of the RoleBinding being written.
 */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'nodes',
  'namespaces',
  'persistentvolumes',
  'componentstatuses',
  'clusterroles',
  'clusterrolebindings',
  'certificatesigningrequests',
  'signers',
  'clustertrustbundles',
  'validatingwebhookconfigurations',
  'mutatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
  'customresourcedefinitions',
  'apiservices',
  'storageclasses',
  'csidrivers',
  'csinodes',
  'volumeattachments',
  'volumeattributesclasses',
  'priorityclasses',
  'runtimeclasses',
  'ingressclasses',
  'ipaddresses',
  'servicecidrs',
  'flowschemas',
  'prioritylevelconfigurations',
  'tokenreviews',
  'subjectaccessreviews',
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectreviews',
  'users',
  'groups',
  'uids',
  'userextras',
  'deviceclasses',
  'resourceslices',
  'storageversions',
  'storageversionmigrations',
]);

/** Can a grant made in a namespace (a Role, or a RoleBinding of a ClusterRole) allow this request? */
export function namespacedGrantApplies(req: Pick<ResourceRequest, 'verb' | 'resource'>): boolean {
  if (req.resource === 'clusterroles' && req.verb === 'bind') return true;
  return !CLUSTER_SCOPED.has(req.resource);
}

// ---- the bootstrap policy --------------------------------------------------------------------

export function roleKey(kind: string, name: string, namespace: string | undefined): string {
  return kind === 'ClusterRole' || kind === 'ClusterRoleBinding'
    ? `${kind}/${name}`
    : `${kind}/${namespace ?? ''}/${name}`;
}

export interface SubjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export function subjectKey(s: SubjectRef): string {
  return `${s.kind}/${s.kind === 'ServiceAccount' ? (s.namespace ?? '') : ''}/${s.name}`;
}

/**
 * The rules of a role that the API server's own bootstrap policy (v1.36, every feature-gate
 * variant) grants under the same kind, namespace and name. Anything else in a role of that name
 * is someone's addition and is audited like any rule. Names and labels alone prove nothing.
 */
export function bootstrapRules(
  kind: string,
  name: string,
  namespace: string | undefined,
): ReadonlySet<string> {
  return BOOTSTRAP_ROLES.get(roleKey(kind, name, namespace)) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

/** The rules a built-in role grants, for bindings whose role is not among the audited objects. */
export function builtinRoleRules(
  kind: string,
  name: string,
  namespace: string | undefined,
): Rule[] | undefined {
  const rules = BOOTSTRAP_ROLES.get(roleKey(kind, name, namespace));
  return rules === undefined ? undefined : [...rules].map((r, i) => ruleFromCanonical(r, i));
}

/**
 * Is this subject of this binding exactly what the bootstrap policy binds under that binding's
 * name, to the same role? Only then is it exempt.
 */
export function isBootstrapSubject(
  kind: string,
  name: string,
  namespace: string | undefined,
  roleRef: { readonly kind: string; readonly name: string },
  subject: SubjectRef,
): boolean {
  const b = BOOTSTRAP_BINDINGS.get(roleKey(kind, name, namespace));
  if (b === undefined || b.roleRef !== `${roleRef.kind}/${roleRef.name}`) return false;
  return b.subjects.has(subjectKey(subject));
}

/**
 * The bootstrap policy as the generated module holds it, from the upstream golden files (List
 * documents of roles and bindings). Aggregated roles (admin, edit, view, ...) get the rules of
 * the roles their selectors pick, as the controller fills them on a live cluster. Every variant of
 * a name (with and without feature gates) is kept.
 */
export function bootstrapPolicyFrom(texts: readonly string[]): {
  roles: [string, string[]][];
  bindings: [string, string, string[]][];
} {
  const items: Json[] = [];
  for (const text of texts) {
    const list = asJson(parseYaml(text)) ?? {};
    for (const item of arr(list['items'])) {
      const o = asJson(item);
      if (o !== undefined) items.push(o);
    }
  }
  const meta = (o: Json): Json => asJson(o['metadata']) ?? {};
  const name = (o: Json): string => str(meta(o)['name']);
  const ns = (o: Json): string | undefined =>
    typeof meta(o)['namespace'] === 'string' ? (meta(o)['namespace'] as string) : undefined;
  const roles = new Map<string, Set<string>>();
  const add = (key: string, rules: Iterable<string>): void => {
    const set = roles.get(key) ?? new Set<string>();
    for (const r of rules) set.add(r);
    roles.set(key, set);
  };
  const clusterRoles = items.filter((o) => o['kind'] === 'ClusterRole');
  for (const o of items) {
    if (o['kind'] === 'ClusterRole' || o['kind'] === 'Role')
      add(roleKey(String(o['kind']), name(o), ns(o)), rulesOf(o).map(canonicalRule));
  }
  // Aggregation is transitive (edit is aggregated into admin): repeat until nothing grows.
  for (let grown = true; grown;) {
    grown = false;
    for (const o of clusterRoles) {
      const selectors = arr(asJson(o['aggregationRule'])?.['clusterRoleSelectors']);
      if (selectors.length === 0) continue;
      const key = roleKey('ClusterRole', name(o), undefined);
      const before = roles.get(key)?.size ?? 0;
      for (const other of clusterRoles) {
        const labels = asJson(meta(other)['labels']) ?? {};
        if (other !== o && selectors.some((sel) => selectorMatches(sel, labels)))
          add(key, roles.get(roleKey('ClusterRole', name(other), undefined)) ?? []);
      }
      if ((roles.get(key)?.size ?? 0) > before) grown = true;
    }
  }
  const bindings = new Map<string, { roleRef: string; subjects: Set<string> }>();
  for (const o of items) {
    if (o['kind'] !== 'ClusterRoleBinding' && o['kind'] !== 'RoleBinding') continue;
    const key = roleKey(String(o['kind']), name(o), ns(o));
    const ref = asJson(o['roleRef']) ?? {};
    const b = bindings.get(key) ?? {
      roleRef: `${String(ref['kind'])}/${String(ref['name'])}`,
      subjects: new Set(),
    };
    for (const raw of arr(o['subjects'])) {
      const s = asJson(raw) ?? {};
      const subject: SubjectRef = {
        kind: str(s['kind']),
        name: str(s['name']),
        ...(typeof s['namespace'] === 'string' ? { namespace: s['namespace'] } : {}),
      };
      b.subjects.add(subjectKey(subject));
    }
    bindings.set(key, b);
  }
  return {
    roles: [...roles].sort(([a], [b]) => compareText(a, b)).map(([k, v]) => [k, [...v].sort()]),
    bindings: [...bindings]
      .sort(([a], [b]) => compareText(a, b))
      .map(([k, v]) => [k, v.roleRef, [...v.subjects].sort()]),
  };
}

/** The bootstrap policy Quai carries, in the shape bootstrapPolicyFrom gives (to check it is current). */
export function carriedBootstrapPolicy(): ReturnType<typeof bootstrapPolicyFrom> {
  return {
    roles: [...BOOTSTRAP_ROLES].map(([k, v]) => [k, [...v]]),
    bindings: [...BOOTSTRAP_BINDINGS].map(([k, v]) => [k, v.roleRef, [...v.subjects]]),
  };
}
