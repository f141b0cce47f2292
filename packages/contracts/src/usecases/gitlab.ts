import { z } from 'zod';
import { DNS_LABEL } from '../app-spec.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { AppRef, DocumentSource, EnvironmentSelector } from './sources.js';

/** A repository-relative path as a pipeline job sees it (no `..`, no absolute path, no spaces). */
const RepoPath = z
  .string()
  .min(1)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[-\w./*@+]+$/, 'a path inside the repository (no "..", no space)');

const Severity = z.enum(['low', 'medium', 'high', 'critical']);

/** A GitLab environment the pipeline deploys to, in order (the first deploys automatically). */
export const GitlabEnvironment = z
  .object({
    /** Quai's environment (`--env`): the app spec's `environments` key, the platform's namespace suffix. */
    name: z.string().regex(DNS_LABEL, 'an environment name: lower-case letters, digits and -'),
    /** GitLab's deployment tier. */
    tier: z.enum(['production', 'staging', 'testing', 'development', 'other']),
    /** Deploy without a click (dev); otherwise a manual job that blocks the pipeline until run. */
    automatic: z.boolean(),
  })
  .strict();

export const GitlabCiRequest = z
  .object({
    /** `app`: an application repository (Dockerfile + app spec); `platform`: the platform repository (every app's spec). */
    kind: z.enum(['app', 'platform']),
    /** The repository's root folder, where the relative paths below are read (default: the current folder). */
    root: z.string().min(1).optional(),
    /** App specs, relative to the repository root (globs allowed for the platform repository). */
    apps: z.array(RepoPath).min(1).max(200),
    /** The platform file (quai.yaml), relative to the repository root. */
    platform: RepoPath.optional(),
    /** Environments in promotion order. Default: dev (automatic), prod (manual, production tier). */
    environments: z.array(GitlabEnvironment).min(1).max(10).optional(),
    /** App repository: the component whose image the pipeline builds (default: the only one). */
    component: z.string().regex(DNS_LABEL).optional(),
    /** App repository: how the image is built, rootless: Buildah or BuildKit. */
    builder: z.enum(['buildah', 'buildkit']).default('buildah'),
    dockerfile: RepoPath.default('Dockerfile'),
    buildContext: RepoPath.default('.'),
    /** The image the Quai jobs run in (`quai` on the PATH, no ENTRYPOINT). */
    quaiImage: z.string().min(1).max(512).optional(),
    /** Lowest scan severity that fails the pipeline (accepted risks never fail it). */
    scanThreshold: Severity.default('high'),
    /** Lowest audit severity that fails the pipeline. */
    auditThreshold: Severity.default('high'),
    /** Accepted scan risks (`quai scan image --ignore-file`); default: .quai-scan-ignore.yaml when it exists. */
    scanIgnoreFile: RepoPath.optional(),
    /** Accepted audit findings (`quai audit --exceptions`). */
    auditExceptions: RepoPath.optional(),
    /** Cluster access through the GitLab agent (`path/to/agent-project:agent-name`); without it, a KUBECONFIG file variable per environment. */
    agent: z
      .string()
      .regex(/^[\w.-]+(?:\/[\w.-]+)+:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/, 'path/to/agent-project:agent-name')
      .optional(),
    /** Scheduled pipelines to add jobs for (the schedule sets QUAI_SCHEDULE to one of these). */
    schedules: z
      .array(z.enum(['backup', 'drill', 'scan']))
      .max(3)
      .default([]),
    /** Runner tags every job asks for. */
    runnerTags: z.array(z.string().min(1).max(255)).max(20).default([]),
    /** Write the pipeline to this file (atomically) instead of returning only its text. */
    out: z.string().min(1).optional(),
  })
  .strict();

export const GitlabCiResult = z.object({
  /** The pipeline (.gitlab-ci.yml). */
  yaml: z.string(),
  /** Job names, in file order. */
  jobs: z.array(z.string()),
  /** With `out`: the file written. */
  written: z.string().optional(),
});

export const GitlabPinImageRequest = z
  .object({
    /** The app spec to change, in place (comments and order kept). */
    file: z.string().min(1),
    /** The component (default: the only one). */
    component: z.string().regex(DNS_LABEL).optional(),
    /** The image reference, by digest: `registry/group/app@sha256:...`. */
    image: z.string().min(1).max(1024),
  })
  .strict();

export const GitlabPinImageResult = z.object({
  file: z.string(),
  component: z.string(),
  image: z.string(),
  /** The image the spec held before. */
  previous: z.string(),
});

const ProjectPath = z
  .string()
  .regex(/^[\w.-]+(?:\/[\w.-]+)*$/, 'a GitLab project or group path: group/subgroup/project');

export const GitlabAgentRequest = z
  .object({
    /** The agent's name (its folder under .gitlab/agents/ in the agent's project). */
    name: z
      .string()
      .regex(/^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/, 'an agent name: lower-case letters, digits and -'),
    /** The namespace agentk runs in. */
    namespace: z.string().regex(DNS_LABEL).default('gitlab-agent'),
    /** Projects whose CI jobs may use the agent. */
    projects: z.array(ProjectPath).max(500).default([]),
    /** Groups whose projects' CI jobs may use the agent. */
    groups: z.array(ProjectPath).max(500).default([]),
    /** App namespaces the pipelines deploy to (RoleBindings there only); none: every namespace. */
    appNamespaces: z.array(z.string().regex(DNS_LABEL)).max(500).default([]),
    /** Let the members of those projects and groups reach the cluster through GitLab. */
    userAccess: z.boolean().default(false),
    /** GitLab's agent server (KAS) address, for the Helm chart's values. */
    kasAddress: z
      .string()
      .regex(/^wss?:\/\/[^\s]+$/, 'wss://HOST/-/kubernetes-agent/')
      .optional(),
    /** Write the files into this folder (atomically). */
    out: z.string().min(1).optional(),
  })
  .strict();

export const GitlabAgentResult = z.object({
  /** Files by path relative to `out`: the agent's config.yaml, the install manifests, the Helm values. */
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  /** The in-cluster objects, in apply order. */
  objects: z.array(z.record(z.string(), z.unknown())),
  /** Whether the deployer role is bound in every namespace (no app namespaces named). */
  clusterWide: z.boolean(),
  written: z.string().optional(),
});

const Quantity = z
  .string()
  .regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'a Kubernetes quantity: 500m, 1, 512Mi, 2Gi');
