import { Option, type Command } from 'commander';
import { msg, t, textOf, tr, gitlabUseCases, type ResultOf } from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import { globalOptions, runUseCase } from '../context.js';
import type { CommandContext } from '../context.js';
import type { CommandModule } from './types.js';

const TIERS = ['production', 'staging', 'testing', 'development', 'other'] as const;
type Tier = (typeof TIERS)[number];

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** `NAME[:TIER][:auto]`: `dev:development:auto`, `prod` (tier production when named prod/production). */
function parseEnvironment(value: string): { name: string; tier: Tier; automatic: boolean } {
  const parts = value.split(':');
  const name = parts.shift() ?? '';
  let automatic = false;
  let tier: Tier | undefined;
  for (const p of parts) {
    if (p === 'auto' && !automatic) automatic = true;
    else if ((TIERS as readonly string[]).includes(p) && tier === undefined) tier = p as Tier;
    else throw new QuaiError('USAGE', msg('gitlab.ci.badEnv', { value }));
  }
  if (name === '') throw new QuaiError('USAGE', msg('gitlab.ci.badEnv', { value }));
  tier ??= /^prod(uction)?$/.test(name)
    ? 'production'
    : /^(staging|preprod|recette)$/.test(name)
      ? 'staging'
      : 'development';
  return { name, tier, automatic };
}

/** Generated files: each printed under its path, or the list of those written. */
function filesText(
  l: CommandContext['lang'],
  r: {
    readonly files: readonly { readonly path: string; readonly content: string }[];
    readonly written?: string | undefined;
  },
): string {
  if (r.written === undefined)
    return r.files.map((f) => `# --- ${f.path}\n${f.content.replace(/\n$/, '')}`).join('\n');
  return [
    tr(l, 'gitlab.agent.wrote', { count: r.files.length, dir: r.written }),
    ...r.files.map((f) => `  ${f.path}`),
  ].join('\n');
}

function examples(ctx: CommandContext, lines: readonly string[], note?: string): string {
  const body = lines.map((x) => `  ${ctx.programName} ${x}`).join('\n');
  return `\n${tr(ctx.lang, 'cli.help.examples')}\n${body}${note === undefined ? '' : `\n\n${note}`}`;
}

function ciCommand(parent: Command, ctx: CommandContext): void {
  const l = ctx.lang;
  const cmd = parent
    .command('ci')
    .description(gitlabUseCases['gitlab.ci'].summary[l])
    .argument('<app-spec...>', tr(l, 'gitlab.ci.arg.apps'))
    .addOption(
      new Option('--kind <kind>', tr(l, 'gitlab.ci.flag.kind')).choices(['app', 'platform']).default('app'),
    )
    .option('--platform <file>', tr(l, 'gitlab.ci.flag.platform'))
    .option('--env <name[:tier][:auto]>', tr(l, 'gitlab.ci.flag.env'), collect, [] as string[])
    .option('--component <name>', tr(l, 'gitlab.ci.flag.component'))
    .addOption(
      new Option('--builder <tool>', tr(l, 'gitlab.ci.flag.builder'))
        .choices(['buildah', 'buildkit'])
        .default('buildah'),
    )
    .option('--dockerfile <path>', tr(l, 'gitlab.ci.flag.dockerfile'), 'Dockerfile')
    .option('--build-context <dir>', tr(l, 'gitlab.ci.flag.context'), '.')
    .option('--quai-image <image>', tr(l, 'gitlab.ci.flag.quaiImage', { version: ctx.version }))
    .addOption(
      new Option('--scan-threshold <severity>', tr(l, 'gitlab.ci.flag.scanThreshold'))
        .choices(['low', 'medium', 'high', 'critical'])
        .default('high'),
    )
    .addOption(
      new Option('--audit-threshold <severity>', tr(l, 'gitlab.ci.flag.auditThreshold'))
        .choices(['low', 'medium', 'high', 'critical'])
        .default('high'),
    )
    .option('--scan-ignore-file <path>', tr(l, 'gitlab.ci.flag.scanIgnore'))
    .option('--audit-exceptions <path>', tr(l, 'gitlab.ci.flag.auditExceptions'))
    .option('--agent <path:name>', tr(l, 'gitlab.ci.flag.agent'))
    .option('--schedule <job>', tr(l, 'gitlab.ci.flag.schedule'), collect, [] as string[])
    .option('--tag <tag>', tr(l, 'gitlab.ci.flag.tag'), collect, [] as string[])
    .option('--out <file>', tr(l, 'gitlab.ci.flag.out'));
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'gitlab ci app.yaml --platform deploy/quai.yaml --out .gitlab-ci.yml',
        'gitlab ci app.yaml --builder buildkit --agent infra/cluster-agents:prod --env dev:auto --env staging --env prod',
        "gitlab ci --kind platform 'apps/*/app.yaml' --platform quai.yaml --schedule backup --schedule drill --schedule scan",
      ],
      tr(l, 'gitlab.ci.help'),
    ),
  );
  cmd.action(async (apps: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const str = (k: string): Record<string, string> => (typeof opts[k] === 'string' ? { [k]: opts[k] } : {});
    const envs = (opts['env'] as string[]).map((e) => parseEnvironment(e));
    const request = {
      kind: opts['kind'] as 'app' | 'platform',
      apps,
      ...str('platform'),
      ...(envs.length > 0 ? { environments: envs } : {}),
      ...str('component'),
      builder: opts['builder'] as 'buildah' | 'buildkit',
      dockerfile: opts['dockerfile'] as string,
      buildContext: opts['buildContext'] as string,
      ...str('quaiImage'),
      scanThreshold: opts['scanThreshold'] as 'high',
      auditThreshold: opts['auditThreshold'] as 'high',
      ...str('scanIgnoreFile'),
      ...str('auditExceptions'),
      ...str('agent'),
      schedules: opts['schedule'] as ('backup' | 'drill' | 'scan')[],
      runnerTags: opts['tag'] as string[],
      ...str('out'),
    };
    await runUseCase(ctx, g, 'gitlab.ci', request, (r) =>
      r.written === undefined
        ? r.yaml.replace(/\n$/, '')
        : tr(l, 'gitlab.ci.wrote', { file: r.written, count: r.jobs.length, jobs: r.jobs.join(', ') }),
    );
  });
}

