/**
 * The GitLab agent for Kubernetes (agentk): its configuration file in the agent's project
 * (`.gitlab/agents/NAME/config.yaml`: which projects and groups may use it from CI, and who may
 * reach the cluster through it) and its in-cluster identity: a namespace, a service account and
 * RBAC limited to what Quai's pipelines apply (and to the app namespaces named, when named).
 */
import { stringify } from 'yaml';
import { msg, t, type Lang } from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';

export interface AgentOptions {
  readonly name: string;
  /** The namespace agentk runs in. */
  readonly namespace: string;
  /** Projects (full paths) whose CI jobs may use the agent. */
  readonly projects: readonly string[];
  /** Groups (full paths) whose projects' CI jobs may use the agent. */
  readonly groups: readonly string[];
  /** App namespaces the pipelines deploy to; none: every namespace (a ClusterRoleBinding). */
  readonly appNamespaces: readonly string[];
  /** Let the members of these projects/groups reach the cluster through GitLab (user_access). */
  readonly userAccess: boolean;
  /** GitLab's agent server address (wss://HOST/-/kubernetes-agent/). */
  readonly kasAddress: string;
  readonly lang: Lang;
}

const LABELS = { 'app.kubernetes.io/name': 'gitlab-agent', 'app.kubernetes.io/managed-by': 'quai' };

/** What `quai apply` does in an app's namespace: the kinds it renders, its revisions and prunes, its readiness checks. */
const DEPLOYER_RULES = [
  {
    apiGroups: [''],
    resources: [
      'configmaps',
      'secrets',
      'services',
      'serviceaccounts',
      'persistentvolumeclaims',
      'resourcequotas',
      'limitranges',
    ],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: [''],
    resources: ['pods', 'pods/log', 'events', 'endpoints'],
    verbs: ['get', 'list', 'watch'],
  },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['get', 'list', 'watch'] },
  // One apply of an app at a time: a Lease per app in its namespace, taken, renewed and freed.
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'delete'] },
  // Readiness: a Service is ready when its endpoints are.
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'statefulsets'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  { apiGroups: ['apps'], resources: ['replicasets', 'controllerrevisions'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['batch'],
    resources: ['jobs', 'cronjobs'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: ['networking.k8s.io'],
    resources: ['networkpolicies', 'ingresses'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: ['policy'],
    resources: ['poddisruptionbudgets'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: ['autoscaling'],
    resources: ['horizontalpodautoscalers'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  {
    apiGroups: ['bitnami.com'],
    resources: ['sealedsecrets'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
] as const;

/** Cluster-scoped: an app's namespace is created and labelled (Pod Security level) by its first apply. Never deleted. */
const NAMESPACE_RULES = [
  {
    apiGroups: [''],
    resources: ['namespaces'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'],
  },
] as const;

interface AgentFiles {
  /** `.gitlab/agents/NAME/config.yaml`, to commit to the agent's project. */
  readonly config: string;
  /** The in-cluster objects, in apply order. */
  readonly objects: KubeObject[];
  /** Values for the official `gitlab/gitlab-agent` Helm chart that use this identity. */
  readonly helmValues: string;
}

export function generateAgent(o: AgentOptions): AgentFiles {
  const ids = (paths: readonly string[]) => paths.map((id) => ({ id }));
  const ciAccess: Record<string, unknown> = {};
  if (o.projects.length > 0) ciAccess['projects'] = ids(o.projects);
  if (o.groups.length > 0) ciAccess['groups'] = ids(o.groups);
  const config: Record<string, unknown> = { ci_access: ciAccess };
  if (o.userAccess) {
    config['user_access'] = {
      access_as: { agent: {} },
      ...(o.projects.length > 0 ? { projects: ids(o.projects) } : {}),
      ...(o.groups.length > 0 ? { groups: ids(o.groups) } : {}),
    };
  }
  const header = `# ${t(o.lang, msg('gitlab.agent.configHeader', { name: o.name }))}\n`;

  const sa = o.name;
  const subject = { kind: 'ServiceAccount', name: sa, namespace: o.namespace };
  const deployer = `quai-gitlab-agent-${o.name}-deployer`;
  const namespaces = `quai-gitlab-agent-${o.name}-namespaces`;
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: o.namespace,
        labels: { ...LABELS, 'pod-security.kubernetes.io/enforce': 'restricted' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: sa, namespace: o.namespace, labels: LABELS },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: deployer, labels: LABELS },
      rules: DEPLOYER_RULES.map((r) => ({
        ...r,
        apiGroups: [...r.apiGroups],
        resources: [...r.resources],
        verbs: [...r.verbs],
      })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: namespaces, labels: LABELS },
      rules: NAMESPACE_RULES.map((r) => ({
        ...r,
        apiGroups: [...r.apiGroups],
        resources: [...r.resources],
        verbs: [...r.verbs],
      })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: namespaces, labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: namespaces },
      subjects: [subject],
    },
  ];
  if (o.appNamespaces.length === 0) {
    objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: deployer, labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: deployer },
      subjects: [subject],
    });
  } else {
    for (const ns of o.appNamespaces) {
      // The namespace must exist for its RoleBinding: created here, labelled by the app's first apply.
      objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      objects.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: deployer, namespace: ns, labels: LABELS },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: deployer },
        subjects: [subject],
      });
    }
  }
  const helmValues = [
    `# ${t(o.lang, msg('gitlab.agent.helmHeader', { name: o.name, namespace: o.namespace }))}`,
    stringify(
      {
        config: { kasAddress: o.kasAddress, secretName: `${o.name}-token` },
        serviceAccount: { create: false, name: sa },
        rbac: { create: false },
        securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
        podSecurityContext: { runAsNonRoot: true },
      },
      { lineWidth: 0 },
    ),
  ].join('\n');
  return { config: header + stringify(config, { lineWidth: 0 }), objects, helmValues };
}
