import { msg, type Message, type Param } from '@quai/contracts';
import { def } from './catalog.js';
import type { AuditObject, CheckInfo, FieldPath } from './types.js';
import type { Emit } from './best-practices.js';
import {
  bootstrapRules,
  builtinRoleRules,
  canonicalRule,
  isBootstrapSubject,
  namespacedGrantApplies,
  roleKey,
  ruleAllows,
  rulesOf,
  type ResourceRequest,
  type Rule,
  type SubjectRef,
} from './rbac-model.js';
import { asJson, podTemplateOf, selectorMatches } from './workloads.js';
import { compareText } from '../util/index.js';

type Json = Record<string, unknown>;

const CIS = 'CIS Kubernetes Benchmark v1.9';
const POLICE = 'rbac-police';
const KUBE_LINTER = 'kube-linter';
const r = (n: number, severity: CheckInfo['severity'], references: readonly string[] = []): CheckInfo =>
  def('rbac', `QUAI-RBAC-${String(n).padStart(3, '0')}`, severity, references);

export const RBAC_CATALOG: readonly CheckInfo[] = [
  r(1, 'high', [`${CIS} 5.1.3`]),
  r(2, 'high', [`${CIS} 5.1.3`]),
  r(3, 'high', [`${CIS} 5.1.2`, `${POLICE}: secrets`]),
  r(4, 'high', [`${POLICE}: pods-exec`]),
  r(5, 'critical', [`${CIS} 5.1.8`, `${POLICE}: rbac-escalate, rbac-bind`]),
  r(6, 'critical', [`${CIS} 5.1.8`, `${POLICE}: impersonate`]),
  r(7, 'medium', [`${CIS} 5.1.4`, `${POLICE}: pod-create`]),
  r(8, 'critical', [`${POLICE}: nodes-proxy`]),
  r(9, 'high', [`${POLICE}: token-request`]),
  r(10, 'high', [`${POLICE}: approve-csr`]),
  r(11, 'high', [`${CIS} 5.1.8`]),
  r(12, 'high', [`${POLICE}: modify-webhooks`]),
  r(13, 'medium', [`${POLICE}: create-pv`]),
  r(20, 'critical', [`${CIS} 5.1.1`]),
  r(21, 'critical', [`${CIS} 5.1.7`]),
  r(22, 'critical', [`${CIS} 5.1.1`]),
  r(23, 'medium', [`${CIS} 5.1.5`]),
  r(24, 'medium', [`${KUBE_LINTER}: non-existent-service-account`]),
  r(25, 'high', [`${CIS} 5.1.5, 5.1.6`, `${POLICE}`]),
  r(14, 'high', [`${POLICE}: pods-portforward`]),
  r(15, 'critical', [`${POLICE}: modify-configmaps-kube-system`]),
  r(16, 'medium', [`${CIS} 5.1.3`]),
];

function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const WORKLOADS: readonly [string, string][] = [
  ['', 'pods'],
  ['apps', 'deployments'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];
/** What a delete right can destroy: workloads, their data and their credentials. */
const DELETABLE: readonly [string, string][] = [
  ...WORKLOADS.filter(([, res]) => res !== 'pods'),
  ['', 'secrets'],
  ['', 'persistentvolumeclaims'],
];
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];
const ADMISSION_GROUP = 'admissionregistration.k8s.io';
const WRITE_VERBS = ['create', 'update', 'patch', 'delete'];

/** Where a set of rules applies: the whole cluster, or one namespace (a Role, a RoleBinding's grant). */
type Scope = { readonly cluster: true } | { readonly cluster: false; readonly namespace: string };

/** One dangerous right a rule grants: the check it falls under and how to say it. */
interface Risk {
  readonly check: string;
  readonly text: Message;
}

/** Items joined by a separator of the catalog (`a, b`, `a and b`, `a; b`), as one parameter. */
function joined(items: readonly Param[], by: 'comma' | 'and' | 'semicolon'): Param {
  const [first, ...rest] = items;
  if (first === undefined) return '';
  return rest.reduce<Param>(
    (acc, next) =>
      by === 'comma'
        ? msg('audit.finding.list.comma', { first: acc, next })
        : by === 'and'
          ? msg('audit.finding.list.and', { first: acc, next })
          : msg('audit.finding.list.semicolon', { first: acc, next }),
    first,
  );
}

