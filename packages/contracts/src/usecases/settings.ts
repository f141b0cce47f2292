// The platform's settings (issue 15): kept in the cluster, in the ConfigMap `quai-settings` of
// `quai-system`, so Kubernetes RBAC decides who may change them. They name the storage targets
// backups may go to, the GitLab connection and what the cluster is. Secrets are never in them:
// only the names of the Secrets (in quai-system) or of the server's environment variables that
// hold them.
import { z } from 'zod';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';

/** Where the settings live. */
export const SETTINGS_NAMESPACE = 'quai-system';
export const SETTINGS_CONFIGMAP = 'quai-settings';
/** The ConfigMap's data key holding the one YAML document. */
export const SETTINGS_KEY = 'settings.yaml';

/** Target names: DNS labels (they appear in URLs, forms and audit entries). */
export const TARGET_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A Secret's name (a DNS subdomain). */
const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** An environment variable's name (or prefix). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** An absolute folder of the server, or s3://BUCKET[/PREFIX]. */
const LOCATION = /^(\/[^\0]*|s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?)$/;

/** An http(s) URL without credentials in it (a secret value must never be stored here). */
const PlainUrl = z
  .string()
  .regex(
    /^https?:\/\/[^\s/@]+(\/[^\s]*)?$/,
    'an http(s) address without user or password, such as https://s3.example.fr',
  );

/** A storage target backups may be written to and read from. */
export const StorageTargetSettings = z
  .object({
    name: z.string().regex(TARGET_NAME, 'lower-case letters, digits and "-" (at most 63)'),
    /** A note for people: what it is, who runs it. */
    description: z.string().max(500).optional(),
    /** An absolute folder of the server (local disk, NFS mount) or s3://BUCKET/PREFIX. */
    location: z.string().regex(LOCATION, 'an absolute folder (/srv/backups) or s3://BUCKET/PREFIX'),
    /** S3 only: the endpoint (MinIO, Ceph, OVHcloud, Scaleway...), default AWS. */
    endpoint: PlainUrl.optional(),
    region: z.string().min(1).max(64).optional(),
    /** S3 only: path-style addresses (default: with an endpoint). */
    pathStyle: z.boolean().optional(),
    /** S3 only: a Secret in quai-system with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
    credentialsSecret: z.string().regex(SECRET_NAME, 'a Secret name in quai-system').optional(),
    /**
     * S3 only: the prefix of the server's environment variables holding the credentials: `OVH`
     * reads OVH_ACCESS_KEY_ID, OVH_SECRET_ACCESS_KEY (and OVH_SESSION_TOKEN). Without either, the
     * server's AWS_* variables or profile.
     */
    credentialsEnv: z.string().regex(ENV_NAME, 'an environment variable prefix such as OVH').optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const s3 = t.location.startsWith('s3://');
    if (!s3) {
      for (const key of ['endpoint', 'region', 'pathStyle', 'credentialsSecret', 'credentialsEnv'] as const) {
        if (t[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `only for an s3:// location, not a folder` });
      }
    }
    if (t.credentialsSecret !== undefined && t.credentialsEnv !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['credentialsEnv'],
        message: 'credentialsSecret or credentialsEnv, not both',
      });
    }
  });
export type StorageTargetSettings = z.infer<typeof StorageTargetSettings>;

/** The GitLab the platform's repositories are on. */
export const GitlabSettings = z
  .object({
    url: PlainUrl,
    /** A Secret in quai-system whose `token` key holds an access token (api scope). */
    tokenSecret: z.string().regex(SECRET_NAME, 'a Secret name in quai-system').optional(),
    /** Or the server's environment variable holding it (GITLAB_TOKEN). */
    tokenEnv: z.string().regex(ENV_NAME, 'an environment variable name such as GITLAB_TOKEN').optional(),
    /** The platform repository (group/project), for the GitLab use cases' default. */
    project: z
      .string()
      .regex(/^[\w.-]+(?:\/[\w.-]+)+$/, 'group/project')
      .optional(),
  })
  .strict()
  .refine((g) => g.tokenSecret === undefined || g.tokenEnv === undefined, {
    path: ['tokenEnv'],
    message: 'tokenSecret or tokenEnv, not both',
  });
export type GitlabSettings = z.infer<typeof GitlabSettings>;

/** What the cluster is, for people. */
export const ClusterDescription = z
  .object({
    displayName: z.string().min(1).max(100).optional(),
    /** production, staging, test, development...: shown to people. */
    environment: z
      .string()
      .regex(/^[a-z][-a-z0-9]{0,30}$/, 'a lower-case word such as production or staging')
      .optional(),
    description: z.string().max(1000).optional(),
  })
  .strict();

/** The whole document, under the key `settings.yaml` of the ConfigMap quai-settings. */
export const PlatformSettings = z
  .object({
    cluster: ClusterDescription.default({}),
    targets: z.array(StorageTargetSettings).max(100).default([]),
    gitlab: GitlabSettings.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Map<string, number>();
    s.targets.forEach((t, i) => {
      const first = seen.get(t.name);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'name'],
          message: `the name "${t.name}" is already the name of target ${first + 1}`,
        });
      else seen.set(t.name, i);
    });
  });