const ContainerResources = z
  .object({ cpuRequest: Quantity, memoryRequest: Quantity, cpuLimit: Quantity, memoryLimit: Quantity })
  .strict();
const LabelMap = z.record(
  z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/),
  z.string().max(63),
);

export const GitlabRunnerRequest = z
  .object({
    /** The runner's name (its objects' prefix). */
    name: z.string().regex(DNS_LABEL).default('gitlab-runner'),
    /** GitLab's address, https://gitlab.example.fr */
    gitlabUrl: z.string().regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'https://HOST'),
    namespace: z.string().regex(DNS_LABEL).default('gitlab-runner'),
    jobsNamespace: z.string().regex(DNS_LABEL).default('gitlab-runner-jobs'),
    concurrent: z.number().int().min(1).max(1000).default(4),
    build: ContainerResources.default({
      cpuRequest: '500m',
      memoryRequest: '1Gi',
      cpuLimit: '2',
      memoryLimit: '4Gi',
    }),
    helper: ContainerResources.default({
      cpuRequest: '50m',
      memoryRequest: '128Mi',
      cpuLimit: '500m',
      memoryLimit: '256Mi',
    }),
    service: ContainerResources.default({
      cpuRequest: '100m',
      memoryRequest: '256Mi',
      cpuLimit: '1',
      memoryLimit: '1Gi',
    }),
    nodeSelector: LabelMap.default({}),
    /** Taints job pods tolerate: `KEY=VALUE` (or `KEY`) to the effect, as the runner's node_tolerations. */
    tolerations: z
      .record(
        z.string().regex(/^[^=:\s]+(=[^:\s]*)?$/),
        z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
      )
      .default({}),
    podLabels: LabelMap.default({}),
    runAsUser: z.number().int().min(1).max(2147483647).default(1000),
    /** S3 cache (MinIO, Ceph, Garage...); credentials go in a Secret, never in the files. */
    cache: z
      .object({
        serverAddress: z.string().regex(/^[^\s/]+$/, 'HOST[:PORT], without scheme'),
        bucket: z.string().min(3).max(63),
        region: z.string().min(1).default('us-east-1'),
        insecure: z.boolean().default(false),
      })
      .strict()
      .optional(),
    out: z.string().min(1).optional(),
  })
  .strict();

