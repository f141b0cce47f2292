import { OutputFormat } from '@quai/contracts';
import { InvalidArgumentError } from 'commander';
import { KubeClient, loadClusterAccess } from '@quai/core';
import type { IOStreams } from './io.js';

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
  /** Sets the exit code of a command that worked but has something to report (plan changes: 1). */
  readonly setExitCode: (code: number) => void;
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
    output: OutputFormat.parse(raw['output'] ?? 'text'),
    qps: typeof raw['qps'] === 'number' ? raw['qps'] : 50,
    burst: typeof raw['burst'] === 'number' ? raw['burst'] : 100,
    requestTimeoutMs: typeof raw['requestTimeout'] === 'number' ? raw['requestTimeout'] : 30_000,
  };
}

/** Opens a client on the cluster the global flags and environment point at. */
export async function connect(ctx: CommandContext, opts: GlobalOptions): Promise<KubeClient> {
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

/** Parsers for flag values: a bad value is a usage error (exit 2) naming the flag. */
export function positiveInt(min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

export function positiveNumber() {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError('Expected a number of 0 or more.');
    }
    return n;
  };
}

/** Parses durations like 30s, 2m, 1500ms, 1h into milliseconds. */
export function duration() {
  return (value: string): number => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
    if (m === null) {
      throw new InvalidArgumentError('Expected a duration such as 30s, 2m or 500ms.');
    }
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
    return Number(m[1]) * unit;
  };
}
