import { resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Command } from 'commander';
import * as scan from '@quai/core/scan';
import { QuaiError } from '@quai/core/errors';
import { duration, globalOptions, type CommandContext } from '../context.js';
import { paint, print } from '../output.js';
import { Progress } from '../progress.js';
import type { CommandModule } from './types.js';

const { osv } = scan;

function storeDir(ctx: CommandContext, opts: Record<string, unknown>): string {
  return typeof opts['dir'] === 'string' ? resolve(opts['dir']) : osv.defaultVulnDbDir(ctx.env);
}

export const DIR_HELP =
  'vulnerability store folder (default: $QUAI_CACHE_DIR/vulndb, else ~/.cache/quai/vulndb)';

function formatStatus(status: scan.osv.VulnDbStatus): string {
  if (!status.exists) return `No vulnerability data in ${status.dir} yet: run quai vulndb import.`;
  const rows = status.ecosystems.map(
    (e) =>
      `  ${e.ecosystem.padEnd(24)} ${String(e.records).padStart(8)} ${String(e.packages).padStart(9)}  ${e.lastModified}`,
  );
  const last = status.imports.at(-1);
  return [
    `Vulnerability store ${status.dir}`,
    `${status.records} records, updated ${status.updatedAt ?? 'never'}`,
    '',
    `  ${'ECOSYSTEM'.padEnd(24)} ${'RECORDS'.padStart(8)} ${'PACKAGES'.padStart(9)}  NEWEST RECORD`,
    ...rows,
    ...(last === undefined ? [] : ['', `Last import: ${last.path} at ${last.importedAt}`]),
  ].join('\n');
}

export const vulndbCommand: CommandModule = {
  name: 'vulndb',
  register(parent, ctx) {
    const vulndb = parent
      .command('vulndb')
      .description('Keep a local, offline copy of vulnerability data (OSV) for image scanning');
    vulndb.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} vulndb import Debian-all.zip Alpine-all.zip npm-all.zip
  ${ctx.programName} vulndb status
  ${ctx.programName} vulndb query Debian:12 openssl 3.0.11-1~deb12u1`,
    );

    const imp = vulndb
      .command('import')
      .description('Import OSV data: per-ecosystem zip dumps, JSON records, or folders of them')
      .argument('<source...>', 'zip dumps (<Ecosystem>/all.zip), OSV JSON files, or folders')
      .option('--dir <folder>', DIR_HELP)
      .option('--allow-invalid', 'exit 0 even when some records were rejected (they are still listed)');
    imp.addHelpText(
      'after',
      `
Examples:
  # on a machine with Internet access
  curl -fLO https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip && mv all.zip Debian-all.zip
  # on the air-gapped machine, after copying the file
  ${ctx.programName} vulndb import Debian-all.zip
  ${ctx.programName} vulndb import ./osv-mirror/ --dir /srv/quai/vulndb
  ${ctx.programName} vulndb import GHSA-xxxx.json -o json

Imports are incremental and atomic: a record replaces the stored one when its "modified" date is
newer, or when it comes from the source that owns it (a re-import of Debian/all.zip replaces and
drops what that dump holds); dates more than a day ahead are refused. The new store is staged,
then switched in one step: an interrupted import leaves the previous one answering. Invalid records are
listed with their file and field; the valid ones are imported, and the command exits 2 unless
--allow-invalid is given.`,
    );
    imp.action(async (sources: string[], opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const dir = storeDir(ctx, opts);
      const progress = new Progress(ctx.io);
      progress.step(`Importing ${sources.length} source(s) into ${dir}`);
      const report = await osv.importOsv({
        dir,
        sources: sources.map((s) => resolve(s)),
        signal: ctx.signal,
        onProgress: (p) =>
          progress.status(
            p.phase === 'read'
              ? `reading ${p.done}${p.total === undefined ? '' : `/${p.total}`} ${p.source}`
              : `writing ${p.done}/${p.total ?? '?'} shards (${p.source})`,
          ),
      });
      progress.done(
        `${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
      );
      for (const r of report.rejected) {
        ctx.io.err.write(`${paint(ctx.io, 'yellow', 'rejected')} ${r.message}\n`);
      }
      print(ctx.io, g.output, report, () =>
        [
          `Imported into ${report.dir}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed.`,
          `Store size: ${(report.bytesBefore / 1048576).toFixed(1)} MiB before, ${(report.bytesAfter / 1048576).toFixed(1)} MiB after.`,
          ...(report.withoutPackage > 0
            ? [`${report.withoutPackage} record(s) name no package (GIT ranges only) and were skipped.`]
            : []),
          ...(report.ecosystems.length > 0 ? [`Ecosystems changed: ${report.ecosystems.join(', ')}`] : []),
        ].join('\n'),
      );
      if (report.rejected.length > 0 && opts['allowInvalid'] !== true) {
        throw new QuaiError(
          'INPUT_INVALID',
          `${report.rejected.length} record(s) were rejected (listed above); the other records were imported.`,
          {
            hint: 'Fix or remove the invalid files, or pass --allow-invalid to accept a partial import.',
            details: { rejected: report.rejected.map((r) => r.source) },
          },
        );
      }
    });

    const update = vulndb
      .command('update')
      .description(
        'Update the store from an internal mirror of osv.dev (URL or folder): only the ecosystems in use, checked, imported at once',
      )
      .requiredOption('--from <url|folder>', 'mirror laid out as osv.dev publishes it: <Ecosystem>/all.zip')
      .option(
        '--ecosystem <name>',
        'an ecosystem to fetch besides those the store holds (repeat it): Debian, Alpine, npm, PyPI, Packagist, ...',
        (v: string, prev: string[] = []) => [...prev, v],
      )
      .option('--dir <folder>', DIR_HELP)
      .option('--timeout <duration>', 'time limit of one download', duration(), 600_000)
      .option('--allow-invalid', 'exit 0 even when some records were rejected (they are still listed)')
      .option(
        '--cronjob',
        'print a CronJob (and its volume claim) that runs this update in the cluster, instead of running it',
      )
      .option('--schedule <cron>', 'with --cronjob: when it runs', '17 3 * * *')
      .option('--time-zone <zone>', 'with --cronjob: time zone of the schedule (Europe/Paris)')
      .option('--image <image>', `with --cronjob: the Quai image (default quai/quai:${ctx.version})`)
      .option('--claim <name>', 'with --cronjob: PersistentVolumeClaim holding the store', 'quai-vulndb')
      .option('--claim-size <size>', 'with --cronjob: also create the claim, of this size (2Gi)')
      .option(
        '--ca-configmap <name>',
        'with --cronjob: ConfigMap with ca.crt, the authority of an HTTPS mirror',
      );
    update.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} vulndb update --from https://miroir.cd49.fr/osv/ --ecosystem Debian --ecosystem Packagist
  ${ctx.programName} vulndb update --from https://miroir.cd49.fr/osv/        # later: the ecosystems the store holds
  ${ctx.programName} vulndb update --from /mnt/osv-mirror --dir /srv/quai/vulndb
  ${ctx.programName} vulndb update --from https://miroir.cd49.fr/osv/ --ecosystem Debian \
      --cronjob -n quai-system --claim-size 2Gi --time-zone Europe/Paris | kubectl apply -f -

