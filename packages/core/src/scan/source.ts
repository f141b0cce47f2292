import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { viewDockerArchive } from './archive/index.js';
import {
  inventoryFromView,
  viewOciLayout,
  viewRootFs,
  type FileView,
  type ImageLimits,
  type Inventory,
} from './inventory/index.js';
import {
  formatReference,
  parseReference,
  RegistryClient,
  viewRegistryImage,
  type RegistryClientOptions,
} from './registry/index.js';

/*
 * Where an image comes from, decided from what the user typed: an existing folder is an OCI
 * layout (index.json and blobs/) or an unpacked root filesystem, an existing file is an archive
 * (docker save, or an OCI layout in a tar), and anything else is a registry reference.
 */

export type ImageSourceKind = 'oci-layout' | 'rootfs' | 'archive' | 'registry';

export interface ImageSource {
  readonly kind: ImageSourceKind;
  /** The resolved path, or the canonical reference for a registry image. */
  readonly location: string;
}

export interface ReadImageOptions extends ImageLimits {
  readonly platform?: string;
  /** The image to pick in an archive that holds several (`name:tag`). */
  readonly image?: string;
  /** A client to reuse (its connections, tokens); else one is made from `registry`. */
  readonly client?: RegistryClient;
  readonly registry?: RegistryClientOptions;
}

const exists = async (p: string): Promise<boolean> => (await stat(p).catch(() => undefined)) !== undefined;

export async function detectImageSource(target: string): Promise<ImageSource> {
  const path = resolve(target);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory() === true) {
    const layout = (await exists(join(path, 'index.json'))) && (await exists(join(path, 'blobs')));
    return { kind: layout ? 'oci-layout' : 'rootfs', location: path };
  }
  if (info?.isFile() === true) return { kind: 'archive', location: path };
  if (/^(\.{0,2}\/|~)/.test(target) || /\.(tar|tgz|tar\.gz)$/.test(target)) {
    throw new QuaiError('USAGE', msg('scan.source.missing', { target }), {
      hint: msg('scan.source.missingHint'),
    });
  }
  return { kind: 'registry', location: formatReference(parseReference(target)) };
}

/** Reads the wanted files of an image from any source. */
export async function viewImage(
  target: string,
  options: ReadImageOptions = {},
): Promise<{ source: ImageSource; view: FileView }> {
  const source = await detectImageSource(target);
  const platform = options.platform ?? 'linux/amd64';
  switch (source.kind) {
    case 'rootfs':
      return { source, view: await viewRootFs(source.location, options.maxFileBytes) };
    case 'oci-layout':
      return { source, view: await viewOciLayout(source.location, { ...options, platform }) };
    case 'archive':
      return { source, view: await viewDockerArchive(source.location, { ...options, platform }) };
    case 'registry': {
      const client = options.client ?? new RegistryClient(options.registry);
      try {
        return {
          source,
          view: await viewRegistryImage(client, parseReference(target), { ...options, platform }),
        };
      } finally {
        if (options.client === undefined) client.close();
      }
    }
  }
}

/** The package inventory of an image from any source. */
export async function inventoryFromImage(
  target: string,
  options: ReadImageOptions = {},
): Promise<{ source: ImageSource; inventory: Inventory }> {
  const { source, view } = await viewImage(target, options);
  return { source, inventory: inventoryFromView(view) };
}
