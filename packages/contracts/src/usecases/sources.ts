import { z } from 'zod';
import { DNS_LABEL } from '../app-spec.js';

import { MAX_INLINE_BYTES } from '../limits.js';

export { MAX_INLINE_BYTES };

/**
 * A YAML document given by path (the CLI, on the user's machine) or inline (the HTTP API and the
 * console: the server never reads a path a client names). `name` labels inline content in errors
 * ("app.yaml:3:5").
 */
export const DocumentSource = z.union([
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ yaml: z.string().min(1).max(MAX_INLINE_BYTES), name: z.string().max(255).optional() }).strict(),
]);
export type DocumentSource = z.infer<typeof DocumentSource>;

/**
 * Secret values for rendering: a folder of `<secret>.env` files (CLI), or the values themselves
 * (API). Values are never echoed back.
 */
export const SecretsSource = z.union([
  z.object({ dir: z.string().min(1) }).strict(),
  z
    .object({
      values: z.record(
        z.string().regex(DNS_LABEL),
        z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/), z.string().max(1024 * 1024)),
      ),
    })
    .strict(),
]);
export type SecretsSource = z.infer<typeof SecretsSource>;

/** An app: its spec (which gives its name and namespace), or only its name. */
export const AppRef = z.union([
  DocumentSource,
  z.object({ app: z.string().regex(DNS_LABEL, 'an app name: lower-case letters, digits and -') }).strict(),
]);
export type AppRef = z.infer<typeof AppRef>;

/** Where an app's environment is: which environment, the platform's settings, an explicit namespace. */
export const EnvironmentSelector = z.object({
  environment: z.string().min(1).default('prod'),
  platform: DocumentSource.optional(),
  /** Overrides the namespace computed from the app and the platform (kubectl's -n). */
  namespace: z.string().regex(DNS_LABEL).optional(),
});
