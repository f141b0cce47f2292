import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatBytes, tr, scanUseCases, type Lang, type ResultOf } from '@quai/contracts';
import * as scan from '@quai/core/scan/base';
import { duration, globalOptions, runUseCase, type CommandContext } from '../context.js';
import { paint, yamlText } from '../output.js';
import type { CommandModule } from './types.js';
import { dirHelp } from './vulndb-dir.js';

type Imported = ResultOf<(typeof scanUseCases)['vulndb.import']>;
type Status = ResultOf<(typeof scanUseCases)['vulndb.status']>;

function examples(ctx: CommandContext, lines: readonly string[], note?: string): string {
  const body = lines.map((x) => `  ${ctx.programName} ${x}`).join('\n');
  return `\n${tr(ctx.lang, 'cli.help.examples')}\n${body}${note === undefined ? '' : `\n\n${note}`}`;
}

const dirOf = (opts: Record<string, unknown>): { dir?: string } =>
  typeof opts['dir'] === 'string' ? { dir: resolve(opts['dir']) } : {};

function importText(l: Lang, r: Imported): string {
  return [
    tr(l, 'vulndb.imported', {
      dir: r.dir,
      added: r.added,
      updated: r.updated,
      unchanged: r.unchanged,
      removed: r.removed,
    }),
    tr(l, 'vulndb.size', { before: formatBytes(l, r.bytesBefore), after: formatBytes(l, r.bytesAfter) }),
    ...(r.withoutPackage > 0 ? [tr(l, 'vulndb.withoutPackage', { count: r.withoutPackage })] : []),
    ...(r.ecosystems.length > 0
      ? [tr(l, 'vulndb.ecosystemsChanged', { list: r.ecosystems.join(', ') })]
      : []),
  ].join('\n');
}

/** Rejected records on stderr, then a note when they make the outcome partial. */
function reportRejected(ctx: CommandContext, r: Imported | undefined, allowInvalid: boolean): void {
  for (const p of r?.rejected ?? [])
    ctx.io.err.write(`${paint(ctx.io, 'yellow', tr(ctx.lang, 'vulndb.rejected', { message: p.message }))}\n`);
  if (r !== undefined && r.rejected.length > 0 && !allowInvalid)
    ctx.io.err.write(`${tr(ctx.lang, 'vulndb.someRejected', { count: r.rejected.length })}\n`);
}

function statusText(l: Lang, s: Status): string {
  if (!s.exists) return tr(l, 'vulndb.status.empty', { dir: s.dir });
  const [c1 = '', c2 = '', c3 = '', c4 = ''] = tr(l, 'vulndb.status.columns').split('|');
  const last = s.imports.at(-1);
  return [
    tr(l, 'vulndb.status.head', { dir: s.dir }),
    tr(l, 'vulndb.status.summary', {
      records: s.records,
      size: formatBytes(l, s.bytes),
      updatedAt: s.updatedAt ?? tr(l, 'vulndb.status.never'),
    }),
    '',
    `  ${c1.padEnd(24)} ${c2.padStart(8)} ${c3.padStart(9)}  ${c4}`,
    ...s.ecosystems.map(
      (e) =>
        `  ${e.ecosystem.padEnd(24)} ${String(e.records).padStart(8)} ${String(e.packages).padStart(9)}  ${e.lastModified}`,
    ),
    ...(last === undefined
      ? []
      : ['', tr(l, 'vulndb.status.lastImport', { path: last.path, at: last.importedAt })]),
  ].join('\n');
}

