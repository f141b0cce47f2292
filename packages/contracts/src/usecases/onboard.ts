import { z } from 'zod';
import { AppSpec } from '../app-spec.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { DocumentSource, EnvironmentSelector, MAX_INLINE_BYTES, SecretsSource } from './sources.js';

/**
 * Import of a compose project. From files, it reads a project folder (compose files, .env,
 * env_file, the files services mount), so it needs the front end's file access: the CLI has it,
 * the HTTP API does not. Inline (`compose`, `envFile`: the console), the compose files and the
 * .env file travel in the request and no other file is read.
 */
export const ImportComposeRequest = z
  .object({
    /** Compose files given inline (the HTTP API and the console), merged in order. */
    compose: z
      .array(
        z
          .object({
            yaml: z.string().min(1).max(MAX_INLINE_BYTES),
            name: z
              .string()
              .regex(/^[A-Za-z0-9][-_.A-Za-z0-9]{0,99}$/, 'a file name such as compose.yaml')
              .default('compose.yaml'),
          })
          .strict(),
      )
      .min(1)
      .max(8)
      .optional(),
    /** A .env file given inline (with `compose`). */
    envFile: z.string().max(MAX_INLINE_BYTES).optional(),
    /** Compose files, merged in order; none: compose.yaml / docker-compose.yml in workingDir. */
    files: z.array(z.string().min(1)).max(32).default([]),
    workingDir: z.string().min(1).optional(),
    /** .env files (default: .env beside the first compose file). */
    envFiles: z.array(z.string().min(1)).max(32).optional(),
    /** Variables given on the command line: they win over .env files and the shell. */
    env: z.record(z.string(), z.string()).default({}),
    /** Also take variables from the shell, as docker compose does (off: reproducible). */
    useShellEnv: z.boolean().default(false),
    profiles: z.array(z.string().min(1)).default([]),
    /** Folders outside the project whose files may be read into the app. */
    allowRead: z.array(z.string().min(1)).default([]),
    networkPolicy: z.enum(['compose', 'strict']).default('compose'),
    /** Read each image's HEALTHCHECK from its registry. */
    inspectImages: z.boolean().default(false),
    name: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    /** Write app.yaml, conversion-report.json and secrets/*.env (0600) into this folder. */
    out: z.string().min(1).optional(),
  })
  .strict();

export const ImportComposeResult = z.object({
  spec: AppSpec,
  /** The app spec as the `app.yaml` `quai import compose --out` writes (to save or edit). */
  specYaml: z.string(),
  /** The conversion report: every key mapped, approximated, not carried over or refused. */
  report: z.unknown(),
  /** The Secrets the app needs (names and keys; values are written apart, never returned). */
  secrets: z.array(z.object({ secret: z.string(), keys: z.array(z.string()) })),
  /** With `out`: the files written. */
  written: z.array(z.string()).optional(),
  /** Images whose health check could not be read (with inspectImages). */
  imageErrors: z.array(z.object({ image: z.string(), message: z.string() })),
});

export const RenderRequest = EnvironmentSelector.extend({
  apps: z.array(DocumentSource).min(1),
  secrets: SecretsSource.optional(),
  /** Folders besides an app spec's own whose files configFiles.fromFile may read. */
  allowRead: z.array(z.string().min(1)).default([]),
  /** Write one file per object and a kustomization.yaml there; Secrets go to `<out>-secrets/`. */
  out: z.string().min(1).optional(),
  /** Seal Secrets with this Sealed Secrets certificate (PEM) instead. */
  sealCert: DocumentSource.optional(),
});

export const RenderResult = z.object({
  /** The objects, in apply order (Secrets sealed when asked). */
  objects: z.array(z.record(z.string(), z.unknown())),
  /** The same objects as one multi-document YAML file, ready for `kubectl apply -f`. */
  yaml: z.string(),
  notes: z.array(z.object({ app: z.string(), kind: z.string(), message: MessageSchema })),
  written: z
    .object({
      directory: z.string(),
      files: z.array(z.string()),
      secretsDirectory: z.string().optional(),
      secretFiles: z.array(z.string()).optional(),
    })
    .optional(),
});

export const onboardUseCases = {
  'onboard.import': defineUseCase({
    id: 'onboard.import',
    summary: {
      en: 'Turn docker-compose files into a Quai app spec, with a report of every key',
      fr: "Transformer des fichiers docker-compose en spécification d'application Quai, avec un rapport sur chaque clé",
    },
    request: ImportComposeRequest,
    result: ImportComposeResult,
    effect: 'read',
    progress: true,
    path: '/onboard/import',
  }),
  'onboard.render': defineUseCase({
    id: 'onboard.render',
    summary: {
      en: 'Render app specs into hardened Kubernetes manifests for one environment',
      fr: "Produire les manifestes Kubernetes durcis d'applications pour un environnement",
    },
    request: RenderRequest,
    result: RenderResult,
    effect: 'read',
    progress: true,
    path: '/onboard/render',
  }),
} as const;