/** ` in namespace x`, or nothing for the whole cluster. */
function inNamespace(scope: Scope): Param {
  return scope.cluster ? '' : msg('audit.finding.inNamespace', { namespace: scope.namespace });
}

/**
 * The dangerous rights one rule grants in a scope. Rules restricted by resourceNames count in
 * full for rights where naming one object is already a takeover (impersonating `system:masters`,
 * binding `cluster-admin`, a token for one powerful service account, one node's kubelet, one
 * signer, one webhook, one role, exec or port-forward into one pod); they narrow only reads of
 * Secrets and deletes. In a namespace, cluster-scoped resources grant nothing.
 */
function ruleRisks(rule: Rule, scope: Scope): readonly Risk[] {
  // Estates repeat the same rules in many roles: each distinct rule and scope is judged once.
  const key = JSON.stringify([
    rule.apiGroups,
    rule.resources,
    rule.verbs,
    rule.resourceNames,
    rule.nonResourceURLs,
    scope.cluster ? null : scope.namespace,
  ]);
  const known = RISKS.get(key);
  if (known !== undefined) return known;
  if (RISKS.size >= 4096) RISKS.clear();
  const risks = judgeRule(rule, scope);
  RISKS.set(key, risks);
  return risks;
}
const RISKS = new Map<string, readonly Risk[]>();

function judgeRule(rule: Rule, scope: Scope): readonly Risk[] {
  const out: Risk[] = [];
  const applies = (verb: string, resource: string): boolean =>
    scope.cluster || namespacedGrantApplies({ verb, resource });
  /** `named`: count rules limited by resourceNames (the right is dangerous for one object). */
  const can = (verb: string, group: string, resource: string, subresource?: string, named = true): boolean =>
    applies(verb, resource) &&
    ruleAllows(rule, { verb, group, resource, ...(subresource === undefined ? {} : { subresource }) }, named);
  const secretVerbs = ['get', 'list', 'watch'].filter((v) => can(v, '', 'secrets', undefined, false));
  if (secretVerbs.length > 0)
    out.push({
      check: 'QUAI-RBAC-003',
      text: msg('audit.finding.rbac.right.readSecrets', { verbs: secretVerbs.join(', ') }),
    });
  const execs = ['exec', 'attach'].filter((s) => can('create', '', 'pods', s) || can('get', '', 'pods', s));
  if (execs.length > 0)
    out.push({
      check: 'QUAI-RBAC-004',
      text: msg('audit.finding.rbac.right.execPods', { verbs: joined(execs, 'and') }),
    });
  const esc: string[] = [];
  for (const [verb, res] of [
    ['escalate', 'roles'],
    ['escalate', 'clusterroles'],
    ['bind', 'roles'],
    ['bind', 'clusterroles'],
  ] as const) {
    if (can(verb, RBAC_GROUP, res)) esc.push(`${verb} ${res}`);
  }
  if (esc.length > 0)
    out.push({
      check: 'QUAI-RBAC-005',
      text: msg('audit.finding.rbac.right.escalate', { rights: esc.join(', ') }),
    });
  const imp = ['users', 'groups', 'serviceaccounts', 'uids'].filter((res) =>
    can('impersonate', res === 'serviceaccounts' ? '' : '', res),
  );
  if (
    can('impersonate', 'authentication.k8s.io', 'userextras', 'scopes') ||
    can('impersonate', 'authentication.k8s.io', 'userextras', '*')
  )
    imp.push('userextras');
  if (imp.length > 0)
    out.push({
      check: 'QUAI-RBAC-006',
      text: msg('audit.finding.rbac.right.impersonate', { targets: imp.join(', ') }),
    });
  if (['get', 'create', 'update', 'patch'].some((v) => can(v, '', 'nodes', 'proxy')))
    out.push({ check: 'QUAI-RBAC-008', text: msg('audit.finding.rbac.right.nodesProxy') });
  if (can('create', '', 'serviceaccounts', 'token'))
    out.push({ check: 'QUAI-RBAC-009', text: msg('audit.finding.rbac.right.tokens') });
  if (
    can('update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval') ||
    can('approve', 'certificates.k8s.io', 'signers')
  )
    out.push({ check: 'QUAI-RBAC-010', text: msg('audit.finding.rbac.right.approveCsr') });
  const rbacWrites = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].filter((res) =>
    ['create', 'update', 'patch'].some((v) => can(v, RBAC_GROUP, res)),
  );
  if (rbacWrites.length > 0)
    out.push({
      check: 'QUAI-RBAC-011',
      text: msg('audit.finding.rbac.right.writeRbac', { resources: rbacWrites.join(', ') }),
    });
  const hooks = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].filter((res) =>
    WRITE_VERBS.some((v) => can(v, ADMISSION_GROUP, res)),
  );
  if (hooks.length > 0)
    out.push({
      check: 'QUAI-RBAC-012',
      text: msg('audit.finding.rbac.right.webhooks', { resources: joined(hooks, 'and') }),
    });
  if (can('create', '', 'persistentvolumes'))
    out.push({ check: 'QUAI-RBAC-013', text: msg('audit.finding.rbac.right.persistentVolumes') });
  if (can('create', '', 'pods', 'portforward') || can('get', '', 'pods', 'portforward'))
    out.push({ check: 'QUAI-RBAC-014', text: msg('audit.finding.rbac.right.portForward') });
  if (
    !scope.cluster &&
    scope.namespace === 'kube-system' &&
    WRITE_VERBS.some((v) => can(v, '', 'configmaps'))
  )
    out.push({ check: 'QUAI-RBAC-015', text: msg('audit.finding.rbac.right.kubeSystemConfigMaps') });
  const deletes = DELETABLE.filter(([g, res]) =>
    ['delete', 'deletecollection'].some((v) => can(v, g, res, undefined, false)),
  ).map(([, res]) => res);
  if (deletes.length > 0)
    out.push({
      check: 'QUAI-RBAC-016',
      text: msg('audit.finding.rbac.right.delete', { resources: deletes.join(', ') }),
    });
  return out;
}

