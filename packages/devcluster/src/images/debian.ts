import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { readLayout, writeLayout, type ImageConfig, type LayoutImage } from './oci.js';

/*
 * Images from Debian packages, without a Docker engine: mmdebstrap installs the packages into a
 * root filesystem and writes it as one tar (the image's single layer), with Quai's files and
 * commands applied by its hooks; oci.ts packs it. Each image is cached by the hash of what makes
 * it (packages, files, commands, config, the Debian suite and mirrors): the same recipe is built
 * once per machine, under the cache folder, outside the repository.
 */

/** Bump when the way images are made changes, so that cached images are rebuilt. */
const BUILDER_VERSION = '1';

export interface ImageFile {
  readonly path: string;
  readonly content: string | Buffer;
  readonly mode?: number;
}

export interface DebianRecipe {
  /** Repository in the registry: "quai/nginx". */
  readonly repository: string;
  readonly packages: readonly string[];
  /** mmdebstrap variant: "essential" (no apt) keeps images small. */
  readonly variant?: 'essential' | 'apt' | 'minbase';
  readonly files?: readonly ImageFile[];
  /**
   * A folder of files laid over / as a second layer (Quai's own files): the Debian layer is
   * cached apart, so a change of these files costs a tar, not a Debian build.
   */
  readonly tree?: { readonly dir: string; readonly key: string };
  /** Shell commands run inside the root filesystem after the packages are installed. */
  readonly commands?: readonly string[];
  /** The user the image runs as: a name, resolved to "uid:gid" inside the image. */
  readonly user?: string;
  readonly config: Omit<ImageConfig, 'user'>;
}

export interface DebianSource {
  readonly suite: string;
  /** sources.list lines handed to mmdebstrap. */
  readonly lines: readonly string[];
}

/** The host's Debian suite and mirror (from /etc/os-release and apt's sources), else bookworm. */
export async function hostDebianSource(): Promise<DebianSource> {
  const os = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const suite = /^VERSION_CODENAME=(\S+)/m.exec(os)?.[1] ?? 'bookworm';
  const sources = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
  const list = await readFile('/etc/apt/sources.list', 'utf8').catch(() => '');
  const uris = [...sources.matchAll(/^URIs:\s*(\S+)/gm), ...list.matchAll(/^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm)]
    .map((m) => m[1] ?? '')
    .filter((u) => u.startsWith('http'));
  const main = uris.find((u) => !u.includes('security')) ?? 'http://deb.debian.org/debian';
  const security = uris.find((u) => u.includes('security')) ?? 'http://deb.debian.org/debian-security';
  return {
    suite,
    lines: [
      `deb ${main} ${suite} main`,
      `deb ${main} ${suite}-updates main`,
      `deb ${security} ${suite}-security main`,
    ],
  };
}

/** The Debian part of a recipe whose tree makes a second layer. */
function withoutTree(recipe: DebianRecipe): DebianRecipe {
  const { tree: _tree, ...rest } = recipe;
  return { ...rest, repository: `${recipe.repository}-base` };
}

export function recipeKey(recipe: DebianRecipe, source: DebianSource): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify({
      v: BUILDER_VERSION,
      source,
      ...recipe,
      tree: null,
      files: undefined,
    }),
  );
  for (const f of recipe.files ?? []) {
    h.update(f.path)
      .update(String(f.mode ?? 0o644))
      .update(f.content);
  }
  return h.digest('hex');
}

export interface BuildImageOptions {
  /** Cache root ($QUAI_CACHE_DIR): images are kept in images/ under it. */
  readonly cacheDir: string;
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly source?: DebianSource;
}

export interface BuiltImage extends LayoutImage {
  readonly repository: string;
  /** Tag derived from the recipe's hash: the same recipe, the same tag. */
  readonly tag: string;
  readonly cached: boolean;
}

function missing(what: string, pkg: string): QuaiError {
  return new QuaiError('PREREQUISITE_MISSING', msg('devcluster.image.toolMissing', { tool: what }), {
    hint: msg('devcluster.installHint', { package: pkg }),
  });
}

