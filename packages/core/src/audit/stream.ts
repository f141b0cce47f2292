import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { KubeObject } from '../kube/index.js';
import {
  Auditor,
  compareWithinObject,
  type AuditHeader,
  type AuditOptions,
  type RankedFinding,
} from './engine.js';
import type { AuditNote, AuditObject, Finding } from './types.js';

/**
 * Findings in input order, kept in memory up to a bound and spilled to a temporary file beyond
 * it, so that an audit of any size holds a bounded number of them.
 */
class FindingSpool {
  private readonly memory: RankedFinding[] = [];
  private dir: string | undefined;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(private readonly inMemory: number) {}

  add(r: RankedFinding): void {
    if (this.fd === undefined && this.memory.length < this.inMemory) {
      this.memory.push(r);
      return;
    }
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
      this.fd = openSync(join(this.dir, 'findings.ndjson'), 'w+', 0o600);
      for (const m of this.memory.splice(0)) this.write(m);
    }
    this.write(r);
  }

  private write(r: RankedFinding): void {
    const line = `${JSON.stringify(r)}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  *read(): Generator<RankedFinding> {
    if (this.fd === undefined) {
      yield* this.memory;
      return;
    }
    this.flush();
    const buffer = Buffer.alloc(1 << 20);
    let position = 0;
    let rest = '';
    for (;;) {
      const n = readSync(this.fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      position += n;
      const text = rest + buffer.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield JSON.parse(line) as RankedFinding;
    }
    if (rest !== '') yield JSON.parse(rest) as RankedFinding;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** Two ranked lists, each in order, merged into one (the object's rank, then within the object). */
function* merge(a: Iterable<RankedFinding>, b: readonly RankedFinding[]): Generator<Finding> {
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j]?.rank ?? Infinity) < x.rank) yield (b[j++] as RankedFinding).finding;
    // Same object: interleave, so its findings stay in report order.
    while (
      j < b.length &&
      b[j]?.rank === x.rank &&
      compareWithinObject((b[j] as RankedFinding).finding, x.finding) < 0
    )
      yield (b[j++] as RankedFinding).finding;
    yield x.finding;
  }
  while (j < b.length) yield (b[j++] as RankedFinding).finding;
}

/** An audit run's result: its header, and its findings in report order, readable any number of times. */
export interface AuditRun {
  readonly header: AuditHeader;
  readonly findings: () => Iterable<Finding>;
  /** Removes the temporary file that large runs spill their findings to. */
  readonly close: () => void;
}

export interface StreamOptions extends AuditOptions {
  readonly signal?: AbortSignal;
  /** Findings held in memory before spilling to a temporary file (default 50,000). */
  readonly findingsInMemory?: number;
}

/**
 * Audits objects as they are read (from readManifests, or a list), with bounded memory: each
 * object is checked and dropped, findings beyond a bound go to a temporary file, and the event
 * loop is given back regularly so that an interruption (SIGTERM) is acted on at once. Notes in
 * the input are carried into the report.
 */
export async function auditStream(
  input: AsyncIterable<AuditObject | AuditNote> | Iterable<AuditObject | KubeObject>,
  options: StreamOptions = {},
): Promise<AuditRun> {
  const spool = new FindingSpool(options.findingsInMemory ?? 50_000);
  try {
    const auditor = new Auditor(options, (r) => spool.add(r));
    let n = 0;
    for await (const x of input as AsyncIterable<AuditObject | AuditNote | KubeObject>) {
      if ('object' in x && !('apiVersion' in x)) auditor.add(x);
      else if ('apiVersion' in x) auditor.add({ object: x });
      else auditor.note(x);
      if (++n % 256 === 0) {
        await yieldToLoop();
        options.signal?.throwIfAborted();
      }
    }
    options.signal?.throwIfAborted();
    const { header, crossFindings } = auditor.finish();
    return { header, findings: () => merge(spool.read(), crossFindings), close: () => spool.close() };
  } catch (e) {
    spool.close();
    throw e;
  }
}