export const GitlabRunnerResult = z.object({
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  objects: z.array(z.record(z.string(), z.unknown())),
  written: z.string().optional(),
});

// ---- API sync (`quai gitlab sync`) ---------------------------------------------------------------

const VariableKey = z.string().regex(/^\w{1,255}$/, 'a variable key: letters, digits and _ (at most 255)');

/**
 * One CI/CD variable. Its value comes from exactly one place: `value` (in the file: for what is
 * not secret), `fromEnv` (an environment variable of whoever runs the sync) or `fromFile` (a file's
 * content: a kubeconfig for a File variable). Credentials never sit in the sync file.
 */
export const GitlabSyncVariable = z
  .object({
    key: VariableKey,
    value: z.string().max(10_000).optional(),
    fromEnv: z
      .string()
      .regex(/^[A-Za-z_]\w*$/, 'an environment variable name')
      .optional(),
    fromFile: z.string().min(1).optional(),
    /** GitLab's environment scope (`*`: every environment). */
    environment: z.string().min(1).max(255).default('*'),
    /** A File variable (the job gets a path to a file holding the value): kubeconfigs. */
    file: z.boolean().default(false),
    /** Masked and protected unless said otherwise; default: true when the value comes from fromEnv or fromFile. */
    sensitive: z.boolean().optional(),
    /** Hidden in job logs (GitLab's rules: one line, 8 characters or more, no space). */
    masked: z.boolean().optional(),
    /** Given only to pipelines of protected branches and tags. */
    protected: z.boolean().optional(),
    /** `$` is not expanded in the value. */
    raw: z.boolean().default(true),
    description: z.string().max(255).optional(),
  })
  .strict();

const AccessLevel = z.enum(['developer', 'maintainer']);

export const GitlabSyncEnvironment = z
  .object({
    name: z.string().min(1).max(255),
    tier: z.enum(['production', 'staging', 'testing', 'development', 'other']).optional(),
    /** The environment's address, shown on GitLab's Environments page. */
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'https://HOST/...')
      .optional(),
    /** Protect it (GitLab Premium): who may deploy, how many approvals a deployment needs. */
    protected: z
      .object({
        /** The lowest role that may deploy (default: maintainer). */
        deployers: AccessLevel.default('maintainer'),
        /** GitLab group ids whose members may deploy too. */
        groups: z.array(z.number().int().positive()).max(50).default([]),
        /** GitLab user ids who may deploy too. */
        users: z.array(z.number().int().positive()).max(50).default([]),
        requiredApprovals: z.number().int().min(0).max(5).default(0),
      })
      .strict()
      .optional(),
  })
  .strict();

