import type {
  Lang,
  OutcomeKind,
  OutputFormat,
  ProgressEvent,
  RequestInputOf,
  ResultOf,
  UseCaseId,
  USE_CASES,
} from '@quai/contracts';
import { msg, OUTPUT_FORMATS, tr } from '@quai/contracts/catalog';
import type { app, KubeClient } from '@quai/core';
import { QuaiError } from '@quai/core/errors';
import { InvalidArgumentError } from 'commander';
import type { IOStreams } from './io.js';
import { print } from './output.js';
import { Progress } from './progress.js';

// This module is loaded by every command, and by `quai --help`: it imports core and the schemas
// only inside the functions that need them, so a command loads only what it runs.

/** The global flags every command accepts, parsed once into typed values. */
export interface GlobalOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly output: OutputFormat;
  readonly qps: number;
  readonly burst: number;
  readonly requestTimeoutMs: number;
}

/** What a command runs with: its streams, the environment, a cancel signal, the global flags. */
export interface CommandContext {
  readonly io: IOStreams;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  /** The program's name as the user typed it: `quai` or `kubectl quai`. */
  readonly programName: string;
  readonly version: string;
  /** The language of every message, help text and table (--lang, LC_ALL, LC_MESSAGES, LANG). */
  readonly lang: Lang;
  /** Sets the exit code of a command that worked but has something to report (plan changes: 1). */
  readonly setExitCode: (code: number) => void;
  /**
   * Says that the command took Ctrl-C or SIGTERM as its normal end (a server that drained its
   * requests): the process then exits with the command's code, not 130.
   */
  readonly signalHandled?: () => void;
}

export function globalOptions(raw: Record<string, unknown>): GlobalOptions {
  const str = (k: string): string | undefined => {
    const v = raw[k];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const kubeconfig = str('kubeconfig');
  const context = str('context');
  const namespace = str('namespace');
  return {
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
    ...(context === undefined ? {} : { context }),
    ...(namespace === undefined ? {} : { namespace }),
    output: outputFormat(raw['output'] ?? 'text'),
    // No fixed rate by default: the client follows the server (see AdaptiveLimiter).
    qps: typeof raw['qps'] === 'number' ? raw['qps'] : 0,
    burst: typeof raw['burst'] === 'number' ? raw['burst'] : 0,
    requestTimeoutMs: typeof raw['requestTimeout'] === 'number' ? raw['requestTimeout'] : 30_000,
  };
}

function outputFormat(value: unknown): OutputFormat {
  if ((OUTPUT_FORMATS as readonly unknown[]).includes(value)) return value as OutputFormat;
  throw new QuaiError(
    'USAGE',
    msg('cli.value.outputFormat', { value: String(value), choices: OUTPUT_FORMATS.join(', ') }),
  );
}

/** The settings core runs with: the global flags, the environment, and file access. */
export function settingsOf(
  ctx: CommandContext,
  opts: GlobalOptions,
  writeReport?: app.FileAccess['writeReport'],
): app.Settings {
  return {
    lang: ctx.lang,
    cluster: {
      ...(opts.kubeconfig === undefined ? {} : { kubeconfig: opts.kubeconfig }),
      ...(opts.context === undefined ? {} : { context: opts.context }),
      ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
      qps: opts.qps,
      burst: opts.burst,
      timeoutMs: opts.requestTimeoutMs,
      userAgent: `quai/${ctx.version}`,
    },
    env: ctx.env,
    files: {
      readText: async (path, { what, maxBytes }) =>
        (await import('@quai/core/model')).readInput(path, what, maxBytes),
      ...(writeReport === undefined ? {} : { writeReport }),
    },
  };
}

/** Shows progress events on stderr, in the CLI's language. */
export function progressOf(ctx: CommandContext): (event: ProgressEvent) => void {
  const progress = new Progress(ctx.io, ctx.lang);
  return (event) => progress.event(event);
}

type Result<Id extends UseCaseId> = ResultOf<(typeof USE_CASES)[Id]>;

/**
 * Runs a use case for a command: the request (from the flags) is checked and run by core, the
 * result is printed (text, or one JSON/YAML document with messages in the CLI's language), and
 * the exit code follows the outcome table.
 */
export async function runUseCase<Id extends UseCaseId>(
  ctx: CommandContext,
  opts: GlobalOptions,
  id: Id,
  request: RequestInputOf<(typeof USE_CASES)[Id]>,
  text: (result: Result<Id>, outcome: OutcomeKind) => string,
  /** How reports are written, when not to their files (see app.FileAccess). */
  writeReport?: app.FileAccess['writeReport'],
): Promise<Result<Id>> {
  const { exitCodeOf, localize, run, withContext } = await import('./context-run.js');
  const outcome = await withContext(
    settingsOf(ctx, opts, writeReport),
    { signal: ctx.signal, progress: progressOf(ctx) },
    (actx) => run(id, request, actx),
  );
  const result = outcome.result as Result<Id>;
  print(ctx.io, opts.output, localize(result, ctx.lang), () => text(result, outcome.outcome));
  ctx.setExitCode(exitCodeOf(outcome.outcome));
  return result;
}

/** Opens a client on the cluster the global flags and environment point at. */
export async function connect(ctx: CommandContext, opts: GlobalOptions): Promise<KubeClient> {
  const { KubeClient, loadClusterAccess } = await import('@quai/core/kube');
  const access = await loadClusterAccess({
    kubeconfig: opts.kubeconfig,
    context: opts.context,
    namespace: opts.namespace,
    env: ctx.env,
  });
  return new KubeClient(access, {
    qps: opts.qps,
    burst: opts.burst,
    timeoutMs: opts.requestTimeoutMs,
    userAgent: `quai/${ctx.version}`,
  });
}

/** Runs `fn` with a client on the configured cluster, and closes it afterwards. */
export async function withClient<T>(
  ctx: CommandContext,
  opts: GlobalOptions,
  fn: (client: KubeClient) => Promise<T>,
): Promise<T> {
  const client = await connect(ctx, opts);
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

let parserLang: Lang = 'en';
/** The language flag-value errors are written in (set once per run, before commands are built). */
export function setParserLang(lang: Lang): void {
  parserLang = lang;
}

/** Parsers for flag values: a bad value is a usage error (exit 2) naming the flag. */
export function positiveInt(min = 0, max = Number.MAX_SAFE_INTEGER) {
  const lang = parserLang;
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(tr(lang, 'cli.value.wholeNumber', { min, max }));
    }
    return n;
  };
}

export function positiveNumber() {
  const lang = parserLang;
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError(tr(lang, 'cli.value.number'));
    }
    return n;
  };
}

/** Parses durations like 30s, 2m, 1500ms, 1h into milliseconds. */
export function duration() {
  const lang = parserLang;
  return (value: string): number => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
    if (m === null) {
      throw new InvalidArgumentError(tr(lang, 'cli.value.duration'));
    }
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
    return Number(m[1]) * unit;
  };
}
