import { z } from 'zod';
import { DNS_LABEL } from '../app-spec.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { S3Options } from './backup.js';
import { Revision } from './deploy.js';

// What the web console reads: the cluster at a glance, the apps `quai apply` deployed, one app
// in detail, its logs, the diff between two revisions (live pages follow the objects themselves:
// GET /api/v1/watch). Every read goes through the cluster client as the signed-in user
// (impersonation): a page shows what kubectl would show that person.

/** An event of the cluster (`kubectl get events`), newest first. */
export const EventView = z.object({
  namespace: z.string(),
  /** `Pod/web-7d9c`, as kubectl names objects. */
  object: z.string(),
  type: z.enum(['Normal', 'Warning']),
  reason: z.string(),
  message: z.string(),
  count: z.number().int().nonnegative(),
  /** When it last happened (ISO 8601). */
  at: z.string(),
});
export type EventView = z.infer<typeof EventView>;

/** A node: real (a kubelet runs pods) or simulated (KWOK), its readiness and its capacity. */
export const NodeView = z.object({
  name: z.string(),
  kind: z.enum(['real', 'simulated']),
  ready: z.boolean(),
  unschedulable: z.boolean(),
  roles: z.array(z.string()),
  kubelet: z.string(),
  zone: z.string().optional(),
  /** Millicores. */
  cpu: z.object({ allocatable: z.number(), requested: z.number() }),
  /** Bytes. */
  memory: z.object({ allocatable: z.number(), requested: z.number() }),
  pods: z.object({ allocatable: z.number(), running: z.number() }),
});
export type NodeView = z.infer<typeof NodeView>;

/** A workload that is not doing what it should: a crash loop, a failed pull, a pending pod. */
export const FailingWorkload = z.object({
  namespace: z.string(),
  object: z.string(),
  app: z.string().optional(),
  reason: z.string(),
  message: z.union([z.string(), MessageSchema]),
  since: z.string().optional(),
});
export type FailingWorkload = z.infer<typeof FailingWorkload>;

const Usage = z.object({ allocatable: z.number(), requested: z.number() });

export const ClusterOverview = z.object({
  version: z.string(),
  /** ok: every node ready and no failing workload; degraded: some; down: no ready node. */
  health: z.enum(['ok', 'degraded', 'down']),
  nodes: z.array(NodeView),
  /** Totals per kind of node: real and simulated capacity are never added together. */
  capacity: z.object({
    real: z.object({ cpu: Usage, memory: Usage, pods: Usage }),
    simulated: z.object({ cpu: Usage, memory: Usage, pods: Usage }),
  }),
  apps: z.object({ total: z.number().int(), ready: z.number().int(), failing: z.number().int() }),
  events: z.array(EventView),
  failing: z.array(FailingWorkload),
  /** Namespaces the user may not list (the page says what it could not see). */
  hidden: z.array(z.string()),
});
export type ClusterOverview = z.infer<typeof ClusterOverview>;

export const AppHealth = z.enum(['ready', 'progressing', 'failed', 'unknown']);

/** An app deployed by `quai apply`, from its ApplySet parent Secret and its members. */
export const AppSummary = z.object({
  name: z.string(),
  namespace: z.string(),
  environment: z.string(),
  team: z.string().optional(),
  owner: z.string().optional(),
  status: AppHealth,
  revision: Revision.optional(),
  version: z.string().optional(),
  images: z.array(z.string()),
  replicas: z.object({ desired: z.number().int(), ready: z.number().int() }),
  /** URLs of its Ingresses, else `Service/name:port` of its Services. */
  endpoints: z.array(z.string()),
  components: z.array(z.string()),
});
export type AppSummary = z.infer<typeof AppSummary>;

export const AppsRequest = z
  .object({
    /** Only this namespace (default: every namespace the user may read). */
    namespace: z.string().regex(DNS_LABEL).optional(),
  })
  .strict();

export const AppsResult = z.object({ apps: z.array(AppSummary), hidden: z.array(z.string()) });

export const AppKey = z
  .object({
    app: z.string().regex(DNS_LABEL, 'an app name: lower-case letters, digits and -'),
    namespace: z.string().regex(DNS_LABEL),
  })
  .strict();

export const PodView = z.object({
  name: z.string(),
  component: z.string().optional(),
  phase: z.string(),
  ready: z.boolean(),
  restarts: z.number().int(),
  node: z.string().optional(),
  containers: z.array(z.string()),
  reason: z.string().optional(),
  startedAt: z.string().optional(),
});

