import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import {
  formatDateTime,
  formatDecimal,
  msg,
  textOf,
  tr,
  deployUseCases,
  type AppRef,
  type Lang,
  type ResultOf,
} from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import { duration, globalOptions, runUseCase, type CommandContext } from '../context.js';
import { paint, table } from '../output.js';
import type { CommandModule } from './types.js';

type Plans = ResultOf<(typeof deployUseCases)['deploy.plan']>;
type Applied = ResultOf<(typeof deployUseCases)['deploy.rollback']>;
type Statuses = ResultOf<(typeof deployUseCases)['deploy.status']>;
type Revisions = ResultOf<(typeof deployUseCases)['deploy.history']>;

function commonOptions(cmd: Command, l: Lang): Command {
  return cmd
    .option('--platform <file>', tr(l, 'deploy.flag.platform'))
    .option('--env <environment>', tr(l, 'deploy.flag.env'), 'prod')
    .option('--secrets <dir>', tr(l, 'deploy.flag.secrets'));
}

/** The request fields every deploy command takes from its flags. */
function selector(opts: Record<string, unknown>) {
  return {
    environment: opts['env'] as string,
    ...(typeof opts['platform'] === 'string' ? { platform: { file: opts['platform'] } } : {}),
  };
}

function deployInputs(files: readonly string[], opts: Record<string, unknown>) {
  return {
    ...selector(opts),
    apps: files.map((file) => ({ file })),
    ...(typeof opts['secrets'] === 'string' ? { secrets: { dir: opts['secrets'] } } : {}),
  };
}

/** An app named by its spec file (when the argument is an existing .yaml file), else by name. */
function appRef(arg: string): AppRef {
  return /\.ya?ml$/.test(arg) && existsSync(arg) ? { file: arg } : { app: arg };
}

