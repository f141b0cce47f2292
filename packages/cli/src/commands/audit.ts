import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  AUDIT_MAX_FINDINGS,
  AUDIT_REPORT_FORMATS,
  formatBytes,
  formatNumber,
  msg,
  textOf,
  tr,
  type Lang,
  type ManifestSource,
  type OutcomeKind,
  type ResultOf,
  type USE_CASES,
} from '@quai/contracts';
import * as audit from '@quai/core/audit';
import { QuaiError } from '@quai/core/errors';
import {
  globalOptions,
  positiveInt,
  runUseCase,
  type CommandContext,
  type GlobalOptions,
} from '../context.js';
import { paint, table } from '../output.js';
import type { CommandModule } from './types.js';

type Format = (typeof AUDIT_REPORT_FORMATS)[number];
type Family = 'pod-security' | 'best-practice' | 'rbac';
type AuditResult = ResultOf<(typeof USE_CASES)['audit.manifests']>;
type WhoCanResult = ResultOf<(typeof USE_CASES)['audit.whoCan']>;

const FAMILIES: readonly Family[] = ['pod-security', 'best-practice', 'rbac'];

/** The name of the report --format writes to standard output (a NUL: no path can hold one). */
const STDOUT_REPORT = '\u0000stdout';

function examples(ctx: CommandContext, lines: readonly string[], note?: string): string {
  return `\n${tr(ctx.lang, 'cli.help.examples')}\n${lines.join('\n')}${note === undefined ? '' : `\n\n${note}`}`;
}

const pssVersionArg =
  (l: Lang) =>
  (value: string): string => {
    if (audit.parsePssVersion(value) === undefined)
      throw new InvalidArgumentError(tr(l, 'audit.value.pssVersion'));
    return value;
  };
const kubernetesVersionArg =
  (l: Lang) =>
  (value: string): string => {
    if (!/^v?1\.\d+(\.\d+)?$/.test(value.trim()))
      throw new InvalidArgumentError(tr(l, 'audit.value.kubernetesVersion'));
    return value.trim().replace(/^v/, '');
  };
const checksArg =
  (l: Lang) =>
  (value: string): Family[] => {
    const list = value.split(',').map((v) => v.trim());
    const bad = list.find((v) => !(FAMILIES as readonly string[]).includes(v));
    if (bad !== undefined || list.length === 0)
      throw new InvalidArgumentError(tr(l, 'audit.value.checks', { list: FAMILIES.join(', ') }));
    return list as Family[];
  };
const reportArg =
  (l: Lang) =>
  (value: string, previous: readonly { format: Format; file: string }[] = []) => {
    const eq = value.indexOf('=');
    const format = value.slice(0, eq) as Format;
    const file = value.slice(eq + 1);
    if (eq <= 0 || file === '' || !(AUDIT_REPORT_FORMATS as readonly string[]).includes(format))
      throw new InvalidArgumentError(tr(l, 'audit.value.report', { list: AUDIT_REPORT_FORMATS.join(', ') }));
    return [...previous, { format, file }];
  };
const repeat = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

interface AuditFlags {
  readonly cluster?: boolean;
  readonly appSpec?: readonly string[];
  readonly env: string;
  readonly platform?: string;
  readonly level: 'baseline' | 'restricted';
  readonly pssVersion?: string;
  readonly kubernetesVersion?: string;
  readonly severityThreshold: (typeof audit.SEVERITIES)[number];
  readonly checks?: readonly Family[];
  readonly exceptions?: string;
  readonly format?: Format;
  readonly report?: readonly { format: Format; file: string }[];
  readonly maxFindings: number;
}

/** The text form of a result: findings by object, notes, the summary, and what was left out. */
function resultText(ctx: CommandContext, r: AuditResult): string {
  const l = ctx.lang;
  const painter = ctx.io.color
    ? (style: Parameters<audit.Painter>[0], t: string) => paint(ctx.io, style, t)
    : undefined;
  // The result is the run's own data, checked by its schema (whose optional fields may be undefined).
  const report = r as unknown as audit.AuditReport;
  const parts = [...audit.textChunks(report, report.findings, painter, l)];
  if (r.truncated)
    parts.push(
      `\n${paint(
        ctx.io,
        'yellow',
        tr(l, 'audit.cli.truncated', {
          shown: formatNumber(l, r.findings.length),
          total: formatNumber(l, r.summary.findings + r.summary.suppressed),
        }),
      )}`,
    );
  return parts.join('');
}

