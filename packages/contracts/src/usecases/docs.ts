import { z } from 'zod';
import { DNS_LABEL } from '../app-spec.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { S3Options } from './backup.js';
import { Revision } from './deploy.js';
import { AppRef, EnvironmentSelector } from './sources.js';

/** A message, or its text (what `-o json` prints: messages turned into the reader's language). */
const Text = z.union([z.string(), MessageSchema]);

// The per-application operations sheet (`quai docs app APP`): what the team needs to run one app,
// from its spec and the live cluster. The sheet is data: the CLI renders it as Markdown or HTML,
// the console shows the same data.

export const DocsAppRequest = EnvironmentSelector.extend({
  app: AppRef,
  /** The name the user gave beside a spec: checked against the spec's, so a wrong file is not documented. */
  name: z.string().regex(DNS_LABEL).optional(),
  /** Read the cluster (live state, revisions, backup schedules, stored scans); false: the spec alone. */
  cluster: z.boolean().default(true),
  /** Backup places (folder or s3://BUCKET/PREFIX) to look for the app's backups, beside its schedules'. */
  backupTargets: z.array(z.string().min(1)).default([]),
  s3: S3Options.optional(),
  /** How many revisions the sheet lists, newest first. */
  revisions: z.number().int().min(1).max(50).default(5),
}).strict();

/** Where a part of the sheet comes from. */
export const SheetSource = z.enum(['spec', 'cluster']);

export const SheetEndpoint = z.object({
  /** `ingress`: a URL reached from outside; `service`: an address inside the cluster. */
  kind: z.enum(['ingress', 'service']),
  component: z.string().optional(),
  /** The Ingress or Service name. */
  object: z.string(),
  /** `https://grist.apps.cd49.local/` or `grist.grist.svc:8484`. */
  address: z.string(),
  /** The port's name or number the address leads to. */
  port: z.string().optional(),
  tls: z.boolean().optional(),
});
export type SheetEndpoint = z.infer<typeof SheetEndpoint>;

export const SheetContainer = z.object({
  name: z.string(),
  image: z.string(),
  /** The tag (or digest) of the image reference; `latest` when it has none. */
  version: z.string(),
  /** Digests of the image the running pods run (from their status), when deployed. */
  digests: z.array(z.string()),
  /** An init container (waits for a dependency, prepares data). */
  init: z.boolean(),
});

export const SheetComponent = z.object({
  name: z.string(),
  /** `Deployment/grist`, `CronJob/nightly-sync`. */
  object: z.string(),
  kind: z.string(),
  containers: z.array(SheetContainer),
  replicas: z.object({ desired: z.number().int(), ready: z.number().int().optional() }).optional(),
  /** Bounds of its HorizontalPodAutoscaler, when it has one. */
  autoscaling: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
  schedule: z.string().optional(),
  /** Readiness from the cluster, when deployed. */
  state: z.enum(['ready', 'progressing', 'failed']).optional(),
});
export type SheetComponent = z.infer<typeof SheetComponent>;

export const SheetVolume = z.object({
  claim: z.string(),
  component: z.string().optional(),
  size: z.string().optional(),
  storageClass: z.string().optional(),
  accessModes: z.array(z.string()),
  /** Where the components mount it. */
  mounts: z.array(z.string()),
  /** `none`: left out of backups; else the policy's schedule (`daily`) and retention. */
  backup: z.object({
    policy: z.enum(['none', 'scheduled']),
    schedule: z.string().optional(),
    retention: z.string().optional(),
  }),
  /** Bound, Pending... when deployed. */
  phase: z.string().optional(),
});
export type SheetVolume = z.infer<typeof SheetVolume>;

/** A Secret the app reads: its name and the keys it uses, never a value. */
export const SheetSecret = z.object({
  name: z.string(),
  keys: z.array(z.string()),
  usedBy: z.array(z.string()),
  /** Whether it exists in the cluster (undefined: not checked). */
  present: z.boolean().optional(),
});
export type SheetSecret = z.infer<typeof SheetSecret>;

export const SheetDependency = z.object({
  /** The component or job that depends. */
  from: z.string(),
  kind: z.enum(['component', 'job', 'database', 'external']),
  /** A component, a database (`engine database@host`) or an external address (`ldaps://ldap.cd49.local`). */
  to: z.string(),
  /** started, healthy, completed (dependsOn); connects (connectsTo); env (an address in its environment); backup (a dumped database). */
  how: z.string(),
});
export type SheetDependency = z.infer<typeof SheetDependency>;

