import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { deploy, model, onboard, render, QuaiError, type KubeObject } from '@quai/core';
import type { PlatformConfig } from '@quai/contracts';
import { EXIT_CODES } from '@quai/contracts';
import { duration, globalOptions, withClient, type CommandContext, type GlobalOptions } from '../context.js';
import { paint, print, table } from '../output.js';
import { Progress } from '../progress.js';
import type { CommandModule } from './types.js';

interface Rendered {
  readonly target: deploy.AppTarget;
  readonly objects: readonly KubeObject[];
}

function commonOptions(cmd: Command): Command {
  return cmd
    .option('--platform <file>', 'platform file (default: built-in defaults)')
    .option('--env <environment>', 'environment', 'prod')
    .option('--secrets <dir>', 'folder of <secret>.env files rendered as Secrets');
}

async function platformOf(opts: Record<string, unknown>): Promise<PlatformConfig> {
  return typeof opts['platform'] === 'string'
    ? (await model.loadPlatform(opts['platform'])).value
    : model.defaultPlatform();
}

/** Renders each app spec for the environment: what plan and apply work on. */
async function renderApps(
  ctx: CommandContext,
  files: readonly string[],
  opts: Record<string, unknown>,
): Promise<Rendered[]> {
  const platform = await platformOf(opts);
  const secrets =
    typeof opts['secrets'] === 'string' ? await onboard.readSecretsDir(opts['secrets']) : undefined;
  const out: Rendered[] = [];
  for (const file of files) {
    const loaded = await model.loadAppSpec(file);
    for (const w of loaded.warnings) ctx.io.err.write(`warning: ${model.describeDiagnostic(w)}\n`);
    const environment = opts['env'] as string;
    const r = render.render({ app: loaded.value, platform, environment, ...(secrets ? { secrets } : {}) });
    out.push({
      target: { app: loaded.value.metadata.name, environment, namespace: r.namespace },
      objects: r.objects,
    });
  }
  return out;
}

/** An app named by its spec file, or by name (namespace from -n, else name + environment suffix). */
async function targetOf(
  arg: string,
  opts: Record<string, unknown>,
  g: GlobalOptions,
): Promise<deploy.AppTarget> {
  const environment = opts['env'] as string;
  if (/\.ya?ml$/.test(arg) && existsSync(arg)) {
    const loaded = await model.loadAppSpec(arg);
    const resolved = model.resolveEnvironment(loaded.value, await platformOf(opts), environment);
    return { app: loaded.value.metadata.name, environment, namespace: resolved.namespace };
  }
  const platform = await platformOf(opts);
  const settings = platform.spec.environments[environment];
  if (settings === undefined) {
    throw new QuaiError('USAGE', `The platform defines no environment "${environment}".`, {
      hint: `Known: ${Object.keys(platform.spec.environments).join(', ')}.`,
    });
  }
  return { app: arg, environment, namespace: g.namespace ?? `${arg}${settings.namespaceSuffix}` };
}

