// `quai audit` stopped by SIGTERM while it reads: exit 130 (interrupted), as docs/audit.md says,
// not 70 (an internal error), and no report on standard output.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = ['--conditions=@quai/source', '--import', 'tsx', 'packages/cli/src/main.ts'];

async function fifo(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'quai-audit-pipe-')), 'objects.yaml');
  await new Promise<void>((resolve, reject) =>
    spawn('mkfifo', [path]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('mkfifo')))),
  );
  return path;
}

/** A shell writer on the named pipe; it prints "open" once the reader has opened the pipe. */
function writer(path: string, script: string): { child: ChildProcess; opened: Promise<void> } {
  const child = spawn('sh', ['-c', `exec 3>"${path}"; echo open; ${script} >&3`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const opened = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { child, opened };
}

describe('quai audit interrupted', () => {
  it('exits 130 on SIGTERM while objects are still arriving, with no report on standard output', async () => {
    const path = await fifo();
    const child = spawn(process.execPath, [...CLI, 'audit', path, '--format', 'sarif'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const w = writer(
      path,
      `while true; do printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: x\\n---\\n'; sleep 0.05; done`,
    );
    await w.opened;
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    const code = await done;
    w.child.kill('SIGKILL');
    expect(err).toMatch(/Interrupt/);
    expect(err).not.toMatch(/INTERNAL/);
    expect(code).toBe(130);
    expect(out).toBe('');
  }, 60_000);
});
