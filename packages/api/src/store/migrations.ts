/**
 * Versioned schema migrations, applied in order and recorded in `quai_schema`. A migration is
 * never edited once released: a change is a new migration. The SQL is kept to what SQLite and
 * PostgreSQL both accept (TEXT, INTEGER, indexes), so both stores have the same schema.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit trail, history, sessions, sign-ins in progress',
    statements: [
      `CREATE TABLE audit_events (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        groups_json TEXT NOT NULL,
        action TEXT NOT NULL,
        app TEXT,
        namespace TEXT,
        environment TEXT,
        reason TEXT,
        status TEXT NOT NULL,
        error_code TEXT,
        message TEXT,
        duration_ms INTEGER,
        request_json TEXT,
        source TEXT
      )`,
      'CREATE INDEX audit_events_at ON audit_events (at)',
      'CREATE INDEX audit_events_actor ON audit_events (actor, at)',
      'CREATE INDEX audit_events_app ON audit_events (app, at)',
      `CREATE TABLE history (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        app TEXT,
        namespace TEXT,
        outcome TEXT NOT NULL,
        summary_json TEXT,
        result_json TEXT
      )`,
      'CREATE INDEX history_kind ON history (kind, at)',
      'CREATE INDEX history_app ON history (app, at)',
      `CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        groups_json TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        via TEXT NOT NULL,
        lang TEXT
      )`,
      'CREATE INDEX sessions_expires ON sessions (expires_at)',
      `CREATE TABLE oidc_logins (
        state_hash TEXT PRIMARY KEY,
        verifier TEXT NOT NULL,
        nonce TEXT NOT NULL,
        return_to TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
    ],
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
