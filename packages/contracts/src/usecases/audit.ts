import { z } from 'zod';
import { DNS_LABEL } from '../app-spec.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { DocumentSource, MAX_INLINE_BYTES } from './sources.js';

/*
 * The security audit: Pod Security Standards, best practices and RBAC risks, of manifests (files,
 * folders, inline YAML, app specs rendered as Quai would deploy them) or of a live cluster. The
 * result carries the summary and the findings up to a cap; full reports of any size are written
 * by the use case to the files the request names, streamed (the CLI; a front end without file
 * access, such as the HTTP API, cannot name files).
 */

/** Findings a result carries at most; beyond, `truncated` is set and report files hold them all. */
export const AUDIT_MAX_FINDINGS = 10_000;

export const AuditSeverity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export const AuditCheckFamily = z.enum(['pod-security', 'best-practice', 'rbac']);
/** The report formats the audit writes. */
export const AUDIT_REPORT_FORMATS = [
  'text',
  'json',
  'yaml',
  'sarif',
  'junit',
  'gitlab-codequality',
  'markdown',
  'html',
] as const;
export const AuditReportFormat = z.enum(AUDIT_REPORT_FORMATS);

/** A report file to write: the whole report, whatever its size, in one format. */
export const AuditReportTarget = z.object({ format: AuditReportFormat, file: z.string().min(1) }).strict();

/** What to audit in manifests: a file or folder (read recursively), inline YAML, or an app spec. */
export const ManifestSource = z.union([
  z
    .object({
      path: z.string().min(1),
      /** The name findings show instead of the path (the CLI's standard input, spooled to a file). */
      name: z.string().min(1).max(255).optional(),
    })
    .strict(),
  z.object({ yaml: z.string().min(1).max(MAX_INLINE_BYTES), name: z.string().max(255).optional() }).strict(),
  /** An app spec, rendered as `quai apply` would deploy it, then audited. */
  z.object({ appSpec: DocumentSource }).strict(),
]);
export type ManifestSource = z.infer<typeof ManifestSource>;

const AuditSettings = z.object({
  /** Pod Security Standards level. */
  level: z.enum(['baseline', 'restricted']).default('restricted'),
  /** Policy version: latest or v1.N (default latest; for a cluster, the cluster's). */
  pssVersion: z
    .string()
    .regex(/^(latest|v1\.\d+)$/, 'latest or a version such as v1.30')
    .optional(),
  /** Target Kubernetes version for removed APIs: 1.N (default: Quai's; for a cluster, the cluster's). */
  kubernetesVersion: z
    .string()
    .regex(/^v?1\.\d+(\.\d+)?$/, 'a version such as 1.36')
    .optional(),
  /** The lowest severity that makes the outcome `findings`. */
  severityThreshold: AuditSeverity.default('medium'),
  /** Only these families of checks (default all). */
  checks: z.array(AuditCheckFamily).min(1).optional(),
  /** A central exceptions file (AuditExceptions). */
  exceptions: DocumentSource.optional(),
  /** Full reports to write, streamed (needs file access: the CLI). */
  reports: z.array(AuditReportTarget).max(16).default([]),
  /** Findings the result carries at most (the reports hold every one). */
  maxFindings: z.number().int().nonnegative().max(AUDIT_MAX_FINDINGS).default(AUDIT_MAX_FINDINGS),
});

export const AuditManifestsRequest = AuditSettings.extend({
  sources: z.array(ManifestSource).min(1).max(1000),
  /** For app specs: the environment rendered, and the platform's settings. */
  environment: z.string().min(1).default('prod'),
  platform: DocumentSource.optional(),
});

export const AuditClusterRequest = AuditSettings.extend({
  /** These namespaces (cluster-scoped kinds are read either way); default: every namespace. */
  namespaces: z.array(z.string().regex(DNS_LABEL)).max(1000).optional(),
});

export const AuditObjectRef = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});

/** An exception as findings carry it: why, until when, where it is written, who granted it. */
export const AuditException = z.object({
  justification: z.string(),
  /** YYYY-MM-DD; absent when the exception has no expiry. */
  expires: z.string().optional(),
  /** `annotation quai.dev/audit-exception.<CHECK>`, or `file:line` of a central file. */
  source: z.string(),
  /** Who granted it (a user name) and the day (YYYY-MM-DD), when the exception says so. */
  grantedBy: z.string().optional(),
  grantedAt: z.string().optional(),
});

