import { z } from 'zod';
import { DNS_LABEL } from '../app-spec.js';
import { SCAN_TOP_DEFAULT, SCAN_TOP_MAX } from '../limits.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';

/*
 * The vulnerability store (vulndb): import OSV data, update it from a mirror, show what it holds,
 * query one package version. Paths name files on the machine that runs Quai (the CLI's); a front
 * end that gives no file access (the HTTP API) cannot import from paths.
 */

/** The store folder; default: $QUAI_CACHE_DIR/vulndb, else ~/.cache/quai/vulndb. */
const StoreDir = z.string().min(1).optional();

/** A record refused by an import: its source and why, as catalog messages (shown in the reader's language). */
const ImportProblem = z.object({
  source: z.string(),
  message: MessageSchema,
  hint: MessageSchema.optional(),
});

export const VulnDbImportResult = z.object({
  dir: z.string(),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  withoutPackage: z.number().int().nonnegative(),
  rejected: z.array(ImportProblem),
  ecosystems: z.array(z.string()),
  bytesBefore: z.number().int().nonnegative(),
  bytesAfter: z.number().int().nonnegative(),
});

export const EcosystemStatus = z.object({
  ecosystem: z.string(),
  records: z.number().int().nonnegative(),
  packages: z.number().int().nonnegative(),
  lastModified: z.string(),
});

export const ImportedSource = z.object({
  path: z.string(),
  source: z.string(),
  importedAt: z.string(),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});

export const VulnDbStatusResult = z.object({
  dir: z.string(),
  exists: z.boolean(),
  updatedAt: z.string().optional(),
  records: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  ecosystems: z.array(EcosystemStatus),
  imports: z.array(ImportedSource),
});

export const VulnDbUpdateResult = z.object({
  from: z.string(),
  ecosystems: z.array(
    z.object({
      ecosystem: z.string(),
      status: z.enum(['downloaded', 'not-modified']),
      bytes: z.number().int().nonnegative().optional(),
      sha256: z.string().optional(),
      verified: z.enum(['sha256sums', 'zip-crc']).optional(),
    }),
  ),
  listing: z.boolean(),
  checksums: z.boolean(),
  import: VulnDbImportResult.optional(),
});

const Severity = z.object({
  level: z.enum(['critical', 'high', 'medium', 'low', 'none', 'unknown']),
  /** Where the level comes from: CVSS_V3, GHSA, Ubuntu, Debian urgency, ... */
  source: z.string(),
  score: z.number().optional(),
  vector: z.string().optional(),
});

export const VulnerabilityMatch = z.object({
  id: z.string(),
  aliases: z.array(z.string()),
  summary: z.string().optional(),
  modified: z.string(),
  published: z.string().optional(),
  ecosystem: z.string(),
  package: z.string(),
  installedVersion: z.string(),
  affectedBy: z.union([
    z.object({
      kind: z.literal('range'),
      type: z.enum(['SEMVER', 'ECOSYSTEM']),
      introduced: z.string(),
      fixed: z.string().optional(),
      lastAffected: z.string().optional(),
    }),
    z.object({ kind: z.literal('version') }),
  ]),
  fixedVersion: z.string().optional(),
  severity: Severity,
  references: z.array(z.string()),
});

export const VulnDbQueryResult = z.object({
  matches: z.array(VulnerabilityMatch),
  warnings: z.array(z.string()),
});

/*
 * The scan of the images running in the cluster (`scan.cluster`), kept in the server's history:
 * per image its counts and its top vulnerabilities only, so that a result stays small whatever
 * the images hold (the CLI's `quai scan cluster` writes full reports).
 */

export const ImageSeverity = z.enum(['critical', 'high', 'medium', 'low', 'none', 'unknown']);
export type ImageSeverity = z.infer<typeof ImageSeverity>;
const SeverityCounts = z.record(ImageSeverity, z.number().int().nonnegative());

export const ScanClusterRequest = z.object({
  /** One namespace; default: every namespace the user may list pods in. */
  namespace: z.string().regex(DNS_LABEL).optional(),
  /** The platform of pods not yet on a node (the others: their node's). */
  platform: z
    .string()
    .regex(/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/, 'os/arch, such as linux/amd64')
    .default('linux/amd64'),
  /** Images read at once. */
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Vulnerabilities listed per image (fixable first, then by severity); the counts cover them all. */
  top: z.number().int().min(0).max(SCAN_TOP_MAX).default(SCAN_TOP_DEFAULT),
});

export const ImageWorkload = z.object({
  namespace: z.string(),
  kind: z.string(),
  name: z.string(),
  container: z.string(),
  containerType: z.enum(['container', 'initContainer', 'ephemeralContainer']),
});

export const ImageVulnerability = z.object({
  id: z.string(),
  /** The CVE when the record is not one (GHSA, DSA...). */
  alias: z.string().optional(),
  package: z.string(),
  ecosystem: z.string(),
  installed: z.string(),
  /** The first version with the fix, when there is one. */
  fixed: z.string().optional(),
  severity: ImageSeverity,
  score: z.number().optional(),
  /** The record's summary, cut at 200 characters. */
  summary: z.string().optional(),
});
export type ImageVulnerability = z.infer<typeof ImageVulnerability>;

