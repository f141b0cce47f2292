import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_CODES, exitCodeOf, msg, tr } from '@quai/contracts';
import * as scan from '@quai/core/scan';
import { QuaiError } from '@quai/core/errors';
import { globalOptions, withClient, type CommandContext } from '../context.js';
import { paint, print } from '../output.js';
import { Progress } from '../progress.js';
import { addReportOptions, emitScanResults, reportFlags, type SeverityThreshold } from './scan-report.js';
import { dirHelp } from './vulndb.js';
import { addImageSourceOptions, registryOptions } from './scan-source.js';

function concurrency(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64)
    throw new InvalidArgumentError('Expected a whole number from 1 to 64.');
  return Number(value);
}

function formatCluster(r: scan.ClusterScanReport, colour: (level: string, text: string) => string): string {
  const lines = [
    `${r.images.length} image(s) in ${r.pods} pod(s)${r.namespace === undefined ? ', all namespaces' : ` in ${r.namespace}`}`,
    '',
  ];
  for (const img of r.images) {
    const where = [...new Set(img.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`))];
    if (img.error !== undefined) {
      lines.push(`${colour('critical', 'error')} ${img.reference}`);
      lines.push(`  [${img.error.code}] ${img.error.message}`);
    } else {
      const s = img.report!.summary;
      const counts = `${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low, ${s.unknown} unrated`;
      lines.push(`${img.reference} (${img.platform})  ${img.report!.packages} packages  ${counts}`);
      for (const f of img.report!.findings.filter((x) =>
        ['critical', 'high'].includes(x.vulnerability.severity.level),
      )) {
        const v = f.vulnerability;
        lines.push(
          `  ${colour(v.severity.level, v.severity.level.padEnd(9))} ${f.package.name} ${f.package.version}  ${v.id}  ${v.fixedVersion === undefined ? 'no fix known' : `fixed in ${v.fixedVersion}`}`,
        );
      }
    }
    lines.push(
      `  used by ${where.join(', ')}${img.images.length > 1 ? ` (as ${img.images.join(', ')})` : ''}`,
    );
  }
  const s = r.summary;
  lines.push(
    '',
    `${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low, ${s.unknown} unrated; ${r.failed} image(s) could not be scanned`,
  );
  return lines.join('\n');
}

export function scanClusterCommand(ctx: CommandContext): Command {
  const cmd = new Command('cluster')
    .description('Scan every image running in the cluster (each digest once) and map findings to workloads')
    .option(
      '--platform <os/arch>',
      "platform to pick from multi-platform images for pods whose node's platform is unknown",
      'linux/amd64',
    )
    .option('--concurrency <n>', 'images pulled and scanned at once', concurrency, 4)
    .option('--dir <folder>', dirHelp(ctx.lang));
  addImageSourceOptions(cmd, false);
  addReportOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} scan cluster
  ${ctx.programName} scan cluster -n grist --severity-threshold critical
  ${ctx.programName} scan cluster --concurrency 8 -o json > cluster-scan.json
  ${ctx.programName} scan cluster --insecure-registry registry.lan:5000 --registry-ca /etc/quai/ca.pem
  ${ctx.programName} scan cluster --format gitlab > gl-container-scanning-report.json
  ${ctx.programName} scan cluster --report sarif=cluster.sarif --vex accepted.openvex.json

Pods are listed in every namespace (or the one -n names); containers, init containers and
ephemeral containers count. Each image is resolved to its digest (from the pod status, else by
asking the registry), pulled as a stream and scanned once, however many pods run it. An image
that cannot be read is reported with its error code and the others go on. --format, --report,
--ignore-file and --vex give the reports of quai scan image, one target per image with the
workloads running it. Exit codes: 1 findings at or above the threshold, else the error code of the
first image that failed, else 0.`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const dir = typeof opts['dir'] === 'string' ? resolve(opts['dir']) : scan.osv.defaultVulnDbDir(ctx.env);
    const db = await scan.osv.VulnDb.open(dir);
    const progress = new Progress(ctx.io);
    const registry = new scan.registry.RegistryClient(registryOptions(ctx, opts));
    let report: scan.ClusterScanReport;
    try {
      report = await withClient(ctx, g, async (client) => {
        progress.step(`Listing pods in ${g.namespace ?? 'all namespaces'}`);
        return scan.scanCluster(client, db, registry, {
          ...(g.namespace === undefined ? {} : { namespace: g.namespace }),
          concurrency: opts['concurrency'] as number,
          platform: opts['platform'] as string,
          signal: ctx.signal,
          ...(typeof opts['maxImageBytes'] === 'number' ? { maxImageBytes: opts['maxImageBytes'] } : {}),
          ...(typeof opts['maxEntries'] === 'number' ? { maxEntries: opts['maxEntries'] } : {}),
          onProgress: ({ done, total, image }) => progress.status(`[${done}/${total}] ${image}`),
        });
      });
    } finally {
      registry.close();
    }
    progress.done(`${report.images.length} image(s) scanned, ${report.failed} failed`);
    for (const img of report.images)
      for (const w of img.report?.warnings ?? []) ctx.io.err.write(`warning: ${img.reference}: ${w}\n`);
    const colour = (level: string, text: string): string =>
      paint(
        ctx.io,
        level === 'critical' || level === 'high' ? 'red' : level === 'medium' ? 'yellow' : 'dim',
        text,
      );
    const flags = reportFlags(opts);
    const threshold = opts['severityThreshold'] as SeverityThreshold;
    let findingsExit: boolean;
    if (
      flags.format !== undefined ||
      flags.report !== undefined ||
      flags.ignoreFile !== undefined ||
      flags.vex !== undefined
    ) {
      // The report formats of quai scan image, one target per image; ignore rules and VEX are
      // applied before the threshold decides (SCAN_FINDINGS is thrown there).
      for (const img of report.images)
        if (img.error !== undefined)
          ctx.io.err.write(`error: ${img.reference}: [${img.error.code}] ${img.error.message}\n`);
      const targets = scan.report.targetsFromCluster(report);
      const results = await emitScanResults(ctx, targets, flags, g.output);
      findingsExit = scan.report
        .activeFindings(results)
        .some((f) => scan.atOrAbove(f.vulnerability.severity.level, threshold));
    } else {
      print(ctx.io, g.output, scan.clusterReportJson(report), () => formatCluster(report, colour));
      const failing = report.images.reduce(
        (n, img) =>
          n +
          (img.report?.findings.filter((f) => scan.atOrAbove(f.vulnerability.severity.level, threshold))
            .length ?? 0),
        0,
      );
      findingsExit = failing > 0;
      if (failing > 0 && g.output !== 'text') {
        // Machine output: exactly one document on stdout; findings are a result, not an error.
        ctx.io.err.write(
          `${tr(ctx.lang, 'scan.cli.clusterFindings', { count: failing, threshold })} [SCAN_FINDINGS]\n`,
        );
        ctx.setExitCode(EXIT_CODES.findings);
      } else if (failing > 0) {
        throw new QuaiError(
          'SCAN_FINDINGS',
          msg('scan.cli.clusterFindingsError', { count: failing, threshold }),
          {
            hint: msg('scan.cli.clusterFindingsHint'),
            details: { failing, summary: report.summary, failedImages: report.failed },
          },
        );
      }
    }
    const firstError = report.images.find((i) => i.error !== undefined)?.error;
    if (firstError !== undefined && g.output !== 'text') {
      // Machine output: the report (which lists each image's error) stays the one document;
      // findings already set exit 1 and win over a failed image, as in text mode.
      const code = firstError.code as ConstructorParameters<typeof QuaiError>[0];
      ctx.io.err.write(
        `${tr(ctx.lang, 'scan.cli.imagesFailed', {
          failed: report.failed,
          total: report.images.length,
          first: firstError.i18n?.message ?? firstError.message,
        })} [${code}]\n`,
      );
      if (!findingsExit) ctx.setExitCode(exitCodeOf(code));
    } else if (firstError !== undefined) {
      const code = firstError.code as ConstructorParameters<typeof QuaiError>[0];
      throw new QuaiError(
        code,
        msg('scan.cli.imagesFailed', {
          failed: report.failed,
          total: report.images.length,
          first: firstError.i18n?.message ?? firstError.message,
        }),
        {
          hint: firstError.i18n?.hint ?? msg('scan.cli.imagesFailedHint'),
        },
      );
    }
  });
  return cmd;
}