export const AuditFinding = z.object({
  checkId: z.string(),
  category: z.enum(['pod-security', 'best-practice', 'rbac', 'exception']),
  severity: AuditSeverity,
  /** The check's title and fix, and what is wrong with this object: messages (English and French). */
  title: MessageSchema,
  message: MessageSchema,
  remediation: MessageSchema,
  object: AuditObjectRef,
  /** The field, as a dotted path: `spec.template.spec.containers[0].image`. */
  path: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** Set when an exception accepts the risk. */
  suppressed: AuditException.optional(),
  /** On a QUAI-EXC-001 finding: the expired exception it reports. */
  exception: AuditException.extend({ check: z.string() }).optional(),
});
export type AuditFinding = z.infer<typeof AuditFinding>;

export const AuditNote = z.object({
  kind: z.enum(['skipped', 'input-error', 'info']),
  message: z.union([z.string(), MessageSchema]),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  hint: z.union([z.string(), MessageSchema]).optional(),
});

export const AuditCheck = z.object({
  id: z.string(),
  category: z.enum(['pod-security', 'best-practice', 'rbac', 'exception']),
  severity: AuditSeverity,
  title: MessageSchema,
});

export const AuditResult = z.object({
  tool: z.object({ name: z.literal('quai'), version: z.string() }),
  generatedAt: z.string(),
  source: z.enum(['manifests', 'cluster']),
  /** For a cluster: the context and the Kubernetes version read. */
  cluster: z.object({ context: z.string(), version: z.string() }).optional(),
  options: z.object({
    level: z.enum(['baseline', 'restricted']),
    pssVersion: z.string(),
    kubernetesVersion: z.string(),
    severityThreshold: AuditSeverity,
  }),
  summary: z.object({
    objects: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
    suppressed: z.number().int().nonnegative(),
    /** Findings not accepted, at or above the threshold: they make the outcome `findings`. */
    failing: z.number().int().nonnegative(),
    bySeverity: z.record(AuditSeverity, z.number().int().nonnegative()),
  }),
  /** Findings in report order (accepted ones included), up to `maxFindings`. */
  findings: z.array(AuditFinding),
  /** True when there were more findings than the result carries: see the report files. */
  truncated: z.boolean(),
  notes: z.array(AuditNote),
  /** The checks that found something. */
  checks: z.array(AuditCheck),
  /** The report files written. */
  reports: z.array(AuditReportTarget.extend({ bytes: z.number().int().nonnegative() })),
});
export type AuditResult = z.infer<typeof AuditResult>;

export const WhoCanRequest = z.object({
  verb: z.string().min(1),
  /** A resource, with its group and subresource when needed: secrets, pods/exec, deployments.apps. */
  resource: z.string().min(1),
  /** One object by name (rules limited with resourceNames count then). */
  name: z.string().min(1).optional(),
  /** Only bindings that apply in this namespace (default: every binding, with its scope). */
  namespace: z.string().regex(DNS_LABEL).optional(),
  /** Read RBAC objects from manifests instead of the cluster. */
  manifests: z.array(ManifestSource).min(1).max(1000).optional(),
});

