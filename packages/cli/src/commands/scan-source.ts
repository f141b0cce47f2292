import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import * as scan from '@quai/core/scan/base';
import { formatBytes, msg, tr, type Lang } from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import type { CommandContext } from '../context.js';
import type { Progress } from '../progress.js';

/*
 * Where `quai scan image`, `quai sbom` and `quai scan cluster` read images from, and the flags
 * for it: registry credentials and TLS, the image to pick in an archive, and the safety limits
 * against hostile layers.
 */

/** Sizes such as 512Mi, 20Gi, 1G or a plain number of bytes. */
function byteSize(l: Lang, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(|k|ki|m|mi|g|gi|t|ti)b?$/i.exec(value.trim());
  if (m === null) throw new InvalidArgumentError(tr(l, 'scan.cli.byteSize'));
  const unit = m[2]!.toLowerCase();
  const mult: Record<string, number> = {
    '': 1,
    k: 1e3,
    ki: 1024,
    m: 1e6,
    mi: 1024 ** 2,
    g: 1e9,
    gi: 1024 ** 3,
    t: 1e12,
    ti: 1024 ** 4,
  };
  return Math.floor(Number(m[1]) * mult[unit]!);
}

function wholeNumber(l: Lang, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(tr(l, 'scan.cli.wholeNumber'));
  return Number(value);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds the image source flags to a command (`image`: one image is read, scan image and sbom). */
export function addImageSourceOptions(cmd: Command, l: Lang, image = true): Command {
  if (image) cmd.option('--image <name:tag>', tr(l, 'scan.cli.flag.image'));
  return cmd
    .option('--no-layer-cache', tr(l, 'scan.cli.flag.noLayerCache'))
    .option('--registry-username <name>', tr(l, 'scan.cli.flag.registryUsername'))
    .option('--registry-password-stdin', tr(l, 'scan.cli.flag.registryPasswordStdin'))
    .option('--registry-ca <file>', tr(l, 'scan.cli.flag.registryCa'))
    .option('--insecure-registry <host:port>', tr(l, 'scan.cli.flag.insecureRegistry'), collect)
    .option('--max-image-bytes <size>', tr(l, 'scan.cli.flag.maxImageBytes'), (v: string) => byteSize(l, v))
    .option('--max-entries <n>', tr(l, 'scan.cli.flag.maxEntries'), (v: string) => wholeNumber(l, v));
}

/** Registry client options from the flags and the environment. */
export function registryOptions(
  ctx: CommandContext,
  opts: Record<string, unknown>,
): scan.registry.RegistryClientOptions {
  const username =
    typeof opts['registryUsername'] === 'string'
      ? opts['registryUsername']
      : ctx.env['QUAI_REGISTRY_USERNAME'];
  let password = ctx.env['QUAI_REGISTRY_PASSWORD'];
  if (opts['registryPasswordStdin'] === true) password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (password !== undefined && (username === undefined || username === '')) {
    throw new QuaiError('USAGE', msg('scan.cli.passwordWithoutUser'), {
      hint: msg('scan.cli.passwordWithoutUserHint'),
    });
  }
  return {
    ...(username !== undefined && username !== ''
      ? { credentials: { username, password: password ?? '' } }
      : {}),
    ...(typeof opts['registryCa'] === 'string' ? { caFile: opts['registryCa'] } : {}),
    ...(Array.isArray(opts['insecureRegistry'])
      ? { insecureRegistries: opts['insecureRegistry'] as string[] }
      : {}),
    env: ctx.env,
    signal: ctx.signal,
    userAgent: `quai/${ctx.version}`,
  };
}

/** Image reading options (platform, archive image, limits) from the flags. */
export function readOptions(ctx: CommandContext, opts: Record<string, unknown>): scan.ReadImageOptions {
  return {
    platform: typeof opts['platform'] === 'string' ? opts['platform'] : 'linux/amd64',
    ...(typeof opts['image'] === 'string' ? { image: opts['image'] } : {}),
    ...(typeof opts['maxImageBytes'] === 'number' ? { maxImageBytes: opts['maxImageBytes'] } : {}),
    ...(typeof opts['maxEntries'] === 'number' ? { maxEntries: opts['maxEntries'] } : {}),
    ...layerCacheOption(ctx, opts),
    registry: registryOptions(ctx, opts),
  };
}

/**
 * The layer cache, shared by scan image, sbom and scan cluster: layers seen before (by digest) are
 * not read again; --no-layer-cache reads them all.
 */
export function layerCacheOption(
  ctx: CommandContext,
  opts: Record<string, unknown>,
): { readonly layerCacheDir?: string } {
  return opts['layerCache'] === false ? {} : { layerCacheDir: scan.inventory.defaultLayerCacheDir(ctx.env) };
}

/** Reads the inventory of an image from a folder, an archive or a registry, with a progress line. */
export async function readImageInventory(
  ctx: CommandContext,
  target: string,
  opts: Record<string, unknown>,
  progress: Progress,
): Promise<scan.inventory.Inventory> {
  const source = await scan.detectImageSource(target);
  const l = ctx.lang;
  progress.step(
    tr(l, 'scan.cli.reading', { kind: tr(l, `scan.cli.kind.${source.kind}`), location: source.location }),
  );
  const { inventory } = await scan.inventoryFromImage(target, {
    ...readOptions(ctx, opts),
    onLayer: ({ index, total, digest, size }) =>
      progress.status(
        tr(l, 'scan.cli.layer', {
          index: index + 1,
          total,
          digest: digest.slice(0, 19),
          size: formatBytes(l, size),
        }),
      ),
  });
  return inventory;
}
