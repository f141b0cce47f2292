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

type Json = Record<string, unknown>;

const CIS = 'CIS Kubernetes Benchmark v1.9';
const POLICE = 'rbac-police';
const KUBE_LINTER = 'kube-linter';
const r = (
  n: number,
  severity: CheckInfo['severity'],
  title: string,
  rationale: string,
  remediation: string,
  references: readonly string[] = [],
): CheckInfo =>
  def('rbac', `QUAI-RBAC-${String(n).padStart(3, '0')}`, severity, title, rationale, remediation, references);

export const RBAC_CATALOG: readonly CheckInfo[] = [
  r(
    1,
    'high',
    'Wildcard verb in a role',
    'A `*` verb grants every present and future verb, escalate and bind included.',
    'List the verbs the subject needs.',
    [`${CIS} 5.1.3`],
  ),
  r(
    2,
    'high',
    'Wildcard resource or API group in a role',
    'A `*` resource or API group grants access to every present and future resource, Secrets and RBAC included.',
    'List the resources and API groups the subject needs.',
    [`${CIS} 5.1.3`],
  ),
  r(
    3,
    'high',
    'Role can read Secrets',
    'get, list or watch on Secrets reveals every credential of the namespace (or of the cluster, for a ClusterRole); list and watch return the values too.',
    'Limit access to named Secrets with resourceNames, or remove it.',
    [`${CIS} 5.1.2`, `${POLICE}: secrets`],
  ),
  r(
    4,
    'high',
    'Role can exec or attach into pods',
    'pods/exec and pods/attach open a shell in running containers, with their service account and secrets.',
    'Remove pods/exec and pods/attach; grant them temporarily to named people for debugging.',
    [`${POLICE}: pods-exec`],
  ),
  r(
    5,
    'critical',
    'Role can escalate or bind',
    'escalate and bind let a subject grant itself or others rights it does not have, up to cluster-admin.',
    'Remove the escalate and bind verbs.',
    [`${CIS} 5.1.8`, `${POLICE}: rbac-escalate, rbac-bind`],
  ),
  r(
    6,
    'critical',
    'Role can impersonate',
    'impersonate lets a subject act as any user, group or service account, system:masters included.',
    'Remove impersonate, or restrict it with resourceNames.',
    [`${CIS} 5.1.8`, `${POLICE}: impersonate`],
  ),
  r(
    7,
    'medium',
    'Role can create workloads cluster-wide or in a system namespace',
    "Whoever creates pods can run them with any service account of the namespace and mount its secrets; in kube-system that means the control plane's accounts.",
    'Grant workload creation per namespace with a Role, never in kube-system.',
    [`${CIS} 5.1.4`, `${POLICE}: pod-create`],
  ),
  r(
    8,
    'critical',
    'Role can reach nodes/proxy',
    'nodes/proxy reaches the kubelet API directly: exec into any pod on the node, bypassing audit and admission.',
    'Remove nodes/proxy.',
    [`${POLICE}: nodes-proxy`],
  ),
  r(
    9,
    'high',
    'Role can create service account tokens',
    'serviceaccounts/token create mints tokens for any service account of the scope.',
    'Remove serviceaccounts/token create.',
    [`${POLICE}: token-request`],
  ),
  r(
    10,
    'high',
    'Role can approve certificate signing requests',
    'Approving CSRs (with a signer) lets a subject issue client certificates for any identity.',
    'Remove certificatesigningrequests/approval and signers approve.',
    [`${POLICE}: approve-csr`],
  ),
  r(
    11,
    'high',
    'Role can modify RBAC',
    'Writing roles and bindings lets a subject change who can do what, itself included.',
    'Reserve RBAC changes to cluster administrators and GitOps.',
    [`${CIS} 5.1.8`],
  ),
  r(
    12,
    'high',
    'Role can modify admission webhooks',
    'A subject that writes webhook configurations can intercept or rewrite every object sent to the API server.',
    'Reserve webhook configuration to cluster administrators.',
    [`${POLICE}: modify-webhooks`],
  ),
  r(
    13,
    'medium',
    'Role can create PersistentVolumes',
    'Creating a PersistentVolume can mount any host path of a node.',
    'Reserve PersistentVolume creation to administrators; use dynamic provisioning.',
    [`${POLICE}: create-pv`],
  ),
  r(
    20,
    'critical',
    'cluster-admin bound to a non-system subject',
    'cluster-admin can do everything; every binding to a person or an application is a standing superuser.',
    'Bind narrower roles; keep cluster-admin for break-glass accounts.',
    [`${CIS} 5.1.1`],
  ),
  r(
    21,
    'critical',
    'Binding to the system:masters group',
    'system:masters bypasses RBAC entirely and cannot be revoked by removing a binding.',
    'Remove the subject; never issue credentials in system:masters.',
    [`${CIS} 5.1.7`],
  ),
  r(
    22,
    'critical',
    'Binding to anonymous or every authenticated user',
    'system:anonymous, system:unauthenticated and system:authenticated cover everyone who reaches the API server (or holds any credential).',
    'Bind to named users, groups or service accounts.',
    [`${CIS} 5.1.1`],
  ),
  r(
    23,
    'medium',
    'Default service account has rights',
    'Every pod without serviceAccountName runs as default: its rights go to every such pod of the namespace.',
    'Create a dedicated service account and bind the role to it.',
    [`${CIS} 5.1.5`],
  ),
  r(
    24,
    'medium',
    'Pod names a service account that does not exist',
    'The API server refuses pods whose service account is missing (the workload never starts), and whoever creates that account later decides what the pods may do.',
    'Create the ServiceAccount with the workload, or fix serviceAccountName.',
    [`${KUBE_LINTER}: non-existent-service-account`],
  ),
  r(
    25,
    'high',
    'Workload runs with a service account that holds dangerous rights',
    "Every process in the pod can read the service account's token (or have it mounted): a compromise of the application is a compromise of those rights.",
    'Give the workload its own service account with only the rights it needs, and set automountServiceAccountToken: false unless it calls the API.',
    [`${CIS} 5.1.5, 5.1.6`, `${POLICE}`],
  ),
  r(
    14,
    'high',
    'Role can port-forward into pods',
    'pods/portforward opens a tunnel to any port of any pod in scope, around NetworkPolicies and Ingress authentication (databases, admin consoles).',
    'Remove pods/portforward; grant it temporarily to named people for debugging.',
    [`${POLICE}: pods-portforward`],
  ),
  r(
    15,
    'critical',
    'Write access to ConfigMaps in kube-system',
    "The ConfigMaps of kube-system configure the cluster's own components: rewriting coredns redirects every name lookup of the cluster, kube-proxy's changes the routing of Services.",
    'Reserve writes in kube-system to cluster administrators; bind narrower roles per namespace.',
    [`${POLICE}: modify-configmaps-kube-system`],
  ),
  r(
    16,
    'medium',
    'Role can delete workloads or Secrets',
    'delete and deletecollection on workloads, Secrets or PersistentVolumeClaims let a subject take an application down or destroy its data and credentials.',
    'Grant delete only to the deploying pipeline; people get it through a break-glass role.',
    [`${CIS} 5.1.3`],
  ),
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
  readonly text: string;
}

