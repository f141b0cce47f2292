/** Where a command writes: injected so tests can read what it printed (kubectl's IOStreams). */
export interface IOStreams {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  /** Whether stderr is a terminal: live progress lines rewrite themselves only there. */
  readonly errIsTTY: boolean;
  readonly color: boolean;
}

export function processStreams(env: NodeJS.ProcessEnv = process.env): IOStreams {
  const errIsTTY = process.stderr.isTTY;
  const color = errIsTTY && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  return { out: process.stdout, err: process.stderr, errIsTTY, color };
}

/** A stream that keeps what is written, for tests. */
class MemoryStream {
  private chunks: string[] = [];
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }
  text(): string {
    return this.chunks.join('');
  }
}

export function memoryStreams(): IOStreams & {
  readonly outText: () => string;
  readonly errText: () => string;
} {
  const out = new MemoryStream();
  const err = new MemoryStream();
  return {
    out: out as unknown as NodeJS.WritableStream,
    err: err as unknown as NodeJS.WritableStream,
    errIsTTY: false,
    color: false,
    outText: () => out.text(),
    errText: () => err.text(),
  };
}