function pinCommand(parent: Command, ctx: CommandContext): void {
  const l = ctx.lang;
  const cmd = parent
    .command('pin-image')
    .description(gitlabUseCases['gitlab.pinImage'].summary[l])
    .argument('<app-spec>', tr(l, 'gitlab.pin.arg.file'))
    .option('--component <name>', tr(l, 'gitlab.pin.flag.component'))
    .requiredOption('--image <ref>', tr(l, 'gitlab.pin.flag.image'));
  cmd.addHelpText(
    'after',
    examples(ctx, [
      'gitlab pin-image app.yaml --image "$CI_REGISTRY_IMAGE@$IMAGE_DIGEST"',
      'gitlab pin-image app.yaml --component web --image registry.example.fr/team/app@sha256:0123...',
    ]),
  );
  cmd.action(async (file: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'gitlab.pinImage',
      {
        file,
        image: opts['image'] as string,
        ...(typeof opts['component'] === 'string' ? { component: opts['component'] } : {}),
      },
      (r) =>
        tr(l, 'gitlab.pin.done', {
          file: r.file,
          component: r.component,
          image: r.image,
          previous: r.previous,
        }),
    );
  });
}

function agentCommand(parent: Command, ctx: CommandContext): void {
  const l = ctx.lang;
  const cmd = parent
    .command('agent')
    .description(gitlabUseCases['gitlab.agent'].summary[l])
    .argument('<name>', tr(l, 'gitlab.agent.arg.name'))
    .option('--agent-namespace <namespace>', tr(l, 'gitlab.agent.flag.namespace'), 'gitlab-agent')
    .option('--project <path>', tr(l, 'gitlab.agent.flag.project'), collect, [] as string[])
    .option('--group <path>', tr(l, 'gitlab.agent.flag.group'), collect, [] as string[])
    .option('--app-namespace <namespace>', tr(l, 'gitlab.agent.flag.appNamespace'), collect, [] as string[])
    .option('--user-access', tr(l, 'gitlab.agent.flag.userAccess'))
    .option('--kas-address <url>', tr(l, 'gitlab.agent.flag.kasAddress'))
    .option('--out <dir>', tr(l, 'gitlab.agent.flag.out'));
  cmd.addHelpText(
    'after',
    examples(ctx, [
      'gitlab agent prod --project apps/grist --project apps/joplin --app-namespace grist --app-namespace joplin --out .',
      'gitlab agent dev --group apps --user-access --kas-address wss://gitlab.example.fr/-/kubernetes-agent/',
      'gitlab agent prod --project apps/grist -o json | jq -r ".files[0].content"',
    ]),
  );
  cmd.action(async (name: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'gitlab.agent',
      {
        name,
        namespace: opts['agentNamespace'] as string,
        projects: opts['project'] as string[],
        groups: opts['group'] as string[],
        appNamespaces: opts['appNamespace'] as string[],
        userAccess: opts['userAccess'] === true,
        ...(typeof opts['kasAddress'] === 'string' ? { kasAddress: opts['kasAddress'] } : {}),
        ...(typeof opts['out'] === 'string' ? { out: opts['out'] } : {}),
      },
      (r) => filesText(l, r),
    );
  });
}

