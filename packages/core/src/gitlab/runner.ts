/**
 * GitLab Runner on Kubernetes, hardened: the runner's config.toml (Kubernetes executor: job pods in
 * their own namespace, non-root, never privileged, no privilege escalation, every capability
 * dropped, requests and limits for build, helper and service containers, node selection, pod
 * labels, an S3 cache), the namespaces, service accounts and least-privilege Role it needs, and
 * values for the official `gitlab/gitlab-runner` Helm chart. The runner authenticates with a
 * runner authentication token (glrt-...) created in GitLab, never with a registration token.
 */
import { stringify as toToml } from 'smol-toml';
import { stringify as toYaml } from 'yaml';
import { msg, t, type Lang } from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';

interface ContainerResources {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export interface RunnerOptions {
  readonly name: string;
  readonly gitlabUrl: string;
  /** Where the runner manager runs. */
  readonly namespace: string;
  /** Where job pods run. */
  readonly jobsNamespace: string;
  readonly concurrent: number;
  readonly build: ContainerResources;
  readonly helper: ContainerResources;
  readonly service: ContainerResources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Taints job pods tolerate: `KEY=VALUE` (or `KEY`) to the effect. */
  readonly tolerations: Readonly<Record<string, string>>;
  readonly podLabels: Readonly<Record<string, string>>;
  /** UID the job containers run as. */
  readonly runAsUser: number;
  readonly cache?:
    | {
        readonly serverAddress: string;
        readonly bucket: string;
        readonly region: string;
        readonly insecure: boolean;
      }
    | undefined;
  readonly lang: Lang;
}

/** What the runner manager does in the jobs namespace (GitLab's documented Kubernetes executor permissions). */
const RUNNER_RULES = [
  { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec'], verbs: ['create', 'delete', 'get', 'patch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list'] },
  { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['create', 'delete', 'get', 'update'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] },
  { apiGroups: [''], resources: ['services'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] },
] as const;

const LABELS = { 'app.kubernetes.io/name': 'gitlab-runner', 'app.kubernetes.io/managed-by': 'quai' };
/** The placeholder the operator replaces with the runner authentication token (glrt-...). */
const TOKEN_PLACEHOLDER = 'RUNNER_AUTHENTICATION_TOKEN';

interface RunnerFiles {
  /** The runner's config.toml, for a runner installed without Helm. */
  readonly configToml: string;
  /** The `[[runners]]` part the Helm chart takes as `runners.config` (it adds url and token). */
  readonly runnersToml: string;
  readonly objects: KubeObject[];
  readonly helmValues: string;
}

function kubernetesSection(o: RunnerOptions, jobSa: string): Record<string, unknown> {
  const noRoot = {
    privileged: false,
    allow_privilege_escalation: false,
    run_as_non_root: true,
    run_as_user: o.runAsUser,
    capabilities: { drop: ['ALL'] },
  };
  return {
    namespace: o.jobsNamespace,
    service_account: jobSa,
    privileged: false,
    allow_privilege_escalation: false,
    cpu_request: o.build.cpuRequest,
    memory_request: o.build.memoryRequest,
    cpu_limit: o.build.cpuLimit,
    memory_limit: o.build.memoryLimit,
    helper_cpu_request: o.helper.cpuRequest,
    helper_memory_request: o.helper.memoryRequest,
    helper_cpu_limit: o.helper.cpuLimit,
    helper_memory_limit: o.helper.memoryLimit,
    service_cpu_request: o.service.cpuRequest,
    service_memory_request: o.service.memoryRequest,
    service_cpu_limit: o.service.cpuLimit,
    service_memory_limit: o.service.memoryLimit,
    // Jobs may not ask for more than the defaults (KUBERNETES_CPU_LIMIT and the like).
    cpu_limit_overwrite_max_allowed: o.build.cpuLimit,
    memory_limit_overwrite_max_allowed: o.build.memoryLimit,
    ...(Object.keys(o.nodeSelector).length > 0 ? { node_selector: { ...o.nodeSelector } } : {}),
    ...(Object.keys(o.tolerations).length > 0 ? { node_tolerations: { ...o.tolerations } } : {}),
    pod_labels: { ...LABELS, 'app.kubernetes.io/component': 'job', ...o.podLabels },
    pod_security_context: {
      run_as_non_root: true,
      run_as_user: o.runAsUser,
      run_as_group: o.runAsUser,
      fs_group: o.runAsUser,
      seccomp_profile: { type: 'RuntimeDefault' },
    },
    build_container_security_context: noRoot,
    helper_container_security_context: noRoot,
    service_container_security_context: noRoot,
  };
}

function runnerEntry(o: RunnerOptions, jobSa: string, withCredentials: boolean): Record<string, unknown> {
  return {
    name: o.name,
    ...(withCredentials ? { url: o.gitlabUrl, token: TOKEN_PLACEHOLDER } : {}),
    executor: 'kubernetes',
    ...(o.cache === undefined
      ? {}
      : {
          cache: {
            Type: 's3',
            Shared: true,
            s3: {
              ServerAddress: o.cache.serverAddress,
              BucketName: o.cache.bucket,
              BucketLocation: o.cache.region,
              Insecure: o.cache.insecure,
              AuthenticationType: 'access-key',
            },
          },
        }),
    kubernetes: kubernetesSection(o, jobSa),
  };
}

export function generateRunner(o: RunnerOptions): RunnerFiles {
  const managerSa = `${o.name}`;
  const jobSa = `${o.name}-job`;
  const header = (id: 'gitlab.runner.configHeader' | 'gitlab.runner.runnersHeader') =>
    t(o.lang, msg(id, { name: o.name, placeholder: TOKEN_PLACEHOLDER }))
      .split('\n')
      .map((l) => `# ${l}`)
      .join('\n');
  const configToml = `${header('gitlab.runner.configHeader')}\n${toToml({
    concurrent: o.concurrent,
    check_interval: 3,
    shutdown_timeout: 0,
    runners: [runnerEntry(o, jobSa, true)],
  })}\n`;
  const runnersToml = `${header('gitlab.runner.runnersHeader')}\n${toToml({ runners: [runnerEntry(o, jobSa, false)] })}\n`;
  const restricted = { 'pod-security.kubernetes.io/enforce': 'restricted' };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: o.namespace, labels: { ...LABELS, ...restricted } },
    },
    ...(o.jobsNamespace === o.namespace
      ? []
      : [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: o.jobsNamespace, labels: { ...LABELS, ...restricted } },
          } satisfies KubeObject,
        ]),
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: managerSa, namespace: o.namespace, labels: LABELS },
    },
    // Job pods get an identity with no rights and no token: a job never talks to the API server as the runner.
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: jobSa, namespace: o.jobsNamespace, labels: LABELS },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `${o.name}-jobs`, namespace: o.jobsNamespace, labels: LABELS },
      rules: RUNNER_RULES.map((r) => ({
        apiGroups: [...r.apiGroups],
        resources: [...r.resources],
        verbs: [...r.verbs],
      })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${o.name}-jobs`, namespace: o.jobsNamespace, labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${o.name}-jobs` },
      subjects: [{ kind: 'ServiceAccount', name: managerSa, namespace: o.namespace }],
    },
  ];
  const values = {
    gitlabUrl: o.gitlabUrl,
    concurrent: o.concurrent,
    checkInterval: 3,
    // The Secret holds `runner-token` (the glrt-... token) and an empty `runner-registration-token`.
    runners: {
      secret: `${o.name}-token`,
      ...(o.cache === undefined ? {} : { cache: { secretName: `${o.name}-s3-cache` } }),
      config: runnersToml,
    },
    rbac: { create: false },
    serviceAccount: { create: false, name: managerSa },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    },
    podSecurityContext: { runAsUser: 100, fsGroup: 65533, seccompProfile: { type: 'RuntimeDefault' } },
  };
  const helmValues = `${t(o.lang, msg('gitlab.runner.helmHeader', { name: o.name, namespace: o.namespace }))
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n')}\n${toYaml(values, { lineWidth: 0 })}`;
  return { configToml, runnersToml, objects, helmValues };
}
