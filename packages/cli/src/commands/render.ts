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
        'write one file per object and a kustomization.yaml into this folder (replaced atomically); Secrets go to <dir>-secrets/ (mode 0600), never beside files meant for Git',
      )
      .option(
        '--seal-cert <file>',
        'seal Secrets for the cluster with this Sealed Secrets certificate (kubeseal --fetch-cert): SealedSecrets go into --out and can be committed',
      )
      .option(
        '--allow-read <dir>',
        "a folder outside the app spec's own whose files configFiles.fromFile may read; repeatable",
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      );
    cmd.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} render apps/grist/app.yaml --platform quai.yaml --env staging
  ${ctx.programName} render apps/*/app.yaml --platform quai.yaml --out deploy/prod
  ${ctx.programName} render app.yaml | kubectl apply --server-side -f -

  ${ctx.programName} render apps/grist/app.yaml --secrets apps/grist/secrets --seal-cert sealed-secrets.pem --out deploy/grist

Output is deterministic (same input, same bytes): objects in apply order, stable keys. With
--out, Secrets are written apart, to <dir>-secrets/ with mode 0600 and kept out of
kustomization.yaml, so <dir> can be committed; with --seal-cert they become SealedSecrets in
<dir> instead, which only the cluster's controller can decrypt.`,
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
        const loaded = await model.loadAppSpec(file, {
          allowRead: opts['allowRead'] as string[],
          signal: ctx.signal,
        });
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
      let sorted = render.sortObjects(objects);
      if (typeof opts['sealCert'] === 'string') {
        const file = opts['sealCert'];
        const key = render.sealingKey(await model.readInput(file, 'certificate', 64 * 1024), file);
        sorted = sorted.map((o) => (o.kind === 'Secret' ? render.sealSecret(o, key) : o));
      }
      for (const n of notes) ctx.io.err.write(`note: ${n}\n`);
      const out = opts['out'];
      if (typeof out === 'string') {
        const dir = resolve(out);
        const written = new Map<string, { content: string }>();
        const secretFiles = new Map<string, { content: string; mode: number }>();
        const names = sorted.map((o, i) => render.fileNameFor(i, o));
        sorted.forEach((o, i) => {
          const content = stringify(o, { lineWidth: 0 });
          if (o.kind === 'Secret') secretFiles.set(names[i] ?? '', { content, mode: 0o600 });
          else written.set(names[i] ?? '', { content });
        });
        written.set('kustomization.yaml', {
          content: stringify({
            apiVersion: 'kustomize.config.k8s.io/v1beta1',
            kind: 'Kustomization',
            resources: names.filter((n) => !secretFiles.has(n)),
          }),
        });
        await onboard.writeFolderAtomic(dir, written);
        const secretsDir = `${dir}-secrets`;
        if (secretFiles.size > 0) await onboard.writeFolderAtomic(secretsDir, secretFiles);
        print(
          ctx.io,
          g.output,
          {
            directory: dir,
            files: [...written.keys()],
            ...(secretFiles.size > 0
              ? { secretsDirectory: secretsDir, secretFiles: [...secretFiles.keys()] }
              : {}),
          },
          () =>
            `Wrote ${sorted.length - secretFiles.size} objects to ${dir}${secretFiles.size > 0 ? `\nWrote ${secretFiles.size} Secret${secretFiles.size === 1 ? '' : 's'} to ${secretsDir} (mode 0600): keep them out of Git, or render with --seal-cert` : ''}`,
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