export const WhoCanResult = z.object({
  verb: z.string(),
  resource: z.object({
    group: z.string().optional(),
    resource: z.string(),
    subresource: z.string().optional(),
  }),
  namespace: z.string().nullable(),
  subjects: z.array(
    z.object({
      subject: z.object({ kind: z.string(), name: z.string(), namespace: z.string().optional() }),
      /** Where the permission applies: `cluster`, or a namespace. */
      scope: z.string(),
      role: z.object({ kind: z.string(), name: z.string(), namespace: z.string().optional() }),
      binding: z.object({ kind: z.string(), name: z.string(), namespace: z.string().optional() }),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Exceptions granted and revoked on live objects

/** The object an exception is written on (as annotations). */
export const ExceptionObject = z
  .object({
    apiVersion: z.string().min(1).max(253),
    kind: z.string().min(1).max(63),
    name: z.string().min(1).max(253),
    namespace: z.string().regex(DNS_LABEL).optional(),
  })
  .strict();

/** A check ID, as annotation keys can carry it (`PSS-runAsNonRoot`, `QUAI-BP-020`). */
export const ExceptionCheck = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/, 'a check ID such as PSS-runAsNonRoot or QUAI-BP-020');

/**
 * Accept a finding's risk until a day: the grantor is the signed-in person (never a field of the
 * request), the expiry is required, after today and at most one year away.
 */
export const GrantExceptionRequest = z
  .object({
    object: ExceptionObject,
    check: ExceptionCheck,
    /** The last day the exception holds (YYYY-MM-DD, UTC). */
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
    /** Why the risk is accepted: written on the object, shown in every report. */
    justification: z.string().trim().min(1).max(500),
    /** Why now (recorded in the audit trail). */
    reason: z.string().max(1000).optional(),
  })
  .strict();

export const RevokeExceptionRequest = z
  .object({
    object: ExceptionObject,
    check: ExceptionCheck,
    /** Why (recorded in the audit trail). */
    reason: z.string().max(1000).optional(),
  })
  .strict();

/** Which namespace (and app, when the object carries Quai's app label) the audit trail files it under. */
const ExceptionTarget = z.object({ namespace: z.string().optional(), app: z.string().optional() });

export const GrantExceptionResult = z.object({
  object: AuditObjectRef,
  check: z.string(),
  expires: z.string(),
  justification: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
  /** The annotations written, by key. */
  annotations: z.record(z.string(), z.string()),
  /** The field manager that owns them on the object. */
  fieldManager: z.string(),
  /** The exception this one replaces, when the object had one for the same check. */
  replaced: z.object({ value: z.string(), grant: z.string().optional() }).optional(),
  target: ExceptionTarget,
});

export const RevokeExceptionResult = z.object({
  object: AuditObjectRef,
  check: z.string(),
  /** The annotations removed, with the values they had. */
  removed: z.record(z.string(), z.string()),
  target: ExceptionTarget,
});

/** Which objects the user may write exceptions on: one answer per kind and namespace asked. */
export const ExceptionAccessRequest = z
  .object({
    objects: z
      .array(
        z
          .object({
            apiVersion: z.string().min(1).max(253),
            kind: z.string().min(1).max(63),
            namespace: z.string().regex(DNS_LABEL).optional(),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

export const ExceptionAccessResult = z.object({
  /** In the order asked: whether the API server lets the user patch objects of that kind there. */
  patch: z.array(z.boolean()),
});

export const auditUseCases = {
  'audit.manifests': defineUseCase({
    id: 'audit.manifests',
    summary: {
      en: 'Audit manifests (files, folders, YAML, app specs): Pod Security Standards, best practices, RBAC risks',
      fr: 'Auditer des manifestes (fichiers, dossiers, YAML, specs d’application) : Pod Security Standards, bonnes pratiques, risques RBAC',
    },
    request: AuditManifestsRequest,
    result: AuditResult,
    effect: 'read',
    progress: true,
    history: true,
    path: '/audit/manifests',
  }),
  'audit.cluster': defineUseCase({
    id: 'audit.cluster',
    summary: {
      en: 'Audit the live objects of the cluster (all namespaces, or those named): Pod Security Standards, best practices, RBAC risks',
      fr: 'Auditer les objets du cluster (tous les namespaces, ou ceux nommés) : Pod Security Standards, bonnes pratiques, risques RBAC',
    },
    request: AuditClusterRequest,
    result: AuditResult,
    effect: 'read',
    progress: true,
    history: true,
    path: '/audit/cluster',
  }),
  'audit.whoCan': defineUseCase({
    id: 'audit.whoCan',
    summary: {
      en: 'List the users, groups and service accounts that RBAC lets do VERB on RESOURCE',
      fr: 'Lister les utilisateurs, groupes et comptes de service que RBAC autorise à faire VERBE sur RESSOURCE',
    },
    request: WhoCanRequest,
    result: WhoCanResult,
    effect: 'read',
    progress: false,
    path: '/audit/who-can',
  }),
  'audit.grantException': defineUseCase({
    id: 'audit.grantException',
    summary: {
      en: 'Accept the risk of a finding on a live object until a date, with a justification (written on the object, signed by you)',
      fr: 'Accepter le risque d’un constat sur un objet du cluster jusqu’à une date, avec une justification (écrite sur l’objet, à votre nom)',
    },
    request: GrantExceptionRequest,
    result: GrantExceptionResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/audit/exception/grant',
  }),
  'audit.revokeException': defineUseCase({
    id: 'audit.revokeException',
    summary: {
      en: 'Revoke the exception of a check on a live object (its finding counts again)',
      fr: 'Révoquer l’exception d’un contrôle sur un objet du cluster (son constat compte de nouveau)',
    },
    request: RevokeExceptionRequest,
    result: RevokeExceptionResult,
    effect: 'write',
    reason: 'always',
    progress: false,
    path: '/audit/exception/revoke',
  }),
  'audit.exceptionAccess': defineUseCase({
    id: 'audit.exceptionAccess',
    summary: {
      en: 'Say on which kinds and namespaces the signed-in user may grant and revoke exceptions (patch, as the API server decides)',
      fr: 'Dire sur quels types et namespaces l’utilisateur connecté peut accorder et révoquer des exceptions (patch, selon le serveur d’API)',
    },
    request: ExceptionAccessRequest,
    result: ExceptionAccessResult,
    effect: 'read',
    progress: false,
    path: '/audit/exception/access',
  }),
} as const;
