import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { KubeObject } from '../kube/index.js';
import {
  Auditor,
  compareWithinObject,
  type AuditHeader,
  type AuditOptions,
  type RankedFinding,
} from './engine.js';
import { Spool } from './spool.js';
import type { AuditNote, AuditObject, Finding } from './types.js';

/** Two ranked lists, each in order, merged into one (the object's rank, then within the object). */
function* merge(a: Iterable<RankedFinding>, b: Iterable<RankedFinding>): Generator<Finding> {
  const it = b[Symbol.iterator]();
  let next = it.next();
  for (const x of a) {
    while (!next.done && next.value.rank < x.rank) {
      yield next.value.finding;
      next = it.next();
    }
    // Same object: interleave, so its findings stay in report order.
    while (
      !next.done &&
      next.value.rank === x.rank &&
      compareWithinObject(next.value.finding, x.finding) < 0
    ) {
      yield next.value.finding;
      next = it.next();
    }
    yield x.finding;
  }
  while (!next.done) {
    yield next.value.finding;
    next = it.next();
  }
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
  const spool = new Spool<RankedFinding>(options.findingsInMemory ?? 50_000);
  let auditor: Auditor | undefined;
  try {
    auditor = new Auditor(options, (r) => spool.add(r));
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
    // The checks that relate objects, a partition at a time, acting on an interruption between two.
    const steps = auditor.finishing();
    let step = steps.next();
    while (step.done !== true) {
      await yieldToLoop();
      options.signal?.throwIfAborted();
      step = steps.next();
    }
    const { header, crossFindings } = step.value;
    const done = auditor;
    return {
      header,
      findings: () => merge(spool.read(), crossFindings()),
      close: () => {
        spool.close();
        done.close();
      },
    };
  } catch (e) {
    spool.close();
    auditor?.close();
    throw e;
  }
}