/** Can these rules create workloads (for RBAC-007 on bindings in system namespaces)? */
function createsWorkloads(rules: readonly Rule[]): string[] {
  return WORKLOADS.filter(([g, res]) =>
    rules.some((rule) => ruleAllows(rule, { verb: 'create', group: g, resource: res }, true)),
  ).map(([, res]) => res);
}
function writesConfigMaps(rules: readonly Rule[]): boolean {
  return rules.some((rule) =>
    WRITE_VERBS.some((verb) => ruleAllows(rule, { verb, group: '', resource: 'configmaps' }, true)),
  );
}

function roleChecks(ao: AuditObject, emit: Emit): void {
  const o = ao.object as unknown as Json;
  const kind = ao.object.kind;
  const name = ao.object.metadata.name ?? '';
  const namespace = ao.object.metadata.namespace;
  const scope: Scope =
    kind === 'ClusterRole' ? { cluster: true } : { cluster: false, namespace: namespace ?? '' };
  const builtin = bootstrapRules(kind, name, namespace);
  const systemNs = !scope.cluster && SYSTEM_NAMESPACES.includes(scope.namespace);
  const where = inNamespace(scope);
  for (const rule of rulesOf(o)) {
    // Only a rule the API server's own policy holds under this very name is exempt.
    if (builtin.size > 0 && builtin.has(canonicalRule(rule))) continue;
    const at: FieldPath = ['rules', rule.index];
    if (rule.verbs.includes('*') && rule.resources.length > 0)
      emit(
        'QUAI-RBAC-001',
        ao,
        msg('audit.finding.rbac.wildcardVerb', { kind, name, resources: rule.resources.join(', '), where }),
        [...at, 'verbs'],
      );
    if (rule.resources.includes('*') || (rule.apiGroups.includes('*') && rule.resources.length > 0)) {
      emit(
        'QUAI-RBAC-002',
        ao,
        msg('audit.finding.rbac.wildcardResource', {
          kind,
          name,
          verbs: rule.verbs.join(', '),
          what: rule.apiGroups.includes('*')
            ? scope.cluster
              ? msg('audit.finding.rbac.everyResourceEveryGroup')
              : msg('audit.finding.rbac.everyNamespacedResourceEveryGroup')
            : scope.cluster
              ? msg('audit.finding.rbac.everyResource')
              : msg('audit.finding.rbac.everyNamespacedResource'),
          where,
        }),
        [...at, rule.resources.includes('*') ? 'resources' : 'apiGroups'],
      );
    }
    for (const risk of ruleRisks(rule, scope)) {
      const scoped =
        risk.check === 'QUAI-RBAC-015'
          ? ''
          : risk.check === 'QUAI-RBAC-003' && scope.cluster
            ? msg('audit.finding.rbac.everyBoundNamespace')
            : where;
      emit(
        risk.check,
        ao,
        msg('audit.finding.rbac.can', { kind, name, right: risk.text, where: scoped }),
        at,
      );
    }
    if (scope.cluster || systemNs) {
      const creates = createsWorkloads([rule]);
      if (creates.length > 0)
        emit(
          'QUAI-RBAC-007',
          ao,
          scope.cluster
            ? msg('audit.finding.rbac.createWorkloadsCluster', { kind, name, resources: creates.join(', ') })
            : msg('audit.finding.rbac.createWorkloadsIn', {
                kind,
                name,
                resources: creates.join(', '),
                namespace: namespace ?? '',
              }),
          at,
        );
    }
  }
}