function formatValue(l: Lang, v: unknown): string {
  const s = v === undefined ? tr(l, 'common.none') : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function planText(ctx: CommandContext, plans: Plans): string {
  const l = ctx.lang;
  return plans
    .map((p) => {
      const s = p.summary;
      const lines = [
        tr(l, 'deploy.planHead', {
          app: p.target.app,
          environment: p.target.environment,
          namespace: p.target.namespace,
          create: s.create ?? 0,
          update: s.update ?? 0,
          delete: s.delete ?? 0,
          unchanged: s.unchanged ?? 0,
        }) +
          ((s.conflict ?? 0) > 0 ? tr(l, 'deploy.planConflicts', { count: s.conflict ?? 0 }) : '') +
          ((s.owned ?? 0) > 0 ? tr(l, 'deploy.planOwned', { count: s.owned ?? 0 }) : '') +
          ((s.invalid ?? 0) > 0 ? tr(l, 'deploy.planInvalid', { count: s.invalid ?? 0 }) : ''),
      ];
      for (const c of p.changes) {
        const note = c.note ? ` (${textOf(l, c.note)})` : '';
        switch (c.kind) {
          case 'unchanged':
            break;
          case 'create':
            lines.push(paint(ctx.io, 'green', `  + ${c.object}${note}`));
            break;
          case 'delete':
            lines.push(paint(ctx.io, 'red', `  - ${c.object}${note}`));
            break;
          case 'update':
            lines.push(paint(ctx.io, 'yellow', `  ~ ${c.object}`));
            for (const f of c.fields) {
              lines.push(`      ${f.path}: ${formatValue(l, f.before)} -> ${formatValue(l, f.after)}`);
            }
            break;
          case 'conflict':
            lines.push(paint(ctx.io, 'red', `  ! ${tr(l, 'deploy.conflictLine', { object: c.object })}`));
            for (const f of c.conflicts ?? []) lines.push(`      ${f}`);
            break;
          case 'owned':
            lines.push(
              paint(
                ctx.io,
                'red',
                `  ! ${tr(l, 'deploy.ownedLine', { object: c.object, reason: textOf(l, c.note ?? '') })}`,
              ),
            );
            break;
          case 'invalid':
            lines.push(
              paint(
                ctx.io,
                'red',
                `  ! ${tr(l, 'deploy.invalidLine', { object: c.object, reason: textOf(l, c.note ?? '') })}`,
              ),
            );
            for (const f of c.fields) {
              lines.push(`      ${f.path}: ${formatValue(l, f.before)} -> ${formatValue(l, f.after)}`);
            }
            break;
        }
      }
      return lines.join('\n');
    })
    .join('\n\n');
}

function applyText(ctx: CommandContext, results: readonly Applied[]): string {
  const l = ctx.lang;
  return results
    .map((r) => {
      const head =
        tr(l, 'deploy.applyHead', {
          app: r.target.app,
          environment: r.target.environment,
          revision: r.revision,
          status: tr(l, `deploy.status.${r.status}`),
          seconds: formatDecimal(l, r.seconds),
          applied: r.applied,
        }) + (r.pruned.length > 0 ? tr(l, 'deploy.pruned', { count: r.pruned.length }) : '');
      if (r.failure === undefined) return paint(ctx.io, 'green', head);
      return [
        paint(ctx.io, 'red', head),
        `  ${tr(l, 'deploy.failedLine', { reason: textOf(l, r.failure.reason) })}`,
        ...r.failure.events.map((e) => `  ${tr(l, 'deploy.eventLine', { event: e })}`),
        r.rollback === undefined
          ? ''
          : r.rollback.status === 'deployed'
            ? `  ${tr(l, 'deploy.rolledBackToLine', { revision: r.rollback.revision ?? '', to: r.rollback.to })}`
            : `  ${tr(l, 'deploy.rollbackNotDoneLine', {
                to: r.rollback.to,
                status: tr(l, `deploy.rollback.${r.rollback.status}`),
                reason: textOf(l, r.rollback.reason ?? ''),
              })}`,
      ]
        .filter((x) => x !== '')
        .join('\n');
    })
    .join('\n');
}

function statusText(ctx: CommandContext, statuses: Statuses): string {
  const l = ctx.lang;
  return statuses
    .map((s) => {
      const head = s.revision
        ? `${tr(l, 'deploy.statusHead', {
            app: s.target.app,
            environment: s.target.environment,
            namespace: s.target.namespace,
            health: s.healthy
              ? paint(ctx.io, 'green', tr(l, 'deploy.healthy'))
              : paint(ctx.io, 'red', tr(l, 'deploy.notHealthy')),
            revision: s.revision.number,
            status: tr(l, `deploy.status.${s.revision.status}`),
            at: s.revision.deployedAt,
            by: s.revision.deployedBy,
          })}\n  ${tr(l, 'deploy.images', { images: s.revision.images.join(', ') })}`
        : tr(l, 'deploy.notDeployed', { app: s.target.app, namespace: s.target.namespace });
      const rows = s.objects.map((o) => [
        o.object,
        tr(l, `deploy.state.${o.readiness.state}`),
        textOf(l, o.readiness.message),
      ]);
      return rows.length > 0
        ? `${head}\n${table([tr(l, 'deploy.col.object'), tr(l, 'deploy.col.state'), tr(l, 'deploy.col.detail')], rows)}`
        : head;
    })
    .join('\n\n');
}

function historyText(l: Lang, revisions: Revisions): string {
  return table(
    ['revision', 'status', 'deployedAt', 'by', 'digest', 'message'].map((c) =>
      tr(l, `deploy.col.${c}` as 'deploy.col.status'),
    ),
    revisions.map((r) => [
      String(r.number),
      tr(l, `deploy.status.${r.status}`),
      l === 'en' ? r.deployedAt : formatDateTime(l, r.deployedAt),
      r.deployedBy,
      r.digest.slice(0, 19),
      r.message,
    ]),
  );
}

function examples(ctx: CommandContext, lines: readonly string[], note?: string): string {
  const body = lines.map((x) => `  ${ctx.programName} ${x}`).join('\n');
  return `\n${tr(ctx.lang, 'cli.help.examples')}\n${body}${note === undefined ? '' : `\n\n${note}`}`;
}

function planCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = commonOptions(
    new Command('plan')
      .description(deployUseCases['deploy.plan'].summary[l])
      .argument('<app-spec...>', tr(l, 'deploy.arg.appSpecs'))
      .option('--force-conflicts', tr(l, 'deploy.flag.forceConflictsPlan'))
      .option('--take-ownership', tr(l, 'deploy.flag.takeOwnershipPlan')),
    l,
  );
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'plan apps/grist/app.yaml --platform quai.yaml --env staging',
        'plan apps/*/app.yaml --env prod -o json',
      ],
      tr(l, 'deploy.help.plan'),
    ),
  );
  cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'deploy.plan',
      {
        ...deployInputs(files, opts),
        forceConflicts: opts['forceConflicts'] === true,
        takeOwnership: opts['takeOwnership'] === true,
      },
      (plans) => planText(ctx, plans),
    );
  });
  return cmd;
}

function applyCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = commonOptions(
    new Command('apply')
      .description(deployUseCases['deploy.apply'].summary[l])
      .argument('<app-spec...>', tr(l, 'deploy.arg.appSpecs'))
      .option('--force-conflicts', tr(l, 'deploy.flag.forceConflicts'))
      .option('--take-ownership', tr(l, 'deploy.flag.takeOwnership'))
      .option('--no-prune', tr(l, 'deploy.flag.noPrune'))
      .option('--no-wait', tr(l, 'deploy.flag.noWait'))
      .addOption(
        new Option('--timeout <duration>', tr(l, 'deploy.flag.timeout'))
          .argParser(duration())
          .default(300_000, '5m'),
      )
      .option('--rollback-on-failure', tr(l, 'deploy.flag.rollbackOnFailure'))
      .option('--no-rollback-on-failure', tr(l, 'deploy.flag.noRollbackOnFailure'))
      .option('--message <text>', tr(l, 'deploy.flag.message'))
      .option('--reason <text>', tr(l, 'deploy.flag.reason')),
    l,
  );
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'apply apps/grist/app.yaml --platform quai.yaml --env staging',
        'apply apps/*/app.yaml --env prod --secrets secrets/ --message "release 2026-12"',
        'apply app.yaml --env prod --no-rollback-on-failure --timeout 10m',
      ],
      tr(l, 'deploy.help.apply'),
    ),
  );
  cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'deploy.apply',
      {
        ...deployInputs(files, opts),
        forceConflicts: opts['forceConflicts'] === true,
        takeOwnership: opts['takeOwnership'] === true,
        prune: opts['prune'] !== false,
        wait: opts['wait'] !== false,
        timeoutMs: opts['timeout'] as number,
        ...(typeof opts['rollbackOnFailure'] === 'boolean'
          ? { rollbackOnFailure: opts['rollbackOnFailure'] }
          : {}),
        ...(typeof opts['message'] === 'string' ? { message: opts['message'] } : {}),
        ...(typeof opts['reason'] === 'string' ? { reason: opts['reason'] } : {}),
      },
      (results, outcome) => {
        const body = applyText(ctx, results);
        if (outcome !== 'failed') return body;
        const failed = results.filter((r) => r.status !== 'deployed');
        const id = failed.every((f) => f.rollback?.status === 'deployed')
          ? 'deploy.rolloutFailedRolledBack'
          : 'deploy.rolloutFailed';
        return `${body}\n${paint(ctx.io, 'red', tr(l, id, { apps: failed.map((f) => f.target.app).join(', ') }))}`;
      },
    );
  });
  return cmd;
}

function historyCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = commonOptions(
    new Command('history')
      .description(deployUseCases['deploy.history'].summary[l])
      .argument('<app>', tr(l, 'deploy.arg.app')),
    l,
  );
  cmd.addHelpText(
    'after',
    examples(ctx, ['history grist --env prod', 'history apps/grist/app.yaml --env staging -o json']),
  );
  cmd.action(async (app: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(ctx, g, 'deploy.history', { ...selector(opts), app: appRef(app) }, (revisions) =>
      historyText(l, revisions),
    );
  });
  return cmd;
}

function rollbackCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = commonOptions(
    new Command('rollback')
      .description(deployUseCases['deploy.rollback'].summary[l])
      .argument('<app>', tr(l, 'deploy.arg.app'))
      .option('--to <revision>', tr(l, 'deploy.flag.to'), (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1)
          throw new QuaiError('USAGE', msg('deploy.badRevision', { value: v }));
        return n;
      })
      .addOption(
        new Option('--timeout <duration>', tr(l, 'deploy.flag.timeout'))
          .argParser(duration())
          .default(300_000, '5m'),
      )
      .option('--reason <text>', tr(l, 'deploy.flag.reason'))
      .option('--via-merge-request', tr(l, 'gitlab.rollbackMr.flag.via'))
      .option('--project <path>', tr(l, 'gitlab.rollbackMr.flag.project'))
      .option('--path <folder>', tr(l, 'gitlab.rollbackMr.flag.path'))
      .option('--target-branch <branch>', tr(l, 'gitlab.rollbackMr.flag.targetBranch'))
      .option('--gitlab-url <url>', tr(l, 'gitlab.rollbackMr.flag.url'))
      .option('--dry-run', tr(l, 'gitlab.rollbackMr.flag.dryRun')),
    l,
  );
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'rollback grist --env prod --reason "release 42 breaks logins"',
        'rollback grist --env prod --to 12 --secrets secrets/grist-at-12',
        'rollback grist --env prod --via-merge-request --project infra/platform',
      ],
      `${tr(l, 'deploy.help.rollback')}\n${tr(l, 'deploy.help.rollbackSecrets')}`,
    ),
  );
  cmd.action(async (app: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    if (opts['viaMergeRequest'] === true) {
      await rollbackViaMergeRequest(ctx, g, app, opts);
      return;
    }
    await runUseCase(
      ctx,
      g,
      'deploy.rollback',
      {
        ...selector(opts),
        app: appRef(app),
        ...(typeof opts['to'] === 'number' ? { to: opts['to'] } : {}),
        ...(typeof opts['secrets'] === 'string' ? { secrets: { dir: opts['secrets'] } } : {}),
        timeoutMs: opts['timeout'] as number,
        ...(typeof opts['reason'] === 'string' ? { reason: opts['reason'] } : {}),
      },
      (r) => {
        const line = tr(l, 'deploy.rollbackHead', {
          app: r.target.app,
          revision: r.revision,
          status: tr(l, `deploy.status.${r.status}`),
          seconds: formatDecimal(l, r.seconds),
        });
        return r.failure === undefined
          ? line
          : `${paint(ctx.io, 'red', line)}\n  ${tr(l, 'deploy.failedLine', { reason: textOf(l, r.failure.reason) })}`;
      },
    );
  });
  return cmd;
}