/** On stderr, for logs where standard output is a report: the input problems, the verdict, the files. */
function tellStderr(
  ctx: CommandContext,
  r: AuditResult,
  outcome: OutcomeKind,
  /** The temporary report behind --format, copied to standard output: not announced. */
  stdoutFile: string | undefined,
): void {
  const l = ctx.lang;
  const errors = r.notes.filter((n) => n.kind === 'input-error');
  const first = errors[0];
  if (first !== undefined) {
    ctx.io.err.write(
      `${paint(ctx.io, 'red', tr(l, 'audit.cli.inputProblems', { count: errors.length, message: textOf(l, first.message) }))}\n`,
    );
    if (first.file !== undefined)
      ctx.io.err.write(
        `  ${tr(l, 'audit.cli.where', { where: `${first.file}${first.line === undefined ? '' : `:${first.line}:${first.column ?? 1}`}` })}\n`,
      );
  }
  if (stdoutFile !== undefined && outcome !== 'ok' && r.summary.failing > 0)
    ctx.io.err.write(
      `${tr(l, 'audit.cli.failing', { count: r.summary.failing, threshold: r.options.severityThreshold })}\n`,
    );
  for (const f of r.reports.filter((x) => x.file !== stdoutFile))
    ctx.io.err.write(
      `${tr(l, 'audit.cli.reportWritten', { file: f.file, format: f.format, size: formatBytes(l, f.bytes) })}\n`,
    );
}

async function runAudit(
  ctx: CommandContext,
  g: GlobalOptions,
  paths: readonly string[],
  flags: AuditFlags,
): Promise<void> {
  const stdoutReport = flags.format !== undefined && flags.format !== 'text' ? flags.format : undefined;
  if (g.output !== 'text' && stdoutReport !== undefined) {
    throw new QuaiError(
      'USAGE',
      msg('audit.usage.formatAndOutput', { output: g.output, format: stdoutReport }),
      {
        hint: msg('audit.usage.formatAndOutputHint', { output: g.output, format: stdoutReport }),
      },
    );
  }
  const appSpecs = flags.appSpec ?? [];
  if (paths.length === 0 && appSpecs.length === 0 && flags.cluster !== true) {
    throw new QuaiError('USAGE', msg('audit.usage.nothing'), {
      hint: msg('audit.usage.nothingHint', { program: ctx.programName }),
    });
  }
  if ((paths.length > 0 || appSpecs.length > 0) && flags.cluster === true)
    throw new QuaiError('USAGE', msg('audit.usage.pathsAndCluster'));

  // An audit allocates much more than it keeps (it keeps what the checks that relate objects
  // need): V8's default lets the heap grow to up to four times what is live between two full
  // collections, twice keeps an audit of 200,000 objects under 500 MiB for a few percent more
  // CPU. V8 reads this flag at each collection, so it applies when set at run time (unlike the
  // young generation's size).
  setFlagsFromString('--heap-growing-percent=100');
  const stopJitTuning = tuneJitForShortRun();
  let tmp: string | undefined;
  const tmpDir = async (): Promise<string> => (tmp ??= await mkdtemp(join(tmpdir(), 'quai-audit-')));
  try {
    const reports = [...(flags.report ?? [])];
    // The report --format asks for is written to standard output as it is made (last, after the
    // --report files), under a name no file of the user's can have.
    const stdoutFile = stdoutReport === undefined ? undefined : STDOUT_REPORT;
    if (stdoutReport !== undefined) reports.push({ format: stdoutReport, file: STDOUT_REPORT });
    const writeReport =
      stdoutFile === undefined
        ? undefined
        : (file: string, parts: Iterable<string>, signal: AbortSignal): Promise<number> =>
            file === stdoutFile
              ? audit.writeReportStream(ctx.io.out, parts, signal)
              : audit.writeReportFile(file, parts, signal);
    const common = {
      level: flags.level,
      ...(flags.pssVersion === undefined ? {} : { pssVersion: flags.pssVersion }),
      ...(flags.kubernetesVersion === undefined ? {} : { kubernetesVersion: flags.kubernetesVersion }),
      severityThreshold: flags.severityThreshold,
      ...(flags.checks === undefined ? {} : { checks: [...flags.checks] }),
      ...(flags.exceptions === undefined ? {} : { exceptions: { file: resolve(flags.exceptions) } }),
      reports,
      // A whole report goes to standard output: the result needs no findings of its own.
      maxFindings: stdoutFile === undefined ? flags.maxFindings : 0,
    };
    const text = (r: AuditResult, outcome: OutcomeKind): string => {
      if (g.output === 'text') tellStderr(ctx, r, outcome, stdoutFile);
      return stdoutFile === undefined ? resultText(ctx, r) : '';
    };
    if (flags.cluster === true) {
      const namespaces = g.namespace
        ?.split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      await runUseCase(
        ctx,
        g,
        'audit.cluster',
        { ...common, ...(namespaces === undefined ? {} : { namespaces }) },
        text,
        writeReport,
      );
    } else {
      const sources: ManifestSource[] = [];
      for (const p of paths) {
        if (p !== '-') {
          sources.push({ path: p });
          continue;
        }
        // Standard input is spooled to a file, so that core reads a path and memory stays bounded.
        const file = join(await tmpDir(), 'stdin.yaml');
        await pipeline(process.stdin, createWriteStream(file, { mode: 0o600 }));
        sources.push({ path: file, name: '<stdin>' });
      }
      for (const a of appSpecs) sources.push({ appSpec: { file: resolve(a) } });
      await runUseCase(
        ctx,
        g,
        'audit.manifests',
        {
          ...common,
          sources,
          environment: flags.env,
          ...(flags.platform === undefined ? {} : { platform: { file: resolve(flags.platform) } }),
        },
        text,
        writeReport,
      );
    }
  } finally {
    stopJitTuning();
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  }
}

