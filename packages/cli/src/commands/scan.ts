import { resolve } from 'node:path';
import type { Command } from 'commander';
import { tr } from '@quai/contracts';
import * as scan from '@quai/core/scan/base';
import { writeFileAtomic } from '@quai/core/util';
import { globalOptions } from '../context.js';
import { Progress } from '../progress.js';
import {
  addReportOptions,
  addTrivyOptions,
  emitScanResults,
  reportFlags,
  scanImportCommand,
  trivyTarget,
} from './scan-report.js';
import { dirHelp } from './vulndb-dir.js';
import { scanClusterCommand } from './scan-cluster.js';
import { addImageSourceOptions, readImageInventory } from './scan-source.js';
import { examplesText } from './help.js';
import type { CommandModule } from './types.js';

export const sbomCommand: CommandModule = {
  name: 'sbom',
  register(parent, ctx) {
    const l = ctx.lang;
    const p = ctx.programName;
    const cmd = parent
      .command('sbom')
      .description(tr(l, 'scan.cli.sbom.summary'))
      .argument('<image>', tr(l, 'scan.cli.arg.image'))
      .option('--platform <os/arch>', tr(l, 'scan.cli.flag.platform'), 'linux/amd64')
      .option('--out <file>', tr(l, 'scan.cli.flag.sbomOut'));
    addImageSourceOptions(cmd, l);
    cmd.addHelpText(
      'after',
      examplesText(
        l,
        [
          `${p} sbom grist-oci > grist.cdx.json`,
          `${p} sbom registry.example.fr/team/app:1.2 --out app.cdx.json`,
          `docker save app:1.2 -o app.tar && ${p} sbom app.tar --out app.cdx.json`,
          `${p} sbom grist-oci --platform linux/arm64 --out grist-arm64.cdx.json`,
          `${p} sbom /mnt/rootfs | jq '.components | length'`,
        ],
        tr(l, 'scan.cli.help.sbom'),
      ),
    );
    cmd.action(async (path: string, opts: Record<string, unknown>) => {
      const target = path;
      await scan.detectImageSource(target); // a missing file is a usage error, before anything else
      const progress = new Progress(ctx.io, l);
      const inv = await readImageInventory(ctx, target, opts, progress);
      for (const w of inv.warnings) ctx.io.err.write(`${tr(l, 'scan.cli.warning', { warning: w })}\n`);
      const text = `${JSON.stringify(scan.toCycloneDx(inv, { target: path, toolVersion: ctx.version }), null, 2)}\n`;
      if (typeof opts['out'] === 'string') {
        await writeFileAtomic(resolve(opts['out']), text);
        progress.done(tr(l, 'scan.cli.packagesWritten', { count: inv.packages.length, file: opts['out'] }));
      } else {
        ctx.io.out.write(text);
        progress.done(tr(l, 'scan.cli.packages', { count: inv.packages.length }));
      }
    });
  },
};

export const scanCommand: CommandModule = {
  name: 'scan',
  register(parent, ctx) {
    const l = ctx.lang;
    const p = ctx.programName;
    const group = parent.command('scan').description(tr(l, 'scan.cli.group'));
    group.addHelpText(
      'after',
      examplesText(l, [
        `${p} scan image ./grist-oci --severity-threshold critical`,
        `${p} scan image ./rootfs -o json > report.json`,
      ]),
    );
    const cmd = group
      .command('image')
      .description(tr(l, 'scan.cli.image.summary'))
      .argument('<image>', tr(l, 'scan.cli.arg.image'))
      .option('--platform <os/arch>', tr(l, 'scan.cli.flag.platform'), 'linux/amd64')
      .option('--dir <folder>', dirHelp(l))
      .option('--sbom <file>', tr(l, 'scan.cli.flag.sbom'));
    addImageSourceOptions(cmd, l);
    addReportOptions(cmd, l);
    addTrivyOptions(cmd, l);
    cmd.addHelpText(
      'after',
      examplesText(
        l,
        [
          'skopeo copy docker://docker.io/gristlabs/grist:1.1.15 oci:grist-oci',
          `${p} scan image grist-oci`,
          `${p} scan image registry.example.fr/team/app:1.2 --registry-username ci --registry-password-stdin < token`,
          `${p} scan image app.tar --image app:1.2`,
          `${p} scan image grist-oci --platform linux/arm64 --severity-threshold critical`,
          `${p} scan image /mnt/rootfs -o json | jq '.summary'`,
          `${p} scan image grist-oci --sbom grist.cdx.json`,
          `${p} scan image grist-oci --format gitlab > gl-container-scanning-report.json`,
          `${p} scan image grist-oci --report sarif=quai.sarif --report spdx=grist.spdx.json`,
          `${p} scan image grist-oci --vex accepted.openvex.json --format openvex > grist.openvex.json`,
          `${p} scan image grist-oci --trivy --trivy-bin /opt/trivy/trivy`,
          `${p} scan image grist-oci --no-layer-cache`,
        ],
        tr(l, 'scan.cli.help.image'),
      ),
    );
    group.addCommand(scanImportCommand(ctx));
    group.addCommand(scanClusterCommand(ctx));
    cmd.action(async (path: string, opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const target = path;
      await scan.detectImageSource(target); // a missing file is a usage error, before anything else
      const dir = typeof opts['dir'] === 'string' ? resolve(opts['dir']) : scan.osv.defaultVulnDbDir(ctx.env);
      const db = await scan.osv.VulnDb.open(dir);
      const progress = new Progress(ctx.io, l);
      const inv = await readImageInventory(ctx, target, opts, progress);
      progress.step(tr(l, 'scan.cli.matching', { count: inv.packages.length, dir }));
      const report = await scan.scanInventory(db, inv);
      progress.done(tr(l, 'scan.cli.findingCount', { count: report.findings.length }));
      for (const w of report.warnings) ctx.io.err.write(`${tr(l, 'scan.cli.warning', { warning: w })}\n`);
      if (typeof opts['sbom'] === 'string') {
        const bom = scan.toCycloneDx(inv, { target: path, toolVersion: ctx.version }, report);
        await writeFileAtomic(resolve(opts['sbom']), `${JSON.stringify(bom, null, 2)}\n`);
        ctx.io.err.write(
          `${tr(l, 'scan.cli.sbomWithFindings', { count: report.findings.length, file: opts['sbom'] })}\n`,
        );
      }
      // One view for every output: the native scan, Trivy's when asked, ignore rules and VEX
      // applied; -o json|yaml writes it as one document (the same as --format json).
      const native = scan.report.targetFromScan(path, inv, report);
      const targets =
        opts['trivy'] === true ? [native, await trivyTarget(ctx, path, opts, native)] : [native];
      await emitScanResults(ctx, targets, reportFlags(opts), g.output);
    });
  },
};
