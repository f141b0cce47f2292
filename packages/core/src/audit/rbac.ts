import { def } from './catalog.js';
import type { AuditObject, CheckInfo, FieldPath } from './types.js';
import type { Emit } from './best-practices.js';
import { asJson, selectorMatches } from './workloads.js';

type Json = Record<string, unknown>;

const CIS = 'CIS Kubernetes Benchmark v1.9';
const POLICE = 'rbac-police';
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
];

function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function strs(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

interface Rule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames: readonly string[];
  readonly index: number;
}

function rulesOf(o: Json): Rule[] {
  return arr(o['rules']).map((raw, index) => {
    const rule = asJson(raw) ?? {};
    return {
      apiGroups: strs(rule['apiGroups']),
      resources: strs(rule['resources']),
      verbs: strs(rule['verbs']),
      resourceNames: strs(rule['resourceNames']),
      index,
    };
  });
}

export interface ResourceRequest {
  readonly verb: string;
  readonly group: string | undefined;
  readonly resource: string;
  readonly subresource?: string;
  readonly name?: string;
}

// RBAC's own matching: "*" matches everything; "*/sub" matches that subresource of any resource.
function resourceMatches(ruleResource: string, resource: string, sub: string | undefined): boolean {
  if (ruleResource === '*') return true;
  const combined = sub === undefined ? resource : `${resource}/${sub}`;
  if (ruleResource === combined) return true;
  return sub !== undefined && ruleResource === `*/${sub}`;
}

function ruleAllows(rule: Rule, req: ResourceRequest, ignoreNamed: boolean): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(req.verb)) return false;
  if (req.group !== undefined && !rule.apiGroups.includes('*') && !rule.apiGroups.includes(req.group))
    return false;
  if (!rule.resources.some((res) => resourceMatches(res, req.resource, req.subresource))) return false;
  if (rule.resourceNames.length > 0) {
    if (ignoreNamed) return false;
    if (req.name !== undefined && !rule.resourceNames.includes(req.name)) return false;
  }
  return true;
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
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];
const ADMISSION_GROUP = 'admissionregistration.k8s.io';

function isBootstrap(o: Json): boolean {
  const meta = asJson(o['metadata']) ?? {};
  const name = str(meta['name']);
  const labels = asJson(meta['labels']) ?? {};
  return name.startsWith('system:') || labels['kubernetes.io/bootstrapping'] === 'rbac-defaults';
}