/**
 * The dangerous rights one rule grants in a scope. Rules restricted by resourceNames count in
 * full for rights where naming one object is already a takeover (impersonating `system:masters`,
 * binding `cluster-admin`, a token for one powerful service account, one node's kubelet, one
 * signer, one webhook, one role, exec or port-forward into one pod); they narrow only reads of
 * Secrets and deletes. In a namespace, cluster-scoped resources grant nothing.
 */
function ruleRisks(rule: Rule, scope: Scope): Risk[] {
  const out: Risk[] = [];
  const applies = (verb: string, resource: string): boolean =>
    scope.cluster || namespacedGrantApplies({ verb, resource });
  /** `named`: count rules limited by resourceNames (the right is dangerous for one object). */
  const can = (verb: string, group: string, resource: string, subresource?: string, named = true): boolean =>
    applies(verb, resource) &&
    ruleAllows(rule, { verb, group, resource, ...(subresource === undefined ? {} : { subresource }) }, named);
  const secretVerbs = ['get', 'list', 'watch'].filter((v) => can(v, '', 'secrets', undefined, false));
  if (secretVerbs.length > 0) out.push({ check: 'QUAI-RBAC-003', text: `${secretVerbs.join(', ')} Secrets` });
  const execs = ['exec', 'attach'].filter((s) => can('create', '', 'pods', s) || can('get', '', 'pods', s));
  if (execs.length > 0) out.push({ check: 'QUAI-RBAC-004', text: `${execs.join(' and ')} into pods` });
  const esc: string[] = [];
  for (const [verb, res] of [
    ['escalate', 'roles'],
    ['escalate', 'clusterroles'],
    ['bind', 'roles'],
    ['bind', 'clusterroles'],
  ] as const) {
    if (can(verb, RBAC_GROUP, res)) esc.push(`${verb} ${res}`);
  }
  if (esc.length > 0) out.push({ check: 'QUAI-RBAC-005', text: esc.join(', ') });
  const imp = ['users', 'groups', 'serviceaccounts', 'uids'].filter((res) =>
    can('impersonate', res === 'serviceaccounts' ? '' : '', res),
  );
  if (
    can('impersonate', 'authentication.k8s.io', 'userextras', 'scopes') ||
    can('impersonate', 'authentication.k8s.io', 'userextras', '*')
  )
    imp.push('userextras');
  if (imp.length > 0) out.push({ check: 'QUAI-RBAC-006', text: `impersonate ${imp.join(', ')}` });
  if (['get', 'create', 'update', 'patch'].some((v) => can(v, '', 'nodes', 'proxy')))
    out.push({ check: 'QUAI-RBAC-008', text: 'reach nodes/proxy (the kubelet API)' });
  if (can('create', '', 'serviceaccounts', 'token'))
    out.push({ check: 'QUAI-RBAC-009', text: 'create service account tokens' });
  if (
    can('update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval') ||
    can('approve', 'certificates.k8s.io', 'signers')
  )
    out.push({ check: 'QUAI-RBAC-010', text: 'approve certificate signing requests' });
  const rbacWrites = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].filter((res) =>
    ['create', 'update', 'patch'].some((v) => can(v, RBAC_GROUP, res)),
  );
  if (rbacWrites.length > 0) out.push({ check: 'QUAI-RBAC-011', text: `write ${rbacWrites.join(', ')}` });
  const hooks = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].filter((res) =>
    WRITE_VERBS.some((v) => can(v, ADMISSION_GROUP, res)),
  );
  if (hooks.length > 0) out.push({ check: 'QUAI-RBAC-012', text: `modify ${hooks.join(' and ')}` });
  if (can('create', '', 'persistentvolumes'))
    out.push({ check: 'QUAI-RBAC-013', text: 'create PersistentVolumes' });
  if (can('create', '', 'pods', 'portforward') || can('get', '', 'pods', 'portforward'))
    out.push({ check: 'QUAI-RBAC-014', text: 'port-forward into pods' });
  if (
    !scope.cluster &&
    scope.namespace === 'kube-system' &&
    WRITE_VERBS.some((v) => can(v, '', 'configmaps'))
  )
    out.push({ check: 'QUAI-RBAC-015', text: 'write ConfigMaps in kube-system' });
  const deletes = DELETABLE.filter(([g, res]) =>
    ['delete', 'deletecollection'].some((v) => can(v, g, res, undefined, false)),
  ).map(([, res]) => res);
  if (deletes.length > 0) out.push({ check: 'QUAI-RBAC-016', text: `delete ${deletes.join(', ')}` });
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
  const label = `${kind} "${name}"`;
  const where = scope.cluster ? '' : ` in namespace ${scope.namespace}`;
  for (const rule of rulesOf(o)) {
    // Only a rule the API server's own policy holds under this very name is exempt.
    if (builtin.has(canonicalRule(rule))) continue;
    const at: FieldPath = ['rules', rule.index];
    if (rule.verbs.includes('*') && rule.resources.length > 0)
      emit('QUAI-RBAC-001', ao, `${label} grants every verb (*) on ${rule.resources.join(', ')}${where}.`, [
        ...at,
        'verbs',
      ]);
    if (rule.resources.includes('*') || (rule.apiGroups.includes('*') && rule.resources.length > 0)) {
      emit(
        'QUAI-RBAC-002',
        ao,
        `${label} grants ${rule.verbs.join(', ')} on every ${scope.cluster ? '' : 'namespaced '}resource${rule.apiGroups.includes('*') ? ' of every API group' : ''}${where}.`,
        [...at, rule.resources.includes('*') ? 'resources' : 'apiGroups'],
      );
    }
    for (const risk of ruleRisks(rule, scope)) {
      const scoped =
        risk.check === 'QUAI-RBAC-003' && scope.cluster ? ' in every namespace it is bound for' : where;
      emit(risk.check, ao, `${label} can ${risk.text}${risk.check === 'QUAI-RBAC-015' ? '' : scoped}.`, at);
    }
    if (scope.cluster || systemNs) {
      const creates = createsWorkloads([rule]);
      if (creates.length > 0)
        emit(
          'QUAI-RBAC-007',
          ao,
          `${label} can create ${creates.join(', ')} ${scope.cluster ? 'cluster-wide when bound by a ClusterRoleBinding' : `in ${namespace ?? ''}`}.`,
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
function describeSubject(s: Subject): string {
  return s.kind === 'ServiceAccount'
    ? `ServiceAccount ${s.namespace ?? '?'}/${s.name}`
    : `${s.kind} "${s.name}"`;
}

/** Groups every member of which is a large, unnamed crowd. */
const BROAD_GROUPS: Readonly<Record<string, string>> = {
  'system:authenticated': 'every authenticated user and service account',
  'system:unauthenticated': 'every anonymous request',
  'system:serviceaccounts': 'every service account of the cluster',
};
function broadSubject(s: Subject): string | undefined {
  if (s.kind === 'User' && s.name === 'system:anonymous') return 'every anonymous request';
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
  const label = `${b.kind} "${b.name}"`;
  for (const { s, index } of b.subjects) {
    const at: FieldPath = ['subjects', index];
    if (s.kind === 'Group' && s.name === 'system:masters') {
      emit('QUAI-RBAC-021', ao, `${label} binds the group system:masters.`, at);
    }
    const broad = broadSubject(s);
    if (broad !== undefined) {
      emit(
        'QUAI-RBAC-022',
        ao,
        `${label} grants ${roleRef.kind} "${roleRef.name}" to ${s.name} (${broad})${b.kind === 'RoleBinding' ? ` in namespace ${b.namespace ?? ''}` : ''}.`,
        at,
      );
    }
    if (roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin') {
      const crowd =
        broad ??
        (s.kind === 'Group' && s.name.startsWith('system:serviceaccounts:')
          ? `every service account of namespace ${s.name.slice('system:serviceaccounts:'.length)}`
          : undefined);
      emit(
        'QUAI-RBAC-020',
        ao,
        `cluster-admin is bound to ${describeSubject(s)}${crowd === undefined ? '' : ` (${crowd})`}${b.kind === 'RoleBinding' ? ` in namespace ${b.namespace ?? ''}` : ''}.`,
        at,
      );
    }
    if (s.kind === 'ServiceAccount' && s.name === 'default') {
      emit(
        'QUAI-RBAC-023',
        ao,
        `The default service account of namespace "${s.namespace ?? '(unset)'}" is bound to ${roleRef.kind} "${roleRef.name}".`,
        at,
      );
    }
  }
}

/** The rules of every role, from the input, else from the built-in (bootstrap) roles. */
class RoleIndex {
  private readonly roles = new Map<string, Rule[]>();
  private readonly aggregated: { name: string; selectors: readonly unknown[] }[] = [];
  private readonly labels = new Map<string, Readonly<Record<string, unknown>>>();

  add(ao: AuditObject): void {
    const { object } = ao;
    const key = roleKey(object.kind, object.metadata.name ?? '', object.metadata.namespace);
    this.roles.set(key, rulesOf(object));
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

/**
 * The RBAC checks that relate objects, run once everything is read: a binding and the rules of
 * its role, each pod template and the service account it runs as.
 */
export class RbacCross {
  private readonly roles = new RoleIndex();
  private readonly bindings: Binding[] = [];
  private readonly serviceAccounts = new Set<string>();
  private readonly namespacesWithAccounts = new Set<string>();
  private readonly templates: AuditObject[] = [];

  add(ao: AuditObject): void {
    switch (ao.object.kind) {
      case 'Role':
      case 'ClusterRole':
        this.roles.add(ao);
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        this.bindings.push(bindingOf(ao));
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
    this.roles.finish();
    for (const b of this.bindings) bindingRoleChecks(b, this.roles, emit);
    const rights = serviceAccountRights(this.bindings, this.roles);
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
          `The pods run as ServiceAccount ${ns}/${sa}, which is not among the ServiceAccounts of namespace "${ns}".`,
          saPath,
        );
      }
      const held = rights(ns, sa);
      if (held.length > 0) {
        emit(
          'QUAI-RBAC-025',
          ao,
          `The pods run as ServiceAccount ${ns}/${sa}, which can ${held.join('; ')}.`,
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
  const who = b.subjects.map(({ s }) => describeSubject(s)).join(', ');
  const via = `${b.roleRef.kind} "${b.roleRef.name}"`;
  const ns = b.namespace ?? '';
  if (b.kind === 'RoleBinding' && SYSTEM_NAMESPACES.includes(ns) && createsWorkloads(rules).length > 0) {
    emit(
      'QUAI-RBAC-007',
      b.ao,
      `RoleBinding "${b.name}" lets ${who} create workloads in ${ns} through ${via}.`,
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
      `${b.kind} "${b.name}" lets ${who} write ConfigMaps in kube-system${b.kind === 'ClusterRoleBinding' ? ' (and every other namespace)' : ''} through ${via}.`,
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
): (namespace: string, name: string) => string[] {
  const bySubject = new Map<string, { text: string; check: string }[]>();
  for (const b of bindings) {
    const rules = roles.rules(b.roleRef.kind, b.roleRef.name, b.namespace);
    if (rules === undefined) continue;
    const scope: Scope =
      b.kind === 'ClusterRoleBinding' ? { cluster: true } : { cluster: false, namespace: b.namespace ?? '' };
    const risks = new Map<string, string>();
    for (const rule of rules)
      for (const r of ruleRisks(rule, scope)) if (!risks.has(r.text)) risks.set(r.text, r.check);
    if (rules.some((rule) => rule.verbs.includes('*') && rule.resources.includes('*')))
      risks.set('do everything', 'QUAI-RBAC-001');
    if (risks.size === 0) continue;
    const where = scope.cluster ? 'cluster-wide' : `in ${scope.namespace}`;
    const texts = [...risks].map(([text, check]) => ({
      text: `${text} ${where} (${b.kind} ${b.namespace === undefined ? '' : `${b.namespace}/`}${b.name})`,
      check,
    }));
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
    return [...new Set(keys.flatMap((k) => (bySubject.get(k) ?? []).map((e) => e.text)))];
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
    `${a.subject.kind}/${a.subject.namespace ?? ''}/${a.subject.name}/${a.scope}`.localeCompare(
      `${b.subject.kind}/${b.subject.namespace ?? ''}/${b.subject.name}/${b.scope}`,
    ),
  );
  return out;
}
