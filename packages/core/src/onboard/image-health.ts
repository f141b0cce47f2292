import type { registry as Registry } from '../scan/index.js';

export interface ImageHealthcheckResult {
  /** The image's HEALTHCHECK test (`["CMD-SHELL", "pg_isready"]`), by image reference as written. */
  readonly checks: ReadonlyMap<string, readonly string[]>;
  /** Images that could not be read (registry unreachable, unknown image): said, never fatal. */
  readonly errors: readonly { readonly image: string; readonly message: string }[];
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads the HEALTHCHECK each image declares in its configuration, from its registry (the same
 * client as `quai scan image`), so `depends_on: condition: service_healthy` on a service whose
 * health check lives only in its image gets real probes. Read-only, one request per manifest and
 * config blob; an image that cannot be read is reported and skipped.
 */
export async function imageHealthchecks(
  images: readonly string[],
  options: Registry.RegistryClientOptions = {},
): Promise<ImageHealthcheckResult> {
  // The registry client is loaded only when images are read (--inspect-images).
  const registry = await import('../scan/registry/index.js');
  const client = new registry.RegistryClient({ attempts: 2, timeoutMs: 15_000, ...options });
  const checks = new Map<string, readonly string[]>();
  const errors: { image: string; message: string }[] = [];
  try {
    for (const image of [...new Set(images)].sort()) {
      try {
        const ref = registry.parseReference(image);
        const resolved = await client.resolveImage(ref);
        if (resolved.config.size > MAX_CONFIG_BYTES)
          throw new Error(`its configuration is over ${MAX_CONFIG_BYTES} bytes`);
        const stream = await client.openBlob(ref, resolved.config.digest);
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > MAX_CONFIG_BYTES)
            throw new Error(`its configuration is over ${MAX_CONFIG_BYTES} bytes`);
          chunks.push(chunk);
        }
        const config = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          config?: { Healthcheck?: { Test?: unknown } };
        };
        const test = config.config?.Healthcheck?.Test;
        if (
          Array.isArray(test) &&
          test.length > 0 &&
          test.every((t) => typeof t === 'string') &&
          test[0] !== 'NONE'
        )
          checks.set(image, test);
      } catch (error) {
        errors.push({ image, message: (error as Error).message.split('\n')[0] ?? '' });
      }
    }
  } finally {
    client.close();
  }
  return { checks, errors };
}