export const GitlabSyncDeployToken = z
  .object({
    /** The token's name in GitLab (a token is found again by this name). */
    name: z.string().min(1).max(255),
    scopes: z
      .array(
        z.enum([
          'read_repository',
          'read_registry',
          'write_registry',
          'read_package_registry',
          'write_package_registry',
        ]),
      )
      .min(1)
      .default(['read_registry']),
    /** YYYY-MM-DD; none: never expires. */
    expiresAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .optional(),
    /** The imagePullSecret (kubernetes.io/dockerconfigjson) that holds the token in the cluster. */
    pullSecret: z
      .object({
        namespace: z.string().regex(DNS_LABEL),
        name: z.string().regex(DNS_LABEL).default('gitlab-registry'),
        /** The registry's host (GitLab's container registry: registry.gitlab.example.fr). */
        registry: z.string().regex(/^[\w.-]+(:\d+)?$/, 'HOST[:PORT] of the container registry'),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The sync file (`gitlab-sync.yaml`): what one GitLab project should have. */
export const GitlabSyncFile = z
  .object({
    apiVersion: z.literal('quai.dev/v1alpha1'),
    kind: z.literal('GitlabSync'),
    /** GitLab's address; default: $CI_SERVER_URL, then $GITLAB_URL, then the platform settings'. */
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'https://HOST')
      .optional(),
    /** The project: its path (group/subgroup/project) or its numeric id; default: the platform settings' project. */
    project: z
      .union([z.string().regex(/^[\w.-]+(?:\/[\w.-]+)+$/, 'group/project'), z.number().int().positive()])
      .optional(),
    variables: z.array(GitlabSyncVariable).max(500).default([]),
    environments: z.array(GitlabSyncEnvironment).max(100).default([]),
    deployTokens: z.array(GitlabSyncDeployToken).max(50).default([]),
  })
  .strict();
export type GitlabSyncFile = z.infer<typeof GitlabSyncFile>;

export const GitlabSyncRequest = z
  .object({
    file: DocumentSource,
    /** Show the plan; write nothing. */
    dryRun: z.boolean().default(false),
    /** Overrides the file's url. */
    url: z.string().optional(),
  })
  .strict();

export const GitlabSyncItem = z.object({
  kind: z.enum(['variable', 'environment', 'protectedEnvironment', 'deployToken', 'pullSecret']),
  /** `KEY (scope)`, an environment's or a token's name, `namespace/name` of a Secret. */
  name: z.string(),
  action: z.enum(['create', 'update', 'replace', 'unchanged']),
  /** The fields that differ (never a value). */
  changes: z.array(z.string()),
  /** planned (dry run), done, failed, not-attempted (after a failure). */
  status: z.enum(['planned', 'done', 'failed', 'not-attempted', 'unchanged']),
  error: z.union([z.string(), MessageSchema]).optional(),
});
export type GitlabSyncItem = z.infer<typeof GitlabSyncItem>;

export const GitlabSyncResult = z.object({
  url: z.string(),
  project: z.object({ id: z.number().int(), path: z.string() }),
  dryRun: z.boolean(),
  items: z.array(GitlabSyncItem),
});

// ---- rollback through a merge request --------------------------------------------------------

export const GitlabRollbackMrRequest = EnvironmentSelector.extend({
  /** The app: its name, or its spec (for its namespace). */
  app: AppRef,
  /** The revision to return to; default: the last deployed one before the current. */
  to: z.number().int().positive().optional(),
  /** The platform repository: its path or id; default: the platform settings' project. */
  project: z
    .union([z.string().regex(/^[\w.-]+(?:\/[\w.-]+)+$/, 'group/project'), z.number().int().positive()])
    .optional(),
  url: z.string().optional(),
  /** The app's files in the repository (default: apps/APP). */
  path: z
    .string()
    .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[-\w./@+]+$/, 'a folder or file inside the repository')
    .optional(),
  /** The branch the merge request targets (default: the project's default branch). */
  targetBranch: z.string().min(1).max(255).optional(),
  /** Only show what the merge request would change. */
  dryRun: z.boolean().default(false),
});

export const GitlabRollbackMrResult = z.object({
  app: z.string(),
  environment: z.string(),
  /** The revision rolled back to, and the commit it was deployed from. */
  revision: z.number().int(),
  commit: z.string(),
  /** The files the merge request changes, with their action. */
  files: z.array(z.object({ path: z.string(), action: z.enum(['create', 'update', 'delete']) })),
  branch: z.string(),
  targetBranch: z.string(),
  mergeRequest: z.object({ iid: z.number().int(), url: z.string(), existed: z.boolean() }).optional(),
  dryRun: z.boolean(),
});

export const gitlabUseCases = {
  'gitlab.ci': defineUseCase({
    id: 'gitlab.ci',
    summary: {
      en: 'Generate a GitLab CI pipeline (.gitlab-ci.yml): rootless build, scan, render and audit, plan on merge requests, apply per environment, rollback',
      fr: 'Générer un pipeline GitLab CI (.gitlab-ci.yml) : construction sans root, analyse, rendu et audit, plan sur les merge requests, déploiement par environnement, retour arrière',
    },
    request: GitlabCiRequest,
    result: GitlabCiResult,
    effect: 'read',
    progress: false,
    path: '/gitlab/ci',
  }),
  'gitlab.pinImage': defineUseCase({
    id: 'gitlab.pinImage',
    summary: {
      en: "Set a component's image in an app spec to the image a pipeline built (by digest), keeping the file's comments",
      fr: "Remplacer l'image d'un composant dans une spécification d'application par celle qu'un pipeline a construite (par empreinte), en gardant les commentaires du fichier",
    },
    request: GitlabPinImageRequest,
    result: GitlabPinImageResult,
    effect: 'write',
    progress: false,
    path: '/gitlab/pin-image',
  }),
  'gitlab.agent': defineUseCase({
    id: 'gitlab.agent',
    summary: {
      en: "Generate the GitLab agent's configuration (.gitlab/agents/NAME/config.yaml) and its in-cluster identity with least-privilege RBAC",
      fr: "Générer la configuration de l'agent GitLab (.gitlab/agents/NOM/config.yaml) et son identité dans le cluster avec des droits RBAC minimaux",
    },
    request: GitlabAgentRequest,
    result: GitlabAgentResult,
    effect: 'read',
    progress: false,
    path: '/gitlab/agent',
  }),
  'gitlab.runner': defineUseCase({
    id: 'gitlab.runner',
    summary: {
      en: 'Generate a hardened GitLab Runner on Kubernetes: config.toml, namespaces, service accounts, least-privilege Role, Helm chart values',
      fr: 'Générer un GitLab Runner durci sur Kubernetes : config.toml, namespaces, comptes de service, Role à droits minimaux, valeurs du chart Helm',
    },
    request: GitlabRunnerRequest,
    result: GitlabRunnerResult,
    effect: 'read',
    progress: false,
    path: '/gitlab/runner',
  }),
  'gitlab.sync': defineUseCase({
    id: 'gitlab.sync',
    summary: {
      en: 'Bring a GitLab project to what a sync file says: CI/CD variables, environments, protected environments, deploy tokens and their imagePullSecrets',
      fr: "Mettre un projet GitLab dans l'état que décrit un fichier de synchronisation : variables CI/CD, environnements, environnements protégés, jetons de déploiement et leurs imagePullSecrets",
    },
    request: GitlabSyncRequest,
    result: GitlabSyncResult,
    effect: 'write',
    progress: true,
    path: '/gitlab/sync',
  }),
  'gitlab.rollbackMr': defineUseCase({
    id: 'gitlab.rollbackMr',
    summary: {
      en: "Open a merge request that returns an app's files in the platform repository to the commit of its last good revision",
      fr: "Ouvrir une merge request qui ramène les fichiers d'une application dans le dépôt de la plateforme au commit de sa dernière révision saine",
    },
    request: GitlabRollbackMrRequest,
    result: GitlabRollbackMrResult,
    effect: 'write',
    progress: true,
    path: '/gitlab/rollback-merge-request',
  }),
} as const;