export const SheetCommand = z.object({
  /** What it does, in the reader's language. */
  purpose: Text,
  command: z.string(),
});
export type SheetCommand = z.infer<typeof SheetCommand>;

export const SheetBackup = z.object({
  name: z.string(),
  target: z.string(),
  status: z.string(),
  completedAt: z.string(),
});

export const SheetDrill = z.object({
  backup: z.string(),
  target: z.string(),
  status: z.enum(['pass', 'fail']),
  startedAt: z.string(),
  recoverySeconds: z.number(),
});

export const SheetBackups = z.object({
  /** The places looked at: the request's and those of the schedules that cover the app. */
  targets: z.array(z.object({ target: z.string(), schedule: z.string().optional() })),
  schedules: z.array(
    z.object({ name: z.string(), cron: z.string(), timeZone: z.string(), target: z.string() }),
  ),
  last: SheetBackup.optional(),
  lastDrill: SheetDrill.optional(),
  lastPassedDrill: SheetDrill.optional(),
  /** Places that could not be read, and why. */
  problems: z.array(Text),
});
export type SheetBackups = z.infer<typeof SheetBackups>;

export const SheetFinding = z.object({
  checkId: z.string(),
  severity: z.string(),
  title: Text,
  object: z.string(),
});

export const SheetVulnerability = z.object({
  id: z.string(),
  severity: z.string(),
  package: z.string(),
  installed: z.string(),
  fixed: z.string().optional(),
  image: z.string(),
});

export const SheetSecurity = z.object({
  /** `audit`: a manifest audit made for this sheet; none stored in the cluster are read. */
  audit: z.object({
    source: z.enum(['rendered-spec', 'deployed-revision']),
    bySeverity: z.record(z.string(), z.number().int()),
    findings: z.array(SheetFinding),
  }),
  /** Trivy Operator's VulnerabilityReports of the app's namespace, when the cluster has them. */
  vulnerabilities: z
    .object({
      reports: z.number().int(),
      bySeverity: z.record(z.string(), z.number().int()),
      top: z.array(SheetVulnerability),
    })
    .optional(),
});

export const AppSheet = z.object({
  app: z.string(),
  environment: z.string(),
  namespace: z.string(),
  generatedAt: z.string(),
  /** What the sheet was built from. */
  sources: z.array(SheetSource),
  cluster: z.object({
    state: z.enum(['reachable', 'unreachable', 'not-read']),
    context: z.string().optional(),
    /** Why it could not be read. */
    reason: Text.optional(),
  }),
  deployed: z.boolean(),
  purpose: z.object({
    description: z.string().optional(),
    team: z.string().optional(),
    owner: z.string().optional(),
  }),
  endpoints: z.array(SheetEndpoint),
  components: z.array(SheetComponent),
  volumes: z.array(SheetVolume),
  secrets: z.array(SheetSecret),
  dependencies: z.array(SheetDependency),
  commands: z.object({
    deploy: z.array(SheetCommand),
    rollback: z.array(SheetCommand),
    restore: z.array(SheetCommand),
  }),
  rollout: z.object({
    status: z.enum(['ready', 'progressing', 'failed', 'unknown']).optional(),
    current: Revision.optional(),
    /** The last revisions, newest first. */
    history: z.array(Revision),
  }),
  backups: SheetBackups.optional(),
  security: SheetSecurity,
  /** What the reader should know about how the sheet was made (cluster unreachable, not deployed). */
  notes: z.array(Text),
});
export type AppSheet = z.infer<typeof AppSheet>;

export const docsUseCases = {
  'docs.app': defineUseCase({
    id: 'docs.app',
    summary: {
      en: "Build an app's operations sheet: owners, endpoints, images, volumes and backups, secrets (names), dependencies, how to deploy, roll back and restore, findings",
      fr: "Établir la fiche d'exploitation d'une application : responsables, points d'accès, images, volumes et sauvegardes, Secrets (noms), dépendances, comment déployer, revenir en arrière et restaurer, constats",
    },
    request: DocsAppRequest,
    result: AppSheet,
    effect: 'read',
    progress: true,
    path: '/docs/app',
  }),
} as const;
