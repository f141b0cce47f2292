import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { QuaiError } from '../errors/index.js';

/** A 256-bit key and its public id (the first bytes of its SHA-256), recorded in each backup. */
export interface BackupKey {
  readonly key: Buffer;
  readonly id: string;
}

export function keyFrom(bytes: Buffer): BackupKey {
  return { key: bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

/** Reads a key file: 32 raw bytes, or 64 hex characters, or base64 of 32 bytes. */
export async function readKeyFile(path: string): Promise<BackupKey> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw new QuaiError('INPUT_INVALID', `Cannot read the backup key file "${path}".`, {
      hint: 'Create one with `quai backup key create FILE` and keep a copy outside the cluster.',
      cause: error,
    });
  }
  const text = raw.toString('utf8').trim();
  const key =
    raw.length === 32
      ? raw
      : /^[0-9a-f]{64}$/i.test(text)
        ? Buffer.from(text, 'hex')
        : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new QuaiError('INPUT_INVALID', `The backup key file "${path}" does not hold a 256-bit key.`, {
      hint: 'A key is 32 random bytes, 64 hex characters, or their base64 form (`quai backup key create FILE`).',
    });
  }
  return keyFrom(key);
}

export function newKey(): Buffer {
  return randomBytes(32);
}

/** AES-256-GCM: 12-byte nonce, ciphertext, 16-byte tag. The file name is bound as associated data. */
export function encrypt(data: Buffer, key: BackupKey, label: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function decrypt(data: Buffer, key: BackupKey, label: string): Buffer {
  if (data.length < 28) throw new QuaiError('INPUT_INVALID', `Backup file ${label} is truncated.`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, data.subarray(0, 12));
  decipher.setAAD(Buffer.from(label));
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
  } catch {
    throw new QuaiError(
      'INPUT_INVALID',
      `Backup file ${label} cannot be decrypted: wrong key, or the file was altered.`,
      {
        hint: 'Use the key the backup was made with (its id is in the index); a tampered file cannot be restored.',
      },
    );
  }
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