/** Builds (or takes from the cache) the image of a recipe. */
export async function buildDebianImage(
  recipe: DebianRecipe,
  options: BuildImageOptions,
): Promise<BuiltImage> {
  const source = options.source ?? (await hostDebianSource());
  const baseKey = recipeKey(recipe, source);
  const key =
    recipe.tree === undefined
      ? baseKey
      : createHash('sha256').update(baseKey).update('\0').update(recipe.tree.key).digest('hex');
  const tag = `${source.suite}-${key.slice(0, 12)}`;
  const imagesDir = join(options.cacheDir, 'images');
  const dir = join(imagesDir, `${recipe.repository.replaceAll('/', '_')}-${key.slice(0, 16)}`);
  const cached = await readLayout(dir);
  if (cached !== undefined) return { ...cached, repository: recipe.repository, tag, cached: true };
  if (recipe.tree !== undefined) {
    // The Debian layer (cached on its own), then the tree as a second layer.
    const base = await buildDebianImage(withoutTree(recipe), { ...options, source });
    const config = JSON.parse(
      await readFile(join(base.dir, 'blobs', 'sha256', base.config.digest.slice(7)), 'utf8'),
    ) as { config: Record<string, unknown>; rootfs: { diff_ids: string[] } };
    const user = config.config['User'];
    const image = await writeLayout(
      dir,
      [
        ...base.layers.map((layer, i) => ({
          blob: {
            file: join(base.dir, 'blobs', 'sha256', layer.digest.slice(7)),
            descriptor: layer,
            diffId: config.rootfs.diff_ids[i] ?? '',
          },
        })),
        { tarOf: recipe.tree.dir },
      ],
      { ...recipe.config, ...(typeof user === 'string' ? { user } : {}) },
      {
        'org.opencontainers.image.title': recipe.repository,
        'org.opencontainers.image.description': `Debian ${source.suite}: ${recipe.packages.join(' ')}, and Quai's files`,
      },
    );
    return { ...image, repository: recipe.repository, tag, cached: false };
  }
  if (!existsSync('/usr/bin/mmdebstrap')) throw missing('mmdebstrap', 'mmdebstrap');

  await mkdir(imagesDir, { recursive: true });
  const work = await mkdtemp(join(imagesDir, '.build-'));
  try {
    const debs = join(options.cacheDir, 'images', 'debs');
    await mkdir(debs, { recursive: true });
    const files = join(work, 'files');
    for (const f of recipe.files ?? []) {
      const target = join(files, f.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, f.content);
      await chmod(target, f.mode ?? 0o644);
    }
    const userFile = join(work, 'user');
    const tar = join(work, 'rootfs.tar');
    const hooks: string[] = [
      // Share downloaded packages between builds (mmdebstrap's documented cache recipe).
      `--setup-hook=mkdir -p "$1"/var/cache/apt/archives/`,
      `--setup-hook=sync-in ${debs} /var/cache/apt/archives/`,
      `--customize-hook=sync-out /var/cache/apt/archives ${debs}`,
    ];
    if (recipe.files?.length) hooks.push(`--customize-hook=sync-in ${files} /`);
    for (const c of recipe.commands ?? []) {
      hooks.push(`--customize-hook=chroot "$1" sh -ec ${shellQuote(c)}`);
    }
    if (recipe.user !== undefined) {
      hooks.push(
        `--customize-hook=chroot "$1" sh -c ${shellQuote(`echo "$(id -u ${recipe.user}):$(id -g ${recipe.user})"`)} > ${userFile}`,
      );
    }
    const args = [
      `--mode=${process.getuid?.() === 0 ? 'root' : 'unshare'}`,
      `--variant=${recipe.variant ?? 'essential'}`,
      ...(recipe.packages.length > 0 ? [`--include=${recipe.packages.join(',')}`] : []),
      '--skip=essential/unlink',
      '--dpkgopt=path-exclude=/usr/share/doc/*',
      '--dpkgopt=path-include=/usr/share/doc/*/copyright',
      '--dpkgopt=path-exclude=/usr/share/man/*',
      '--dpkgopt=path-exclude=/usr/share/info/*',
      '--dpkgopt=path-exclude=/usr/share/locale/*',
      '--format=tar',
      ...hooks,
      source.suite,
      tar,
      ...source.lines,
    ];
    await mmdebstrap(args, recipe.repository, options);
    const user = recipe.user === undefined ? undefined : (await readFile(userFile, 'utf8')).trim();
    if (user !== undefined && !/^\d+:\d+$/.test(user)) {
      throw new QuaiError(
        'DEVCLUSTER_BUILD_FAILED',
        msg('devcluster.image.noUser', { image: recipe.repository, user: recipe.user ?? '' }),
      );
    }
    const image = await writeLayout(
      dir,
      [{ file: tar }],
      { ...recipe.config, ...(user !== undefined ? { user } : {}) },
      {
        'org.opencontainers.image.title': recipe.repository,
        'org.opencontainers.image.description': `Debian ${source.suite}: ${recipe.packages.join(' ') || 'essential packages'}`,
      },
    );
    return { ...image, repository: recipe.repository, tag, cached: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new QuaiError(
        'PREREQUISITE_MISSING',
        msg('devcluster.image.noSpace', { folder: imagesDir, image: recipe.repository }),
        { hint: msg('devcluster.image.noSpaceHint'), cause: error },
      );
    }
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

async function mmdebstrap(args: readonly string[], what: string, options: BuildImageOptions): Promise<void> {
  const tail: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('mmdebstrap', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SOURCE_DATE_EPOCH: '0', LC_ALL: 'C.UTF-8' },
      ...(options.signal ? { signal: options.signal } : {}),
      killSignal: 'SIGINT',
    });
    let buffer = '';
    const onData = (chunk: string): void => {
      buffer += chunk;
      const parts = buffer.split(/\r?\n/);
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        options.onLine?.(`[${what}] ${line}`);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  }).catch((error: unknown) => {
    if (options.signal?.aborted) {
      throw new QuaiError('INTERRUPTED', msg('devcluster.image.interrupted', { image: what }));
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing('mmdebstrap', 'mmdebstrap');
    throw error;
  });
  if (code !== 0) {
    const text = tail.join('\n');
    const full = /No space left on device/i.test(text);
    throw new QuaiError(
      full ? 'PREREQUISITE_MISSING' : 'DEVCLUSTER_BUILD_FAILED',
      full
        ? msg('devcluster.image.mmdebstrapNoSpace', { image: what })
        : msg('devcluster.image.mmdebstrapFailed', {
            image: what,
            reason:
              tail.filter((l) => /^E:|error/i.test(l)).pop() ??
              tail.at(-1) ??
              msg('devcluster.exitCode', { code }),
          }),
      {
        hint: full
          ? msg('devcluster.image.mmdebstrapNoSpaceHint')
          : msg('devcluster.image.mmdebstrapFailedHint'),
        details: { output: text },
      },
    );
  }
}