/** V8's interrupt budget (bytecode run between two looks at whether to optimize), Node 20's default. */
const DEFAULT_INTERRUPT_BUDGET = 67_584;
/** The budget of an audit's first CPU seconds: about 7 times the default. */
const SHORT_RUN_INTERRUPT_BUDGET = 500_000;
/** CPU time (user and system, all threads) after which the default budget is back. */
const SHORT_RUN_CPU_MICROS = 1_500_000;

/**
 * Delays V8's optimizing compiler for the first CPU seconds of an audit. In a run of about a
 * second (10,000 objects), TurboFan compiling the functions that get warm costs more CPU, on V8's
 * background threads, than its code saves: measured on the bench corpus, 0.45-0.5 s of 1.2 s of
 * CPU went to those threads, 0.25 s with a budget 7 times larger, the main thread's time the same.
 * In a long run optimized code pays for itself, so the default budget comes back after 1.5 s of
 * CPU (checked every 100 ms; V8 reads the flag each time it resets a function's budget, so it
 * applies at run time). Returns what stops the check.
 */
function tuneJitForShortRun(): () => void {
  // The flag exists in V8 11 (Node 20) only: V8 12 (Node 22, 24) tiers up by invocation counts
  // with Maglev in between, and prints "unrecognized flag" for it on standard error.
  if (!process.versions.v8.startsWith('11.')) return () => undefined;
  setFlagsFromString(`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`);
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    clearInterval(timer);
    setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
  };
  const timer = setInterval(() => {
    const { user, system } = process.cpuUsage();
    if (user + system >= SHORT_RUN_CPU_MICROS) restore();
  }, 100);
  timer.unref();
  return restore;
}

function whoCanText(l: Lang, r: WhoCanResult, resource: string): string {
  if (r.subjects.length === 0)
    return r.namespace === null
      ? tr(l, 'audit.whoCan.nobody', { verb: r.verb, resource })
      : tr(l, 'audit.whoCan.nobodyIn', { verb: r.verb, resource, namespace: r.namespace });
  return table(
    tr(l, 'audit.whoCan.columns').split('|'),
    r.subjects.map((e) => [
      e.subject.kind,
      e.subject.kind === 'ServiceAccount' ? `${e.subject.namespace ?? ''}/${e.subject.name}` : e.subject.name,
      e.scope,
      `${e.role.kind}/${e.role.name}`,
      `${e.binding.kind}/${e.binding.namespace === undefined ? '' : `${e.binding.namespace}/`}${e.binding.name}`,
    ]),
  );
}

function whoCanCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = new Command('who-can')
    .description(tr(l, 'audit.whoCan.description'))
    .argument('<verb>', tr(l, 'audit.whoCan.arg.verb'))
    .argument('<resource>', tr(l, 'audit.whoCan.arg.resource'))
    .option('--name <name>', tr(l, 'audit.whoCan.flag.name'))
    .option('--manifests <paths...>', tr(l, 'audit.whoCan.flag.manifests'));
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        `  ${p} audit who-can get secrets -n grist`,
        `  ${p} audit who-can create pods/exec -n production`,
        `  ${p} audit who-can '*' '*' -o json`,
        `  ${p} audit who-can list secrets --manifests k8s/rbac/`,
      ],
      tr(l, 'audit.whoCan.help'),
    ),
  );
  cmd.action(async (verb: string, resource: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const manifests = opts['manifests'] as string[] | undefined;
    const name = opts['name'] as string | undefined;
    await runUseCase(
      ctx,
      g,
      'audit.whoCan',
      {
        verb,
        resource,
        ...(name === undefined ? {} : { name }),
        ...(g.namespace === undefined ? {} : { namespace: g.namespace }),
        ...(manifests === undefined ? {} : { manifests: manifests.map((m) => ({ path: m })) }),
      },
      (r) => whoCanText(l, r, resource),
    );
  });
  return cmd;
}

