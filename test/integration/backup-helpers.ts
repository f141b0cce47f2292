import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, hkdfSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const main = join(dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');

export interface CliRun {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

/** Runs the built `quai` as a real process (so a test can kill it by pid). */
export function spawnQuai(args: readonly string[], env: Record<string, string> = {}): CliRun {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn('node', [main, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>(
    (resolve) => child.once('close', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { child, done };
}

/** Polls every 10 ms until the probe gives a value. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The restic processes a process started: pid, working folder and arguments (from /proc). */
export function resticChildren(pid: number): { pid: number; cwd: string; args: string[] }[] {
  const out: { pid: number; cwd: string; args: string[] }[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid || !stat.includes('(restic)')) continue;
      out.push({
        pid: Number(p),
        cwd: readlinkSync(`/proc/${p}/cwd`),
        args: readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0'),
      });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