type Subject = SubjectRef;
function subjectsOf(o: Json): { s: Subject; index: number }[] {
  return arr(o['subjects']).map((raw, index) => {
    const s = asJson(raw) ?? {};
    const ns = str(s['namespace']);
    return {
      s: { kind: str(s['kind']), name: str(s['name']), ...(ns === '' ? {} : { namespace: ns }) },
      index,
    };
  });
}
function describeSubject(s: Subject): Message {
  return s.kind === 'ServiceAccount'
    ? msg('audit.finding.rbac.serviceAccount', { namespace: s.namespace ?? '?', name: s.name })
    : msg('audit.finding.rbac.subject', { kind: s.kind, name: s.name });
}

/** Groups every member of which is a large, unnamed crowd. */
const BROAD_GROUPS: Readonly<Record<string, Message>> = {
  'system:authenticated': msg('audit.finding.rbac.crowd.authenticated'),
  'system:unauthenticated': msg('audit.finding.rbac.crowd.anonymous'),
  'system:serviceaccounts': msg('audit.finding.rbac.crowd.serviceAccounts'),
};
function broadSubject(s: Subject): Message | undefined {
  if (s.kind === 'User' && s.name === 'system:anonymous') return msg('audit.finding.rbac.crowd.anonymous');
  if (s.kind !== 'Group') return undefined;
  return BROAD_GROUPS[s.name];
}

interface Binding {
  readonly ao: AuditObject;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** Subjects other than those the bootstrap policy binds under this name, with their index. */
  readonly subjects: readonly { readonly s: Subject; readonly index: number }[];
  /** Every subject, bootstrap ones included, with their namespace resolved. */
  readonly allSubjects: readonly Subject[];
}

function bindingOf(ao: AuditObject): Binding {
  const o = ao.object as unknown as Json;
  const roleRefJson = asJson(o['roleRef']) ?? {};
  const roleRef = { kind: str(roleRefJson['kind']), name: str(roleRefJson['name']) };
  const kind = ao.object.kind;
  const name = ao.object.metadata.name ?? '';
  const namespace = ao.object.metadata.namespace;
  const resolved = subjectsOf(o).map(({ s, index }) => ({
    s:
      s.kind === 'ServiceAccount' && s.namespace === undefined && namespace !== undefined
        ? { ...s, namespace }
        : s,
    index,
  }));
  return {
    ao,
    kind,
    name,
    namespace,
    roleRef,
    subjects: resolved.filter(({ s }) => !isBootstrapSubject(kind, name, namespace, roleRef, s)),
    allSubjects: resolved.map(({ s }) => s),
  };
}

