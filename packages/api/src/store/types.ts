/**
 * What the server keeps that is not in the cluster: the audit trail (who did what, when, why, and
 * how it ended), the history of reports (audits, scans, backups, drills, deploys) and sessions.
 * Two adapters with the same behaviour: SQLite (embedded, the default) and PostgreSQL (several
 * replicas of the server); both are tested against the real engines.
 */

export interface AuditEvent {
  readonly id: string;
  /** ISO time the call started. */
  readonly at: string;
  readonly actor: string;
  readonly groups: readonly string[];
  /** The use case id (`deploy.apply`), or a server action (`auth.login`). */
  readonly action: string;
  readonly app?: string;
  readonly namespace?: string;
  readonly environment?: string;
  readonly reason?: string;
  /** `running` until the call ends; then an outcome (`ok`, `failed`, ...) or `error`/`denied`. */
  readonly status: string;
  /** The error code when the call failed. */
  readonly errorCode?: string;
  readonly message?: string;
  readonly durationMs?: number;
  /** The request, with secret values removed. */
  readonly request?: unknown;
  /** Where the call came from (client address) and how it authenticated. */
  readonly source?: string;
}

export interface AuditQuery {
  readonly actor?: string;
  readonly action?: string;
  readonly app?: string;
  readonly namespace?: string;
  readonly status?: string;
  /** Inclusive lower bound, ISO. */
  readonly since?: string;
  /** Exclusive upper bound, ISO. */
  readonly until?: string;
  readonly limit?: number;
  /** Events older than this id (paging, newest first). */
  readonly before?: string;
}

/** A report kept for history: an audit, a scan, a backup, a drill, a deploy. */
export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly actor: string;
  readonly app?: string;
  readonly namespace?: string;
  readonly outcome: string;
  readonly summary?: unknown;
  readonly result?: unknown;
}

export interface HistoryQuery {
  readonly kind?: string;
  readonly app?: string;
  readonly limit?: number;
  readonly before?: string;
}

export interface Session {
  /** The session's id is never stored: only its SHA-256. */
  readonly idHash: string;
  readonly user: string;
  readonly groups: readonly string[];
  readonly csrf: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** How the user signed in: `oidc` or `token`. */
  readonly via: string;
  readonly lang?: string;
}

/** An OpenID Connect sign-in between the redirect to the provider and its callback. */
export interface PendingLogin {
  readonly stateHash: string;
  readonly verifier: string;
  readonly nonce: string;
  /** Where the console goes after signing in (a path on this server only). */
  readonly returnTo: string;
  readonly expiresAt: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies the versioned migrations not yet applied; returns the schema version. */
  migrate(): Promise<number>;
  recordStart(event: AuditEvent): Promise<void>;
  /** Ends an event: how it ended, and what it turned out to be about (known from the result). */
  recordEnd(
    id: string,
    end: Pick<
      AuditEvent,
      'status' | 'errorCode' | 'message' | 'durationMs' | 'app' | 'namespace' | 'environment'
    >,
  ): Promise<void>;
  listAudit(query: AuditQuery): Promise<AuditEvent[]>;
  addHistory(entry: HistoryEntry): Promise<void>;
  listHistory(query: HistoryQuery): Promise<HistoryEntry[]>;
  getHistory(id: string): Promise<HistoryEntry | undefined>;
  putSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes expired sessions and sign-ins; returns how many sessions. */
  purgeSessions(now: string): Promise<number>;
  putPendingLogin(login: PendingLogin): Promise<void>;
  /** Returns and deletes a sign-in in progress (each state is used once), if not expired. */
  takePendingLogin(stateHash: string, now: string): Promise<PendingLogin | undefined>;
  close(): Promise<void>;
}
