import { createHash, randomBytes } from 'node:crypto';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import * as oidc from 'openid-client';
import type { OidcSettings, StaticToken } from './config.js';
import type { Session, Store } from './store/index.js';

/** Who is calling, and how they proved it. */
export interface Principal {
  readonly user: string;
  readonly groups: readonly string[];
  readonly via: 'token' | 'session';
  /** Set for cookie sessions: changes need its CSRF token. */
  readonly session?: Session;
}

export const SESSION_COOKIE = 'quai_session';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A new random secret: 32 bytes, base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Static tokens, for small installs and for scripts: the configuration holds only their SHA-256,
 * so a leaked configuration file does not leak a token. `quai serve token create` makes one.
 */
export class StaticTokens {
  private readonly byHash: ReadonlyMap<string, StaticToken>;

  constructor(tokens: readonly StaticToken[]) {
    this.byHash = new Map(tokens.map((t) => [t.sha256, t]));
  }

  get size(): number {
    return this.byHash.size;
  }

  verify(token: string): Principal | undefined {
    const entry = this.byHash.get(sha256(token));
    return entry === undefined ? undefined : { user: entry.user, groups: entry.groups, via: 'token' };
  }
}

/**
 * Counts attempts per key (a client address) in a sliding minute; refuses above the limit and
 * says when to try again. In memory: each replica counts its own.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; throws RATE_LIMITED with the seconds to wait when over the limit. */
  check(key: string): void {
    const now = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((60_000 - (now - (recent[0] ?? now))) / 1000));
      this.attempts.set(key, recent);
      throw new QuaiError('RATE_LIMITED', msg('api.auth.rateLimited', { seconds: retryAfter }), {
        details: { retryAfter },
      });
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) {
      for (const [k, v] of this.attempts) if (v.every((t) => now - t >= 60_000)) this.attempts.delete(k);
    }
  }
}

/** Opens a session for a user; returns the cookie value (only its hash is stored). */
export async function openSession(
  store: Store,
  who: { user: string; groups: readonly string[]; via: string; lang?: string },
  ttlMs: number,
  now: Date,
): Promise<{ cookie: string; session: Session }> {
  const cookie = randomSecret();
  const session: Session = {
    idHash: sha256(cookie),
    user: who.user,
    groups: [...who.groups],
    csrf: randomSecret(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    via: who.via,
    ...(who.lang === undefined ? {} : { lang: who.lang }),
  };
  await store.putSession(session);
  return { cookie, session };
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * Sign-in with OpenID Connect (Keycloak, LemonLDAP::NG, AD FS, ...): authorization code flow with
 * PKCE, state and nonce kept server-side (shared by replicas through the store), the ID token's
 * claims mapped to a Kubernetes user and groups as the API server's OIDC flags would.
 */
export class OidcLogin {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    private readonly clientSecret: string | undefined,
  ) {}

  private configuration(): Promise<oidc.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      try {
        return await oidc.discovery(
          issuer,
          this.settings.clientId,
          this.clientSecret,
          this.clientSecret === undefined ? oidc.None() : undefined,
          // Plain HTTP only for a provider on this machine (tests, a local Dex).
          isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
        );
      } catch (error) {
        this.config = undefined;
        throw new QuaiError(
          'CLUSTER_UNREACHABLE',
          msg('api.oidc.discoveryFailed', { issuer: this.settings.issuer, reason: (error as Error).message }),
          {
            hint: msg('api.oidc.discoveryFailedHint'),
            cause: error,
          },
        );
      }
    })();
    return this.config;
  }

  /**
   * Starts a sign-in: where to send the browser. `redirectUri` is this server's callback as users
   * reach it (the provider checks it against the client's registered addresses).
   */
  async begin(store: Store, returnTo: string, now: Date, redirectUri: string): Promise<URL> {
    const config = await this.configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await store.putPendingLogin({
      stateHash: sha256(state),
      verifier,
      nonce,
      returnTo,
      expiresAt: new Date(now.getTime() + 10 * 60_000).toISOString(),
    });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** Completes a sign-in from the provider's callback URL: who signed in, and where to go. */
  async complete(
    store: Store,
    callbackUrl: URL,
    now: Date,
  ): Promise<{ user: string; groups: string[]; returnTo: string }> {
    const config = await this.configuration();
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = await store.takePendingLogin(sha256(state), now.toISOString());
    if (pending === undefined) {
      throw new QuaiError('UNAUTHENTICATED', msg('api.oidc.unknownState'), {
        hint: msg('api.oidc.signInAgain'),
      });
    }
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const id = tokens.claims();
      claims = { ...id };
      // Conformant providers may keep profile claims (name, groups) for the userinfo endpoint.
      const wanted = [this.settings.usernameClaim, this.settings.groupsClaim];
      if (
        id !== undefined &&
        wanted.some((c) => claims?.[c] === undefined) &&
        config.serverMetadata().userinfo_endpoint
      ) {
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, id.sub)), ...id };
      }
    } catch (error) {
      throw new QuaiError('UNAUTHENTICATED', msg('api.oidc.refused', { reason: (error as Error).message }), {
        hint: msg('api.oidc.signInAgain'),
        cause: error,
      });
    }
    const name = claims?.[this.settings.usernameClaim];
    if (typeof name !== 'string' || name === '') {
      throw new QuaiError(
        'UNAUTHENTICATED',
        msg('api.oidc.noUsername', { claim: this.settings.usernameClaim }),
        {
          hint: msg('api.oidc.noUsernameHint'),
        },
      );
    }
    const rawGroups = claims?.[this.settings.groupsClaim];
    const groups = Array.isArray(rawGroups)
      ? rawGroups.filter((g): g is string => typeof g === 'string')
      : [];
    return {
      user: `${this.settings.usernamePrefix}${name}`,
      groups: groups.map((g) => `${this.settings.groupsPrefix}${g}`),
      returnTo: pending.returnTo,
    };
  }
}