function bindingChecks(b: Binding, emit: Emit): void {
  const { ao, roleRef } = b;
  const where: Param =
    b.kind === 'RoleBinding' ? msg('audit.finding.inNamespace', { namespace: b.namespace ?? '' }) : '';
  for (const { s, index } of b.subjects) {
    const at: FieldPath = ['subjects', index];
    if (s.kind === 'Group' && s.name === 'system:masters') {
      emit('QUAI-RBAC-021', ao, msg('audit.finding.rbac.systemMasters', { kind: b.kind, name: b.name }), at);
    }
    const broad = broadSubject(s);
    if (broad !== undefined) {
      emit(
        'QUAI-RBAC-022',
        ao,
        msg('audit.finding.rbac.broadGrant', {
          kind: b.kind,
          name: b.name,
          roleKind: roleRef.kind,
          roleName: roleRef.name,
          subject: s.name,
          crowd: broad,
          where,
        }),
        at,
      );
    }
    if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
      const crowd =
        broad ??
        (s.kind === 'Group' && s.name.startsWith('system:serviceaccounts:')
          ? msg('audit.finding.rbac.crowd.namespaceServiceAccounts', {
              namespace: s.name.slice('system:serviceaccounts:'.length),
            })
          : undefined);
      emit(
        'QUAI-RBAC-020',
        ao,
        msg('audit.finding.rbac.clusterAdmin', {
          subject: describeSubject(s),
          crowd: crowd === undefined ? '' : msg('audit.finding.rbac.crowd', { crowd }),
          where,
        }),
        at,
      );
    }
    if (s.kind === 'ServiceAccount' && s.name === 'default') {
      emit(
        'QUAI-RBAC-023',
        ao,
        msg('audit.finding.rbac.defaultAccountBound', {
          namespace: s.namespace ?? msg('audit.finding.unset'),
          roleKind: roleRef.kind,
          roleName: roleRef.name,
        }),
        at,
      );
    }
  }
}

/** The rules of every role, from the input, else from the built-in (bootstrap) roles. */
class RoleIndex {
  private readonly roles = new Map<string, Rule[]>();
  /** Rule lists by content: the roles of a large export repeat a few lists (rules are read only). */
  private readonly interned = new Map<string, Rule[]>();
  private readonly aggregated: { name: string; selectors: readonly unknown[] }[] = [];
  private readonly labels = new Map<string, Readonly<Record<string, unknown>>>();

  add(ao: AuditObject): void {
    const { object } = ao;
    const key = roleKey(object.kind, object.metadata.name ?? '', object.metadata.namespace);
    const rules = rulesOf(object);
    const text = JSON.stringify(rules);
    let shared = this.interned.get(text);
    if (shared === undefined) {
      shared = rules;
      if (this.interned.size < 10_000) this.interned.set(text, rules);
    }
    this.roles.set(key, shared);
    if (object.kind !== 'ClusterRole') return;
    this.labels.set(object.metadata.name ?? '', object.metadata.labels ?? {});
    const selectors = arr(asJson(object['aggregationRule'])?.['clusterRoleSelectors']);
    if (selectors.length > 0) this.aggregated.push({ name: object.metadata.name ?? '', selectors });
  }

  /**
   * Aggregated ClusterRoles (admin, edit, view and their like): in manifests their rules are
   * empty until the controller fills them, so they get the rules of the roles they select.
   */
  finish(): void {
    for (const { name, selectors } of this.aggregated) {
      const key = roleKey('ClusterRole', name, undefined);
      if ((this.roles.get(key) ?? []).length > 0) continue;
      const rules: Rule[] = [];
      for (const [other, labels] of this.labels) {
        if (other !== name && selectors.some((sel) => selectorMatches(sel, labels)))
          rules.push(...(this.roles.get(roleKey('ClusterRole', other, undefined)) ?? []));
      }
      this.roles.set(key, rules);
    }
  }

  rules(kind: string, name: string, namespace: string | undefined): Rule[] | undefined {
    return this.roles.get(roleKey(kind, name, namespace)) ?? builtinRoleRules(kind, name, namespace);
  }
}

/** The RBAC checks that read one object alone: its rules, or its subjects. */
export function localRbac(ao: AuditObject, emit: Emit): void {
  switch (ao.object.kind) {
    case 'Role':
    case 'ClusterRole':
      roleChecks(ao, emit);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      bindingChecks(bindingOf(ao), emit);
      break;
    default:
      break;
  }
}

interface RankedBinding {
  readonly rank: number;
  readonly binding: Binding;
  /** Whether it is shared by every partition (its own checks run in its namespace's). */
  readonly shared: boolean;
}

/**
 * What the RBAC checks that relate objects need from every namespace at once: the roles (their
 * rules shared by content), and the bindings whose subjects reach beyond their own namespace
 * (groups, other namespaces' service accounts), which are few. Everything else is a namespace's.
 */
export class RbacShared {
  readonly roles = new RoleIndex();
  readonly bindings: RankedBinding[] = [];

