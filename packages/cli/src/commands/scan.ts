import { resolve } from 'node:path';
import type { Command } from 'commander';
import * as scan from '@quai/core/scan';
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
import { dirHelp } from './vulndb.js';
import { scanClusterCommand } from './scan-cluster.js';
import { addImageSourceOptions, readImageInventory } from './scan-source.js';
import type { CommandModule } from './types.js';

export const sbomCommand: CommandModule = {
  name: 'sbom',
  register(parent, ctx) {
    const cmd = parent
      .command('sbom')
      .description(
        'Write a CycloneDX 1.6 SBOM (JSON) of an image: registry reference, docker save archive, OCI layout or root filesystem',
      )
      .argument(
        '<image>',
        'registry reference, docker save archive, OCI layout folder or root filesystem folder',
      )
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--out <file>', 'write the SBOM to this file (atomically) instead of standard output');
    addImageSourceOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} sbom grist-oci > grist.cdx.json
  ${ctx.programName} sbom registry.example.fr/team/app:1.2 --out app.cdx.json
  docker save app:1.2 -o app.tar && ${ctx.programName} sbom app.tar --out app.cdx.json
  ${ctx.programName} sbom grist-oci --platform linux/arm64 --out grist-arm64.cdx.json
  ${ctx.programName} sbom /mnt/rootfs | jq '.components | length'

Every component has its package URL (purl) and the files it was found in. No vulnerability data
is needed; quai scan image --sbom adds the findings to the same document.`,
    );
    cmd.action(async (path: string, opts: Record<string, unknown>) => {
      const target = path;
      await scan.detectImageSource(target); // a missing file is a usage error, before anything else
      const progress = new Progress(ctx.io);
      const inv = await readImageInventory(ctx, target, opts, progress);
      for (const w of inv.warnings) ctx.io.err.write(`warning: ${w}\n`);
      const text = `${JSON.stringify(scan.toCycloneDx(inv, { target: path, toolVersion: ctx.version }), null, 2)}\n`;
      if (typeof opts['out'] === 'string') {
        await writeFileAtomic(resolve(opts['out']), text);
        progress.done(`${inv.packages.length} packages written to ${opts['out']}`);
      } else {
        ctx.io.out.write(text);
        progress.done(`${inv.packages.length} packages`);
      }
    });
  },
};

export const scanCommand: CommandModule = {
  name: 'scan',
  register(parent, ctx) {
    const group = parent.command('scan').description('Scan images for known vulnerabilities, offline');
    group.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} scan image ./grist-oci --severity-threshold critical
  ${ctx.programName} scan image ./rootfs -o json > report.json`,
    );
    const cmd = group
      .command('image')
      .description(
        'Scan an image (registry reference, docker save archive, OCI layout or root filesystem) against the local vulnerability store',
      )
      .argument(
        '<image>',
        'registry reference, docker save archive, OCI layout folder or root filesystem folder',
      )
      .option('--platform <os/arch>', 'platform to pick from a multi-platform image', 'linux/amd64')
      .option('--dir <folder>', dirHelp(ctx.lang))
      .option('--sbom <file>', 'also write a CycloneDX 1.6 SBOM with the findings as vulnerabilities');
    addImageSourceOptions(cmd);
    addReportOptions(cmd);
    addTrivyOptions(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  skopeo copy docker://docker.io/gristlabs/grist:1.1.15 oci:grist-oci
  ${ctx.programName} scan image grist-oci
  ${ctx.programName} scan image registry.example.fr/team/app:1.2 --registry-username ci --registry-password-stdin < token
  ${ctx.programName} scan image app.tar --image app:1.2
  ${ctx.programName} scan image grist-oci --platform linux/arm64 --severity-threshold critical
  ${ctx.programName} scan image /mnt/rootfs -o json | jq '.summary'
  ${ctx.programName} scan image grist-oci --sbom grist.cdx.json
  ${ctx.programName} scan image grist-oci --format gitlab > gl-container-scanning-report.json
  ${ctx.programName} scan image grist-oci --report sarif=quai.sarif --report spdx=grist.spdx.json
  ${ctx.programName} scan image grist-oci --vex accepted.openvex.json --format openvex > grist.openvex.json
  ${ctx.programName} scan image grist-oci --trivy --trivy-bin /opt/trivy/trivy

Layers are read as streams (digests checked, whiteouts applied), never extracted. Debian and
Alpine packages are matched under their source package, as their advisories name them. Import
vulnerability data first with quai vulndb import. IMAGE is a registry reference (pulled as a
stream, nothing written to disk), a docker save archive, an OCI layout folder or a root filesystem
folder; see docs/scan.md for registry credentials and air-gapped mirrors.`,
    );
    group.addCommand(scanImportCommand(ctx));
    group.addCommand(scanClusterCommand(ctx));
    cmd.action(async (path: string, opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const target = path;
      await scan.detectImageSource(target); // a missing file is a usage error, before anything else
      const dir = typeof opts['dir'] === 'string' ? resolve(opts['dir']) : scan.osv.defaultVulnDbDir(ctx.env);
      const db = await scan.osv.VulnDb.open(dir);
      const progress = new Progress(ctx.io);
      const inv = await readImageInventory(ctx, target, opts, progress);
      progress.step(`Matching ${inv.packages.length} packages against ${dir}`);
      const report = await scan.scanInventory(db, inv);
      progress.done(`${report.findings.length} finding(s)`);
      for (const w of report.warnings) ctx.io.err.write(`warning: ${w}\n`);
      if (typeof opts['sbom'] === 'string') {
        const bom = scan.toCycloneDx(inv, { target: path, toolVersion: ctx.version }, report);
        await writeFileAtomic(resolve(opts['sbom']), `${JSON.stringify(bom, null, 2)}\n`);
        ctx.io.err.write(
          `CycloneDX SBOM with ${report.findings.length} vulnerabilities written to ${opts['sbom']}\n`,
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
