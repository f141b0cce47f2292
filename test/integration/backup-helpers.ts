import { createHmac, hkdfSync } from 'node:crypto';
import type { backup } from '@quai/core';

/**
 * The MAC of a backup index as docs/backup.md gives it (HMAC-SHA256, key from HKDF, canonical
 * JSON): what only a holder of the key can compute. Tests use it to make an edited index that
 * authenticates, and so check that the other protections hold on their own.
 */
export function indexMacOf(index: object, key: backup.BackupKey): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  const { mac: _mac, ...rest } = index as { mac?: unknown };
  const macKey = Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'quai backup index mac v1', 32));
  return createHmac('sha256', macKey)
    .update(`quai backup index v3\n${JSON.stringify(sorted(rest))}`)
    .digest('hex');
}