export const vulndbCommand: CommandModule = {
  name: 'vulndb',
  register(parent, ctx) {
    const l = ctx.lang;
    const vulndb = parent.command('vulndb').description(tr(l, 'vulndb.description'));
    vulndb.addHelpText(
      'after',
      examples(ctx, [
        'vulndb import Debian-all.zip Alpine-all.zip npm-all.zip',
        'vulndb update --from https://miroir.cd49.fr/osv/ --ecosystem Debian',
        'vulndb status',
        'vulndb query Debian:12 openssl 3.0.11-1~deb12u1',
      ]),
    );

    const imp = vulndb
      .command('import')
      .description(scanUseCases['vulndb.import'].summary[l])
      .argument('<source...>', tr(l, 'vulndb.arg.sources'))
      .option('--dir <folder>', dirHelp(l))
      .option('--allow-invalid', tr(l, 'vulndb.flag.allowInvalid'));
    imp.addHelpText(
      'after',
      examples(
        ctx,
        [
          'vulndb import Debian-all.zip',
          'vulndb import ./osv-mirror/ --dir /srv/quai/vulndb',
          'vulndb import GHSA-xxxx.json -o json',
        ],
        tr(l, 'vulndb.help.import'),
      ),
    );
    imp.action(async (sources: string[], opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const allowInvalid = opts['allowInvalid'] === true;
      const r = await runUseCase(
        ctx,
        g,
        'vulndb.import',
        { sources: sources.map((s) => ({ file: resolve(s) })), ...dirOf(opts), allowInvalid },
        (result) => importText(l, result),
      );
      reportRejected(ctx, r, allowInvalid);
    });

    const update = vulndb
      .command('update')
      .description(scanUseCases['vulndb.update'].summary[l])
      .requiredOption('--from <url|folder>', tr(l, 'vulndb.flag.from'))
      .option('--ecosystem <name>', tr(l, 'vulndb.flag.ecosystem'), (v: string, prev: string[] = []) => [
        ...prev,
        v,
      ])
      .option('--dir <folder>', dirHelp(l))
      .option('--timeout <duration>', tr(l, 'vulndb.flag.timeout'), duration(), 600_000)
      .option('--allow-invalid', tr(l, 'vulndb.flag.allowInvalid'))
      .option('--cronjob', tr(l, 'vulndb.flag.cronjob'))
      .option('--schedule <cron>', tr(l, 'vulndb.flag.schedule'), '17 3 * * *')
      .option('--time-zone <zone>', tr(l, 'vulndb.flag.timeZone'))
      .option('--image <image>', tr(l, 'vulndb.flag.image', { image: `quai/quai:${ctx.version}` }))
      .option('--claim <name>', tr(l, 'vulndb.flag.claim'), 'quai-vulndb')
      .option('--claim-size <size>', tr(l, 'vulndb.flag.claimSize'))
      .option('--ca-configmap <name>', tr(l, 'vulndb.flag.caConfigMap'));
    update.addHelpText(
      'after',
      examples(
        ctx,
        [
          'vulndb update --from https://miroir.cd49.fr/osv/ --ecosystem Debian --ecosystem Packagist',
          'vulndb update --from https://miroir.cd49.fr/osv/',
          'vulndb update --from /mnt/osv-mirror --dir /srv/quai/vulndb',
          'vulndb update --from https://miroir.cd49.fr/osv/ --ecosystem Debian --cronjob -n quai-system --claim-size 2Gi --time-zone Europe/Paris | kubectl apply -f -',
        ],
        tr(l, 'vulndb.help.update'),
      ),
    );
    update.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const from = String(opts['from']);
      const ecosystems = (opts['ecosystem'] as string[] | undefined) ?? [];
      if (opts['cronjob'] === true) {
        // Rendering only: the manifests of the in-cluster form, for kubectl apply.
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
        else ctx.io.out.write(objects.map((o) => yamlText(o)).join('---\n'));
        return;
      }
      const allowInvalid = opts['allowInvalid'] === true;
      const r = await runUseCase(
        ctx,
        g,
        'vulndb.update',
        {
          from: /^[a-z][a-z0-9+.-]*:\/\//i.test(from) ? from : resolve(from),
          ecosystems,
          ...dirOf(opts),
          timeoutMs: opts['timeout'] as number,
          allowInvalid,
        },
        (report) =>
          [
            ...report.ecosystems.map((e) =>
              e.status === 'not-modified'
                ? tr(l, 'vulndb.update.notModified', { ecosystem: e.ecosystem })
                : tr(l, 'vulndb.update.downloaded', {
                    ecosystem: e.ecosystem,
                    bytes: formatBytes(l, e.bytes ?? 0),
                    sha256: `${(e.sha256 ?? '').slice(0, 16)}...`,
                    check: tr(
                      l,
                      e.verified === 'sha256sums' ? 'vulndb.update.bySums' : 'vulndb.update.byZip',
                    ),
                  }),
            ),
            report.import === undefined ? tr(l, 'vulndb.update.nothing') : importText(l, report.import),
          ].join('\n'),
      );
      reportRejected(ctx, r.import, allowInvalid);
    });

    const status = vulndb
      .command('status')
      .description(scanUseCases['vulndb.status'].summary[l])
      .option('--dir <folder>', dirHelp(l));
    status.addHelpText(
      'after',
      examples(ctx, ['vulndb status', 'vulndb status --dir /srv/quai/vulndb -o json']),
    );
    status.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      await runUseCase(ctx, g, 'vulndb.status', dirOf(opts), (s) => statusText(l, s));
    });

    const query = vulndb
      .command('query')
      .description(scanUseCases['vulndb.query'].summary[l])
      .argument('<ecosystem>', tr(l, 'vulndb.arg.ecosystem'))
      .argument('<package>', tr(l, 'vulndb.arg.package'))
      .argument('<version>', tr(l, 'vulndb.arg.version'))
      .option('--dir <folder>', dirHelp(l));
    query.addHelpText(
      'after',
      examples(ctx, [
        'vulndb query Debian:12 openssl 3.0.11-1~deb12u1',
        'vulndb query npm lodash 4.17.20 -o json',
        'vulndb query Packagist symfony/http-kernel v5.4.20',
      ]),
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
        if (scan.versions.schemeForEcosystem(ecosystem) === undefined)
          ctx.io.err.write(`warning: ${tr(l, 'vulndb.query.unknownEcosystem', { ecosystem })}\n`);
        const result = await runUseCase(
          ctx,
          g,
          'vulndb.query',
          { ecosystem, name, version, ...dirOf(opts) },
          (r) =>
            r.matches.length === 0
              ? tr(l, 'vulndb.query.none', { name, version, ecosystem })
              : [
                  tr(l, 'vulndb.query.head', { name, version, ecosystem, count: r.matches.length }),
                  ...r.matches.map((m) => {
                    const sev =
                      m.severity.score === undefined
                        ? m.severity.level
                        : `${m.severity.level} ${m.severity.score}`;
                    const fix =
                      m.fixedVersion === undefined
                        ? tr(l, 'vulndb.query.noFix')
                        : tr(l, 'vulndb.query.fixedIn', { version: m.fixedVersion });
                    const aliases = m.aliases.length > 0 ? ` (${m.aliases.join(', ')})` : '';
                    return `  ${m.id}${aliases}  ${sev}  ${fix}${m.summary === undefined ? '' : `  ${m.summary}`}`;
                  }),
                ].join('\n'),
        );
        for (const w of result.warnings) ctx.io.err.write(`warning: ${w}\n`);
      },
    );
  },
};
