import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Lang } from '@quai/contracts';
import {
  gitlabCodeQualityChunks,
  htmlChunks,
  jsonChunks,
  junitChunks,
  markdownChunks,
  sarifChunks,
  textChunks,
  yamlChunks,
  type Painter,
  type ReportFormat,
} from './reporters.js';
import type { AuditRun } from './stream.js';
import { severityRank, type Finding } from './types.js';

/** A report in one format, as chunks (a report of any size is never one string). */
export function reportChunks(
  run: AuditRun,
  format: ReportFormat,
  lang: Lang,
  paint?: Painter,
): Iterable<string> {
  const h = run.header;
  const failing = (f: Finding): boolean =>
    severityRank(f.severity) >= severityRank(h.options.severityThreshold);
  const findings = run.findings();
  switch (format) {
    case 'text':
      return withNewline(textChunks(h, findings, paint, lang));
    case 'json':
      return jsonChunks(h, findings, lang);
    case 'yaml':
      return yamlChunks(h, findings, lang);
    case 'sarif':
      return sarifChunks(h, findings, lang);
    case 'junit':
      return junitChunks(h, findings, failing, lang);
    case 'gitlab-codequality':
      return gitlabCodeQualityChunks(findings, lang);
    case 'markdown':
      return markdownChunks(h, findings, lang, failing);
    case 'html':
      return htmlChunks(h, findings, lang, failing);
  }
}

function* withNewline(parts: Iterable<string>): Generator<string> {
  yield* parts;
  yield '\n';
}

/** Writes chunks to a stream in batches, waiting when it is full; returns the bytes written. */
export async function writeChunks(out: NodeJS.WritableStream, parts: Iterable<string>): Promise<number> {
  let batch = '';
  let bytes = 0;
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, 'drain');
    batch = '';
  };
  for (const part of parts) {
    batch += part;
    if (batch.length >= 1 << 16) await flush();
  }
  if (batch !== '') await flush();
  return bytes;
}

/**
 * Writes a report file atomically: a temporary file beside it, renamed once complete, so that an
 * interrupted audit leaves no half-written report. Returns the file's size.
 */
export async function writeReportFile(
  file: string,
  parts: Iterable<string>,
  signal?: AbortSignal,
): Promise<number> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  // A large buffer: the writes of a large report go out in few system calls (writev).
  const stream = createWriteStream(tmp, { mode: 0o644, highWaterMark: 1 << 20 });
  try {
    await writeChunks(stream, abortable(parts, signal));
    await new Promise<void>((resolve, reject) => {
      stream.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
    await rename(tmp, file);
    return (await stat(file)).size;
  } catch (e) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Writes a report to a stream (standard output), stopping when `signal` aborts; returns its bytes. */
export async function writeReportStream(
  out: NodeJS.WritableStream,
  parts: Iterable<string>,
  signal?: AbortSignal,
): Promise<number> {
  return writeChunks(out, abortable(parts, signal));
}

function* abortable(parts: Iterable<string>, signal: AbortSignal | undefined): Generator<string> {
  let n = 0;
  for (const p of parts) {
    if (++n % 1024 === 0) signal?.throwIfAborted();
    yield p;
  }
}