export const ResourceView = z.object({
  /** `Deployment/web`. */
  object: z.string(),
  state: z.enum(['ready', 'progressing', 'failed', 'none']),
  detail: z.union([z.string(), MessageSchema]),
});

export const ScalableView = z.object({
  component: z.string(),
  object: z.string(),
  replicas: z.number().int(),
  ready: z.number().int(),
});

export const AppDetail = z.object({
  summary: AppSummary,
  resources: z.array(ResourceView),
  pods: z.array(PodView),
  scalable: z.array(ScalableView),
  events: z.array(EventView),
  revisions: z.array(Revision),
});
export type AppDetail = z.infer<typeof AppDetail>;

export const RevisionDiffRequest = AppKey.extend({
  from: z.number().int().positive(),
  to: z.number().int().positive(),
}).strict();

export const RevisionDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  objects: z.array(
    z.object({
      object: z.string(),
      change: z.enum(['create', 'update', 'delete']),
      fields: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  unchanged: z.number().int(),
});
export type RevisionDiff = z.infer<typeof RevisionDiff>;

export const ViewLogsRequest = AppKey.extend({
  /** One pod (default: every pod of the app). */
  pod: z.string().optional(),
  container: z.string().optional(),
  tailLines: z.number().int().min(1).max(5000).default(200),
  /** Keep sending new lines (as progress events) until the reader goes or `followMs` passes. */
  follow: z.boolean().default(false),
  followMs: z.number().int().min(1000).max(3_600_000).default(1_800_000),
}).strict();

export const LogLine = z.object({ pod: z.string(), container: z.string(), at: z.string(), text: z.string() });
export type LogLine = z.infer<typeof LogLine>;

export const ViewLogsResult = z.object({
  lines: z.array(LogLine),
  /** Pods whose log could not be read, and why. */
  errors: z.array(z.object({ pod: z.string(), message: z.string() })),
});

export const AccessRequest = z
  .object({
    /** The namespace of the page (an app's); none: the cluster. */
    namespace: z.string().regex(DNS_LABEL).optional(),
  })
  .strict();

/**
 * What the signed-in user may do, as the API server answers SelfSubjectAccessReviews for them:
 * the console hides the buttons of what they may not do (the API refuses them anyway).
 */
export const AccessResult = z.object({
  /** Apply and roll back: patch Deployments in the namespace. */
  deploy: z.boolean(),
  /** Patch the scale of Deployments in the namespace. */
  scale: z.boolean(),
  /** Read Secrets across the cluster (a backup reads everything). */
  backup: z.boolean(),
  /** Create namespaces (a restore or a drill creates them). */
  restore: z.boolean(),
  /** Scan the images running (scan.cluster): list pods in the namespace, or everywhere, or list namespaces to find where. */
  scan: z.boolean().optional(),
  /** Write the backup schedules (ConfigMaps in quai-system): create, suspend, delete them. */
  schedules: z.boolean(),
});
export type AccessResult = z.infer<typeof AccessResult>;

/** A storage target to read (the restore wizard): a folder on the server or s3://BUCKET/PREFIX. */
export const TargetBackupsRequest = z
  .object({
    target: z.string().min(1),
    s3: S3Options.optional(),
  })
  .strict();

/** A backup kept on a target, as the restore wizard offers it. */
export const TargetBackup = z.object({
  name: z.string(),
  status: z.enum(['completed', 'partially-failed']),
  startedAt: z.string(),
  completedAt: z.string(),
  createdBy: z.string(),
  namespaces: z.array(z.string()),
  labelSelector: z.string().optional(),
  /** Encrypted with a key (a restore needs it); false: stored in clear, Secrets left out. */
  encrypted: z.boolean(),
  /** Bytes of its object files, volume data and dumps. */
  bytes: z.number().int().nonnegative(),
  volumes: z.number().int().nonnegative(),
  databases: z.number().int().nonnegative(),
});
export type TargetBackup = z.infer<typeof TargetBackup>;

/** A drill report kept beside its backup on the target. */
export const TargetDrill = z.object({
  backup: z.string(),
  status: z.enum(['pass', 'fail']),
  startedAt: z.string(),
  recoverySeconds: z.number(),
  checks: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
});

export const TargetBackupsResult = z.object({
  target: z.string(),
  /** Newest first. */
  backups: z.array(TargetBackup),
  /** Newest first. */
  drills: z.array(TargetDrill),
});

/** A backup schedule of the cluster (`quai backup schedule list`), with its next and last runs. */
export const ScheduleSummary = z.object({
  name: z.string(),
  cron: z.string(),
  timeZone: z.string(),
  target: z.string(),
  namespaces: z.array(z.string()),
  app: z.string().optional(),
  suspend: z.boolean(),
  encrypted: z.boolean(),
  ttl: z.string().optional(),
  /** Drill each backup after it is made, and/or on its own cron. */
  drill: z.object({ afterBackup: z.boolean(), cron: z.string().optional() }).optional(),
  /** The next scheduled backup (none when suspended). */
  nextRun: z.string().optional(),
  /** The next scheduled drill, on the drill's own cron. */
  nextDrill: z.string().optional(),
  /** The scheduled time last handled by a runner (absent: never run, or not readable). */
  lastRun: z.string().optional(),
});
export type ScheduleSummary = z.infer<typeof ScheduleSummary>;

export const SchedulesResult = z.object({ schedules: z.array(ScheduleSummary) });

export const viewUseCases = {
  'view.access': defineUseCase({
    id: 'view.access',
    summary: {
      en: 'What the signed-in user may do: deploy, scale, back up, restore',
      fr: "Ce que l'utilisateur connecté peut faire : déployer, mettre à l'échelle, sauvegarder, restaurer",
    },
    request: AccessRequest,
    result: AccessResult,
    effect: 'read',
    progress: false,
    path: '/view/access',
  }),
  'view.overview': defineUseCase({
    id: 'view.overview',
    summary: {
      en: 'The cluster at a glance: health, real and simulated nodes, capacity, recent events, failing workloads',
      fr: "Le cluster d'un coup d'œil : santé, nœuds réels et simulés, capacité, événements récents, charges en échec",
    },
    request: z.object({}).strict(),
    result: ClusterOverview,
    effect: 'read',
    progress: false,
    path: '/view/overview',
  }),
  'view.apps': defineUseCase({
    id: 'view.apps',
    summary: {
      en: 'The apps deployed by quai apply: status, version, images, replicas, endpoints, team',
      fr: 'Les applications déployées par quai apply : état, version, images, réplicas, adresses, équipe',
    },
    request: AppsRequest,
    result: AppsResult,
    effect: 'read',
    progress: false,
    path: '/view/apps',
  }),
  'view.app': defineUseCase({
    id: 'view.app',
    summary: {
      en: 'One app in detail: its resources, pods, events and revisions',
      fr: 'Une application en détail : ses ressources, ses pods, ses événements et ses révisions',
    },
    request: AppKey,
    result: AppDetail,
    effect: 'read',
    progress: false,
    path: '/view/app',
  }),
  'view.diff': defineUseCase({
    id: 'view.diff',
    summary: {
      en: 'What changed between two revisions of an app, object by object and field by field',
      fr: "Ce qui a changé entre deux révisions d'une application, objet par objet et champ par champ",
    },
    request: RevisionDiffRequest,
    result: RevisionDiff,
    effect: 'read',
    progress: false,
    path: '/view/diff',
  }),
  'view.logs': defineUseCase({
    id: 'view.logs',
    summary: {
      en: "The last lines of an app's logs; with follow, new lines as they come (progress events)",
      fr: "Les dernières lignes du journal d'une application ; avec le suivi, les nouvelles lignes à mesure (événements de progression)",
    },
    request: ViewLogsRequest,
    result: ViewLogsResult,
    effect: 'read',
    progress: true,
    path: '/view/logs',
  }),
  'view.targetBackups': defineUseCase({
    id: 'view.targetBackups',
    summary: {
      en: 'The backups and drill reports kept on a storage target, newest first',
      fr: "Les sauvegardes et les rapports d'exercice de restauration conservés sur une cible, les plus récents d'abord",
    },
    request: TargetBackupsRequest,
    result: TargetBackupsResult,
    effect: 'read',
    progress: false,
    path: '/view/target-backups',
  }),
  'view.schedules': defineUseCase({
    id: 'view.schedules',
    summary: {
      en: 'The backup and drill schedules of the cluster, with their next and last runs',
      fr: "Les planifications de sauvegarde et d'exercice de restauration du cluster, avec leurs prochaine et dernière exécutions",
    },
    request: z.object({}).strict(),
    result: SchedulesResult,
    effect: 'read',
    progress: false,
    path: '/view/schedules',
  }),
} as const;
