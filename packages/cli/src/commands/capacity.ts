import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  formatBytes,
  formatNumber,
  msg,
  tr,
  t,
  capacityUseCases,
  type Lang,
  type NodeTemplate,
  type ResultOf,
} from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import { writeFileAtomic } from '@quai/core/util';
import { globalOptions, positiveInt, positiveNumber, runUseCase, type CommandContext } from '../context.js';
import { paint, table } from '../output.js';
import type { CommandModule } from './types.js';

type Report = ResultOf<(typeof capacityUseCases)['capacity.report']>;
type Simulation = ResultOf<(typeof capacityUseCases)['capacity.simulate']>;
type Sizing = ResultOf<(typeof capacityUseCases)['capacity.size']>;
type Rightsize = ResultOf<(typeof capacityUseCases)['capacity.rightsize']>;

/** Millicores as kubectl shows them: 250m under a core, 1.5 above. */
export function cpu(l: Lang, milli: number): string {
  if (milli < 1000) return `${Math.round(milli)}m`;
  return formatNumber(l, milli / 1000, 2);
}

function mem(l: Lang, bytes: number): string {
  return formatBytes(l, bytes);
}

function pct(l: Lang, share: number | undefined): string {
  return share === undefined ? '-' : `${formatNumber(l, share * 100, 0)}%`;
}

function examples(ctx: CommandContext, lines: readonly string[], note?: string): string {
  const body = lines.map((x) => `  ${ctx.programName} ${x}`).join('\n');
  return `\n${tr(ctx.lang, 'cli.help.examples')}\n${body}${note === undefined ? '' : `\n\n${note}`}`;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function list(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ];
}

