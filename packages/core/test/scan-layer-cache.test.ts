import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQuaiError, scan } from '@quai/core';
import { ociLayoutFromDirs } from './scan-fixtures.js';

/*
 * The layer cache: a layer read once (known by its digest) is taken from the cache the next time,
 * and gives exactly what reading it gives, whiteouts and limits included. Built from this
 * machine's real dpkg status, in two layers, the second hiding a file of the first.
 */

let work: string;
let layout: string;
let blobs: string[];

const plain = (view: scan.inventory.FileView): unknown => ({
  files: [...view.files].map(([p, d]) => [p, d.toString('base64')]).sort(),
  links: [...view.links].sort(),
  warnings: view.warnings,
  image: view.image,
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-layer-cache-'));
  const base = join(work, 'base');
  mkdirSync(join(base, 'var/lib/dpkg'), { recursive: true });
  mkdirSync(join(base, 'etc'), { recursive: true });
  mkdirSync(join(base, 'srv/app/node_modules/left-pad'), { recursive: true });
  mkdirSync(join(base, 'srv/app/node_modules/gone'), { recursive: true });
  copyFileSync('/var/lib/dpkg/status', join(base, 'var/lib/dpkg/status'));
  writeFileSync(join(base, 'etc/os-release'), readFileSync('/etc/os-release'));
  writeFileSync(
    join(base, 'srv/app/node_modules/left-pad/package.json'),
    '{"name":"left-pad","version":"1.3.0"}',
  );
  writeFileSync(join(base, 'srv/app/node_modules/gone/package.json'), '{"name":"gone","version":"1.0.0"}');
  const top = join(work, 'top');
  mkdirSync(join(top, 'srv/app/node_modules'), { recursive: true });
  writeFileSync(join(top, 'srv/app/node_modules/.wh.gone'), '');
  layout = join(work, 'layout');
  ociLayoutFromDirs(layout, [base, top]);
  const manifest = JSON.parse(
    readFileSync(
      join(
        layout,
        'blobs/sha256',
        (
          JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] }
        ).manifests[0]!.digest.slice(7),
      ),
      'utf8',
    ),
  ) as { layers: { digest: string }[] };
  blobs = manifest.layers.map((l) => join(layout, 'blobs/sha256', l.digest.slice(7)));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('layer cache', () => {
  it('gives what reading the layers gives, then reads no layer at all', async () => {
    const cacheDir = join(work, 'cache-1');
    const read = await scan.inventory.viewOciLayout(layout);
    const first = await scan.inventory.viewOciLayout(layout, { layerCacheDir: cacheDir });
    expect(plain(first)).toEqual(plain(read));
    expect(first.files.has('srv/app/node_modules/gone/package.json')).toBe(false);
    expect(first.files.has('var/lib/dpkg/status')).toBe(true);
    const [folder] = await readdir(cacheDir);
    expect((await readdir(join(cacheDir, folder!))).sort()).toHaveLength(2);
    // The layers' bytes are no longer read: damaged blobs go unnoticed once their digest is known
    // (the cache answers for the digest the manifest names), and are reported without the cache.
    for (const blob of blobs) await writeFile(blob, 'not a layer');
    const cached = await scan.inventory.viewOciLayout(layout, { layerCacheDir: cacheDir });
    expect(plain(cached)).toEqual(plain(read));
    const error = await scan.inventory.viewOciLayout(layout).catch((e: unknown) => e);
    expect(isQuaiError(error) && error.code).toBe('IMAGE_TRUNCATED');
    expect(scan.inventory.inventoryFromView(cached).packages.length).toBe(
      scan.inventory.inventoryFromView(read).packages.length,
    );
  });

  it('reads a layer again when its cache file does not decode, and writes it anew', async () => {
    const fresh = join(work, 'layout-2');
    ociLayoutFromDirs(fresh, [join(work, 'base'), join(work, 'top')]);
    const cacheDir = join(work, 'cache-2');
    const read = await scan.inventory.viewOciLayout(fresh, { layerCacheDir: cacheDir });
    const [folder] = await readdir(cacheDir);
    const files = (await readdir(join(cacheDir, folder!))).map((f) => join(cacheDir, folder!, f));
    const sizes = await Promise.all(files.map(async (f) => (await readFile(f)).length));
    for (const f of files) {
      const raw = await readFile(f);
      await writeFile(f, raw.subarray(0, raw.length - 1)); // one byte short
    }
    const again = await scan.inventory.viewOciLayout(fresh, { layerCacheDir: cacheDir });
    expect(plain(again)).toEqual(plain(read));
    expect(await Promise.all(files.map(async (f) => (await readFile(f)).length))).toEqual(sizes);
  });

  it('counts cached layers against the limits as reading them does', async () => {
    const fresh = join(work, 'layout-3');
    ociLayoutFromDirs(fresh, [join(work, 'base'), join(work, 'top')]);
    const cacheDir = join(work, 'cache-3');
    await scan.inventory.viewOciLayout(fresh, { layerCacheDir: cacheDir });
    // The base layer has 14 tar entries, the top one 5: 3 stops in the first, 16 in the second
    // (the first then comes from the cache), 19 is just enough.
    for (const maxEntries of [3, 16]) {
      const direct = await scan.inventory.viewOciLayout(fresh, { maxEntries }).catch((e: unknown) => e);
      const viaCache = await scan.inventory
        .viewOciLayout(fresh, { maxEntries, layerCacheDir: cacheDir })
        .catch((e: unknown) => e);
      expect(isQuaiError(direct) && direct.code).toBe('IMAGE_TOO_LARGE');
      expect(isQuaiError(viaCache) && [viaCache.code, viaCache.message]).toEqual([
        'IMAGE_TOO_LARGE',
        (direct as Error).message,
      ]);
    }
    const enough = await scan.inventory.viewOciLayout(fresh, { maxEntries: 19, layerCacheDir: cacheDir });
    expect(plain(enough)).toEqual(plain(await scan.inventory.viewOciLayout(fresh, { maxEntries: 19 })));
    expect(existsSync(cacheDir)).toBe(true);
  });
});
