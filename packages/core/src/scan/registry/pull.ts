import { viewLayers, type FileView, type ImageLimits } from '../inventory/index.js';
import type { RegistryClient } from './client.js';
import { formatReference, type ImageReference } from './reference.js';

/**
 * Reads an image from a registry into a merged view of wanted files: the manifest of the platform
 * is resolved, then each layer is streamed from the registry (size and digest checked as it
 * flows), gunzipped and read as tar; nothing is written to disk.
 */
export async function viewRegistryImage(
  client: RegistryClient,
  ref: ImageReference,
  options: ImageLimits & { readonly platform?: string } = {},
): Promise<FileView & { readonly digest: string }> {
  const image = await client.resolveImage(ref, options.platform);
  const view = await viewLayers(
    image.layers.map((l) => ({
      digest: l.digest,
      mediaType: l.mediaType,
      size: l.size,
      open: () => client.openBlob(ref, l.digest),
    })),
    { manifestDigest: image.manifestDigest, source: formatReference(ref) },
    options,
  );
  return { ...view, digest: image.digest };
}