export const auditCommand: CommandModule = {
  name: 'audit',
  register(parent, ctx) {
    const l = ctx.lang;
    const p = ctx.programName;
    const cmd = parent
      .command('audit')
      .description(tr(l, 'audit.description'))
      .argument('[paths...]', tr(l, 'audit.arg.paths'))
      .option('--cluster', tr(l, 'audit.flag.cluster'))
      .option('--app-spec <file>', tr(l, 'audit.flag.appSpec'), repeat)
      .option('--env <environment>', tr(l, 'audit.flag.env'), 'prod')
      .option('--platform <file>', tr(l, 'audit.flag.platform'))
      .addOption(
        new Option('--level <level>', tr(l, 'audit.flag.level'))
          .choices(['baseline', 'restricted'])
          .default('restricted'),
      )
      .option('--pss-version <version>', tr(l, 'audit.flag.pssVersion'), pssVersionArg(l))
      .option(
        '--kubernetes-version <version>',
        tr(l, 'audit.flag.kubernetesVersion', { minor: audit.DEFAULT_KUBERNETES_MINOR }),
        kubernetesVersionArg(l),
      )
      .addOption(
        new Option('--severity-threshold <severity>', tr(l, 'audit.flag.severityThreshold'))
          .choices(audit.SEVERITIES)
          .default('medium'),
      )
      .option('--checks <families>', tr(l, 'audit.flag.checks'), checksArg(l))
      .option('--exceptions <file>', tr(l, 'audit.flag.exceptions'))
      .addOption(new Option('--format <format>', tr(l, 'audit.flag.format')).choices(AUDIT_REPORT_FORMATS))
      .option('--report <format=file>', tr(l, 'audit.flag.report'), reportArg(l))
      .option(
        '--max-findings <n>',
        tr(l, 'audit.flag.maxFindings', { max: AUDIT_MAX_FINDINGS }),
        positiveInt(0, AUDIT_MAX_FINDINGS),
        AUDIT_MAX_FINDINGS,
      );
    cmd.addHelpText(
      'after',
      examples(
        ctx,
        [
          `  ${p} audit k8s/                                  # every *.yaml, *.yml, *.json below k8s/`,
          `  helm template ./chart | ${p} audit - --level baseline`,
          `  ${p} audit --app-spec app.yaml --env staging      # what quai apply would deploy`,
          `  ${p} audit k8s/ --checks pod-security --pss-version v1.36  # what admission will refuse`,
          `  ${p} audit --cluster -n grist --format markdown --lang fr > audit.md`,
          `  ${p} audit k8s/ -o json --max-findings 100         # one JSON document: summary and findings`,
          `  ${p} audit k8s/ --exceptions audit-exceptions.yaml --severity-threshold high \\`,
          `      --report sarif=quai.sarif --report junit=quai-junit.xml --report gitlab-codequality=gl-code-quality.json`,
          `  ${p} audit who-can get secrets -n grist`,
        ],
        tr(l, 'audit.help.exitCodes', { max: AUDIT_MAX_FINDINGS }),
      ),
    );
    cmd.addCommand(whoCanCommand(ctx));
    cmd.action(async (paths: string[], opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const str = (k: string): string | undefined => (typeof opts[k] === 'string' ? opts[k] : undefined);
      const pssVersion = str('pssVersion');
      const kubernetesVersion = str('kubernetesVersion');
      const exceptions = str('exceptions');
      const platform = str('platform');
      const format = str('format') as Format | undefined;
      await runAudit(ctx, g, paths, {
        ...(opts['cluster'] === true ? { cluster: true } : {}),
        ...(Array.isArray(opts['appSpec']) ? { appSpec: opts['appSpec'] as string[] } : {}),
        env: str('env') ?? 'prod',
        ...(platform === undefined ? {} : { platform }),
        level: opts['level'] as 'baseline' | 'restricted',
        ...(pssVersion === undefined ? {} : { pssVersion }),
        ...(kubernetesVersion === undefined ? {} : { kubernetesVersion }),
        severityThreshold: opts['severityThreshold'] as (typeof audit.SEVERITIES)[number],
        ...(Array.isArray(opts['checks']) ? { checks: opts['checks'] as Family[] } : {}),
        ...(exceptions === undefined ? {} : { exceptions }),
        ...(format === undefined ? {} : { format }),
        ...(Array.isArray(opts['report'])
          ? { report: opts['report'] as { format: Format; file: string }[] }
          : {}),
        maxFindings: typeof opts['maxFindings'] === 'number' ? opts['maxFindings'] : AUDIT_MAX_FINDINGS,
      });
    });
  },
};
