import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { clusterState } from '../cluster.js';
import { devClusterPaths } from '../paths.js';
import { buildDebianImage, type BuiltImage, type DebianRecipe } from './debian.js';
import { pushImage } from './oci.js';
import { quaiRecipe } from './quai.js';
import { RECIPES, type StandardImage } from './recipes.js';

export { type DebianRecipe, type BuiltImage } from './debian.js';
export { type StandardImage } from './recipes.js';

export const STANDARD_IMAGES: readonly StandardImage[] = [
  ...(Object.keys(RECIPES) as StandardImage[]),
  'quai',
];

export interface ImageOptions {
  /** The local cluster whose registry receives the image (default "quai"). */
  readonly name?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface ClusterImage {
  /** The reference pods use: 127.0.0.1:PORT/quai/NAME:TAG (the same inside the nodes). */
  readonly reference: string;
  /** The same image by digest. */
  readonly pinned: string;
  readonly digest: string;
  /** Whether the build came from the cache. */
  readonly cached: boolean;
  readonly seconds: number;
}

async function recipeFor(image: StandardImage | DebianRecipe, options: ImageOptions): Promise<DebianRecipe> {
  if (typeof image !== 'string') return image;
  if (image === 'quai')
    return quaiRecipe(devClusterPaths(options.name ?? 'quai', options.env).cacheDir, options.onLine);
  const recipe = (RECIPES as Record<string, DebianRecipe | undefined>)[image];
  if (recipe === undefined) {
    throw new QuaiError('USAGE', msg('devcluster.image.unknown', { image: String(image) }), {
      hint: msg('devcluster.image.unknownHint', { images: STANDARD_IMAGES.join(', ') }),
    });
  }
  return recipe;
}

/** Builds an image from Debian packages (or takes it from the cache); no cluster needed. */
export async function buildImage(
  image: StandardImage | DebianRecipe,
  options: ImageOptions = {},
): Promise<BuiltImage> {
  const recipe = await recipeFor(image, options);
  return buildDebianImage(recipe, {
    cacheDir: devClusterPaths(options.name ?? 'quai', options.env).cacheDir,
    ...(options.onLine ? { onLine: options.onLine } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * Builds an image (cached by content) and pushes it to the registry of the running cluster's
 * real nodes; returns the reference pods use.
 */
export async function clusterImage(
  image: StandardImage | DebianRecipe,
  options: ImageOptions = {},
): Promise<ClusterImage> {
  const t0 = performance.now();
  const state = await clusterState(options);
  const real = state.realNodes;
  if (real === undefined) {
    throw new QuaiError(
      'DEVCLUSTER_NOT_RUNNING',
      msg('devcluster.noRealNodesForImages', { name: state.name }),
      { hint: msg('devcluster.startRealNodesHint') },
    );
  }
  const built = await buildImage(image, options);
  const registry = `127.0.0.1:${real.registry.port}`;
  const pinned = await pushImage(built, {
    registry,
    repository: built.repository,
    tag: built.tag,
    storageDir: real.registry.storageDir,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    reference: `${registry}/${built.repository}:${built.tag}`,
    pinned,
    digest: built.manifest.digest,
    cached: built.cached,
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}