export type PlatformSettings = z.infer<typeof PlatformSettings>;
export type PlatformSettingsInput = z.input<typeof PlatformSettings>;

/** How a target answered the server's check. */
export const TargetCheck = z.object({
  name: z.string(),
  location: z.string(),
  kind: z.enum(['directory', 's3']),
  /** The folder exists and can be read, or the bucket answers a listing. */
  reachable: z.boolean(),
  /** The server may write in the folder (S3: not checked, nothing is written). */
  writable: z.boolean().optional(),
  /** Free bytes in the folder's file system. */
  freeBytes: z.number().nonnegative().optional(),
  /** Backups found there. */
  backups: z.number().int().nonnegative().optional(),
  /** Where the credentials come from: a Secret, environment variables, the server's defaults. */
  credentials: z.enum(['secret', 'env', 'default', 'none']),
  problem: MessageSchema.optional(),
});
export type TargetCheck = z.infer<typeof TargetCheck>;

export const GitlabCheck = z.object({
  url: z.string(),
  /** Where the token is named (never its value), and whether the server found it. */
  token: z.enum(['secret', 'env', 'none']),
  tokenFound: z.boolean(),
  reachable: z.boolean(),
  /** GitLab's version (GET /api/v4/version answers with a token). */
  version: z.string().optional(),
  problem: MessageSchema.optional(),
});

/** How the server serves users (from its configuration; absent when not asked through `quai serve`). */
export const ServerMode = z.object({
  /** Users act with their own rights (Kubernetes impersonation). */
  impersonate: z.boolean(),
  signIn: z.object({ oidc: z.boolean(), tokens: z.number().int().nonnegative() }),
  sessionTtlMs: z.number().int().nonnegative(),
  idleTimeoutMs: z.number().int().nonnegative(),
  defaultLang: z.enum(['en', 'fr']),
  publicUrl: z.string().optional(),
});
export type ServerMode = z.infer<typeof ServerMode>;

export const SettingsViewRequest = z
  .object({
    /** false: the settings only, without checking targets and GitLab (the backup forms' list). */
    checks: z.boolean().default(true),
  })
  .strict();

export const SettingsViewResult = z.object({
  /** The settings read (the defaults when the ConfigMap is missing or invalid). */
  settings: PlatformSettings,
  /** The document as stored (empty when the ConfigMap is missing). */
  yaml: z.string(),
  /** What an update must name: absent when the ConfigMap does not exist yet. */
  resourceVersion: z.string().optional(),
  /** The stored document does not pass the schema (line:column): the settings shown are the defaults. */
  invalid: MessageSchema.optional(),
  /** Whether the reader may change the settings (update of the ConfigMap, as the API server answers). */
  mayUpdate: z.boolean(),
  cluster: z.object({
    server: z.string(),
    version: z.string().optional(),
    nodes: z
      .object({ real: z.number().int().nonnegative(), simulated: z.number().int().nonnegative() })
      .optional(),
  }),
  targets: z.array(TargetCheck),
  gitlab: GitlabCheck.optional(),
  server: ServerMode.optional(),
});

export const SettingsUpdateRequest = z
  .object({
    /** The new settings: as data (the console's forms) or as the YAML document (comments kept). */
    settings: PlatformSettings.optional(),
    yaml: z
      .string()
      .max(256 * 1024)
      .optional(),
    /** The resourceVersion read; absent to create the ConfigMap. A change made meanwhile is a CONFLICT. */
    resourceVersion: z.string().min(1).optional(),
    /** Why: kept in the audit trail (required: the API refuses a change without one). */
    reason: z.string().max(1000).optional(),
  })
  .strict()
  .refine((r) => (r.settings === undefined) !== (r.yaml === undefined), {
    message: 'give either settings or yaml',
  });

export const SettingsUpdateResult = z.object({
  resourceVersion: z.string(),
  created: z.boolean(),
  settings: PlatformSettings,
  /** What changed, one line each: `targets: + nas`, `gitlab.url`. */
  changes: z.array(z.string()),
});

export const settingsUseCases = {
  'settings.view': defineUseCase({
    id: 'settings.view',
    summary: {
      en: 'The platform settings (storage targets, GitLab, the cluster) with a live check of each, and whether you may change them',
      fr: 'Les paramètres de la plateforme (cibles de stockage, GitLab, le cluster) avec la vérification de chacun, et si vous pouvez les modifier',
    },
    request: SettingsViewRequest,
    result: SettingsViewResult,
    effect: 'read',
    progress: false,
    path: '/settings/view',
  }),
  'settings.update': defineUseCase({
    id: 'settings.update',
    summary: {
      en: 'Change the platform settings (the ConfigMap quai-settings), as you: RBAC decides',
      fr: 'Modifier les paramètres de la plateforme (la ConfigMap quai-settings), en votre nom : RBAC décide',
    },
    request: SettingsUpdateRequest,
    result: SettingsUpdateResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/settings/update',
  }),
} as const;
