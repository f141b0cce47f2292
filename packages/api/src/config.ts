import { z } from 'zod';
import type { ServerMode } from '@quai/contracts';

/** A duration in a config file: 30s, 15m, 8h, 7d. */
const Duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 30s, 15m, 8h or 7d')
  .transform((v) => {
    const m = /^(\d+)(ms|s|m|h|d)$/.exec(v)!;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
      m[2] as 'ms' | 's' | 'm' | 'h' | 'd'
    ];
    return Number(m[1]) * unit;
  });

const NAME = /^[^\s,]{1,253}$/;

/** A static token: its SHA-256 only (never the token), and who it signs in as. */
export const StaticToken = z
  .object({
    user: z.string().regex(NAME),
    groups: z.array(z.string().regex(NAME)).default([]),
    sha256: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'the hex SHA-256 of the token (quai serve token create prints it)'),
    /** A note for the operator: whose token, for what. */
    description: z.string().optional(),
  })
  .strict();
export type StaticToken = z.infer<typeof StaticToken>;

export const OidcSettings = z
  .object({
    /** The provider's issuer URL (Keycloak: https://sso.example.fr/realms/cg49). */
    issuer: z.url(),
    clientId: z.string().min(1),
    /** The environment variable holding the client secret (never the secret in the file). */
    clientSecretEnv: z.string().default('QUAI_OIDC_CLIENT_SECRET'),
    scopes: z.array(z.string()).default(['openid', 'profile', 'email']),
    /** Which claim names the user, as the API server's --oidc-username-claim. */
    usernameClaim: z.string().default('preferred_username'),
    groupsClaim: z.string().default('groups'),
    /** Prefixes added to users and groups, as the API server's --oidc-username-prefix. */
    usernamePrefix: z.string().default(''),
    groupsPrefix: z.string().default(''),
  })
  .strict();
export type OidcSettings = z.infer<typeof OidcSettings>;

/**
 * The configuration of `quai serve`, from a YAML file (`--config`) and flags. Secrets are never
 * in the file: they are named by environment variables.
 */
export const ServerConfig = z
  .object({
    /** Address and port to listen on. */
    listen: z.string().default('127.0.0.1:8484'),
    /** The address users reach (behind a reverse proxy): OIDC redirects and secure cookies use it. */
    publicUrl: z.url().optional(),
    tls: z.object({ cert: z.string(), key: z.string() }).strict().optional(),
    storage: z
      .union([
        z.object({ sqlite: z.string().min(1) }).strict(),
        z
          .object({ postgres: z.object({ urlEnv: z.string().default('QUAI_DATABASE_URL') }).strict() })
          .strict(),
      ])
      .default({ sqlite: 'quai.db' }),
    auth: z
      .object({
        tokens: z.array(StaticToken).default([]),
        oidc: OidcSettings.optional(),
        /** How long a session lasts after sign-in. */
        sessionTtl: Duration.default(8 * 3_600_000),
        /** A session unused this long ends. */
        idleTimeout: Duration.default(3_600_000),
        /** Sign-in attempts allowed per client address per minute. */
        loginAttemptsPerMinute: z.number().int().positive().default(10),
      })
      .strict()
      .default({ tokens: [], sessionTtl: 8 * 3_600_000, idleTimeout: 3_600_000, loginAttemptsPerMinute: 10 }),
    /**
     * Act on the cluster as the signed-in user (Kubernetes impersonation): the API never grants
     * more than kubectl would. The server's own credentials need the `impersonate` verb.
     */
    impersonate: z.boolean().default(true),
    limits: z
      .object({
        /** Largest request body, in bytes. */
        bodyBytes: z
          .number()
          .int()
          .positive()
          .default(5 * 1024 * 1024),
        /** How long a SIGTERM waits for requests in flight. */
        drainTimeout: Duration.default(30_000),
      })
      .strict()
      .default({ bodyBytes: 5 * 1024 * 1024, drainTimeout: 30_000 }),
    /** Language when neither the user nor the browser asks for one. */
    defaultLang: z.enum(['fr', 'en']).default('fr'),
    /** Folder of the built console (index.html and assets); the npm package ships one. */
    consoleDir: z.string().optional(),
  })
  .strict();
export type ServerConfig = z.infer<typeof ServerConfig>;

/** How the server serves users, as the Settings page shows it (never a secret: counts and flags). */
export function serverModeOf(config: ServerConfig): ServerMode {
  return {
    impersonate: config.impersonate,
    signIn: { oidc: config.auth.oidc !== undefined, tokens: config.auth.tokens.length },
    sessionTtlMs: config.auth.sessionTtl,
    idleTimeoutMs: config.auth.idleTimeout,
    defaultLang: config.defaultLang,
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
  };
}