/** `8/32Gi` or `like=node-1`, with `,key=value` labels: a node template. */
export function parseTemplate(l: Lang, text: string): NodeTemplate {
  const [head = '', ...rest] = text.split(',');
  const labels: Record<string, string> = {};
  for (const part of rest) {
    const [k, v] = part.split('=');
    if (k === undefined || v === undefined || k === '') {
      throw new InvalidArgumentError(tr(l, 'capacity.cli.badTemplate', { value: text }));
    }
    labels[k] = v;
  }
  const extra = Object.keys(labels).length > 0 ? { labels } : {};
  if (head.startsWith('like=')) return { like: head.slice(5), ...extra };
  const m = /^([0-9.]+m?)\/([0-9.]+(?:Ki|Mi|Gi|Ti|k|M|G|T)?)(?:\/(\d+))?$/.exec(head);
  if (m === null) throw new InvalidArgumentError(tr(l, 'capacity.cli.badTemplate', { value: text }));
  return {
    cpu: m[1] ?? '',
    memory: m[2] ?? '',
    ...(m[3] === undefined ? {} : { pods: Number(m[3]) }),
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

function reportText(ctx: CommandContext, r: Report): string {
  const l = ctx.lang;
  const c = r.cluster;
  const out: string[] = [];
  out.push(
    paint(
      ctx.io,
      'bold',
      tr(l, 'capacity.cli.clusterHead', {
        nodes: c.nodes,
        schedulable: c.schedulableNodes,
        pods: c.pods,
        pending: c.pendingPods,
      }),
    ),
  );
  out.push(
    `  ${tr(l, 'capacity.cli.cpuLine', {
      requests: cpu(l, c.requests.cpu),
      allocatable: cpu(l, c.allocatable.cpu),
      share: pct(l, c.requested.cpu),
      used: c.usage === undefined ? '-' : cpu(l, c.usage.cpu),
      usedShare: pct(l, c.used.cpu),
    })}`,
  );
  out.push(
    `  ${tr(l, 'capacity.cli.memoryLine', {
      requests: mem(l, c.requests.memory),
      allocatable: mem(l, c.allocatable.memory),
      share: pct(l, c.requested.memory),
      used: c.usage === undefined ? '-' : mem(l, c.usage.memory),
      usedShare: pct(l, c.used.memory),
    })}`,
  );
  out.push(
    `  ${tr(l, 'capacity.cli.usageFrom', { source: r.usageSource.detail === undefined ? r.usageSource.kind : t(l, r.usageSource.detail) })}`,
  );
  out.push('');
  out.push(
    table(
      ['node', 'zone', 'cpuReq', 'cpuUsed', 'memReq', 'memUsed', 'pods', 'state'].map((k) =>
        tr(l, `capacity.col.${k}` as 'capacity.col.node'),
      ),
      r.nodes.map((n) => [
        n.name,
        n.zone ?? '-',
        `${cpu(l, n.requests.cpu)}/${cpu(l, n.allocatable.cpu)} ${pct(l, n.requested.cpu)}`,
        n.usage === undefined ? '-' : `${cpu(l, n.usage.cpu)} ${pct(l, n.used.cpu)}`,
        `${mem(l, n.requests.memory)}/${mem(l, n.allocatable.memory)} ${pct(l, n.requested.memory)}`,
        n.usage === undefined ? '-' : `${mem(l, n.usage.memory)} ${pct(l, n.used.memory)}`,
        `${n.pods}/${n.allocatable.pods}`,
        [
          n.ready ? '' : tr(l, 'capacity.cli.notReady'),
          n.schedulable ? '' : tr(l, 'capacity.cli.cordoned'),
          n.taints.length > 0 ? tr(l, 'capacity.cli.taints', { count: n.taints.length }) : '',
        ]
          .filter((x) => x !== '')
          .join(', ') || 'ok',
      ]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['namespace', 'pods', 'cpuReq', 'cpuLim', 'cpuUsed', 'memReq', 'memLim', 'memUsed', 'quota'].map((k) =>
        tr(l, `capacity.col.${k}` as 'capacity.col.node'),
      ),
      r.namespaces.map((n) => {
        const worst = n.quotas.reduce<(typeof n.quotas)[number] | undefined>(
          (w, q) => ((q.share ?? 0) > (w?.share ?? -1) ? q : w),
          undefined,
        );
        return [
          n.name,
          String(n.pods),
          cpu(l, n.requests.cpu),
          cpu(l, n.limits.cpu),
          n.usage === undefined ? '-' : cpu(l, n.usage.cpu),
          mem(l, n.requests.memory),
          mem(l, n.limits.memory),
          n.usage === undefined ? '-' : mem(l, n.usage.memory),
          worst === undefined ? '-' : `${worst.resource} ${worst.used}/${worst.hard} ${pct(l, worst.share)}`,
        ];
      }),
    ),
  );
  const f = r.fragmentation;
  out.push('');
  out.push(
    tr(l, 'capacity.cli.fragmentation', {
      cpu: cpu(l, f.largestFree.cpu),
      memory: mem(l, f.largestFree.memory),
      totalCpu: cpu(l, f.totalFree.cpu),
      totalMemory: mem(l, f.totalFree.memory),
    }),
  );
  const notFitting = f.shapes.filter((s) => s.status !== 'fits');
  for (const s of notFitting) {
    out.push(
      `  ${paint(ctx.io, s.status === 'fragmented' ? 'yellow' : 'red', tr(l, `capacity.status.${s.status}`))} ${s.namespace}/${s.workload} (${cpu(l, s.requests.cpu)}, ${mem(l, s.requests.memory)})`,
    );
  }
  if (notFitting.length === 0)
    out.push(`  ${tr(l, 'capacity.cli.allShapesFit', { count: f.shapes.length })}`);
  if (r.pending.length > 0) {
    out.push('');
    out.push(paint(ctx.io, 'yellow', tr(l, 'capacity.cli.pendingHead', { count: r.pending.length })));
    for (const p of r.pending) out.push(`  ${p.namespace}/${p.pod}: ${t(l, p.message)}`);
  }
  const top = r.top.byUsage.length > 0 ? r.top.byUsage : r.top.byRequests;
  if (top.length > 0) {
    out.push('');
    out.push(
      tr(l, r.top.byUsage.length > 0 ? 'capacity.cli.topUsage' : 'capacity.cli.topRequests', {
        count: top.length,
      }),
    );
    out.push(
      table(
        ['pod', 'cpuReq', 'cpuUsed', 'memReq', 'memUsed'].map((k) =>
          tr(l, `capacity.col.${k}` as 'capacity.col.node'),
        ),
        top.map((p) => [
          `${p.namespace}/${p.pod}`,
          cpu(l, p.requests.cpu),
          p.usage === undefined ? '-' : cpu(l, p.usage.cpu),
          mem(l, p.requests.memory),
          p.usage === undefined ? '-' : mem(l, p.usage.memory),
        ]),
      ),
    );
  }
  if (r.top.overRequested.length > 0) {
    out.push('');
    out.push(tr(l, 'capacity.cli.overRequested'));
    for (const w of r.top.overRequested) {
      out.push(
        `  ${w.namespace}/${w.workload}: cpu ${pct(l, w.ratio.cpu)}, ${tr(l, 'capacity.cli.memory')} ${pct(l, w.ratio.memory)}`,
      );
    }
  }
  if (r.top.underRequested.length > 0) {
    out.push('');
    out.push(tr(l, 'capacity.cli.underRequested'));
    for (const w of r.top.underRequested) {
      out.push(
        `  ${w.namespace}/${w.workload}: cpu ${pct(l, w.ratio.cpu)}, ${tr(l, 'capacity.cli.memory')} ${pct(l, w.ratio.memory)}`,
      );
    }
  }
  for (const w of r.warnings)
    out.push(paint(ctx.io, 'yellow', `${tr(l, 'capacity.cli.warning')}: ${t(l, w)}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Simulation

function reasonsText(l: Lang, reasons: Readonly<Record<string, number>> | undefined): string {
  return Object.entries(reasons ?? {})
    .map(([r, n]) => `${n} ${tr(l, `capacity.reason.${r}` as 'capacity.reason.cpu')}`)
    .join(', ');
}

function simulationText(ctx: CommandContext, r: Simulation): string {
  const l = ctx.lang;
  const out: string[] = [];
  const head = tr(l, r.verdict === 'fits' ? 'capacity.cli.fits' : 'capacity.cli.pending', {
    pending: r.after.pending,
    nodes: r.after.nodes,
    seconds: formatNumber(l, r.seconds, 2),
  });
  out.push(paint(ctx.io, r.verdict === 'fits' ? 'green' : 'yellow', head));
  out.push(
    `  ${tr(l, 'capacity.cli.beforeAfter', {
      before: `${cpu(l, r.before.requests.cpu)}/${cpu(l, r.before.allocatable.cpu)}, ${mem(l, r.before.requests.memory)}/${mem(l, r.before.allocatable.memory)}`,
      after: `${cpu(l, r.after.requests.cpu)}/${cpu(l, r.after.allocatable.cpu)}, ${mem(l, r.after.requests.memory)}/${mem(l, r.after.allocatable.memory)}`,
    })}`,
  );
  if (r.workloads.length > 0) {
    out.push('');
    out.push(
      table(
        ['workload', 'replicas', 'placed', 'pendingCol', 'nodes'].map((k) =>
          tr(l, `capacity.col.${k}` as 'capacity.col.node'),
        ),
        r.workloads.map((w) => [
          `${w.namespace}/${w.workload}`,
          String(w.replicas),
          String(w.placed),
          w.pending > 0 ? paint(ctx.io, 'yellow', String(w.pending)) : '0',
          Object.entries(w.nodes)
            .map(([n, c]) => `${n}×${c}`)
            .join(' '),
        ]),
      ),
    );
  }
  for (const d of r.drains) {
    out.push('');
    out.push(tr(l, 'capacity.cli.drain', { node: d.node, evicted: d.evicted, daemonSets: d.daemonSetPods }));
    for (const b of d.blocked)
      out.push(`  ${paint(ctx.io, 'red', tr(l, 'capacity.cli.blocked', { pod: b.pod, budget: b.budget }))}`);
    for (const u of d.unmanaged) out.push(`  ${tr(l, 'capacity.cli.unmanaged', { pod: u })}`);
  }
  const moved = r.pods.filter((p) => p.origin === 'moved');
  if (moved.length > 0) {
    out.push('');
    out.push(
      tr(l, 'capacity.cli.moved', {
        count: moved.length,
        placed: moved.filter((p) => p.status === 'placed').length,
      }),
    );
  }
  const pending = r.pods.filter((p) => p.status === 'pending');
  if (pending.length > 0) {
    out.push('');
    out.push(paint(ctx.io, 'yellow', tr(l, 'capacity.cli.pendingHead', { count: pending.length })));
    for (const p of pending.slice(0, 50))
      out.push(
        `  ${p.namespace}/${p.pod}: ${p.message === undefined ? reasonsText(l, p.reasons) : t(l, p.message)}`,
      );
    if (pending.length > 50) out.push(`  ${tr(l, 'capacity.cli.more', { count: pending.length - 50 })}`);
  }
  const preempted = r.pods.filter((p) => p.status === 'preempted');
  if (preempted.length > 0) {
    out.push('');
    out.push(
      tr(l, 'capacity.cli.preempted', {
        count: preempted.length,
        pods: preempted
          .slice(0, 10)
          .map((p) => `${p.namespace}/${p.pod}`)
          .join(', '),
      }),
    );
  }
  if (r.recommendation !== undefined) {
    const rec = r.recommendation;
    out.push('');
    out.push(
      paint(
        ctx.io,
        'bold',
        rec.nodes === null
          ? tr(l, 'capacity.cli.noRecommendation', { template: rec.template })
          : tr(l, 'capacity.cli.recommendation', { nodes: rec.nodes, template: rec.template }),
      ),
    );
    for (const c of rec.cannotFit)
      out.push(`  ${tr(l, 'capacity.cli.cannotFit', { pod: c.pod, reasons: reasonsText(l, c.reasons) })}`);
  }
  for (const w of r.warnings)
    out.push(paint(ctx.io, 'yellow', `${tr(l, 'capacity.cli.warning')}: ${t(l, w)}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Sizing

function sizingText(ctx: CommandContext, r: Sizing): string {
  const l = ctx.lang;
  const i = r.inventory;
  const out: string[] = [];
  out.push(
    tr(l, 'capacity.cli.inventory', {
      vms: i.vms,
      containerisable: i.containerisable,
      vcpu: formatNumber(l, i.allocated.vcpu, 0),
      memory: mem(l, i.allocated.memory),
      usedCpu: cpu(l, i.measured.cpu),
      usedMemory: mem(l, i.measured.memory),
    }),
  );
  out.push(
    tr(l, 'capacity.cli.demand', {
      cpu: cpu(l, r.demand.cpu),
      memory: mem(l, r.demand.memory),
      pods: r.demand.pods,
    }),
  );
  const a = r.assumptions;
  out.push(
    tr(l, 'capacity.cli.assumptions', {
      failures: a.failures,
      surge: a.surge,
      target: pct(l, a.targetUtilisation),
      peak: formatNumber(l, a.peakFactor, 2),
      memoryFactor: formatNumber(l, a.memoryFactor, 2),
      reservedCpu: cpu(l, a.reserved.cpu),
      reservedMemory: mem(l, a.reserved.memory),
    }),
  );
  out.push('');
  out.push(
    table(
      ['shape', 'forLoad', 'forFailures', 'nodesCol', 'upgrade', 'bottleneck', 'normal', 'degraded'].map(
        (k) => tr(l, `capacity.col.${k}` as 'capacity.col.node'),
      ),
      r.options.map((o, idx) => [
        `${idx === r.recommended ? '* ' : '  '}${cpu(l, o.shape.cpu)} CPU, ${mem(l, o.shape.memory)}`,
        String(o.forLoad),
        String(o.forFailures),
        String(o.nodes),
        String(o.duringUpgrade),
        o.bottleneck,
        `cpu ${pct(l, o.utilisation.normal.cpu)}, mem ${pct(l, o.utilisation.normal.memory)}`,
        `cpu ${pct(l, o.utilisation.degraded.cpu)}, mem ${pct(l, o.utilisation.degraded.memory)}`,
      ]),
    ),
  );
  const best = r.options[r.recommended];
  if (best !== undefined) {
    out.push('');
    out.push(
      paint(
        ctx.io,
        'bold',
        tr(l, 'capacity.cli.recommendedShape', {
          nodes: best.nodes,
          cpu: cpu(l, best.shape.cpu),
          memory: mem(l, best.shape.memory),
        }),
      ),
    );
    for (const v of best.tooBig) out.push(`  ${tr(l, 'capacity.cli.tooBig', { vm: v })}`);
  }
  for (const w of r.warnings)
    out.push(paint(ctx.io, 'yellow', `${tr(l, 'capacity.cli.warning')}: ${t(l, w)}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Right-sizing

function rightsizeText(ctx: CommandContext, r: Rightsize): string {
  const l = ctx.lang;
  const out: string[] = [];
  out.push(
    tr(l, 'capacity.cli.rightsizeHead', {
      app: r.app,
      environment: r.environment,
      namespace: r.namespace,
      window: r.source.window,
    }),
  );
  out.push(`  ${t(l, r.rule)}`);
  out.push('');
  const fmt = (x: Readonly<Record<string, string>>): string =>
    Object.entries(x)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ') || '-';
  out.push(
    table(
      ['component', 'samples', 'current', 'recommended', 'change'].map((k) =>
        tr(l, `capacity.col.${k}` as 'capacity.col.node'),
      ),
      r.containers.map((c) => [
        c.component,
        String(c.observed.samples),
        `${fmt(c.current.requests)} / ${fmt(c.current.limits)}`,
        `${fmt(c.recommended.requests)} / ${fmt(c.recommended.limits)}`,
        tr(l, `capacity.change.${c.change}`),
      ]),
    ),
  );
  if (r.changed) {
    out.push('');
    out.push(r.patch.trimEnd());
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

function reportCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('capacity')
    .description(capacityUseCases['capacity.report'].summary[l])
    .option('--namespaces <list>', tr(l, 'capacity.flag.namespaces'), list)
    .addOption(
      new Option('--usage <source>', tr(l, 'capacity.flag.usage'))
        .choices(['auto', 'metrics-server', 'prometheus', 'none'])
        .default('auto'),
    )
    .option('--prometheus <url>', tr(l, 'capacity.flag.prometheus'))
    .option('--top <n>', tr(l, 'capacity.flag.top'), positiveInt(1, 1000), 10);
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'capacity',
        'capacity --namespaces grist,annuaire -o json',
        'capacity --prometheus http://prometheus.monitoring:9090 --top 20',
      ],
      tr(l, 'capacity.help.report'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'capacity.report',
      {
        usage: opts['usage'] as 'auto',
        top: opts['top'] as number,
        ...(Array.isArray(opts['namespaces']) ? { namespaces: opts['namespaces'] as string[] } : {}),
        ...(typeof opts['prometheus'] === 'string'
          ? {
              prometheus: {
                url: opts['prometheus'],
                ...(ctx.env['QUAI_PROMETHEUS_TOKEN'] ? { token: ctx.env['QUAI_PROMETHEUS_TOKEN'] } : {}),
              },
            }
          : {}),
      },
      (r) => reportText(ctx, r),
    );
  });
  cmd.addCommand(simulateCommand(ctx));
  cmd.addCommand(sizeCommand(ctx));
  cmd.addCommand(rightsizeCommand(ctx));
  return cmd;
}

function simulateCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const template = (v: string): NodeTemplate => parseTemplate(l, v);
  const addNodes = (v: string, prev: { template: NodeTemplate; count: number }[] = []) => {
    const m = /^(\d+):(.+)$/.exec(v);
    if (m === null) throw new InvalidArgumentError(tr(l, 'capacity.cli.badAddNodes', { value: v }));
    return [...prev, { count: Number(m[1]), template: parseTemplate(l, m[2] ?? '') }];
  };
  const replicas = (v: string, prev: Record<string, number> = {}) => {
    const m = /^(.+)=(\d+)$/.exec(v);
    if (m === null) throw new InvalidArgumentError(tr(l, 'capacity.cli.badReplicas', { value: v }));
    return { ...prev, [m[1] ?? '']: Number(m[2]) };
  };
  const cmd = new Command('simulate')
    .description(capacityUseCases['capacity.simulate'].summary[l])
    .option('--app <app-spec>', tr(l, 'capacity.flag.app'), collect)
    .option('-f, --manifests <file>', tr(l, 'capacity.flag.manifests'), collect)
    .option('--replicas <workload=n>', tr(l, 'capacity.flag.replicas'), replicas)
    .option('--at-max', tr(l, 'capacity.flag.atMax'))
    .option('--remove-node <node>', tr(l, 'capacity.flag.removeNode'), collect)
    .option('--drain <node>', tr(l, 'capacity.flag.drain'), collect)
    .option('--add-nodes <count:template>', tr(l, 'capacity.flag.addNodes'), addNodes)
    .option('--node-template <template>', tr(l, 'capacity.flag.nodeTemplate'), template)
    .option('--snapshot <file>', tr(l, 'capacity.flag.snapshot'))
    .option('--platform <file>', tr(l, 'deploy.flag.platform'))
    .option('--env <environment>', tr(l, 'deploy.flag.env'), 'prod');
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'capacity simulate --app apps/grist/app.yaml --env prod --node-template 8/32Gi',
        'capacity simulate -f rendered.yaml --replicas Deployment/web=6',
        'capacity simulate --remove-node worker-3',
        'capacity simulate --drain worker-1 --drain worker-2 -o json',
        'capacity simulate --add-nodes 2:8/32Gi,zone=b --app app.yaml --at-max',
        'capacity simulate --snapshot cluster.yaml --app app.yaml',
      ],
      tr(l, 'capacity.help.simulate'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'capacity.simulate',
      {
        environment: opts['env'] as string,
        ...(typeof opts['platform'] === 'string' ? { platform: { file: opts['platform'] } } : {}),
        apps: ((opts['app'] as string[] | undefined) ?? []).map((file) => ({ file })),
        manifests: ((opts['manifests'] as string[] | undefined) ?? []).map((file) => ({ file })),
        replicas: (opts['replicas'] as Record<string, number> | undefined) ?? {},
        autoscaled: opts['atMax'] === true ? 'max' : 'min',
        removeNodes: (opts['removeNode'] as string[] | undefined) ?? [],
        drainNodes: (opts['drain'] as string[] | undefined) ?? [],
        addNodes: (opts['addNodes'] as { template: NodeTemplate; count: number }[] | undefined) ?? [],
        ...(opts['nodeTemplate'] === undefined ? {} : { nodeTemplate: opts['nodeTemplate'] as NodeTemplate }),
        ...(typeof opts['snapshot'] === 'string' ? { snapshot: { file: opts['snapshot'] } } : {}),
      },
      (r) => simulationText(ctx, r),
    );
  });
  return cmd;
}

function sizeCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const shape = (v: string, prev: { cpu: string; memory: string }[] = []) => {
    const t = parseTemplate(l, v);
    if (t.cpu === undefined || t.memory === undefined)
      throw new InvalidArgumentError(tr(l, 'capacity.cli.badTemplate', { value: v }));
    return [...prev, { cpu: t.cpu, memory: t.memory }];
  };
  const reserved = (v: string) => {
    const t = parseTemplate(l, v);
    if (t.cpu === undefined || t.memory === undefined)
      throw new InvalidArgumentError(tr(l, 'capacity.cli.badTemplate', { value: v }));
    return { cpu: t.cpu, memory: t.memory };
  };
  const cmd = new Command('size')
    .description(capacityUseCases['capacity.size'].summary[l])
    .requiredOption('--vms <inventory.csv>', tr(l, 'capacity.flag.vms'))
    .option('--shape <cpu/memory>', tr(l, 'capacity.flag.shape'), shape)
    .option('--failures <n>', tr(l, 'capacity.flag.failures'), positiveInt(0, 10), 1)
    .option('--surge <n>', tr(l, 'capacity.flag.surge'), positiveInt(0, 10), 1)
    .option('--target <share>', tr(l, 'capacity.flag.target'), positiveNumber(), 0.7)
    .option('--peak <factor>', tr(l, 'capacity.flag.peak'), positiveNumber(), 1.5)
    .option('--memory-factor <factor>', tr(l, 'capacity.flag.memoryFactor'), positiveNumber(), 1.2)
    .option('--reserved <cpu/memory>', tr(l, 'capacity.flag.reserved'), reserved)
    .option('--max-pods <n>', tr(l, 'capacity.flag.maxPods'), positiveInt(1, 1000), 110)
    .option('--pods-per-vm <n>', tr(l, 'capacity.flag.podsPerVm'), positiveInt(1, 100), 1);
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'capacity size --vms inventory.csv',
        'capacity size --vms inventory.csv --shape 8/32Gi --shape 16/64Gi --failures 2 -o json',
      ],
      tr(l, 'capacity.help.size'),
    ),
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'capacity.size',
      {
        inventory: { file: opts['vms'] as string },
        shapes: (opts['shape'] as { cpu: string; memory: string }[] | undefined) ?? [],
        failures: opts['failures'] as number,
        surge: opts['surge'] as number,
        targetUtilisation: opts['target'] as number,
        peakFactor: opts['peak'] as number,
        memoryFactor: opts['memoryFactor'] as number,
        ...(opts['reserved'] === undefined
          ? {}
          : { reserved: opts['reserved'] as { cpu: string; memory: string } }),
        maxPodsPerNode: opts['maxPods'] as number,
        podsPerVm: opts['podsPerVm'] as number,
      },
      (r) => sizingText(ctx, r),
    );
  });
  return cmd;
}

function rightsizeCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('rightsize')
    .description(capacityUseCases['capacity.rightsize'].summary[l])
    .argument('<app-spec>', tr(l, 'deploy.arg.appSpecs'))
    .option('--prometheus <url>', tr(l, 'capacity.flag.prometheus'))
    .option('--history <file>', tr(l, 'capacity.flag.history'))
    .option('--window <duration>', tr(l, 'capacity.flag.window'), '14d')
    .addOption(
      new Option('--method <rule>', tr(l, 'capacity.flag.method')).choices(['krr', 'vpa']).default('krr'),
    )
    .option('--min-change <share>', tr(l, 'capacity.flag.minChange'), positiveNumber(), 0.1)
    .option('--write <file>', tr(l, 'capacity.flag.write'))
    .option('--patch <file>', tr(l, 'capacity.flag.patch'))
    .option('--platform <file>', tr(l, 'deploy.flag.platform'))
    .option('--env <environment>', tr(l, 'deploy.flag.env'), 'prod');
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      [
        'capacity rightsize apps/grist/app.yaml --prometheus http://prometheus:9090 --write apps/grist/app.rightsized.yaml',
        'capacity rightsize app.yaml --history usage.json --method vpa --patch rightsize.patch',
      ],
      tr(l, 'capacity.help.rightsize'),
    ),
  );
  cmd.action(async (file: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    for (const out of [opts['write'], opts['patch']]) {
      if (typeof out === 'string' && resolve(out) === resolve(file)) {
        throw new QuaiError('USAGE', msg('capacity.cli.noOverwrite', { file }), {
          hint: msg('capacity.cli.noOverwriteHint'),
        });
      }
    }
    const r = await runUseCase(
      ctx,
      g,
      'capacity.rightsize',
      {
        app: { file },
        environment: opts['env'] as string,
        ...(typeof opts['platform'] === 'string' ? { platform: { file: opts['platform'] } } : {}),
        method: opts['method'] as 'krr',
        window: opts['window'] as string,
        minChange: opts['minChange'] as number,
        ...(typeof opts['prometheus'] === 'string'
          ? {
              prometheus: {
                url: opts['prometheus'],
                ...(ctx.env['QUAI_PROMETHEUS_TOKEN'] ? { token: ctx.env['QUAI_PROMETHEUS_TOKEN'] } : {}),
              },
            }
          : {}),
        ...(typeof opts['history'] === 'string' ? { history: { file: opts['history'] } } : {}),
      },
      (result) => rightsizeText(ctx, result),
    );
    // The proposal is written for review, never over the app spec (the output names the files).
    if (typeof opts['write'] === 'string') {
      await writeFileAtomic(opts['write'], r.spec);
      ctx.io.err.write(`${tr(l, 'capacity.cli.wroteSpec', { file: opts['write'] })}\n`);
    }
    if (typeof opts['patch'] === 'string') {
      await writeFileAtomic(opts['patch'], r.patch);
      ctx.io.err.write(`${tr(l, 'capacity.cli.wrotePatch', { file: opts['patch'] })}\n`);
    }
  });
  return cmd;
}

export const capacityCommand: CommandModule = {
  name: 'capacity',
  register: (p, ctx) => p.addCommand(reportCommand(ctx)),
};