function roleChecks(ao: AuditObject, emit: Emit): void {
  const o = ao.object as unknown as Json;
  if (isBootstrap(o)) return;
  const clusterWide = ao.object.kind === 'ClusterRole';
  const systemNs = ['kube-system', 'kube-public', 'kube-node-lease'].includes(
    ao.object.metadata.namespace ?? '',
  );
  const label = `${ao.object.kind} "${ao.object.metadata.name ?? ''}"`;
  for (const rule of rulesOf(o)) {
    const at: FieldPath = ['rules', rule.index];
    const can = (verb: string, group: string, resource: string, subresource?: string): boolean =>
      ruleAllows(
        rule,
        { verb, group, resource, ...(subresource === undefined ? {} : { subresource }) },
        true,
      );
    if (rule.verbs.includes('*'))
      emit(
        'QUAI-RBAC-001',
        ao,
        `${label} grants every verb (*) on ${rule.resources.join(', ') || 'no resource'}.`,
        [...at, 'verbs'],
      );
    if (rule.resources.includes('*') || (rule.apiGroups.includes('*') && rule.resources.length > 0)) {
      emit(
        'QUAI-RBAC-002',
        ao,
        `${label} grants ${rule.verbs.join(', ')} on every resource${rule.apiGroups.includes('*') ? ' of every API group' : ''}.`,
        [...at, rule.resources.includes('*') ? 'resources' : 'apiGroups'],
      );
    }
    const secretVerbs = ['get', 'list', 'watch'].filter((v) => can(v, '', 'secrets'));
    if (secretVerbs.length > 0)
      emit(
        'QUAI-RBAC-003',
        ao,
        `${label} can ${secretVerbs.join(', ')} Secrets${clusterWide ? ' in every namespace it is bound for' : ''}.`,
        at,
      );
    const execs = ['exec', 'attach'].filter((s) => can('create', '', 'pods', s) || can('get', '', 'pods', s));
    if (execs.length > 0) emit('QUAI-RBAC-004', ao, `${label} can ${execs.join(' and ')} into pods.`, at);
    const esc = ['escalate', 'bind'].filter(
      (v) => can(v, RBAC_GROUP, 'roles') || can(v, RBAC_GROUP, 'clusterroles'),
    );
    if (esc.length > 0) emit('QUAI-RBAC-005', ao, `${label} can ${esc.join(' and ')} roles.`, at);
    const imp = ['users', 'groups', 'serviceaccounts'].filter((res) =>
      can('impersonate', res === 'serviceaccounts' ? '' : '', res),
    );
    if (imp.length > 0) emit('QUAI-RBAC-006', ao, `${label} can impersonate ${imp.join(', ')}.`, at);
    if (clusterWide || systemNs) {
      const creates = WORKLOADS.filter(([g, res]) => can('create', g, res)).map(([, res]) => res);
      if (creates.length > 0)
        emit(
          'QUAI-RBAC-007',
          ao,
          `${label} can create ${creates.join(', ')} ${clusterWide ? 'cluster-wide when bound by a ClusterRoleBinding' : `in ${ao.object.metadata.namespace ?? ''}`}.`,
          at,
        );
    }
    if (['get', 'create', '*'].some((v) => can(v, '', 'nodes', 'proxy')))
      emit('QUAI-RBAC-008', ao, `${label} can reach nodes/proxy (the kubelet API).`, at);
    if (can('create', '', 'serviceaccounts', 'token'))
      emit('QUAI-RBAC-009', ao, `${label} can create service account tokens.`, at);
    if (
      can('update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval') ||
      can('approve', 'certificates.k8s.io', 'signers')
    ) {
      emit('QUAI-RBAC-010', ao, `${label} can approve certificate signing requests.`, at);
    }
    const rbacWrites = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].filter((res) =>
      ['create', 'update', 'patch'].some((v) => can(v, RBAC_GROUP, res)),
    );
    if (rbacWrites.length > 0) emit('QUAI-RBAC-011', ao, `${label} can write ${rbacWrites.join(', ')}.`, at);
    const hooks = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'].filter((res) =>
      ['create', 'update', 'patch', 'delete'].some((v) => can(v, ADMISSION_GROUP, res)),
    );
    if (hooks.length > 0) emit('QUAI-RBAC-012', ao, `${label} can modify ${hooks.join(' and ')}.`, at);
    if (can('create', '', 'persistentvolumes'))
      emit('QUAI-RBAC-013', ao, `${label} can create PersistentVolumes.`, at);
  }
}

interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}
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

function bindingChecks(ao: AuditObject, emit: Emit): void {
  const o = ao.object as unknown as Json;
  if (str(asJson(o['metadata'])?.['name']).startsWith('system:')) return;
  const roleRef = asJson(o['roleRef']) ?? {};
  const roleName = str(roleRef['name']);
  const bindingNs = ao.object.metadata.namespace;
  for (const { s, index } of subjectsOf(o)) {
    const at: FieldPath = ['subjects', index];
    const subjectNs = s.namespace ?? bindingNs;
    if (s.kind === 'Group' && s.name === 'system:masters') {
      emit(
        'QUAI-RBAC-021',
        ao,
        `${ao.object.kind} "${ao.object.metadata.name ?? ''}" binds the group system:masters.`,
        at,
      );
    }
    if (['system:anonymous', 'system:unauthenticated', 'system:authenticated'].includes(s.name)) {
      emit(
        'QUAI-RBAC-022',
        ao,
        `${ao.object.kind} "${ao.object.metadata.name ?? ''}" grants ${roleRef['kind'] as string} "${roleName}" to ${s.name}.`,
        at,
      );
      continue;
    }
    if (roleName === 'cluster-admin' && !s.name.startsWith('system:')) {
      emit(
        'QUAI-RBAC-020',
        ao,
        `cluster-admin is bound to ${describeSubject({ ...s, ...(subjectNs === undefined ? {} : { namespace: subjectNs }) })}${ao.object.kind === 'RoleBinding' ? ` in namespace ${bindingNs ?? ''}` : ''}.`,
        at,
      );
    }
    if (s.kind === 'ServiceAccount' && s.name === 'default') {
      emit(
        'QUAI-RBAC-023',
        ao,
        `The default service account of namespace "${subjectNs ?? '(unset)'}" is bound to ${roleRef['kind'] as string} "${roleName}".`,
        at,
      );
    }
  }
}

/** Runs the RBAC risk checks over Roles, ClusterRoles and their bindings. */
export function runRbac(objects: readonly AuditObject[], emit: Emit): void {
  const creators = workloadCreators(objects);
  for (const ao of objects) {
    switch (ao.object.kind) {
      case 'Role':
      case 'ClusterRole':
        roleChecks(ao, emit);
        break;
      case 'RoleBinding':
        bindingChecks(ao, emit);
        systemNamespaceBinding(ao, creators, emit);
        break;
      case 'ClusterRoleBinding':
        bindingChecks(ao, emit);
        break;
      default:
        break;
    }
  }
}

