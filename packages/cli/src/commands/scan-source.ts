import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import * as scan from '@quai/core/scan';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import type { CommandContext } from '../context.js';
import type { Progress } from '../progress.js';

/*
 * Where `quai scan image`, `quai sbom` and `quai scan cluster` read images from, and the flags
 * for it: registry credentials and TLS, the image to pick in an archive, and the safety limits
 * against hostile layers.
 */

/** Sizes such as 512Mi, 20Gi, 1G or a plain number of bytes. */
function byteSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(|k|ki|m|mi|g|gi|t|ti)b?$/i.exec(value.trim());
  if (m === null) throw new InvalidArgumentError('Expected a size such as 512Mi, 20Gi or a number of bytes.');
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

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('Expected a whole number of 1 or more.');
  return Number(value);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds the image source flags to a command. */
export function addImageSourceOptions(cmd: Command, archive = true): Command {
  if (archive)
    cmd.option('--image <name:tag>', 'the image to read from a docker save archive that holds several');
  return cmd
    .option(
      '--registry-username <name>',
      'registry user name (else QUAI_REGISTRY_USERNAME, else ~/.docker/config.json)',
    )
    .option(
      '--registry-password-stdin',
      'read the registry password from standard input (else QUAI_REGISTRY_PASSWORD)',
    )
    .option('--registry-ca <file>', 'PEM CA bundle to trust for registries, besides the system ones')
    .option(
      '--insecure-registry <host:port>',
      'reach this registry over plain HTTP or with its certificate unchecked (repeatable; loopback registries may use plain HTTP)',
      collect,
    )
    .option(
      '--max-image-bytes <size>',
      'safety cap on the uncompressed bytes read from one image (default 32Gi)',
      byteSize,
    )
    .option(
      '--max-entries <n>',
      'safety cap on the tar entries read from one image (default 5000000)',
      wholeNumber,
    );
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
    registry: registryOptions(ctx, opts),
  };
}

const KIND_NAMES: Record<scan.ImageSourceKind, string> = {
  'oci-layout': 'OCI layout',
  rootfs: 'root filesystem',
  archive: 'image archive',
  registry: 'registry image',
};

/** Reads the inventory of an image from a folder, an archive or a registry, with a progress line. */
export async function readImageInventory(
  ctx: CommandContext,
  target: string,
  opts: Record<string, unknown>,
  progress: Progress,
): Promise<scan.inventory.Inventory> {
  const source = await scan.detectImageSource(target);
  progress.step(`Reading ${KIND_NAMES[source.kind]} ${source.location}`);
  const { inventory } = await scan.inventoryFromImage(target, {
    ...readOptions(ctx, opts),
    onLayer: ({ index, total, digest, size }) =>
      progress.status(
        `layer ${index + 1}/${total} ${digest.slice(0, 19)} (${(size / 1024 / 1024).toFixed(1)} MiB)`,
      ),
  });
  return inventory;
}