  /** Keeps what is shared: true for roles and such bindings, false for what is a namespace's. */
  add(ao: AuditObject, rank: number): boolean {
    switch (ao.object.kind) {
      case 'Role':
      case 'ClusterRole':
        this.roles.add(ao);
        return true;
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const binding = bindingOf(ao);
        const local = binding.allSubjects.every(
          (s) => s.kind !== 'Group' && (s.kind !== 'ServiceAccount' || s.namespace === binding.namespace),
        );
        if (local) return false;
        this.bindings.push({ rank, binding, shared: true });
        return true;
      }
      default:
        return false;
    }
  }

  finish(): void {
    this.roles.finish();
  }
}

/**
 * The RBAC checks that relate objects, run once everything is read, a partition of namespaces
 * at a time: a binding and the rules of its role, each pod template and the service account it
 * runs as (with the shared roles and bindings).
 */
export class RbacCross {
  private readonly bindings: RankedBinding[] = [];
  private readonly serviceAccounts = new Set<string>();
  private readonly namespacesWithAccounts = new Set<string>();
  private readonly templates: AuditObject[] = [];

  constructor(
    private readonly shared: RbacShared,
    /** Whether a namespace is of this partition. */
    private readonly isHere: (namespace: string) => boolean,
  ) {}

  add(ao: AuditObject, rank: number): void {
    switch (ao.object.kind) {
      case 'Role':
      case 'ClusterRole':
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        this.bindings.push({ rank, binding: bindingOf(ao), shared: false });
        break;
      case 'ServiceAccount':
        this.serviceAccounts.add(`${ao.object.metadata.namespace ?? ''}/${ao.object.metadata.name ?? ''}`);
        this.namespacesWithAccounts.add(ao.object.metadata.namespace ?? '');
        break;
      default:
        if (podTemplateOf(ao.object) !== undefined) this.templates.push(ao);
    }
  }

  run(emit: Emit): void {
    const roles = this.shared.roles;
    // This partition's bindings and the shared ones, in input order.
    const all: RankedBinding[] = [];
    let i = 0;
    for (const b of this.shared.bindings) {
      while (i < this.bindings.length && (this.bindings[i] as RankedBinding).rank < b.rank)
        all.push(this.bindings[i++] as RankedBinding);
      all.push(b);
    }
    while (i < this.bindings.length) all.push(this.bindings[i++] as RankedBinding);
    for (const b of all)
      if (!b.shared || this.isHere(b.binding.namespace ?? '')) bindingRoleChecks(b.binding, roles, emit);
    const rights = serviceAccountRights(
      all.map((b) => b.binding),
      roles,
    );
    for (const ao of this.templates) {
      const t = podTemplateOf(ao.object);
      if (t === undefined) continue;
      const ns = ao.object.metadata.namespace ?? '';
      const saField = str(t.spec['serviceAccountName']) !== '' ? 'serviceAccountName' : 'serviceAccount';
      const sa = str(t.spec[saField]) || 'default';
      const saPath: FieldPath = [...t.base, 'spec', ...(str(t.spec[saField]) === '' ? [] : [saField])];
      if (
        sa !== 'default' &&
        this.namespacesWithAccounts.has(ns) &&
        !this.serviceAccounts.has(`${ns}/${sa}`)
      ) {
        emit(
          'QUAI-RBAC-024',
          ao,
          msg('audit.finding.rbac.missingAccount', { namespace: ns, account: sa }),
          saPath,
        );
      }
      const held = rights(ns, sa);
      if (held.length > 0) {
        emit(
          'QUAI-RBAC-025',
          ao,
          msg('audit.finding.rbac.accountRights', {
            namespace: ns,
            account: sa,
            rights: joined(held, 'semicolon'),
          }),
          saPath,
        );
      }
    }
  }
}

