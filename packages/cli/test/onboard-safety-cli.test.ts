// Issue 12, item 10: `quai import compose` reading from a pipe is bounded and honours SIGTERM.
// Reproduced first: 100 MB piped ran 11 minutes at 2 GB RSS and ignored SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = ['--conditions=@quai/source', '--import', 'tsx', 'packages/cli/src/main.ts'];

async function fifo(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'quai-pipe-cli-')), 'compose.yaml');
  await new Promise<void>((resolve, reject) =>
    spawn('mkfifo', [path]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('mkfifo')))),
  );
  return path;
}

function quai(args: string[]) {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, done, err: () => err };
}

/** A shell writer on the named pipe; it prints "open" once the reader has opened the pipe. */
function writer(path: string, script: string): { child: ChildProcess; opened: Promise<void> } {
  const child = spawn('sh', ['-c', `exec 3>"${path}"; echo open; ${script} >&3`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const opened = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { child, opened };
}

describe('quai import compose from a pipe', () => {
  it('refuses 100 MB from a pipe at the 4 MiB limit, quickly', async () => {
    const path = await fifo();
    const { done, err } = quai(['import', 'compose', '-f', path]);
    const w = writer(path, "head -c 104857600 /dev/zero | tr '\\0' a");
    const started = Date.now();
    const { code } = await done;
    w.child.kill('SIGKILL');
    expect(code).toBe(2);
    expect(err()).toMatch(/over the 4096 KiB limit/);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('stops on SIGTERM while the writer is still writing', async () => {
    const path = await fifo();
    const { child, done, err } = quai(['import', 'compose', '-f', path]);
    const w = writer(path, 'while true; do echo "# still writing"; sleep 0.1; done');
    await w.opened;
    await new Promise((r) => setTimeout(r, 500));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const { code } = await done;
    w.child.kill('SIGKILL');
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(code).toBe(130);
    expect(err()).toMatch(/Interrupt/);
  }, 60_000);
});
