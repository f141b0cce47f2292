import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { clusterplan, model, onboard } from '@quai/core';
import { globalOptions } from '../context.js';
import { print } from '../output.js';
import type { CommandModule } from './types.js';

export const clusterCommand: CommandModule = {
  name: 'cluster',
  register(parent, ctx) {
    const cluster = parent
      .command('cluster')
      .description('Plan a production cluster on virtual machines (RKE2 or K3s)');
    const plan = cluster
      .command('plan')
      .description(
        'Check an inventory of VMs and networks, and write the RKE2 (or K3s) configuration of every node and an install checklist',
      )
      .argument(
        '<inventory>',
        'inventory file (YAML): nodes, networks, load balancer, storage, registry, proxy',
      )
      .option(
        '--out <dir>',
        'write the plan into this folder (one sub-folder per node, checklist.md); replaced atomically',
      )
      .addOption(
        new Option('--distribution <name>', 'override spec.distribution of the inventory').choices([
          'rke2',
          'k3s',
        ]),
      )
      .addOption(
        new Option('--lang <lang>', 'language of the checklist').choices(['en', 'fr']).default('en'),
      );
    plan.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} cluster plan inventory.yaml
  ${ctx.programName} cluster plan inventory.yaml --lang fr --out plan-prod
  ${ctx.programName} cluster plan inventory.yaml --distribution k3s --out plan-test

Checks: unique names and addresses, an odd number of control-plane nodes (three in prod) behind a
load balancer, minimum sizes, pod and service networks that overlap no existing network, time
servers, an etcd snapshot schedule with a copy off the nodes, the registry mirror (air-gapped
installs), storage. Errors name the inventory line and the fix; nothing is written on error.
The inventory format is in docs/install.md (docs/examples/cluster-inventory.yaml).`,
    );
    plan.action(async (file: string, opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const distribution =
        opts['distribution'] === 'k3s' || opts['distribution'] === 'rke2' ? opts['distribution'] : undefined;
      const result = await clusterplan.loadAndPlan(file, {
        lang: opts['lang'] === 'fr' ? 'fr' : 'en',
        ...(distribution === undefined ? {} : { distribution }),
      });
      for (const w of result.warnings) {
        ctx.io.err.write(
          `warning: ${model.describeDiagnostic(w)}${w.hint === undefined ? '' : `\n  hint: ${w.hint}`}\n`,
        );
      }
      const out = opts['out'];
      if (typeof out === 'string') {
        const dir = resolve(out);
        await onboard.writeFolderAtomic(
          dir,
          new Map(
            result.files.map((f) => [
              f.path,
              { content: f.content, ...(f.mode === undefined ? {} : { mode: f.mode }) },
            ]),
          ),
        );
        print(
          ctx.io,
          g.output,
          { directory: dir, files: result.files.map((f) => f.path), warnings: result.warnings },
          () =>
            `Wrote the plan of cluster ${result.inventory.metadata.name} (${result.inventory.spec.nodes.length} nodes, ${result.files.length} files) to ${dir}; start with ${dir}/checklist.md`,
        );
        return;
      }
      print(
        ctx.io,
        g.output,
        { files: result.files, firewall: result.firewall, warnings: result.warnings },
        () => result.checklist,
      );
    });
  },
};
