import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT_CODES, msg, tr, type Lang } from '@quai/contracts';
import * as scan from '@quai/core/scan/base';
import { QuaiError } from '@quai/core/errors';
import { writeFileAtomic } from '@quai/core/util';
import { connect, globalOptions, type CommandContext } from '../context.js';
import { paint, yamlText } from '../output.js';
import { Progress } from '../progress.js';
import { examplesText } from './help.js';

/*
 * Report output shared by `quai scan image`, `quai scan import` (and `quai scan cluster`):
 * --format on standard output, --report FORMAT=FILE for files (written atomically), the ignore
 * file and OpenVEX documents applied before the severity threshold decides the exit code.
 */

type Format = scan.report.ScanReportFormat;
const LEVELS = ['critical', 'high', 'medium', 'low', 'none'] as const;
/** A --severity-threshold value. */
export type SeverityThreshold = (typeof LEVELS)[number];

function reportArg(l: Lang, value: string, previous: readonly { format: Format; file: string }[] = []) {
  const eq = value.indexOf('=');
  const format = value.slice(0, eq) as Format;
  const file = value.slice(eq + 1);
  if (eq <= 0 || file === '' || !(scan.report.SCAN_REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new InvalidArgumentError(
      tr(l, 'scan.cli.reportArg', { formats: scan.report.SCAN_REPORT_FORMATS.join(', ') }),
    );
  }
  return [...previous, { format, file }];
}
const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

/** The report flags, the same on every scan command. */
export function addReportOptions(cmd: Command, l: Lang, withThreshold = true): Command {
  cmd
    .addOption(
      new Option('--format <format>', tr(l, 'scan.cli.flag.format')).choices(scan.report.SCAN_REPORT_FORMATS),
    )
    .option(
      '--report <format=file>',
      tr(l, 'scan.cli.flag.report'),
      (value: string, previous?: readonly { format: Format; file: string }[]) =>
        reportArg(l, value, previous),
    )
    .option('--ignore-file <file>', tr(l, 'scan.cli.flag.ignoreFile', { file: scan.IGNORE_FILE_NAME }))
    .option('--vex <file>', tr(l, 'scan.cli.flag.vex'), collect);
  if (withThreshold) {
    cmd.addOption(
      new Option('--severity-threshold <severity>', tr(l, 'scan.cli.flag.severityThreshold'))
        .choices(LEVELS)
        .default('high'),
    );
  }
  return cmd;
}

export interface ReportFlags {
  readonly format?: Format;
  readonly report?: readonly { format: Format; file: string }[];
  readonly ignoreFile?: string;
  readonly vex?: readonly string[];
  readonly severityThreshold?: (typeof LEVELS)[number];
}

export function reportFlags(opts: Record<string, unknown>): ReportFlags {
  return {
    ...(typeof opts['format'] === 'string' ? { format: opts['format'] as Format } : {}),
    ...(Array.isArray(opts['report'])
      ? { report: opts['report'] as { format: Format; file: string }[] }
      : {}),
    ...(typeof opts['ignoreFile'] === 'string' ? { ignoreFile: opts['ignoreFile'] } : {}),
    ...(Array.isArray(opts['vex']) ? { vex: opts['vex'] as string[] } : {}),
    ...(typeof opts['severityThreshold'] === 'string'
      ? { severityThreshold: opts['severityThreshold'] as (typeof LEVELS)[number] }
      : {}),
  };
}

// The parsers of ignore files, VEX documents and other tools' reports use zod (and YAML): loaded
// when there is such a file to read, so that a scan that has none loads neither library.
const exceptionParsers = () => import('@quai/core/scan/exceptions');
const reportParsers = () => import('@quai/core/scan/ingest');

async function loadExceptions(flags: ReportFlags): Promise<scan.ExceptionSet> {
  const ignore = flags.ignoreFile ?? (existsSync(scan.IGNORE_FILE_NAME) ? scan.IGNORE_FILE_NAME : undefined);
  const rules =
    ignore === undefined
      ? []
      : (await exceptionParsers()).parseIgnoreFile(
          await scan.readInputText(
            ignore,
            msg('scan.what.ignoreFileShort'),
            msg('scan.cli.checkIgnoreFileHint'),
          ),
          ignore,
        );
  const statements: scan.VexStatement[] = [];
  for (const file of flags.vex ?? []) {
    const text = await scan.readInputText(file, msg('scan.what.openvex'), msg('scan.cli.checkVexHint'));
    const value = scan.parseJsonText(text, file, msg('scan.what.openvex'));
    statements.push(...(await exceptionParsers()).parseOpenVex(value, file));
  }
  return { rules, statements };
}

/**
 * Applies exceptions and VEX, writes the requested reports, prints one on standard output, and
 * fails (SCAN_FINDINGS, exit 1) when an active finding is at or above the threshold.
 */
export async function emitScanResults(
  ctx: CommandContext,
  targets: readonly scan.report.ScanTarget[],
  flags: ReportFlags,
  output: 'text' | 'json' | 'yaml' = 'text',
): Promise<scan.report.ScanResults> {
  const exceptions = await loadExceptions(flags);
  const applied = scan.applyExceptions(scan.mergeTargets(targets), exceptions);
  const results = scan.report.buildResults(applied.targets, {
    toolVersion: ctx.version,
    expiredRules: applied.expiredRules,
  });
  for (const r of results.expiredRules) {
    ctx.io.err.write(
      `${tr(ctx.lang, 'scan.cli.warning', { warning: tr(ctx.lang, 'scan.cli.ruleExpired', { id: r.id, source: r.source, expires: r.expires }) })}\n`,
    );
  }
  // Reports hold the warnings as text in the reader's language.
  const shown = scan.report.withWarningTexts(results, ctx.lang);
  for (const r of flags.report ?? []) {
    await writeFileAtomic(resolve(r.file), scan.report.renderScanReportChunks(shown, r.format));
    ctx.io.err.write(`${tr(ctx.lang, 'scan.cli.reportWritten', { format: r.format, file: r.file })}\n`);
  }
  // -o json|yaml without --format: the report model, as --format json writes it.
  const format = flags.format ?? (output === 'text' ? 'text' : 'json');
  const painter: scan.report.SeverityPainter = (level, text) =>
    paint(
      ctx.io,
      level === 'critical' || level === 'high' ? 'red' : level === 'medium' ? 'yellow' : 'dim',
      text,
    );
  if (output === 'yaml' && flags.format === undefined) ctx.io.out.write(yamlText(shown));
  else {
    // Written as it is rendered (a report of thousands of findings is megabytes of JSON).
    for (const piece of scan.report.renderScanReportChunks(
      shown,
      format,
      format === 'text' && ctx.io.color ? { paint: painter } : {},
    ))
      ctx.io.out.write(piece);
  }
  const threshold = flags.severityThreshold;
  if (threshold !== undefined) {
    const failing = scan.report
      .activeFindings(results)
      .filter((f) => scan.atOrAbove(f.vulnerability.severity.level, threshold)).length;
    if (failing > 0 && output !== 'text') {
      // Machine output: exactly one document on stdout; findings are a result, not an error.
      ctx.io.err.write(
        `${tr(ctx.lang, 'scan.cli.findingsLine', { count: failing, threshold })} [SCAN_FINDINGS]\n`,
      );
      ctx.setExitCode(EXIT_CODES.findings);
    } else if (failing > 0) {
      throw new QuaiError('SCAN_FINDINGS', msg('scan.cli.findings', { count: failing, threshold }), {
        hint: msg('scan.cli.findingsHint'),
        details: { failing, summary: results.summary },
      });
    }
  }
  return results;
}

/** --trivy: runs the trivy binary on the same target and returns its view of it. */
export async function trivyTarget(
  ctx: CommandContext,
  path: string,
  opts: Record<string, unknown>,
  native: scan.report.ScanTarget,
): Promise<scan.report.ScanTarget> {
  const bin =
    (typeof opts['trivyBin'] === 'string' ? opts['trivyBin'] : undefined) ?? ctx.env['QUAI_TRIVY'] ?? 'trivy';
  const local = existsSync(path);
  const kind = !local
    ? 'image'
    : existsSync(resolve(path, 'index.json'))
      ? 'layout'
      : existsSync(resolve(path, 'etc')) || existsSync(resolve(path, 'var'))
        ? 'rootfs'
        : 'archive';
  const progress = new Progress(ctx.io, ctx.lang);
  progress.step(tr(ctx.lang, 'scan.cli.running', { bin, path }));
  const { runTrivy } = await reportParsers();
  const t = await runTrivy({
    bin,
    target: local ? resolve(path) : path,
    kind,
    env: ctx.env,
    signal: ctx.signal,
  });
  progress.done(tr(ctx.lang, 'scan.cli.trivyDone', { count: t.findings.length }));
  // Same image: Trivy's findings join Quai's under the native name and digest.
  return { ...t, name: native.name, ...(native.digest === undefined ? {} : { digest: native.digest }) };
}

export function addTrivyOptions(cmd: Command, l: Lang): Command {
  return cmd
    .option('--trivy', tr(l, 'scan.cli.flag.trivy'))
    .option('--trivy-bin <path>', tr(l, 'scan.cli.flag.trivyBin'));
}

/** `quai scan import FILE...`: one deduplicated view of other tools' reports. */
export function scanImportCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = new Command('import')
    .description(tr(l, 'scan.cli.import.summary'))
    .argument('[files...]', tr(l, 'scan.cli.import.arg.files'))
    .option('--cluster', tr(l, 'scan.cli.flag.cluster'))
    .option('--match', tr(l, 'scan.cli.flag.match'))
    .option('--dir <folder>', tr(l, 'scan.cli.flag.matchDir'));
  addReportOptions(cmd, l);
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        'trivy image --format json -o trivy.json registry.example.org/grist:1.1.15',
        `${p} scan import trivy.json gl-container-scanning-report.json`,
        `${p} scan import trivy.json --format gitlab > gl-container-scanning-report.json`,
        `${p} scan import sbom.cdx.json --vex accepted.openvex.json --format cyclonedx`,
        `${p} scan import vendor-sbom.cdx.json --match`,
        `${p} scan import --cluster -n grist --severity-threshold critical`,
        `kubectl get vulnerabilityreports -A -o json > vulns.json && ${p} scan import vulns.json`,
      ],
      tr(l, 'scan.cli.help.import'),
    ),
  );
  cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    if (files.length === 0 && opts['cluster'] !== true) {
      throw new QuaiError('USAGE', msg('scan.cli.nothingToImport'), {
        hint: msg('scan.cli.nothingToImportHint', { program: ctx.programName }),
      });
    }
    const targets: scan.report.ScanTarget[] = [];
    const { ingestFile, ingestClusterReports } = await reportParsers();
    for (const file of files) targets.push(...(await ingestFile(file)));
    if (opts['cluster'] === true) {
      const client = await connect(ctx, g);
      try {
        targets.push(
          ...(await ingestClusterReports(client, {
            ...(g.namespace === undefined ? {} : { namespaces: g.namespace.split(',') }),
            signal: ctx.signal,
          })),
        );
      } finally {
        client.close();
      }
    }
    if (opts['match'] === true) {
      const dir = typeof opts['dir'] === 'string' ? resolve(opts['dir']) : scan.osv.defaultVulnDbDir(ctx.env);
      const db = await scan.osv.VulnDb.open(dir);
      for (let i = 0; i < targets.length; i++) {
        const t = targets[i];
        if (t !== undefined) targets[i] = await scan.matchTarget(db, t);
      }
    }
    await emitScanResults(ctx, targets, reportFlags(opts), g.output);
  });
  return cmd;
}