/** `rollback --via-merge-request`: the rollback as a merge request on the platform repository (GitOps). */
async function rollbackViaMergeRequest(
  ctx: CommandContext,
  g: ReturnType<typeof globalOptions>,
  app: string,
  opts: Record<string, unknown>,
): Promise<void> {
  const l = ctx.lang;
  // Without --project, the platform settings' project (core says what to do when there is none).
  const project = opts['project'];
  const str = (k: string, as: string): Record<string, string> =>
    typeof opts[k] === 'string' ? { [as]: opts[k] } : {};
  await runUseCase(
    ctx,
    g,
    'gitlab.rollbackMr',
    {
      ...selector(opts),
      app: appRef(app),
      ...(typeof project === 'string' ? { project: /^\d+$/.test(project) ? Number(project) : project } : {}),
      ...(typeof opts['to'] === 'number' ? { to: opts['to'] } : {}),
      ...str('path', 'path'),
      ...str('targetBranch', 'targetBranch'),
      ...str('gitlabUrl', 'url'),
      dryRun: opts['dryRun'] === true,
    },
    (r) => {
      const params = { app: r.app, env: r.environment, revision: r.revision, commit: r.commit.slice(0, 12) };
      const files = r.files.map((f) => `${f.action} ${f.path}`).join(', ');
      if (r.files.length === 0)
        return tr(l, 'gitlab.rollbackMr.nothing', { ...params, target: r.targetBranch });
      if (r.mergeRequest === undefined)
        return tr(l, 'gitlab.rollbackMr.planned', {
          ...params,
          branch: r.branch,
          target: r.targetBranch,
          files,
        });
      return r.mergeRequest.existed
        ? tr(l, 'gitlab.rollbackMr.existing', { ...params, iid: r.mergeRequest.iid, url: r.mergeRequest.url })
        : tr(l, 'gitlab.rollbackMr.opened', {
            ...params,
            iid: r.mergeRequest.iid,
            url: r.mergeRequest.url,
            files,
          });
    },
  );
}

function statusCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = commonOptions(
    new Command('status')
      .description(deployUseCases['deploy.status'].summary[l])
      .argument('<app...>', tr(l, 'deploy.arg.apps')),
    l,
  );
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      ['status grist annuaire --env prod', 'status apps/grist/app.yaml -o json'],
      tr(l, 'deploy.help.status'),
    ),
  );
  cmd.action(async (apps: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(ctx, g, 'deploy.status', { ...selector(opts), apps: apps.map(appRef) }, (statuses) =>
      statusText(ctx, statuses),
    );
  });
  return cmd;
}

export const deployCommands: readonly CommandModule[] = [
  { name: 'plan', register: (p, ctx) => p.addCommand(planCommand(ctx)) },
  { name: 'apply', register: (p, ctx) => p.addCommand(applyCommand(ctx)) },
  { name: 'status', register: (p, ctx) => p.addCommand(statusCommand(ctx)) },
  { name: 'history', register: (p, ctx) => p.addCommand(historyCommand(ctx)) },
  { name: 'rollback', register: (p, ctx) => p.addCommand(rollbackCommand(ctx)) },
];