/** Binding-level checks that need the bound role's rules: RBAC-007 in system namespaces, RBAC-015. */
function bindingRoleChecks(b: Binding, roles: RoleIndex, emit: Emit): void {
  if (b.subjects.length === 0) return;
  const rules = roles.rules(b.roleRef.kind, b.roleRef.name, b.namespace);
  if (rules === undefined) return;
  const who = joined(
    b.subjects.map(({ s }) => describeSubject(s)),
    'comma',
  );
  const ns = b.namespace ?? '';
  if (b.kind === 'RoleBinding' && SYSTEM_NAMESPACES.includes(ns) && createsWorkloads(rules).length > 0) {
    emit(
      'QUAI-RBAC-007',
      b.ao,
      msg('audit.finding.rbac.bindingCreatesWorkloads', {
        name: b.name,
        subjects: who,
        namespace: ns,
        roleKind: b.roleRef.kind,
        roleName: b.roleRef.name,
      }),
      ['roleRef'],
    );
  }
  // A Role of kube-system is reported on the role itself; a ClusterRole only where it is bound there.
  // cluster-admin bindings are reported as such (RBAC-020).
  if (
    b.roleRef.kind === 'ClusterRole' &&
    b.roleRef.name !== 'cluster-admin' &&
    (b.kind === 'ClusterRoleBinding' || ns === 'kube-system') &&
    writesConfigMaps(rules)
  ) {
    emit(
      'QUAI-RBAC-015',
      b.ao,
      msg('audit.finding.rbac.bindingKubeSystemConfigMaps', {
        kind: b.kind,
        name: b.name,
        subjects: who,
        also: b.kind === 'ClusterRoleBinding' ? msg('audit.finding.rbac.everyOtherNamespace') : '',
        roleKind: b.roleRef.kind,
        roleName: b.roleRef.name,
      }),
      ['roleRef'],
    );
  }
}

/**
 * What each service account may do that matters (the risks of RBAC-003 to RBAC-016), through
 * bindings to it, to its namespace's service accounts, to every service account or to every
 * authenticated user. Bootstrap bindings count too: a pod running as a controller's account holds
 * the controller's rights.
 */
function serviceAccountRights(
  bindings: readonly Binding[],
  roles: RoleIndex,
): (namespace: string, name: string) => Message[] {
  const bySubject = new Map<string, { text: Message; key: string }[]>();
  for (const b of bindings) {
    const rules = roles.rules(b.roleRef.kind, b.roleRef.name, b.namespace);
    if (rules === undefined) continue;
    const scope: Scope =
      b.kind === 'ClusterRoleBinding' ? { cluster: true } : { cluster: false, namespace: b.namespace ?? '' };
    // The same right said once per binding (two rules may grant it).
    const risks = new Map<string, Message>();
    for (const rule of rules)
      for (const r of ruleRisks(rule, scope)) {
        const key = JSON.stringify(r.text);
        if (!risks.has(key)) risks.set(key, r.text);
      }
    if (rules.some((rule) => rule.verbs.includes('*') && rule.resources.includes('*'))) {
      const all = msg('audit.finding.rbac.right.everything');
      risks.set(JSON.stringify(all), all);
    }
    if (risks.size === 0) continue;
    const where = scope.cluster
      ? msg('audit.finding.rbac.clusterWide')
      : msg('audit.finding.rbac.inScope', { namespace: scope.namespace });
    const binding = `${b.kind} ${b.namespace === undefined ? '' : `${b.namespace}/`}${b.name}`;
    const texts = [...risks.values()].map((right) => {
      const text = msg('audit.finding.rbac.heldRight', { right, where, binding });
      return { text, key: JSON.stringify(text) };
    });
    for (const s of b.allSubjects) {
      const key =
        s.kind === 'ServiceAccount'
          ? `sa:${s.namespace ?? ''}/${s.name}`
          : s.kind === 'Group'
            ? `group:${s.name}`
            : undefined;
      if (key === undefined) continue;
      const list = bySubject.get(key) ?? [];
      list.push(...texts);
      bySubject.set(key, list);
    }
  }
  return (namespace, name) => {
    const keys = [
      `sa:${namespace}/${name}`,
      `group:system:serviceaccounts:${namespace}`,
      'group:system:serviceaccounts',
      'group:system:authenticated',
    ];
    const seen = new Map<string, Message>();
    for (const e of keys.flatMap((k) => bySubject.get(k) ?? []))
      if (!seen.has(e.key)) seen.set(e.key, e.text);
    return [...seen.values()];
  };
}

// ---- who-can ------------------------------------------------------------------------------------

