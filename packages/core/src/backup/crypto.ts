import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { fileError } from './fs-errors.js';

/** A 256-bit key and its public id (the first bytes of its SHA-256), recorded in each backup. */
export interface BackupKey {
  readonly key: Buffer;
  readonly id: string;
}

export function keyFrom(bytes: Buffer): BackupKey {
  return { key: bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

export interface ReadKeyOptions {
  /** Refuse a key file that its group or others may read or write (ssh's rule); default: warn. */
  readonly strictPermissions?: boolean;
  /** Told about a key file others may read (when not strict). */
  readonly onWarning?: (warning: { readonly message: Message; readonly hint: Message }) => void;
}

/**
 * Reads a key file: 32 raw bytes, or 64 hex characters, or base64 of 32 bytes. A file its group
 * or others may read or write is warned about (as ssh does for private keys), or refused with
 * `strictPermissions`.
 */
export async function readKeyFile(path: string, options: ReadKeyOptions = {}): Promise<BackupKey> {
  let raw: Buffer;
  let mode: number;
  try {
    mode = (await stat(path)).mode;
    raw = await readFile(path);
  } catch (error) {
    throw fileError(error, msg('backup.fs.readKeyFile'), path, { hint: msg('backup.key.createHint') });
  }
  if ((mode & 0o077) !== 0) {
    const message = msg('backup.keyTooOpen', { mode: (mode & 0o777).toString(8).padStart(4, '0'), path });
    const hint = msg('backup.keyTooOpenHint', { path });
    if (options.strictPermissions === true) throw new QuaiError('INPUT_INVALID', message, { hint });
    options.onWarning?.({ message, hint });
  }
  const text = raw.toString('utf8').trim();
  const key =
    raw.length === 32
      ? raw
      : /^[0-9a-f]{64}$/i.test(text)
        ? Buffer.from(text, 'hex')
        : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new QuaiError('INPUT_INVALID', msg('backup.key.notAKey', { path }), {
      hint: msg('backup.key.notAKeyHint'),
    });
  }
  return keyFrom(key);
}

export function newKey(): Buffer {
  return randomBytes(32);
}

/** A random backup id: 128 bits as 32 hex digits, recorded in the index and bound to every file. */
export function newBackupId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * What a file's encryption is bound to (AES-GCM associated data). Format 3: the backup's name, its
 * random id and the file's path, so a file cannot be moved to another backup made with the same
 * key, nor to another path. Formats 1 and 2 bound the path only.
 */
export function fileBinding(
  index: { readonly format: number; readonly name: string; readonly id?: string | undefined },
  path: string,
): string {
  if (index.format < 3) return path;
  return `quai backup v3\u0000${index.name}\u0000${index.id ?? ''}\u0000${path}`;
}

/** AES-256-GCM: 12-byte nonce, ciphertext, 16-byte tag; `binding` is the associated data. */
export function encrypt(data: Buffer, key: BackupKey, binding: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(binding));
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Decrypts a file; `label` names it in errors (its path). */
export function decrypt(data: Buffer, key: BackupKey, binding: string, label: string): Buffer {
  if (data.length < 28) throw new QuaiError('BACKUP_ALTERED', msg('backup.fileTruncated', { path: label }));
  const decipher = createDecipheriv('aes-256-gcm', key.key, data.subarray(0, 12));
  decipher.setAAD(Buffer.from(binding));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
  } catch {
    throw new QuaiError('BACKUP_ALTERED', msg('backup.fileNotAuthentic', { path: label }), {
      hint: msg('backup.fileNotAuthenticHint'),
    });
  }
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level and undefined left out: one text per value. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : sort(x)));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = sort(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** The key of index MACs: HKDF-SHA256 of the backup key (info "quai backup index mac v1"). */
function macKey(key: BackupKey): Buffer {
  return Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'quai backup index mac v1', 32));
}

/** HMAC-SHA256 of the index (every field but `mac`, as canonical JSON), as 64 hex digits. */
export function indexMac(index: object, key: BackupKey): string {
  const { mac: _mac, ...rest } = index as { mac?: unknown };
  return createHmac('sha256', macKey(key))
    .update('quai backup index v3\n')
    .update(canonicalJson(rest))
    .digest('hex');
}

/** True when the index's MAC is the one the key gives (compared in constant time). */
export function indexMacValid(index: { readonly mac?: string | undefined }, key: BackupKey): boolean {
  if (index.mac === undefined) return false;
  const expected = Buffer.from(indexMac(index, key), 'hex');
  const given = Buffer.from(index.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