export const ScannedImage = z.object({
  /** `registry/repository@digest` (the name as written when no digest was found). */
  reference: z.string(),
  digest: z.string().optional(),
  /** The names as written in the pod specs. */
  images: z.array(z.string()),
  platform: z.string(),
  pods: z.number().int().nonnegative(),
  workloads: z.array(ImageWorkload),
  /** Workloads using the image, all of them (the list stops at SCAN_WORKLOADS_MAX). */
  workloadCount: z.number().int().nonnegative(),
  os: z.string().optional(),
  packages: z.number().int().nonnegative().optional(),
  /** Vulnerabilities found, by severity, and those with a fixed version. */
  bySeverity: SeverityCounts.optional(),
  fixable: SeverityCounts.optional(),
  total: z.number().int().nonnegative().optional(),
  /** The first `top` vulnerabilities: fixable first, then by severity and score. */
  top: z.array(ImageVulnerability).optional(),
  /** Why the image could not be scanned; the others were. */
  error: z.object({ code: z.string(), message: MessageSchema, hint: MessageSchema.optional() }).optional(),
});
export type ScannedImage = z.infer<typeof ScannedImage>;

export const ScanClusterResult = z.object({
  scannedAt: z.string(),
  /** The namespace named, or `cluster` for every namespace, or the namespaces the user may read. */
  scope: z.enum(['namespace', 'cluster', 'namespaces']),
  namespaces: z.array(z.string()),
  pods: z.number().int().nonnegative(),
  containers: z.number().int().nonnegative(),
  /** The vulnerability database used: its update time and records. */
  database: z
    .object({ updatedAt: z.string().optional(), records: z.number().int().nonnegative() })
    .optional(),
  /** Vulnerabilities listed per image at most. */
  top: z.number().int().nonnegative(),
  summary: z.object({
    images: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    vulnerabilities: z.number().int().nonnegative(),
    bySeverity: SeverityCounts,
    fixable: SeverityCounts,
  }),
  images: z.array(ScannedImage),
  /** For the history: the namespace named. */
  target: z.object({ namespace: z.string() }).optional(),
});
export type ScanClusterResult = z.infer<typeof ScanClusterResult>;

export const scanUseCases = {
  'vulndb.import': defineUseCase({
    id: 'vulndb.import',
    summary: {
      en: 'Import OSV data: per-ecosystem zip dumps, JSON records, or folders of them',
      fr: 'Importer des données OSV : archives zip par écosystème, enregistrements JSON, ou dossiers de ceux-ci',
    },
    request: z.object({
      sources: z.array(z.object({ file: z.string().min(1) }).strict()).min(1),
      dir: StoreDir,
      /** Rejected records make the outcome `partial` unless this is set. */
      allowInvalid: z.boolean().default(false),
    }),
    result: VulnDbImportResult,
    effect: 'write',
    progress: true,
    path: '/vulndb/import',
  }),
  'vulndb.update': defineUseCase({
    id: 'vulndb.update',
    summary: {
      en: 'Update the store from an internal mirror of osv.dev (URL or folder): only the ecosystems in use, checked, imported at once',
      fr: "Mettre à jour la base depuis un miroir interne d'osv.dev (URL ou dossier) : seulement les écosystèmes utilisés, vérifiés, importés d'un coup",
    },
    request: z.object({
      from: z.string().min(1),
      ecosystems: z.array(z.string().min(1)).default([]),
      dir: StoreDir,
      timeoutMs: z.number().int().positive().default(600_000),
      allowInvalid: z.boolean().default(false),
    }),
    result: VulnDbUpdateResult,
    effect: 'write',
    progress: true,
    path: '/vulndb/update',
  }),
  'vulndb.status': defineUseCase({
    id: 'vulndb.status',
    summary: {
      en: 'Show what the local vulnerability store holds, per ecosystem',
      fr: 'Montrer ce que contient la base locale de vulnérabilités, par écosystème',
    },
    request: z.object({ dir: StoreDir }),
    result: VulnDbStatusResult,
    effect: 'read',
    progress: false,
    path: '/vulndb/status',
  }),
  'vulndb.query': defineUseCase({
    id: 'vulndb.query',
    summary: {
      en: 'List the vulnerabilities of one package version (exit 1 when there are some)',
      fr: "Lister les vulnérabilités d'une version de paquet (code 1 s'il y en a)",
    },
    request: z.object({
      ecosystem: z.string().min(1),
      name: z.string().min(1),
      version: z.string().min(1),
      dir: StoreDir,
    }),
    result: VulnDbQueryResult,
    effect: 'read',
    progress: false,
    path: '/vulndb/query',
  }),
  'scan.cluster': defineUseCase({
    id: 'scan.cluster',
    summary: {
      en: 'Scan the images running in the cluster (every namespace the user may list pods in, or one) with the vulnerability database; keep the counts and top vulnerabilities per image',
      fr: 'Analyser les images qui tournent dans le cluster (chaque namespace où l’utilisateur peut lister les pods, ou un seul) avec la base de vulnérabilités ; garder les totaux et les principales vulnérabilités par image',
    },
    request: ScanClusterRequest,
    result: ScanClusterResult,
    effect: 'read',
    progress: true,
    history: true,
    path: '/scan/cluster',
  }),
} as const;