/** Built-in ClusterRoles that create workloads, for bindings whose role is not in the input. */
const BUILTIN_CREATORS = new Set(['cluster-admin', 'admin', 'edit']);

/** `ClusterRole/name` and `Role/namespace/name` of the roles that can create workloads. */
function workloadCreators(objects: readonly AuditObject[]): Set<string> {
  const out = new Set([...BUILTIN_CREATORS].map((n) => `ClusterRole/${n}`));
  for (const { object } of objects) {
    if (object.kind !== 'Role' && object.kind !== 'ClusterRole') continue;
    const rules = rulesOf(object);
    const creates = WORKLOADS.some(([g, res]) =>
      rules.some((rule) => ruleAllows(rule, { verb: 'create', group: g, resource: res }, true)),
    );
    const key =
      object.kind === 'ClusterRole'
        ? `ClusterRole/${object.metadata.name ?? ''}`
        : `Role/${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
    if (creates) out.add(key);
    else out.delete(key);
  }
  return out;
}

/** A RoleBinding in a system namespace to a role that creates workloads. */
function systemNamespaceBinding(ao: AuditObject, creators: ReadonlySet<string>, emit: Emit): void {
  const ns = ao.object.metadata.namespace ?? '';
  if (!SYSTEM_NAMESPACES.includes(ns) || (ao.object.metadata.name ?? '').startsWith('system:')) return;
  const roleRef = asJson((ao.object as unknown as Json)['roleRef']) ?? {};
  const kind = str(roleRef['kind']);
  const name = str(roleRef['name']);
  const key = kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${ns}/${name}`;
  if (!creators.has(key)) return;
  const subjects = subjectsOf(ao.object as unknown as Json).map(({ s }) => describeSubject(s));
  emit(
    'QUAI-RBAC-007',
    ao,
    `RoleBinding "${ao.object.metadata.name ?? ''}" lets ${subjects.join(', ') || 'no subject'} create workloads in ${ns} through ${kind} "${name}".`,
    ['roleRef'],
  );
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
 * Who can do VERB on RESOURCE (in NAMESPACE), from Roles, ClusterRoles and their bindings.
 * Without a namespace every binding counts, each with its scope. Members of system:masters are
 * allowed by the authorizer before RBAC, whatever the bindings say.
 */
export function whoCan(
  objects: readonly AuditObject[],
  request: ResourceRequest & { readonly namespace?: string },
): WhoCanEntry[] {
  const clusterRoles = new Map<string, Rule[]>();
  const roles = new Map<string, Rule[]>();
  for (const { object } of objects) {
    if (object.kind === 'ClusterRole') clusterRoles.set(object.metadata.name ?? '', rulesOf(object));
    if (object.kind === 'Role')
      roles.set(`${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`, rulesOf(object));
  }
  // Aggregated ClusterRoles (admin, edit, view and their like): in manifests their rules are
  // empty until the controller fills them, so they get the rules of the roles they select.
  for (const { object } of objects) {
    if (object.kind !== 'ClusterRole') continue;
    const selectors = arr(asJson(object['aggregationRule'])?.['clusterRoleSelectors']);
    if (selectors.length === 0 || (clusterRoles.get(object.metadata.name ?? '') ?? []).length > 0) continue;
    const rules: Rule[] = [];
    for (const { object: other } of objects) {
      if (other.kind !== 'ClusterRole' || other === object) continue;
      const labels = other.metadata.labels ?? {};
      if (selectors.some((sel) => selectorMatches(sel, labels))) rules.push(...rulesOf(other));
    }
    clusterRoles.set(object.metadata.name ?? '', rules);
  }
  const out: WhoCanEntry[] = [];
  for (const { object } of objects) {
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    const ns = object.metadata.namespace;
    if (object.kind === 'RoleBinding' && request.namespace !== undefined && ns !== request.namespace)
      continue;
    const o = object as unknown as Json;
    const roleRef = asJson(o['roleRef']) ?? {};
    const roleKind = str(roleRef['kind']);
    const roleName = str(roleRef['name']);
    const rules =
      roleKind === 'ClusterRole' ? clusterRoles.get(roleName) : roles.get(`${ns ?? ''}/${roleName}`);
    if (rules === undefined || !rules.some((rule) => ruleAllows(rule, request, false))) continue;
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
