import { createHash } from 'node:crypto';
import type { AuditEvent } from './store/index.js';

/**
 * A request as the audit trail keeps it: inline documents replaced by their name, size and
 * SHA-256 (enough to prove which document was sent, without keeping its content), secret values
 * replaced by their keys.
 */
export function redact(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'yaml' && typeof v === 'string') {
        out[k] = { sha256: createHash('sha256').update(v).digest('hex'), bytes: Buffer.byteLength(v) };
      } else if (k === 'values' && key === 'secrets' && v !== null && typeof v === 'object') {
        out[k] = Object.fromEntries(
          Object.entries(v as Record<string, unknown>).map(([name, data]) => [
            name,
            data !== null && typeof data === 'object' ? Object.keys(data) : [],
          ]),
        );
      } else if (/password|token|secret/i.test(k) && typeof v === 'string') {
        out[k] = '(hidden)';
      } else {
        out[k] = redact(v, k);
      }
    }
    return out;
  }
  return value;
}

interface Target {
  readonly app?: string;
  readonly namespace?: string;
  readonly environment?: string;
}

function targetOf(value: unknown): Target | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const t = (value as { target?: unknown }).target;
  if (t !== null && typeof t === 'object') {
    const { app, namespace, environment } = t as Record<string, unknown>;
    return {
      ...(typeof app === 'string' ? { app } : {}),
      ...(typeof namespace === 'string' ? { namespace } : {}),
      ...(typeof environment === 'string' ? { environment } : {}),
    };
  }
  return undefined;
}

/** Which app, namespace and environment an event is about: from the result when there is one. */
export function eventFields(request: Record<string, unknown>, result: unknown): Target {
  const targets = (Array.isArray(result) ? result : [result]).map(targetOf).filter((t) => t !== undefined);
  const apps = [...new Set(targets.map((t) => t.app).filter((a) => a !== undefined))];
  const namespaces = [...new Set(targets.map((t) => t.namespace).filter((n) => n !== undefined))];
  const ref = request['app'];
  const named = ref !== null && typeof ref === 'object' ? (ref as { app?: unknown }).app : undefined;
  const app = apps.length > 0 ? apps.join(',') : typeof named === 'string' ? named : undefined;
  const namespace =
    namespaces.length > 0
      ? namespaces.join(',')
      : typeof request['namespace'] === 'string'
        ? request['namespace']
        : undefined;
  const environment =
    typeof request['environment'] === 'string' ? request['environment'] : targets[0]?.environment;
  return {
    ...(app === undefined ? {} : { app }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(environment === undefined ? {} : { environment }),
  };
}

function csvCell(value: unknown): string {
  const s =
    value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const COLUMNS: readonly (keyof AuditEvent)[] = [
  'at',
  'actor',
  'groups',
  'action',
  'app',
  'namespace',
  'environment',
  'reason',
  'status',
  'errorCode',
  'message',
  'durationMs',
  'source',
  'id',
];

/** The audit trail as CSV (RFC 4180), safe to open in a spreadsheet. */
export function auditExport(events: readonly AuditEvent[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of events)
    lines.push(COLUMNS.map((c) => csvCell(c === 'groups' ? e.groups.join(' ') : e[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
