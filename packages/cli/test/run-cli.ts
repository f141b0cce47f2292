import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStreams } from '../src/io.js';
import { run } from '../src/program.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `quai` in-process with captured streams; HOME is a fresh folder unless `env` says otherwise. */
export async function runQuai(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const io = memoryStreams();
  const code = await run(argv, {
    io,
    env: { HOME: mkdtempSync(join(tmpdir(), 'quai-home-')), ...env },
    signal: new AbortController().signal,
    version: '9.9.9',
  });
  return { code, out: io.outText(), err: io.errText() };
}
