import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT_CODES, exitCodeOf, localize, msg, textOf, tr, type Lang } from '@quai/contracts';
import * as scan from '@quai/core/scan/base';
import { QuaiError } from '@quai/core/errors';
import { globalOptions, withClient, type CommandContext } from '../context.js';
import { paint, print } from '../output.js';
import { Progress } from '../progress.js';
import { addReportOptions, emitScanResults, reportFlags, type SeverityThreshold } from './scan-report.js';
import { dirHelp } from './vulndb-dir.js';
import { addImageSourceOptions, layerCacheOption, registryOptions } from './scan-source.js';
import { examplesText } from './help.js';

function concurrency(l: Lang, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64)
    throw new InvalidArgumentError(tr(l, 'scan.cli.concurrency'));
  return Number(value);
}

function formatCluster(
  l: Lang,
  r: scan.ClusterScanReport,
  colour: (level: string, text: string) => string,
): string {
  const counts = (s: scan.ClusterScanReport['summary']): string =>
    tr(l, 'scan.cli.cluster.counts', {
      critical: s.critical,
      high: s.high,
      medium: s.medium,
      low: s.low,
      unknown: s.unknown,
    });
  const lines = [
    r.namespace === undefined
      ? tr(l, 'scan.cli.cluster.head', { images: r.images.length, pods: r.pods })
      : tr(l, 'scan.cli.cluster.headIn', { images: r.images.length, pods: r.pods, namespace: r.namespace }),
    '',
  ];
  for (const img of r.images) {
    const where = [...new Set(img.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`))];
    if (img.error !== undefined) {
      lines.push(`${colour('critical', tr(l, 'cli.error'))} ${img.reference}`);
      lines.push(`  [${img.error.code}] ${textOf(l, img.error.i18n?.message ?? img.error.message)}`);
    } else {
      lines.push(
        `${img.reference} (${img.platform})  ${tr(l, 'scan.cli.packages', { count: img.report!.packages })}  ${counts(img.report!.summary)}`,
      );
      for (const f of img.report!.findings.filter((x) =>
        ['critical', 'high'].includes(x.vulnerability.severity.level),
      )) {
        const v = f.vulnerability;
        lines.push(
          `  ${colour(v.severity.level, v.severity.level.padEnd(9))} ${f.package.name} ${f.package.version}  ${v.id}  ${v.fixedVersion === undefined ? tr(l, 'scan.cli.cluster.noFix') : tr(l, 'scan.cli.cluster.fixedIn', { version: v.fixedVersion })}`,
        );
      }
    }
    lines.push(
      `  ${
        img.images.length > 1
          ? tr(l, 'scan.cli.cluster.usedByAs', { workloads: where.join(', '), images: img.images.join(', ') })
          : tr(l, 'scan.cli.cluster.usedBy', { workloads: where.join(', ') })
      }`,
    );
  }
  lines.push('', tr(l, 'scan.cli.cluster.foot', { counts: counts(r.summary), failed: r.failed }));
  return lines.join('\n');
}

export function scanClusterCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const p = ctx.programName;
  const cmd = new Command('cluster')
    .description(tr(l, 'scan.cli.cluster.summary'))
    .option('--platform <os/arch>', tr(l, 'scan.cli.flag.clusterPlatform'), 'linux/amd64')
    .option('--concurrency <n>', tr(l, 'scan.cli.flag.concurrency'), (v: string) => concurrency(l, v), 4)
    .option('--dir <folder>', dirHelp(l));
  addImageSourceOptions(cmd, l, false);
  addReportOptions(cmd, l);
  cmd.addHelpText(
    'after',
    examplesText(
      l,
      [
        `${p} scan cluster`,
        `${p} scan cluster -n grist --severity-threshold critical`,
        `${p} scan cluster --concurrency 8 -o json > cluster-scan.json`,
        `${p} scan cluster --insecure-registry registry.lan:5000 --registry-ca /etc/quai/ca.pem`,
        `${p} scan cluster --format gitlab > gl-container-scanning-report.json`,
        `${p} scan cluster --report sarif=cluster.sarif --vex accepted.openvex.json`,
        `${p} scan cluster --no-layer-cache`,
      ],
      tr(l, 'scan.cli.help.cluster'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const dir = typeof opts['dir'] === 'string' ? resolve(opts['dir']) : scan.osv.defaultVulnDbDir(ctx.env);
    const db = await scan.osv.VulnDb.open(dir);
    const progress = new Progress(ctx.io, l);
    const registry = new scan.registry.RegistryClient(registryOptions(ctx, opts));
    let report: scan.ClusterScanReport;
    try {
      report = await withClient(ctx, g, async (client) => {
        progress.step(
          g.namespace === undefined
            ? tr(l, 'scan.cli.listingPods')
            : tr(l, 'scan.cli.listingPodsIn', { namespace: g.namespace }),
        );
        return scan.scanCluster(client, db, registry, {
          ...(g.namespace === undefined ? {} : { namespace: g.namespace }),
          concurrency: opts['concurrency'] as number,
          platform: opts['platform'] as string,
          signal: ctx.signal,
          ...(typeof opts['maxImageBytes'] === 'number' ? { maxImageBytes: opts['maxImageBytes'] } : {}),
          ...(typeof opts['maxEntries'] === 'number' ? { maxEntries: opts['maxEntries'] } : {}),
          // The layer cache of scan image: a layer read by either is not read again.
          ...layerCacheOption(ctx, opts),
          onProgress: ({ done, total, image }) => progress.status(`[${done}/${total}] ${image}`),
        });
      });
    } finally {
      registry.close();
    }
    progress.done(tr(l, 'scan.cli.clusterDone', { images: report.images.length, failed: report.failed }));
    for (const img of report.images)
      for (const w of img.report?.warnings ?? [])
        ctx.io.err.write(`${tr(l, 'scan.cli.imageWarning', { image: img.reference, warning: w })}\n`);
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
          ctx.io.err.write(
            `${tr(l, 'scan.cli.imageError', { image: img.reference, code: img.error.code, message: textOf(l, img.error.i18n?.message ?? img.error.message) })}\n`,
          );
      const targets = scan.report.targetsFromCluster(report);
      const results = await emitScanResults(ctx, targets, flags, g.output);
      findingsExit = scan.report
        .activeFindings(results)
        .some((f) => scan.atOrAbove(f.vulnerability.severity.level, threshold));
    } else {
      print(ctx.io, g.output, localize(scan.clusterReportJson(report), l), () =>
        formatCluster(l, report, colour),
      );
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