/** `KEY=VALUE` pairs into a map; a bad one is a usage error naming the flag. */
function pairs(values: readonly string[], flag: string, expected: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    if (i <= 0) throw new QuaiError('USAGE', msg('gitlab.runner.badPair', { value: v, flag, expected }));
    out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

/** `KEY=VALUE:EFFECT` or `KEY:EFFECT` into the runner's node_tolerations map (`KEY=VALUE` to the effect). */
type Effect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
function tolerations(values: readonly string[]): Record<string, Effect> {
  const out: Record<string, Effect> = {};
  for (const v of values) {
    const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(v);
    if (m === null)
      throw new QuaiError(
        'USAGE',
        msg('gitlab.runner.badPair', { value: v, flag: '--toleration', expected: 'KEY=VALUE:EFFECT' }),
      );
    out[m[2] === undefined ? m[1]! : `${m[1]!}=${m[2]}`] = m[3] as Effect;
  }
  return out;
}

function resources(
  value: string | undefined,
  flag: string,
): { cpuRequest: string; memoryRequest: string; cpuLimit: string; memoryLimit: string } | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',');
  if (parts.length !== 4 || parts.some((p) => p === ''))
    throw new QuaiError(
      'USAGE',
      msg('gitlab.runner.badPair', {
        value,
        flag,
        expected: 'CPU_REQUEST,MEMORY_REQUEST,CPU_LIMIT,MEMORY_LIMIT',
      }),
    );
  const [cpuRequest, memoryRequest, cpuLimit, memoryLimit] = parts as [string, string, string, string];
  return { cpuRequest, memoryRequest, cpuLimit, memoryLimit };
}

function runnerCommand(parent: Command, ctx: CommandContext): void {
  const l = ctx.lang;
  const res = (what: string, value: string) => tr(l, 'gitlab.runner.flag.resources', { what, value });
  const cmd = parent
    .command('runner')
    .description(gitlabUseCases['gitlab.runner'].summary[l])
    .requiredOption('--gitlab-url <url>', tr(l, 'gitlab.runner.flag.url'))
    .option('--name <name>', tr(l, 'gitlab.runner.flag.name'), 'gitlab-runner')
    .option('--runner-namespace <namespace>', tr(l, 'gitlab.runner.flag.namespace'), 'gitlab-runner')
    .option('--jobs-namespace <namespace>', tr(l, 'gitlab.runner.flag.jobsNamespace'), 'gitlab-runner-jobs')
    .option('--concurrent <n>', tr(l, 'gitlab.runner.flag.concurrent'), (v) => Number(v), 4)
    .option('--build <resources>', res('build', '500m,1Gi,2,4Gi'))
    .option('--helper <resources>', res('helper', '50m,128Mi,500m,256Mi'))
    .option('--service <resources>', res('service', '100m,256Mi,1,1Gi'))
    .option('--node-selector <key=value>', tr(l, 'gitlab.runner.flag.nodeSelector'), collect, [] as string[])
    .option('--toleration <taint>', tr(l, 'gitlab.runner.flag.toleration'), collect, [] as string[])
    .option('--pod-label <key=value>', tr(l, 'gitlab.runner.flag.podLabel'), collect, [] as string[])
    .option('--run-as-user <uid>', tr(l, 'gitlab.runner.flag.runAsUser'), (v) => Number(v), 1000)
    .option('--cache-s3 <host/bucket>', tr(l, 'gitlab.runner.flag.cacheS3'))
    .option('--cache-region <region>', tr(l, 'gitlab.runner.flag.cacheRegion'))
    .option('--cache-insecure', tr(l, 'gitlab.runner.flag.cacheInsecure'))
    .option('--out <dir>', tr(l, 'gitlab.runner.flag.out'));
  cmd.addHelpText(
    'after',
    examples(ctx, [
      'gitlab runner --gitlab-url https://gitlab.example.fr --out .',
      'gitlab runner --gitlab-url https://gitlab.example.fr --node-selector node-role/ci=true --toleration ci=true:NoSchedule --cache-s3 minio.example.fr:9000/runner-cache',
      'gitlab runner --gitlab-url https://gitlab.example.fr --build 1,2Gi,4,8Gi --concurrent 8 -o json',
    ]),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const s3 = typeof opts['cacheS3'] === 'string' ? opts['cacheS3'] : undefined;
    const slash = s3?.indexOf('/') ?? -1;
    if (s3 !== undefined && (slash <= 0 || slash === s3.length - 1))
      throw new QuaiError(
        'USAGE',
        msg('gitlab.runner.badPair', { value: s3, flag: '--cache-s3', expected: 'HOST[:PORT]/BUCKET' }),
      );
    const build = resources(opts['build'] as string | undefined, '--build');
    const helper = resources(opts['helper'] as string | undefined, '--helper');
    const service = resources(opts['service'] as string | undefined, '--service');
    await runUseCase(
      ctx,
      g,
      'gitlab.runner',
      {
        name: opts['name'] as string,
        gitlabUrl: opts['gitlabUrl'] as string,
        namespace: opts['runnerNamespace'] as string,
        jobsNamespace: opts['jobsNamespace'] as string,
        concurrent: opts['concurrent'] as number,
        ...(build === undefined ? {} : { build }),
        ...(helper === undefined ? {} : { helper }),
        ...(service === undefined ? {} : { service }),
        nodeSelector: pairs(opts['nodeSelector'] as string[], '--node-selector', 'KEY=VALUE'),
        tolerations: tolerations(opts['toleration'] as string[]),
        podLabels: pairs(opts['podLabel'] as string[], '--pod-label', 'KEY=VALUE'),
        runAsUser: opts['runAsUser'] as number,
        ...(s3 === undefined
          ? {}
          : {
              cache: {
                serverAddress: s3.slice(0, slash),
                bucket: s3.slice(slash + 1),
                ...(typeof opts['cacheRegion'] === 'string' ? { region: opts['cacheRegion'] } : {}),
                insecure: opts['cacheInsecure'] === true,
              },
            }),
        ...(typeof opts['out'] === 'string' ? { out: opts['out'] } : {}),
      },
      (r) => filesText(l, r),
    );
  });
}

