import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import type {
  AuditEvent,
  AuditQuery,
  HistoryEntry,
  HistoryQuery,
  PendingLogin,
  Session,
  Store,
} from './types.js';

type Row = Record<string, unknown>;

/** The little a SQL engine must offer; statements use `?` placeholders. */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `fn` in one transaction (DDL included: both engines roll schema changes back) that also
   * excludes other processes doing the same: replicas starting together migrate once.
   */
  exclusive<T>(fn: (tx: Pick<SqlDriver, 'run' | 'all'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const MAX_LIMIT = 1000;

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function parse(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined;
}

function str(row: Row, key: string): string | undefined {
  const v = row[key];
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : JSON.stringify(v);
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The store on any SQL engine: one implementation, so both engines behave the same. */
export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';

  constructor(private readonly db: SqlDriver) {
    this.kind = db.kind;
  }

  async migrate(): Promise<number> {
    return this.db.exclusive(async (tx) => {
      await tx.run(
        'CREATE TABLE IF NOT EXISTS quai_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const rows = await tx.all('SELECT MAX(version) AS v FROM quai_schema');
      const current = Number(rows[0]?.['v'] ?? 0);
      if (current > SCHEMA_VERSION) {
        throw new QuaiError(
          'CONFIG_INVALID',
          msg('api.store.tooNew', { found: current, known: SCHEMA_VERSION }),
          {
            hint: msg('api.store.tooNewHint'),
          },
        );
      }
      for (const m of MIGRATIONS.filter((x) => x.version > current)) {
        for (const statement of m.statements) await tx.run(statement);
        await tx.run('INSERT INTO quai_schema (version, name, applied_at) VALUES (?, ?, ?)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
      return SCHEMA_VERSION;
    });
  }

  async recordStart(e: AuditEvent): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_events (id, at, actor, groups_json, action, app, namespace, environment, reason,
        status, error_code, message, duration_ms, request_json, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        e.id,
        e.at,
        e.actor,
        JSON.stringify(e.groups),
        e.action,
        e.app ?? null,
        e.namespace ?? null,
        e.environment ?? null,
        e.reason ?? null,
        e.status,
        e.errorCode ?? null,
        e.message ?? null,
        e.durationMs ?? null,
        json(e.request),
        e.source ?? null,
      ],
    );
  }

  async recordEnd(
    id: string,
    end: Pick<
      AuditEvent,
      'status' | 'errorCode' | 'message' | 'durationMs' | 'app' | 'namespace' | 'environment'
    >,
  ): Promise<void> {
    await this.db.run(
      `UPDATE audit_events SET status = ?, error_code = ?, message = ?, duration_ms = ?,
        app = COALESCE(?, app), namespace = COALESCE(?, namespace), environment = COALESCE(?, environment)
       WHERE id = ?`,
      [
        end.status,
        end.errorCode ?? null,
        end.message ?? null,
        end.durationMs ?? null,
        end.app ?? null,
        end.namespace ?? null,
        end.environment ?? null,
        id,
      ],
    );
  }

  async listAudit(q: AuditQuery): Promise<AuditEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const eq = (column: string, value: string | undefined): void => {
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    };
    eq('actor', q.actor);
    eq('action', q.action);
    eq('app', q.app);
    eq('namespace', q.namespace);
    eq('status', q.status);
    if (q.since !== undefined) {
      where.push('at >= ?');
      params.push(q.since);
    }
    if (q.until !== undefined) {
      where.push('at < ?');
      params.push(q.until);
    }
    if (q.before !== undefined) {
      where.push(
        '(at < (SELECT at FROM audit_events WHERE id = ?) OR (at = (SELECT at FROM audit_events WHERE id = ?) AND id < ?))',
      );
      params.push(q.before, q.before, q.before);
    }
    const limit = Math.min(Math.max(1, q.limit ?? 100), MAX_LIMIT);
    const rows = await this.db.all(
      `SELECT * FROM audit_events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      at: String(r['at']),
      actor: String(r['actor']),
      groups: (parse(r['groups_json']) as string[] | undefined) ?? [],
      action: String(r['action']),
      status: String(r['status']),
      ...opt('app', str(r, 'app')),
      ...opt('namespace', str(r, 'namespace')),
      ...opt('environment', str(r, 'environment')),
      ...opt('reason', str(r, 'reason')),
      ...opt('errorCode', str(r, 'error_code')),
      ...opt('message', str(r, 'message')),
      ...opt(
        'durationMs',
        r['duration_ms'] === null || r['duration_ms'] === undefined ? undefined : Number(r['duration_ms']),
      ),
      ...opt('request', parse(r['request_json'])),
      ...opt('source', str(r, 'source')),
    }));
  }

  async addHistory(h: HistoryEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO history (id, at, kind, actor, app, namespace, outcome, summary_json, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        h.id,
        h.at,
        h.kind,
        h.actor,
        h.app ?? null,
        h.namespace ?? null,
        h.outcome,
        json(h.summary),
        json(h.result),
      ],
    );
  }

  private historyOf(r: Row, withResult: boolean): HistoryEntry {
    return {
      id: String(r['id']),
      at: String(r['at']),
      kind: String(r['kind']),
      actor: String(r['actor']),
      outcome: String(r['outcome']),
      ...opt('app', str(r, 'app')),
      ...opt('namespace', str(r, 'namespace')),
      ...opt('summary', parse(r['summary_json'])),
      ...(withResult ? opt('result', parse(r['result_json'])) : {}),
    };
  }

  async listHistory(q: HistoryQuery): Promise<HistoryEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.kind !== undefined) {
      where.push('kind = ?');
      params.push(q.kind);
    }
    if (q.app !== undefined) {
      where.push('app = ?');
      params.push(q.app);
    }
    if (q.before !== undefined) {
      where.push(
        '(at < (SELECT at FROM history WHERE id = ?) OR (at = (SELECT at FROM history WHERE id = ?) AND id < ?))',
      );
      params.push(q.before, q.before, q.before);
    }
    const limit = Math.min(Math.max(1, q.limit ?? 100), MAX_LIMIT);
    const rows = await this.db.all(
      `SELECT id, at, kind, actor, app, namespace, outcome, summary_json FROM history ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map((r) => this.historyOf(r, false));
  }

  async getHistory(id: string): Promise<HistoryEntry | undefined> {
    const rows = await this.db.all('SELECT * FROM history WHERE id = ?', [id]);
    return rows[0] === undefined ? undefined : this.historyOf(rows[0], true);
  }

  async putSession(s: Session): Promise<void> {
    await this.db.run(
      `INSERT INTO sessions (id_hash, user_name, groups_json, csrf, created_at, expires_at, via, lang)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.idHash, s.user, JSON.stringify(s.groups), s.csrf, s.createdAt, s.expiresAt, s.via, s.lang ?? null],
    );
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const rows = await this.db.all('SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
    const r = rows[0];
    if (r === undefined) return undefined;
    return {
      idHash: String(r['id_hash']),
      user: String(r['user_name']),
      groups: (parse(r['groups_json']) as string[] | undefined) ?? [],
      csrf: String(r['csrf']),
      createdAt: String(r['created_at']),
      expiresAt: String(r['expires_at']),
      via: String(r['via']),
      ...opt('lang', str(r, 'lang')),
    };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
  }

  async purgeSessions(now: string): Promise<number> {
    const rows = await this.db.all('SELECT COUNT(*) AS n FROM sessions WHERE expires_at <= ?', [now]);
    await this.db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
    await this.db.run('DELETE FROM oidc_logins WHERE expires_at <= ?', [now]);
    return Number(rows[0]?.['n'] ?? 0);
  }

  async putPendingLogin(l: PendingLogin): Promise<void> {
    await this.db.run(
      'INSERT INTO oidc_logins (state_hash, verifier, nonce, return_to, expires_at) VALUES (?, ?, ?, ?, ?)',
      [l.stateHash, l.verifier, l.nonce, l.returnTo, l.expiresAt],
    );
  }

  async takePendingLogin(stateHash: string, now: string): Promise<PendingLogin | undefined> {
    const rows = await this.db.all('DELETE FROM oidc_logins WHERE state_hash = ? RETURNING *', [stateHash]);
    const r = rows[0];
    if (r === undefined || String(r['expires_at']) <= now) return undefined;
    return {
      stateHash: String(r['state_hash']),
      verifier: String(r['verifier']),
      nonce: String(r['nonce']),
      returnTo: String(r['return_to']),
      expiresAt: String(r['expires_at']),
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