const CORE_RESOURCES = new Set([
  'pods',
  'secrets',
  'configmaps',
  'services',
  'serviceaccounts',
  'nodes',
  'namespaces',
  'persistentvolumes',
  'persistentvolumeclaims',
  'events',
  'endpoints',
  'replicationcontrollers',
  'limitranges',
  'resourcequotas',
]);
const GROUPS: Readonly<Record<string, string>> = {
  deployments: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  replicasets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  roles: RBAC_GROUP,
  rolebindings: RBAC_GROUP,
  clusterroles: RBAC_GROUP,
  clusterrolebindings: RBAC_GROUP,
  ingresses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  ingressclasses: 'networking.k8s.io',
  poddisruptionbudgets: 'policy',
  horizontalpodautoscalers: 'autoscaling',
  certificatesigningrequests: 'certificates.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  validatingwebhookconfigurations: ADMISSION_GROUP,
  mutatingwebhookconfigurations: ADMISSION_GROUP,
  storageclasses: 'storage.k8s.io',
  leases: 'coordination.k8s.io',
};

/**
 * Parses `pods`, `pods/exec`, `deployments.apps`, `deployments.apps/scale`. Known resources get
 * their API group; for others the group is undefined and any group matches.
 */
export function parseResource(text: string): {
  resource: string;
  subresource?: string;
  group: string | undefined;
} {
  const [head = '', sub] = text.split('/', 2);
  const dot = head.indexOf('.');
  const resource = (dot >= 0 ? head.slice(0, dot) : head).toLowerCase();
  const group = dot >= 0 ? head.slice(dot + 1) : CORE_RESOURCES.has(resource) ? '' : GROUPS[resource];
  return { resource, group, ...(sub === undefined || sub === '' ? {} : { subresource: sub }) };
}

export interface WhoCanEntry {
  readonly subject: Subject;
  readonly binding: { readonly kind: string; readonly name: string; readonly namespace?: string };
  readonly role: { readonly kind: string; readonly name: string };
  /** `cluster` for a ClusterRoleBinding, else the namespace the RoleBinding grants in. */
  readonly scope: string;
}

/**
 * Who can do VERB on RESOURCE (in NAMESPACE), from Roles, ClusterRoles and their bindings, with
 * the authorizer's own rules: a RoleBinding grants only in its namespace, so never a
 * cluster-scoped resource (nodes, PersistentVolumes, CSRs, webhooks, ...), except `bind` on
 * `clusterroles`, which the API server checks in the namespace of the RoleBinding being written.
 * Without a namespace every binding counts, each with its scope. Bindings to built-in roles absent
 * from the input use the API server's bootstrap policy. Members of system:masters are allowed by
 * the authorizer before RBAC, whatever the bindings say.
 */
export function whoCan(
  objects: readonly AuditObject[],
  request: ResourceRequest & { readonly namespace?: string },
): WhoCanEntry[] {
  const roles = new RoleIndex();
  for (const ao of objects) if (ao.object.kind === 'ClusterRole' || ao.object.kind === 'Role') roles.add(ao);
  roles.finish();
  const namespaced = namespacedGrantApplies(request);
  const out: WhoCanEntry[] = [];
  for (const { object } of objects) {
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    const ns = object.metadata.namespace;
    if (object.kind === 'RoleBinding') {
      if (!namespaced) continue;
      if (request.namespace !== undefined && ns !== request.namespace) continue;
    }
    const o = object as unknown as Json;
    const roleRef = asJson(o['roleRef']) ?? {};
    const roleKind = str(roleRef['kind']);
    const roleName = str(roleRef['name']);
    const rules = roles.rules(roleKind, roleName, ns);
    if (rules === undefined || !rules.some((rule) => ruleAllows(rule, request))) continue;
    for (const { s } of subjectsOf(o)) {
      const subjectNs = s.kind === 'ServiceAccount' ? (s.namespace ?? ns) : undefined;
      out.push({
        subject: { kind: s.kind, name: s.name, ...(subjectNs === undefined ? {} : { namespace: subjectNs }) },
        binding: {
          kind: object.kind,
          name: object.metadata.name ?? '',
          ...(ns === undefined ? {} : { namespace: ns }),
        },
        role: { kind: roleKind, name: roleName },
        scope: object.kind === 'ClusterRoleBinding' ? 'cluster' : (ns ?? ''),
      });
    }
  }
  out.sort((a, b) =>
    compareText(
      `${a.subject.kind}/${a.subject.namespace ?? ''}/${a.subject.name}/${a.scope}`,
      `${b.subject.kind}/${b.subject.namespace ?? ''}/${b.subject.name}/${b.scope}`,
    ),
  );
  return out;
}