function formatValue(v: unknown): string {
  const s = v === undefined ? '(none)' : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function planText(ctx: CommandContext, p: deploy.Plan): string {
  const s = p.summary;
  const lines = [
    `Plan for ${p.target.app} (${p.target.environment}) in namespace ${p.target.namespace}: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged${s.conflict > 0 ? `, ${s.conflict} in conflict` : ''}`,
  ];
  for (const c of p.changes) {
    switch (c.kind) {
      case 'unchanged':
        break;
      case 'create':
        lines.push(paint(ctx.io, 'green', `  + ${c.object}${c.note ? ` (${c.note})` : ''}`));
        break;
      case 'delete':
        lines.push(paint(ctx.io, 'red', `  - ${c.object}${c.note ? ` (${c.note})` : ''}`));
        break;
      case 'update':
        lines.push(paint(ctx.io, 'yellow', `  ~ ${c.object}`));
        for (const f of c.fields)
          lines.push(`      ${f.path}: ${formatValue(f.before)} -> ${formatValue(f.after)}`);
        break;
      case 'conflict':
        lines.push(
          paint(
            ctx.io,
            'red',
            `  ! ${c.object}: fields owned by another manager (re-run with --force-conflicts to take them over)`,
          ),
        );
        for (const f of c.conflicts ?? []) lines.push(`      ${f}`);
        break;
    }
  }
  return lines.join('\n');
}

function planCommand(ctx: CommandContext): Command {
  const cmd = commonOptions(
    new Command('plan')
      .description('Show what apply would change: a server-side dry-run diff per object')
      .argument('<app-spec...>', 'app spec files')
      .option('--force-conflicts', 'plan as if taking over fields other managers own'),
  );
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} plan apps/grist/app.yaml --platform quai.yaml --env staging
  ${ctx.programName} plan apps/*/app.yaml --env prod -o json

Exit codes: 0 no changes, 1 changes (for CI), 2 and more on errors. Secret values are masked.`,
  );
  cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const apps = await renderApps(ctx, files, opts);
    const plans = await withClient(ctx, g, async (client) => {
      const out: deploy.Plan[] = [];
      for (const a of apps)
        out.push(
          await deploy.plan(client, a.target, a.objects, {
            force: opts['forceConflicts'] === true,
            signal: ctx.signal,
          }),
        );
      return out;
    });
    print(ctx.io, g.output, plans, () => plans.map((p) => planText(ctx, p)).join('\n\n'));
    if (plans.some((p) => p.summary.create + p.summary.update + p.summary.delete + p.summary.conflict > 0))
      ctx.setExitCode(EXIT_CODES.findings);
  });
  return cmd;
}

function applyCommand(ctx: CommandContext): Command {
  const cmd = commonOptions(
    new Command('apply')
      .description(
        'Deploy apps: server-side apply in dependency order, prune, wait for readiness, roll back on failure',
      )
      .argument('<app-spec...>', 'app spec files')
      .option('--force-conflicts', 'take over fields other managers own')
      .option('--no-prune', 'keep objects the new render no longer contains')
      .option('--no-wait', 'do not wait for readiness')
      .option('--timeout <duration>', 'how long to wait for readiness', duration(), 300_000)
      .option(
        '--rollback-on-failure',
        'roll back to the last deployed revision if the rollout fails (default for prod)',
      )
      .option('--no-rollback-on-failure', 'never roll back automatically')
      .option('--message <text>', 'a note recorded with the revision'),
  );
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} apply apps/grist/app.yaml --platform quai.yaml --env staging
  ${ctx.programName} apply apps/*/app.yaml --env prod --secrets secrets/ --message "release 2026-12"
  ${ctx.programName} apply app.yaml --env prod --no-rollback-on-failure --timeout 10m

Apps are applied in parallel within the client's rate limit (--qps, --burst). Each apply is a
revision recorded in the cluster: see quai history, quai rollback, quai status.`,
  );
  cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const apps = await renderApps(ctx, files, opts);
    const progress = new Progress(ctx.io);
    const env = opts['env'] as string;
    const rollbackOnFailure =
      typeof opts['rollbackOnFailure'] === 'boolean'
        ? opts['rollbackOnFailure']
        : env === 'prod' || env === 'production';
    const results = await withClient(ctx, g, (client) =>
      Promise.all(
        apps.map((a) =>
          deploy.apply(client, a.target, a.objects, {
            force: opts['forceConflicts'] === true,
            prune: opts['prune'] !== false,
            wait: opts['wait'] !== false,
            timeoutMs: opts['timeout'] as number,
            rollbackOnFailure,
            ...(typeof opts['message'] === 'string' ? { message: opts['message'] } : {}),
            signal: ctx.signal,
            onEvent: (e) => {
              const prefix = apps.length > 1 ? `[${a.target.app}] ` : '';
              switch (e.kind) {
                case 'step':
                  progress.step(`${prefix}${e.message}`);
                  return;
                case 'applied':
                  if (e.action !== 'unchanged') progress.step(`${prefix}${e.object} ${e.action}`);
                  return;
                case 'pruned':
                  progress.step(`${prefix}${e.object} pruned`);
                  return;
                case 'progress': {
                  const ready = e.states.filter((s) => s.readiness.state === 'ready').length;
                  const waiting = e.states.find((s) => s.readiness.state !== 'ready');
                  progress.status(
                    `${prefix}${ready}/${e.states.length} ready${waiting ? ` - ${waiting.object}: ${waiting.readiness.message}` : ''}`,
                  );
                  return;
                }
              }
            },
          }),
        ),
      ),
    );
    print(ctx.io, g.output, results, () =>
      results
        .map((r) => {
          const head = `${r.target.app} (${r.target.environment}): revision ${r.revision} ${r.status} in ${r.seconds.toFixed(1)}s, ${r.applied} objects applied${r.pruned.length > 0 ? `, ${r.pruned.length} pruned` : ''}`;
          if (r.failure === undefined) return paint(ctx.io, 'green', head);
          return [
            paint(ctx.io, 'red', head),
            `  failed: ${r.failure.reason}`,
            ...r.failure.events.map((e) => `  event: ${e}`),
            r.rolledBackTo !== undefined
              ? `  rolled back: revision ${r.rolledBackTo} restores the last deployed state`
              : '',
          ]
            .filter((l) => l !== '')
            .join('\n');
        })
        .join('\n'),
    );
    const failed = results.filter((r) => r.status !== 'deployed');
    if (failed.length > 0) {
      throw new QuaiError(
        'ROLLOUT_FAILED',
        `${failed.map((f) => f.target.app).join(', ')}: the rollout failed${failed.every((f) => f.rolledBackTo !== undefined) ? ' and was rolled back' : ''}.`,
        {
          hint: 'Read the failure and events above; fix the app spec and apply again.',
        },
      );
    }
  });
  return cmd;
}

function historyCommand(ctx: CommandContext): Command {
  const cmd = commonOptions(
    new Command('history')
      .description("List an app's revisions: who, when, what, status")
      .argument('<app>', 'app name or app spec file'),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} history grist --env prod\n  ${ctx.programName} history apps/grist/app.yaml --env staging -o json`,
  );
  cmd.action(async (app: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const target = await targetOf(app, opts, g);
    const revisions = await withClient(ctx, g, (client) =>
      deploy.listRevisions(client, target.namespace, target.app, ctx.signal),
    );
    if (revisions.length === 0) {
      throw new QuaiError('NOT_FOUND', `"${target.app}" has no revision in namespace ${target.namespace}.`, {
        hint: 'Check --env and -n, or deploy it with quai apply.',
      });
    }
    print(ctx.io, g.output, revisions, () =>
      table(
        ['REVISION', 'STATUS', 'DEPLOYED AT', 'BY', 'DIGEST', 'MESSAGE'],
        revisions.map((r) => [
          String(r.number),
          r.status,
          r.deployedAt,
          r.deployedBy,
          r.digest.slice(0, 19),
          r.message,
        ]),
      ),
    );
  });
  return cmd;
}

