import { resolve } from 'node:path';
import type { Command } from 'commander';
import { model, onboard, render, type KubeObject } from '@quai/core';
import { stringify } from 'yaml';
import { globalOptions } from '../context.js';
import { print } from '../output.js';
import type { CommandModule } from './types.js';

export const renderCommand: CommandModule = {
  name: 'render',
  register(parent, ctx) {
    const cmd = parent
      .command('render')
      .description('Render app specs into hardened Kubernetes manifests for one environment')
      .argument('<app-spec...>', 'app spec files (app.yaml)')
      .option(
        '--platform <file>',
        'platform file with the domain, storage classes, environments (default: built-in defaults)',
      )
      .option('--env <environment>', 'environment to render', 'prod')
      .option(
        '--secrets <dir>',
        'folder of <secret>.env files (from quai import compose --out) to render as Secrets',
      )
      .option(
        '--out <dir>',
        'write one file per object and a kustomization.yaml into this folder (replaced atomically)',
      );
    cmd.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} render apps/grist/app.yaml --platform quai.yaml --env staging
  ${ctx.programName} render apps/*/app.yaml --platform quai.yaml --out deploy/prod
  ${ctx.programName} render app.yaml | kubectl apply --server-side -f -

Output is deterministic (same input, same bytes): objects in apply order, stable keys.`,
    );
    cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const platform =
        typeof opts['platform'] === 'string'
          ? (await model.loadPlatform(opts['platform'])).value
          : model.defaultPlatform();
      const secrets =
        typeof opts['secrets'] === 'string' ? await onboard.readSecretsDir(opts['secrets']) : undefined;
      const objects: KubeObject[] = [];
      const notes: string[] = [];
      for (const file of files) {
        const loaded = await model.loadAppSpec(file);
        for (const w of loaded.warnings) ctx.io.err.write(`warning: ${model.describeDiagnostic(w)}\n`);
        const result = render.render({
          app: loaded.value,
          platform,
          environment: opts['env'] as string,
          ...(secrets ? { secrets } : {}),
        });
        objects.push(...result.objects);
        for (const n of result.notes) notes.push(`${loaded.value.metadata.name}: ${n.message}`);
      }
      const sorted = render.sortObjects(objects);
      for (const n of notes) ctx.io.err.write(`note: ${n}\n`);
      const out = opts['out'];
      if (typeof out === 'string') {
        const dir = resolve(out);
        const written = new Map<string, { content: string }>();
        const names = sorted.map((o, i) => render.fileNameFor(i, o));
        sorted.forEach((o, i) => written.set(names[i] ?? '', { content: stringify(o, { lineWidth: 0 }) }));
        written.set('kustomization.yaml', {
          content: stringify({
            apiVersion: 'kustomize.config.k8s.io/v1beta1',
            kind: 'Kustomization',
            resources: names,
          }),
        });
        await onboard.writeFolderAtomic(dir, written);
        print(
          ctx.io,
          g.output,
          { directory: dir, files: [...written.keys()] },
          () => `Wrote ${sorted.length} objects to ${dir}`,
        );
        return;
      }
      if (g.output === 'json') {
        ctx.io.out.write(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: sorted }, null, 2)}\n`);
        return;
      }
      ctx.io.out.write(render.toYamlStream(sorted));
    });
  },
};
