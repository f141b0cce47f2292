import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { readInput } from '../model/index.js';
import { writeFileAtomic } from '../util/index.js';

/** An app spec as YAML, with the line editors use to find its schema. */
export function appSpecYaml(spec: unknown): string {
  return `# yaml-language-server: $schema=https://quai.dev/schemas/app.schema.json\n${stringify(spec, { lineWidth: 0 })}`;
}

/** Formats secret values as an env file (KEY=value, values quoted when needed). */
export function envFileText(values: Readonly<Record<string, string>>): string {
  return Object.keys(values)
    .sort()
    .map((k) => {
      const v = values[k] ?? '';
      return `${k}=${/^[-A-Za-z0-9_./:@+=,]*$/.test(v) ? v : JSON.stringify(v)}`;
    })
    .join('\n')
    .concat('\n');
}

/**
 * Reads a folder of `<secret>.env` files written by `quai import compose` (or by hand). A folder
 * that does not exist holds no secrets (an import without secrets writes none).
 */
export async function readSecretsDir(dir: string): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return out;
    throw new QuaiError(
      'INPUT_INVALID',
      msg('onboard.secretsDirUnreadable', {
        dir,
        reason: code === 'ENOTDIR' ? msg('onboard.isFileNotFolder') : (error as Error).message,
      }),
      { location: { file: dir }, hint: msg('onboard.secretsDirUnreadableHint') },
    );
  }
  for (const f of names.filter((n) => n.endsWith('.env')).sort()) {
    const values: Record<string, string> = {};
    for (const line of (await readInput(join(dir, f), msg('onboard.what.secretsFile'))).split(/\r?\n/)) {
      const m = /^([^#=\s][^=]*)=(.*)$/.exec(line);
      if (m?.[1] === undefined) continue;
      const raw = m[2] ?? '';
      values[m[1]] = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    }
    out[basename(f, '.env')] = values;
  }
  return out;
}

/**
 * Replaces a folder with new content atomically: everything is written to a sibling temporary
 * folder, then renamed into place; an interrupted write leaves the old folder untouched.
 */
export async function writeFolderAtomic(
  dir: string,
  files: ReadonlyMap<string, { content: string; mode?: number }>,
): Promise<void> {
  // node:crypto when needed, as the other built-in modules only some calls use (about 5 ms, Node 20).
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    for (const [name, f] of files) {
      await writeFileAtomic(join(tmp, name), f.content, f.mode ?? 0o644);
      if (f.mode !== undefined) {
        await chmod(join(tmp, name), f.mode);
        // A folder of private files is private too.
        if ((f.mode & 0o077) === 0) await chmod(dirname(join(tmp, name)), 0o700);
      }
    }
    const old = join(parent, `.${basename(dir)}.${randomBytes(4).toString('hex')}.old`);
    let moved = false;
    try {
      await rename(dir, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(tmp, dir);
    if (moved) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