function rollbackCommand(ctx: CommandContext): Command {
  const cmd = commonOptions(
    new Command('rollback')
      .description('Return an app to an earlier revision (the last good one by default)')
      .argument('<app>', 'app name or app spec file')
      .option('--to <revision>', 'revision number to restore', (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1)
          throw new QuaiError('USAGE', `--to takes a revision number, got "${v}".`);
        return n;
      })
      .option('--timeout <duration>', 'how long to wait for readiness', duration(), 300_000),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} rollback grist --env prod\n  ${ctx.programName} rollback grist --env prod --to 12\n\nA rollback is a new revision. Revert the change in Git too: the next apply from Git would re-apply it.`,
  );
  cmd.action(async (app: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const target = await targetOf(app, opts, g);
    const progress = new Progress(ctx.io);
    const result = await withClient(ctx, g, (client) =>
      deploy.rollback(client, target, {
        ...(typeof opts['to'] === 'number' ? { to: opts['to'] } : {}),
        timeoutMs: opts['timeout'] as number,
        signal: ctx.signal,
        onEvent: (e) => {
          if (e.kind === 'step') progress.step(e.message);
        },
      }),
    );
    print(
      ctx.io,
      g.output,
      result,
      () => `${target.app}: revision ${result.revision} ${result.status} (${result.seconds.toFixed(1)}s)`,
    );
    if (result.status !== 'deployed')
      throw new QuaiError(
        'ROLLOUT_FAILED',
        `The rollback of ${target.app} did not become ready: ${result.failure?.reason ?? ''}`,
      );
  });
  return cmd;
}

function statusCommand(ctx: CommandContext): Command {
  const cmd = commonOptions(
    new Command('status')
      .description('Show the health of apps: last revision, who deployed, readiness of each object')
      .argument('<app...>', 'app names or app spec files'),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} status grist annuaire --env prod\n  ${ctx.programName} status apps/grist/app.yaml -o json\n\nExit codes: 0 all healthy, 1 something is not.`,
  );
  cmd.action(async (apps: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const statuses = await withClient(ctx, g, async (client) => {
      const out: deploy.AppStatus[] = [];
      for (const a of apps) out.push(await deploy.status(client, await targetOf(a, opts, g), ctx.signal));
      return out;
    });
    print(ctx.io, g.output, statuses, () =>
      statuses
        .map((s) => {
          const head = s.revision
            ? `${s.target.app} (${s.target.environment}, namespace ${s.target.namespace}): ${s.healthy ? paint(ctx.io, 'green', 'healthy') : paint(ctx.io, 'red', 'not healthy')}, revision ${s.revision.number} ${s.revision.status} at ${s.revision.deployedAt} by ${s.revision.deployedBy}\n  images: ${s.revision.images.join(', ')}`
            : `${s.target.app}: not deployed in namespace ${s.target.namespace}`;
          const rows = s.objects.map((o) => [o.object, o.readiness.state, o.readiness.message]);
          return rows.length > 0 ? `${head}\n${table(['OBJECT', 'STATE', 'DETAIL'], rows)}` : head;
        })
        .join('\n\n'),
    );
    if (statuses.some((s) => !s.healthy)) ctx.setExitCode(EXIT_CODES.findings);
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