The mirror is checked before anything is imported: its ecosystems.txt (when it has one) must list
each ecosystem, each file must match the mirror's SHA256SUMS (when it has one), and every zip
entry's CRC-32. Downloads are conditional: an unchanged dump costs one request. Everything is
imported at once and switched atomically; a failed update leaves the store as it was.
An HTTPS mirror signed by an internal authority: NODE_EXTRA_CA_CERTS=/path/ca.crt.`,
    );
    update.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const from = String(opts['from']);
      const ecosystems = (opts['ecosystem'] as string[] | undefined) ?? [];
      if (opts['cronjob'] === true) {
        const objects = scan.vulnDbCronJobObjects({
          from,
          ecosystems,
          image: typeof opts['image'] === 'string' ? opts['image'] : `quai/quai:${ctx.version}`,
          namespace: g.namespace ?? 'quai-system',
          schedule: String(opts['schedule']),
          claim: String(opts['claim']),
          ...(typeof opts['timeZone'] === 'string' ? { timeZone: opts['timeZone'] } : {}),
          ...(typeof opts['claimSize'] === 'string' ? { claimSize: opts['claimSize'] } : {}),
          ...(typeof opts['caConfigmap'] === 'string' ? { caConfigMap: opts['caConfigmap'] } : {}),
        });
        if (g.output === 'json')
          ctx.io.out.write(
            `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`,
          );
        else ctx.io.out.write(objects.map((o) => stringify(o)).join('---\n'));
        return;
      }
      const dir = storeDir(ctx, opts);
      const progress = new Progress(ctx.io);
      progress.step(`Updating ${dir} from ${from}`);
      const report = await osv.updateFromMirror({
        dir,
        from: /^[a-z][a-z0-9+.-]*:\/\//i.test(from) ? from : resolve(from),
        ecosystems,
        timeoutMs: opts['timeout'] as number,
        signal: ctx.signal,
        onProgress: (p) =>
          progress.status(
            p.phase === 'fetch'
              ? `${p.ecosystem}: ${(p.bytes / 1048576).toFixed(1)}${p.total === undefined ? '' : `/${(p.total / 1048576).toFixed(1)}`} MiB`
              : p.phase === 'read'
                ? `reading ${p.done}${p.total === undefined ? '' : `/${p.total}`} ${p.source}`
                : `writing ${p.done}/${p.total ?? '?'} files (${p.source})`,
          ),
      });
      const imp = report.import;
      progress.done(
        imp === undefined
          ? 'nothing changed on the mirror'
          : `${imp.added} added, ${imp.updated} updated, ${imp.removed} removed, ${imp.rejected.length} rejected`,
      );
      for (const r of imp?.rejected ?? [])
        ctx.io.err.write(`${paint(ctx.io, 'yellow', 'rejected')} ${r.message}\n`);
      print(ctx.io, g.output, report, () =>
        [
          ...report.ecosystems.map((e) =>
            e.status === 'not-modified'
              ? `${e.ecosystem.padEnd(14)} not modified`
              : `${e.ecosystem.padEnd(14)} ${String(e.bytes)} bytes, sha256 ${e.sha256?.slice(0, 16) ?? ''}..., checked by ${e.verified === 'sha256sums' ? "the mirror's SHA256SUMS" : 'zip CRC-32 only (the mirror has no SHA256SUMS)'}`,
          ),
          ...(imp === undefined
            ? []
            : [
                `Imported into ${imp.dir}: ${imp.added} added, ${imp.updated} updated, ${imp.unchanged} unchanged, ${imp.removed} removed.`,
              ]),
        ].join('\n'),
      );
      if ((imp?.rejected.length ?? 0) > 0 && opts['allowInvalid'] !== true) {
        throw new QuaiError(
          'INPUT_INVALID',
          `${imp!.rejected.length} record(s) were rejected (listed above); the other records were imported.`,
          { hint: 'Pass --allow-invalid to accept them being left out.' },
        );
      }
    });

    const status = vulndb
      .command('status')
      .description('Show what the local vulnerability store holds, per ecosystem')
      .option('--dir <folder>', DIR_HELP);
    status.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} vulndb status
  ${ctx.programName} vulndb status --dir /srv/quai/vulndb -o json`,
    );
    status.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const s = await osv.vulnDbStatus(storeDir(ctx, opts));
      print(ctx.io, g.output, s, () => formatStatus(s));
    });

    const query = vulndb
      .command('query')
      .description('List the vulnerabilities of one package version (exit 1 when there are some)')
      .argument('<ecosystem>', 'OSV ecosystem: Debian:12, Alpine:v3.20, npm, PyPI, Go, Maven, ...')
      .argument('<package>', 'package name as the ecosystem spells it (Debian: the source package)')
      .argument('<version>', 'installed version')
      .option('--dir <folder>', DIR_HELP);
    query.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} vulndb query Debian:12 openssl 3.0.11-1~deb12u1
  ${ctx.programName} vulndb query npm lodash 4.17.20 -o json
  ${ctx.programName} vulndb query Maven org.apache.logging.log4j:log4j-core 2.14.1`,
    );
    query.action(
      async (
        ecosystem: string,
        name: string,
        version: string,
        opts: Record<string, unknown>,
        self: Command,
      ) => {
        const g = globalOptions(self.optsWithGlobals());
        if (scan.versions.schemeForEcosystem(ecosystem) === undefined) {
          ctx.io.err.write(
            `warning: Quai cannot order versions of ecosystem "${ecosystem}"; only explicitly listed versions can match.\n`,
          );
        }
        const db = await osv.VulnDb.open(storeDir(ctx, opts));
        const result = await db.match({ ecosystem, name, version });
        for (const w of result.warnings) ctx.io.err.write(`warning: ${w}\n`);
        print(ctx.io, g.output, result, () =>
          result.matches.length === 0
            ? `${name} ${version} (${ecosystem}): no known vulnerability.`
            : [
                `${name} ${version} (${ecosystem}): ${result.matches.length} vulnerabilit${result.matches.length === 1 ? 'y' : 'ies'}`,
                ...result.matches.map((m) => {
                  const sev =
                    m.severity.score === undefined
                      ? m.severity.level
                      : `${m.severity.level} ${m.severity.score}`;
                  const fix = m.fixedVersion === undefined ? 'no fix known' : `fixed in ${m.fixedVersion}`;
                  const aliases = m.aliases.length > 0 ? ` (${m.aliases.join(', ')})` : '';
                  return `  ${m.id}${aliases}  ${sev}  ${fix}${m.summary === undefined ? '' : `  ${m.summary}`}`;
                }),
              ].join('\n'),
        );
        if (result.matches.length > 0) ctx.setExitCode(1);
      },
    );
  },
};
