import { z } from 'zod';
import { defineUseCase } from '../usecase.js';
import { MessageSchema } from '../progress.js';
import { AppRef, DocumentSource, EnvironmentSelector, SecretsSource } from './sources.js';

/** Which app, in which environment and namespace: the unit Quai deploys and records. */
export const AppTarget = z.object({ app: z.string(), environment: z.string(), namespace: z.string() });
export type AppTarget = z.infer<typeof AppTarget>;

export const ObjectRef = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});

/**
 * What plan sees for an object: created, updated, deleted by pruning, unchanged; in conflict with
 * fields another manager owns; owned by another app or team (apply refuses it unless taking
 * ownership); invalid (the API server would refuse it; the drift is shown anyway).
 */
export const ChangeKind = z.enum(['create', 'update', 'delete', 'unchanged', 'conflict', 'owned', 'invalid']);

export const ObjectChange = z.object({
  kind: ChangeKind,
  /** `Deployment/web`, as kubectl names objects. */
  object: z.string(),
  ref: ObjectRef,
  fields: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
  /** For conflicts: the fields other managers own, and who. */
  conflicts: z.array(z.string()).optional(),
  /** For objects another app or team owns (or the namespace shared with another app): who. */
  owner: z.union([z.string(), MessageSchema]).optional(),
  note: z.union([z.string(), MessageSchema]).optional(),
});

export const Plan = z.object({
  target: AppTarget,
  changes: z.array(ObjectChange),
  summary: z.record(ChangeKind, z.number().int().nonnegative()),
});
export type Plan = z.infer<typeof Plan>;

export const Readiness = z.object({
  state: z.enum(['ready', 'progressing', 'failed']),
  message: z.union([z.string(), MessageSchema]),
});

export const ObjectReadiness = z.object({ object: z.string(), readiness: Readiness });

export const WaitFailure = z.object({
  object: z.string(),
  reason: z.union([z.string(), MessageSchema]),
  events: z.array(z.string()),
});

export const RevisionStatus = z.enum([
  'pending',
  'deployed',
  'failed',
  'rolled-back',
  'superseded',
  'interrupted',
]);

export const Revision = z.object({
  app: z.string(),
  environment: z.string(),
  number: z.number().int(),
  status: RevisionStatus,
  deployedBy: z.string(),
  deployedAt: z.string(),
  digest: z.string(),
  message: z.string(),
  images: z.array(z.string()),
  /** Whether the revision keeps manifests to roll back to (an interrupted one may not). */
  hasManifests: z.boolean(),
  /** Secret values kept in clear by a Quai older than the digests (rewritten by the next apply). */
  keepsSecretValues: z.boolean(),
});
export type Revision = z.infer<typeof Revision>;

export const ApplyResult = z.object({
  target: AppTarget,
  revision: z.number().int(),
  status: z.enum(['deployed', 'failed', 'rolled-back']),
  applied: z.number().int().nonnegative(),
  pruned: z.array(z.string()),
  failure: WaitFailure.optional(),
  /** When the rollout failed and was rolled back: the revision that restored the last good one. */
  rolledBackTo: z.number().int().optional(),
  /** What became of the automatic rollback, when one was due: never reported as done unless it was. */
  rollback: z
    .object({
      /** The revision rolled back to. */
      to: z.number().int(),
      /** The revision the rollback recorded, when it recorded one. */
      revision: z.number().int().optional(),
      status: z.enum(['deployed', 'failed', 'not-attempted']),
      reason: z.union([z.string(), MessageSchema]).optional(),
    })
    .optional(),
  seconds: z.number(),
});
export type ApplyResult = z.infer<typeof ApplyResult>;

export const AppStatus = z.object({
  target: AppTarget,
  revision: Revision.optional(),
  objects: z.array(ObjectReadiness),
  healthy: z.boolean(),
});
export type AppStatus = z.infer<typeof AppStatus>;

const DeployInputs = EnvironmentSelector.extend({
  apps: z.array(DocumentSource).min(1),
  secrets: SecretsSource.optional(),
});

export const PlanRequest = DeployInputs.extend({
  /** Plan as if taking over fields other managers own. */
  forceConflicts: z.boolean().default(false),
  /** Write objects another app or team owns (refused otherwise, before anything changes). */
  takeOwnership: z.boolean().default(false),
});

export const ApplyRequest = PlanRequest.extend({
  prune: z.boolean().default(true),
  wait: z.boolean().default(true),
  timeoutMs: z.number().int().nonnegative().default(300_000),
  /** Roll back to the last deployed revision when the rollout fails; default: only in production. */
  rollbackOnFailure: z.boolean().optional(),
  /** A note recorded with the revision. */
  message: z.string().max(1000).optional(),
  /** Why (recorded in the audit trail; required by the API for production). */
  reason: z.string().max(1000).optional(),
});

export const RollbackRequest = EnvironmentSelector.extend({
  app: AppRef,
  /** Revision to restore; default: the last deployed one before the current. */
  to: z.number().int().positive().optional(),
  /**
   * The values the revision's Secrets had, when they changed since: revisions keep digests of
   * Secret values, never the values, so these are checked against the digests.
   */
  secrets: SecretsSource.optional(),
  timeoutMs: z.number().int().nonnegative().default(300_000),
  reason: z.string().max(1000).optional(),
});

export const StatusRequest = EnvironmentSelector.extend({ apps: z.array(AppRef).min(1) });
export const HistoryRequest = EnvironmentSelector.extend({ app: AppRef });

export const deployUseCases = {
  'deploy.plan': defineUseCase({
    id: 'deploy.plan',
    summary: {
      en: 'Show what apply would change: a server-side dry-run diff per object',
      fr: "Montrer ce qu'appliquer changerait : un écart par objet, calculé à blanc par le serveur",
    },
    request: PlanRequest,
    result: z.array(Plan),
    effect: 'read',
    progress: false,
    path: '/deploy/plan',
  }),
  'deploy.apply': defineUseCase({
    id: 'deploy.apply',
    summary: {
      en: 'Deploy apps: server-side apply in dependency order, prune, wait for readiness, roll back on failure',
      fr: "Déployer des applications : application côté serveur dans l'ordre des dépendances, nettoyage, attente, retour arrière en cas d'échec",
    },
    request: ApplyRequest,
    result: z.array(ApplyResult),
    effect: 'write',
    reason: 'production',
    progress: true,
    history: true,
    path: '/deploy/apply',
  }),
  'deploy.rollback': defineUseCase({
    id: 'deploy.rollback',
    summary: {
      en: 'Return an app to an earlier revision (the last good one by default)',
      fr: 'Ramener une application à une révision antérieure (par défaut, la dernière qui fonctionnait)',
    },
    request: RollbackRequest,
    result: ApplyResult,
    effect: 'write',
    reason: 'always',
    progress: true,
    history: true,
    path: '/deploy/rollback',
  }),
  'deploy.status': defineUseCase({
    id: 'deploy.status',
    summary: {
      en: 'Show the health of apps: last revision, who deployed, readiness of each object',
      fr: "Montrer la santé des applications : dernière révision, qui l'a déployée, état de chaque objet",
    },
    request: StatusRequest,
    result: z.array(AppStatus),
    effect: 'read',
    progress: false,
    path: '/deploy/status',
  }),
  'deploy.history': defineUseCase({
    id: 'deploy.history',
    summary: {
      en: "List an app's revisions: who, when, what, status",
      fr: "Lister les révisions d'une application : qui, quand, quoi, état",
    },
    request: HistoryRequest,
    result: z.array(Revision),
    effect: 'read',
    progress: false,
    path: '/deploy/history',
  }),
} as const;