type SyncResult = ResultOf<(typeof gitlabUseCases)['gitlab.sync']>;

/** The plan or the run, one line per item, then a count. */
function syncText(l: CommandContext['lang'], r: SyncResult): string {
  const head = tr(l, r.dryRun ? 'gitlab.sync.headerDryRun' : 'gitlab.sync.header', {
    project: r.project.path,
    url: r.url,
  });
  const status = (i: SyncResult['items'][number]): string => {
    const action = msg(`gitlab.sync.action.${i.action}`);
    switch (i.status) {
      case 'planned':
        return t(l, msg('gitlab.sync.status.planned', { action }));
      case 'done':
        return t(l, msg('gitlab.sync.status.done', { action }));
      case 'failed':
        return t(l, msg('gitlab.sync.status.failed', { action }));
      case 'not-attempted':
        return t(l, msg('gitlab.sync.status.notAttempted', { action }));
      case 'unchanged':
        return tr(l, 'gitlab.sync.status.unchanged');
    }
  };
  const lines = r.items.map((i) => {
    const line = tr(l, 'gitlab.sync.line', {
      status: status(i).padEnd(22),
      kind: tr(l, `gitlab.sync.kind.${i.kind}`),
      name: i.name,
      changes: i.changes.length === 0 ? '' : ` (${i.changes.join(', ')})`,
    });
    return i.error === undefined ? `  ${line}` : `  ${line}\n      ${textOf(l, i.error)}`;
  });
  const failed = r.items.filter((i) => i.status === 'failed').length;
  const notAttempted = r.items.filter((i) => i.status === 'not-attempted').length;
  const unchanged = r.items.filter((i) => i.action === 'unchanged').length;
  const summary = [tr(l, 'gitlab.sync.summary', { changed: r.items.length - unchanged, unchanged })];
  if (failed > 0) summary.push(tr(l, 'gitlab.sync.summaryFailed', { failed, notAttempted }));
  return [head, ...lines, ...summary].join('\n');
}

function syncCommand(parent: Command, ctx: CommandContext): void {
  const l = ctx.lang;
  const cmd = parent
    .command('sync')
    .description(gitlabUseCases['gitlab.sync'].summary[l])
    .argument('<file>', tr(l, 'gitlab.sync.arg.file'))
    .option('--dry-run', tr(l, 'gitlab.sync.flag.dryRun'))
    .option('--gitlab-url <url>', tr(l, 'gitlab.sync.flag.url'));
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'gitlab sync gitlab-sync.yaml --dry-run',
        'gitlab sync gitlab-sync.yaml --gitlab-url https://gitlab.example.fr',
        `gitlab sync gitlab-sync.yaml -o json | jq '.items[] | select(.action != "unchanged")'`,
      ],
      tr(l, 'gitlab.sync.help'),
    ),
  );
  cmd.action(async (file: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'gitlab.sync',
      {
        file: { file },
        dryRun: opts['dryRun'] === true,
        ...(typeof opts['gitlabUrl'] === 'string' ? { url: opts['gitlabUrl'] } : {}),
      },
      (r) => syncText(l, r),
    );
  });
}

export const gitlabCommand: CommandModule = {
  name: 'gitlab',
  register(parent, ctx) {
    const group = parent.command('gitlab').description(tr(ctx.lang, 'gitlab.command'));
    ciCommand(group, ctx);
    pinCommand(group, ctx);
    agentCommand(group, ctx);
    runnerCommand(group, ctx);
    syncCommand(group, ctx);
  },
};
