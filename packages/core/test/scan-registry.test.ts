import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer as createNetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { isQuaiError, scan } from '@quai/core';
import {
  buildLayer,
  registryAvailable,
  RegistryPusher,
  sha256,
  startRegistry,
  type TestRegistry,
} from '../../../test/components/registry.js';

const { registry } = scan;

// Real files of this machine: its dpkg database and os-release, an installed npm package, a
// Python distribution's METADATA.
const DPKG_STATUS = await readFile('/var/lib/dpkg/status');
const OS_RELEASE = await readFile('/etc/os-release');
const NPM_PACKAGE = await readFile(new URL('../../../node_modules/yaml/package.json', import.meta.url));
const PY_DIST = execFileSync('bash', ['-c', 'ls -d /usr/lib/python3/dist-packages/*.dist-info | head -1'], {
  encoding: 'utf8',
}).trim();
const PY_METADATA = await readFile(join(PY_DIST, 'METADATA'));
const DPKG_COUNT = Number(
  execFileSync('bash', ['-c', "dpkg-query -W -f '${db:Status-Status}\\n' | grep -c '^installed$'"], {
    encoding: 'utf8',
  }).trim(),
);
const NPM_PACKAGE_VERSION = (JSON.parse(NPM_PACKAGE.toString('utf8')) as { version: string }).version;

const baseLayer = (): Buffer =>
  buildLayer({
    'var/lib/dpkg/status': DPKG_STATUS,
    'usr/lib/os-release': OS_RELEASE,
    'etc/os-release': { symlink: '../usr/lib/os-release' },
    'app/node_modules/yaml/package.json': NPM_PACKAGE,
    [`usr/lib/python3/dist-packages/${PY_DIST.split('/').pop()!}/METADATA`]: PY_METADATA,
  });

const code = async (p: Promise<unknown>): Promise<string> => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isQuaiError(e)) throw new Error(`expected a QuaiError, got ${String(e)}`, { cause: e });
  return `${e.code}: ${e.message}`;
};

describe('image references', () => {
  it('reads references as Docker does', () => {
    const p = registry.parseReference;
    expect(p('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx', tag: 'latest' });
    expect(p('docker.io/bitnami/redis:7.2')).toEqual({
      registry: 'docker.io',
      repository: 'bitnami/redis',
      tag: '7.2',
    });
    expect(p('index.docker.io/library/alpine:3.20')).toMatchObject({
      registry: 'docker.io',
      repository: 'library/alpine',
    });
    expect(p('gitlab.example.fr:5050/team/app/web:1.2.3')).toEqual({
      registry: 'gitlab.example.fr:5050',
      repository: 'team/app/web',
      tag: '1.2.3',
    });
    expect(p('localhost/app')).toEqual({ registry: 'localhost', repository: 'app', tag: 'latest' });
    expect(p('127.0.0.1:5000/app@sha256:' + 'a'.repeat(64))).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'app',
      digest: `sha256:${'a'.repeat(64)}`,
    });
    expect(p(`team/app:1@sha256:${'b'.repeat(64)}`)).toMatchObject({ registry: 'docker.io', tag: '1' });
    expect(p('[::1]:5000/app:v1')).toMatchObject({ registry: '[::1]:5000', repository: 'app', tag: 'v1' });
    for (const bad of ['', 'UPPER/case', 'app:bad tag', 'app@sha256:abc', 'a//b', 'app:-x']) {
      expect(() => p(bad), bad).toThrow(/is not a valid image reference/);
    }
    expect(registry.isLoopback('127.0.0.1:5000')).toBe(true);
    expect(registry.isLoopback('[::1]:5000')).toBe(true);
    expect(registry.isLoopback('registry.example.fr')).toBe(false);
  });

  it("reads the digest in a runtime's imageID", () => {
    const d = `sha256:${'c'.repeat(64)}`;
    expect(scan.digestFromImageId(`docker-pullable://registry.example.fr/app@${d}`)).toBe(d);
    expect(scan.digestFromImageId(`registry.example.fr/app@${d}`)).toBe(d);
    expect(scan.digestFromImageId(d)).toBeUndefined(); // an image config id, not a manifest digest
    expect(scan.digestFromImageId('')).toBeUndefined();
  });

  it('parses WWW-Authenticate challenges', () => {
    expect(
      registry.parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    });
    expect(registry.parseChallenge('Basic realm="quai-test"')).toEqual({
      scheme: 'basic',
      params: { realm: 'quai-test' },
    });
  });

  it('picks a platform from an index, with arm64 variants', () => {
    const d = (architecture: string, variant?: string): scan.registry.Descriptor => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${architecture
        .padEnd(64, '0')
        .slice(0, 64)
        .replace(/[^a-f0-9]/g, '0')}`,
      size: 1,
      platform: { os: 'linux', architecture, ...(variant === undefined ? {} : { variant }) },
    });
    const list = [d('amd64'), d('arm', 'v7'), d('arm64', 'v8')];
    expect(registry.selectPlatform(list, 'linux/arm64')?.platform?.architecture).toBe('arm64');
    expect(registry.selectPlatform(list, 'linux/arm64/v8')?.platform?.variant).toBe('v8');
    expect(registry.selectPlatform(list, 'linux/arm/v7')?.platform?.variant).toBe('v7');
    expect(registry.selectPlatform(list, 'linux/arm/v6')).toBeUndefined();
    expect(registry.selectPlatform(list, 'linux/x86_64')?.platform?.architecture).toBe('amd64');
  });
});

describe.skipIf(!registryAvailable())('images pulled from a real registry (docker-registry)', () => {
  let reg: TestRegistry;
  let pusher: RegistryPusher;
  let work: string;
  beforeAll(async () => {
    reg = await startRegistry();
    pusher = new RegistryPusher(reg);
    work = await mkdtemp(join(tmpdir(), 'quai-scan-registry-'));
  });
  afterAll(async () => {
    await reg?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('pulls an OCI image and a Docker schema 2 image (chunked upload) and reads their packages', async () => {
    const upper = buildLayer({ 'app/node_modules/.wh.yaml': '' });
    const oci = await pusher.pushImage('team/debian-app', '1.0', [baseLayer()]);
    const docker = await pusher.pushImage('team/debian-app', '1.1', [baseLayer(), upper], {
      format: 'docker',
      chunked: true,
    });
    const a = await scan.inventoryFromImage(oci.reference);
    expect(a.source).toEqual({ kind: 'registry', location: oci.reference });
    expect(a.inventory.os).toMatchObject({ id: 'debian', ecosystem: 'Debian:12' });
    expect(a.inventory.packages.filter((p) => p.kind === 'deb')).toHaveLength(DPKG_COUNT);
    expect(a.inventory.packages.find((p) => p.name === 'yaml')?.version).toBe(NPM_PACKAGE_VERSION);
    expect(a.inventory.packages.some((p) => p.kind === 'pypi')).toBe(true);
    expect(a.inventory.image).toEqual({
      manifestDigest: oci.digest,
      layers: oci.layers.map((l) => l.digest),
    });
    const b = await scan.inventoryFromImage(docker.reference);
    expect(b.inventory.packages.some((p) => p.name === 'yaml')).toBe(false);
    expect(b.inventory.packages.filter((p) => p.kind === 'deb')).toHaveLength(DPKG_COUNT);
    // By digest too.
    const byDigest = await scan.inventoryFromImage(`${reg.host}/team/debian-app@${docker.digest}`);
    expect(byDigest.inventory.image?.manifestDigest).toBe(docker.digest);
  });

  it('follows a multi-platform index to the platform asked for', async () => {
    const amd = await pusher.pushImage('team/multi', 'amd64', [baseLayer()]);
    const arm = await pusher.pushImage(
      'team/multi',
      'arm64',
      [baseLayer(), buildLayer({ 'app/node_modules/.wh.yaml': '' })],
      { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    );
    const size = async (digest: string): Promise<number> => pusher.manifestSize('team/multi', digest);
    for (const format of ['oci', 'docker'] as const) {
      const tag = `multi-${format}`;
      const indexDigest = await pusher.pushIndex(
        'team/multi',
        tag,
        [
          {
            digest: amd.digest,
            size: await size(amd.digest),
            platform: { os: 'linux', architecture: 'amd64' },
          },
          {
            digest: arm.digest,
            size: await size(arm.digest),
            platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
          },
        ],
        format,
      );
      const client = new registry.RegistryClient();
      try {
        const ref = registry.parseReference(`${reg.host}/team/multi:${tag}`);
        expect(await client.resolveDigest(ref)).toBe(indexDigest);
        const resolved = await client.resolveImage(ref, 'linux/arm64');
        expect(resolved).toMatchObject({
          digest: indexDigest,
          manifestDigest: arm.digest,
          platform: 'linux/arm64/v8',
        });
        const armInv = await scan.inventoryFromImage(`${reg.host}/team/multi:${tag}`, {
          platform: 'linux/arm64',
          client,
        });
        expect(armInv.inventory.packages.some((p) => p.name === 'yaml')).toBe(false);
        const amdInv = await scan.inventoryFromImage(`${reg.host}/team/multi:${tag}`, { client });
        expect(amdInv.inventory.packages.some((p) => p.name === 'yaml')).toBe(true);
        expect(
          await code(
            scan.inventoryFromImage(`${reg.host}/team/multi:${tag}`, { platform: 'linux/s390x', client }),
          ),
        ).toMatch(
          /^IMAGE_NOT_FOUND: .* has no image for the platform linux\/s390x \(offered: linux\/amd64, linux\/arm64\/v8\)/,
        );
      } finally {
        client.close();
      }
    }
  });

  it('says clearly when a tag or a repository is missing', async () => {
    await pusher.pushImage('team/present', '1', [baseLayer()]);
    expect(await code(scan.inventoryFromImage(`${reg.host}/team/present:2`))).toMatch(
      /^IMAGE_NOT_FOUND: 127\.0\.0\.1:\d+\/team\/present:2 does not exist in 127\.0\.0\.1:\d+/,
    );
    expect(await code(scan.inventoryFromImage(`${reg.host}/team/absent:1`))).toMatch(/^IMAGE_NOT_FOUND/);
  });

  it('refuses a tampered blob (digest mismatch) and a truncated one', async () => {
    const img = await pusher.pushImage('team/tampered', '1', [baseLayer()]);
    const file = reg.blobFile(img.layers[0]!.digest);
    const good = await readFile(file);
    const flipped = Buffer.from(good);
    const mid = Math.floor(flipped.length / 2);
    flipped[mid] = (flipped[mid] ?? 0) ^ 0xff;
    await writeFile(file, flipped);
    expect(await code(scan.inventoryFromImage(img.reference))).toMatch(
      /^IMAGE_DIGEST_MISMATCH: layer sha256:[0-9a-f]{64} of 127\.0\.0\.1:\d+\/team\/tampered:1: the blob does not match its digest/,
    );
    // Same bytes, same digest announced, valid gzip: a tampered tar that still parses is caught at the end.
    const evil = gzipSync(
      buildLayer({ 'var/lib/dpkg/status': 'Package: evil\nVersion: 1\nStatus: install ok installed\n' }),
    );
    await writeFile(
      file,
      Buffer.concat([evil, Buffer.alloc(Math.max(0, good.length - evil.length))]).subarray(0, good.length),
    );
    expect(await code(scan.inventoryFromImage(img.reference))).toMatch(/^IMAGE_DIGEST_MISMATCH/);
    await writeFile(file, good.subarray(0, good.length - 100));
    expect(await code(scan.inventoryFromImage(img.reference))).toMatch(
      /^IMAGE_TRUNCATED: .*the blob ends after \d+ of its \d+ bytes/,
    );
    await writeFile(file, good);
    expect((await scan.inventoryFromImage(img.reference)).inventory.packages.length).toBeGreaterThan(
      DPKG_COUNT,
    );
  });

  it('reads zstd layers; refuses layers and artifacts it cannot read, naming the media type', async () => {
    const layerBytes = gzipSync(baseLayer());
    const layer = await pusher.pushBlob('team/odd', layerBytes);
    const config = Buffer.from(
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    const configDigest = await pusher.pushBlob('team/odd', config);
    const manifest = (layerType: string, configType = 'application/vnd.oci.image.config.v1+json'): Buffer =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: configType, digest: configDigest, size: config.length },
          layers: [{ mediaType: layerType, digest: layer, size: layerBytes.length }],
        }),
      );
    // zstd layers (OCI tar+zstd): compressed by the real zstd tool, read on every Node version.
    const zstdBytes = execFileSync('zstd', ['-q', '-c', '-19'], { input: baseLayer() });
    const zstdLayer = await pusher.pushBlob('team/odd', zstdBytes);
    await pusher.pushManifest(
      'team/odd',
      'zstd',
      'application/vnd.oci.image.manifest.v1+json',
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            digest: configDigest,
            size: config.length,
          },
          layers: [
            {
              mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd',
              digest: zstdLayer,
              size: zstdBytes.length,
            },
          ],
        }),
      ),
    );
    expect(
      (await scan.inventoryFromImage(`${reg.host}/team/odd:zstd`)).inventory.packages.length,
    ).toBeGreaterThan(DPKG_COUNT);
    // A gzip blob announced as zstd is not a zstd frame: a clear error, not a crash.
    await pusher.pushManifest(
      'team/odd',
      'fake-zstd',
      'application/vnd.oci.image.manifest.v1+json',
      manifest('application/vnd.oci.image.layer.v1.tar+zstd'),
    );
    expect(await code(scan.inventoryFromImage(`${reg.host}/team/odd:fake-zstd`))).toMatch(
      /^INPUT_INVALID: .*invalid zstd data/,
    );
    await pusher.pushManifest(
      'team/odd',
      'chart',
      'application/vnd.oci.image.manifest.v1+json',
      manifest(
        'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
        'application/vnd.cncf.helm.config.v1+json',
      ),
    );
    expect(await code(scan.inventoryFromImage(`${reg.host}/team/odd:chart`))).toMatch(
      /^IMAGE_UNSUPPORTED: .* is not a container image \(its config is application\/vnd\.cncf\.helm\.config\.v1\+json\)/,
    );
  }, 60_000); // a few MiB of layers pushed and read: slow on a loaded machine

  it('reports an unreachable registry after its retries', async () => {
    const client = new registry.RegistryClient({ attempts: 2 });
    try {
      expect(await code(scan.inventoryFromImage('127.0.0.1:9/team/app:1', { client }))).toMatch(
        /^REGISTRY_UNREACHABLE: Cannot reach 127\.0\.0\.1:9 for .* after 2 attempts: connect ECONNREFUSED/,
      );
    } finally {
      client.close();
    }
  });

  it('retries after a 503 and a reset connection, with backoff', async () => {
    const img = await pusher.pushImage('team/flaky', '1', [baseLayer()]);
    const [, port] = reg.host.split(':');
    const sawFailure = new Set<string>();
    // A proxy on loopback in front of the real registry: the first plain-HTTP connection gets a
    // 503, the next one is reset, the others pass through.
    const proxy = createNetServer((client) => {
      client.once('data', (first) => {
        const isTls = first[0] === 0x16;
        if (!isTls && !sawFailure.has('503')) {
          sawFailure.add('503');
          client.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
          return;
        }
        if (!isTls && !sawFailure.has('reset')) {
          sawFailure.add('reset');
          client.resetAndDestroy();
          return;
        }
        const upstream = connect(Number(port), '127.0.0.1', () => {
          upstream.write(first);
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const proxyHost = `127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    try {
      const r = await scan.inventoryFromImage(`${proxyHost}/team/flaky:1`);
      expect(r.inventory.image?.manifestDigest).toBe(img.digest);
      expect([...sawFailure].sort()).toEqual(['503', 'reset']);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  describe('hostile layers', () => {
    const craft = (
      entries: { name: string; size: number; type?: string; link?: string; body?: Buffer }[],
    ): Buffer => {
      const parts: Buffer[] = [];
      for (const e of entries) {
        const h = Buffer.alloc(512);
        h.write(e.name, 0, 100);
        h.write('0000644\0', 100);
        h.write('0000000\0', 108);
        h.write('0000000\0', 116);
        h.write(`${e.size.toString(8).padStart(11, '0')}\0`, 124);
        h.write('00000000000\0', 136);
        h.write(e.type ?? '0', 156);
        h.write(e.link ?? '', 157, 100);
        h.write('ustar\0', 257);
        h.write('00', 263);
        h.fill(0x20, 148, 156);
        let sum = 0;
        for (const b of h) sum += b;
        h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
        parts.push(h);
        if (e.body !== undefined) parts.push(e.body, Buffer.alloc((512 - (e.body.length % 512)) % 512));
      }
      parts.push(Buffer.alloc(1024));
      return Buffer.concat(parts);
    };

    it('stops a gzip bomb at the uncompressed-bytes cap, and a flood of entries at the entry cap', async () => {
      const bomb = buildLayer({ 'zeros.bin': Buffer.alloc(64 * 1024 * 1024) });
      const img = await pusher.pushImage('hostile/bomb', '1', [bomb]);
      expect((await readFile(reg.blobFile(img.layers[0]!.digest))).length).toBeLessThan(200_000);
      expect(await code(scan.inventoryFromImage(img.reference, { maxImageBytes: 16 * 1024 * 1024 }))).toMatch(
        /^IMAGE_TOO_LARGE: .* exceeds the safety limit on uncompressed bytes/,
      );
      const files: Record<string, string> = {};
      for (let i = 0; i < 300; i++) files[`many/f${i}`] = '';
      const flood = await pusher.pushImage('hostile/flood', '1', [buildLayer(files)]);
      expect(await code(scan.inventoryFromImage(flood.reference, { maxEntries: 100 }))).toMatch(
        /^IMAGE_TOO_LARGE: .* exceeds the safety limit on tar entries/,
      );
      expect((await scan.inventoryFromImage(flood.reference)).inventory.packages).toEqual([]);
    }, 60_000);

    it('refuses an absurd size in a tar header at once', async () => {
      const tar = craft([{ name: 'var/lib/dpkg/status', size: 8 * 1024 ** 3 - 1 }]);
      const img = await pusher.pushImage('hostile/absurd', '1', [tar]);
      expect(await code(scan.inventoryFromImage(img.reference, { maxImageBytes: 1024 ** 3 }))).toMatch(
        /^IMAGE_TOO_LARGE: .*header 1 announces 8589934591 bytes/,
      );
      // Within the cap the lie is found when the bytes run out.
      expect(await code(scan.inventoryFromImage(img.reference))).toMatch(/^INPUT_INVALID: .*truncated/);
    });

    it('never follows links or paths out of the image root', async () => {
      const tar = craft([
        { name: 'var/lib/dpkg/status', size: 0, type: '2', link: '../../../../../../../var/lib/dpkg/status' },
        { name: 'etc/os-release', size: 0, type: '2', link: '/etc/os-release' },
        { name: 'lib/apk/db/installed', size: 0, type: '1', link: '../../../etc/passwd' },
        { name: '../../../../tmp/quai-escape', size: 4, body: Buffer.from('evil') },
        {
          name: 'app/node_modules/x/package.json',
          size: 0,
          type: '2',
          link: '../../../../../../usr/lib/node_modules/npm/package.json',
        },
      ]);
      const img = await pusher.pushImage('hostile/links', '1', [tar]);
      const { inventory } = await scan.inventoryFromImage(img.reference);
      // Nothing of this machine was read: the links resolve inside the image, where nothing is.
      expect(inventory.packages).toEqual([]);
      expect(inventory.os).toBeUndefined();
      expect(inventory.warnings.map((w) => textOf('en', w))).toEqual([
        expect.stringContaining('"../../../../tmp/quai-escape" leaves the root; ignored'),
      ]);
    });
  });

  describe('docker save archives', () => {
    it('reads the legacy layout (manifest.json, layer.tar, deduplicated links), plain and gzipped', async () => {
      const dir = join(work, 'legacy');
      const base = baseLayer();
      const upper = buildLayer({ 'app/node_modules/.wh.yaml': '' });
      const config = JSON.stringify({
        os: 'linux',
        architecture: 'amd64',
        rootfs: { type: 'layers', diff_ids: [sha256(base), sha256(upper), sha256(base)] },
      });
      const configName = `${sha256(config).slice(7)}.json`;
      await mkdir(join(dir, 'aaa'), { recursive: true });
      await mkdir(join(dir, 'bbb'), { recursive: true });
      await mkdir(join(dir, 'ccc'), { recursive: true });
      await writeFile(join(dir, 'aaa', 'layer.tar'), base);
      await writeFile(join(dir, 'bbb', 'layer.tar'), upper);
      execFileSync('ln', ['-s', '../aaa/layer.tar', join(dir, 'ccc', 'layer.tar')]);
      await writeFile(join(dir, configName), config);
      await writeFile(
        join(dir, 'manifest.json'),
        JSON.stringify([
          {
            Config: configName,
            RepoTags: ['team/app:1.0'],
            Layers: ['aaa/layer.tar', 'bbb/layer.tar', 'ccc/layer.tar'],
          },
        ]),
      );
      const archive = join(work, 'legacy.tar');
      // manifest.json last, as docker save writes it.
      execFileSync('tar', ['-C', dir, '-cf', archive, 'aaa', 'bbb', 'ccc', configName, 'manifest.json']);
      const r = await scan.inventoryFromImage(archive);
      expect(r.source.kind).toBe('archive');
      // The third layer (the base again) brings the npm package back.
      expect(r.inventory.packages.find((p) => p.name === 'yaml')?.version).toBe(NPM_PACKAGE_VERSION);
      expect(r.inventory.packages.filter((p) => p.kind === 'deb')).toHaveLength(DPKG_COUNT);
      expect(r.inventory.image?.layers).toEqual([sha256(base), sha256(upper), sha256(base)]);
      execFileSync('bash', ['-c', `gzip -c ${archive} > ${archive}.gz`]);
      const gz = await scan.inventoryFromImage(`${archive}.gz`, { image: 'team/app:1.0' });
      expect(gz.inventory.packages).toEqual(r.inventory.packages);
      // A layer linked out of the archive is refused, never followed.
      const evilDir = join(work, 'legacy-evil');
      await mkdir(join(evilDir, 'x'), { recursive: true });
      execFileSync('ln', ['-s', '../../../../etc/passwd', join(evilDir, 'x', 'layer.tar')]);
      const evilConfig = JSON.stringify({ rootfs: { type: 'layers', diff_ids: [sha256('x')] } });
      await writeFile(join(evilDir, 'c.json'), evilConfig);
      await writeFile(
        join(evilDir, 'manifest.json'),
        JSON.stringify([{ Config: 'c.json', Layers: ['x/layer.tar'] }]),
      );
      execFileSync('tar', ['-C', evilDir, '-cf', join(work, 'evil.tar'), 'x', 'c.json', 'manifest.json']);
      expect(await code(scan.inventoryFromImage(join(work, 'evil.tar')))).toMatch(
        /^INPUT_INVALID: .*"x\/layer\.tar" is missing or points outside the archive/,
      );
      expect(await code(scan.inventoryFromImage(archive, { image: 'other:1' }))).toMatch(
        /^IMAGE_NOT_FOUND: .*no image is named "other:1"/,
      );
      // A layer changed in the archive no longer matches the config's diff_ids.
      await writeFile(join(dir, 'bbb', 'layer.tar'), buildLayer({ 'app/node_modules/.wh.lodash': '' }));
      execFileSync('tar', ['-C', dir, '-cf', archive, 'aaa', 'bbb', 'ccc', configName, 'manifest.json']);
      expect(await code(scan.inventoryFromImage(archive))).toMatch(/^IMAGE_DIGEST_MISMATCH/);
    });

    it('refuses malformed archives with a clear error', async () => {
      const dir = join(work, 'malformed');
      await mkdir(dir, { recursive: true });
      const archive = join(work, 'malformed.tar');
      const pack = (): void => {
        execFileSync('tar', ['-C', dir, '-cf', archive, '.']);
      };
      await writeFile(join(dir, 'manifest.json'), '[{"Config": "c.json", "Layers": [');
      pack();
      expect(await code(scan.inventoryFromImage(archive))).toMatch(
        /^INPUT_INVALID: .*manifest\.json is not JSON/,
      );
      await writeFile(join(dir, 'manifest.json'), '[{"RepoTags": ["a:1"]}]');
      pack();
      expect(await code(scan.inventoryFromImage(archive))).toMatch(
        /^INPUT_INVALID: .*lacks Config or Layers/,
      );
      await rm(join(dir, 'manifest.json'));
      await writeFile(join(dir, 'hello.txt'), 'not an image');
      pack();
      expect(await code(scan.inventoryFromImage(archive))).toMatch(
        /^INPUT_INVALID: .*neither manifest\.json nor index\.json/,
      );
      await writeFile(archive, 'definitely not a tar archive, just some text that is long enough'.repeat(20));
      expect(await code(scan.inventoryFromImage(archive))).toMatch(
        /^INPUT_INVALID: Cannot read the tar archive .*bad checksum/,
      );
    });

    it('reads the OCI layout inside a tar, as Docker 25 and later write it', async () => {
      const dir = join(work, 'ocitar');
      await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
      const put = async (data: Buffer | string): Promise<{ digest: string; size: number }> => {
        const b = Buffer.isBuffer(data) ? data : Buffer.from(data);
        await writeFile(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b);
        return { digest: sha256(b), size: b.length };
      };
      const base = baseLayer();
      const layer = await put(base); // docker save writes layers uncompressed
      const config = await put(
        JSON.stringify({
          os: 'linux',
          architecture: 'amd64',
          rootfs: { type: 'layers', diff_ids: [sha256(base)] },
        }),
      );
      const manifest = await put(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
        }),
      );
      await writeFile(
        join(dir, 'index.json'),
        JSON.stringify({
          schemaVersion: 2,
          manifests: [
            {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              ...manifest,
              annotations: { 'io.containerd.image.name': 'docker.io/team/app:2.0' },
            },
          ],
        }),
      );
      await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
      await writeFile(
        join(dir, 'manifest.json'),
        JSON.stringify([
          {
            Config: `blobs/sha256/${config.digest.slice(7)}`,
            RepoTags: ['team/app:2.0'],
            Layers: [`blobs/sha256/${layer.digest.slice(7)}`],
          },
        ]),
      );
      const archive = join(work, 'oci.tar');
      execFileSync('tar', ['-C', dir, '-cf', archive, '.']);
      const r = await scan.inventoryFromImage(archive, { image: 'team/app:2.0' });
      expect(r.inventory.image?.manifestDigest).toBe(manifest.digest);
      expect(r.inventory.packages.filter((p) => p.kind === 'deb')).toHaveLength(DPKG_COUNT);
      // Truncated archive: clear error.
      const bytes = await readFile(archive);
      await writeFile(archive, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expect(await code(scan.inventoryFromImage(archive))).toMatch(
        /^(INPUT_INVALID|IMAGE_TRUNCATED): .*(truncated|ends after)/,
      );
    });
  });
});

describe.skipIf(!registryAvailable())('registry authentication (htpasswd, Basic)', () => {
  let reg: TestRegistry;
  let work: string;
  let reference: string;
  beforeAll(async () => {
    reg = await startRegistry({ auth: true });
    work = await mkdtemp(join(tmpdir(), 'quai-scan-auth-'));
    reference = (await new RegistryPusher(reg).pushImage('private/app', '1', [baseLayer()])).reference;
  });
  afterAll(async () => {
    await reg?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });
  const env = (dockerConfig: string): Record<string, string> => ({ DOCKER_CONFIG: dockerConfig });

  it('says credentials are needed, or refused, and reads with the right ones', async () => {
    const none = { registry: { env: env(join(work, 'none')) } };
    expect(await code(scan.inventoryFromImage(reference, none))).toMatch(
      /^REGISTRY_UNAUTHORIZED: 127\.0\.0\.1:\d+ asks for credentials to read .*, and none were given/,
    );
    const wrong = { registry: { credentials: { username: 'quai', password: 'wrong' } } };
    expect(await code(scan.inventoryFromImage(reference, wrong))).toMatch(
      /^REGISTRY_UNAUTHORIZED: 127\.0\.0\.1:\d+ refused the credentials of "quai"/,
    );
    const right = { registry: { credentials: reg.credentials! } };
    expect((await scan.inventoryFromImage(reference, right)).inventory.packages.length).toBeGreaterThan(
      DPKG_COUNT,
    );
  });

  it('takes credentials from the Docker configuration (auths)', async () => {
    const dir = join(work, 'docker');
    await mkdir(dir, { recursive: true });
    const { username, password } = reg.credentials!;
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: { [reg.host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } },
      }),
    );
    const r = await scan.inventoryFromImage(reference, { registry: { env: env(dir) } });
    expect(r.inventory.os?.id).toBe('debian');
  });
});

describe.skipIf(!registryAvailable())('registry authentication (token service, Bearer)', () => {
  let reg: TestRegistry;
  let reference: string;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
    reference = (await new RegistryPusher(reg).pushImage('private/tokens', '1', [baseLayer()])).reference;
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('fetches a pull token from the realm the challenge names, and says when it is refused', async () => {
    const right = await scan.inventoryFromImage(reference, { registry: { credentials: reg.credentials! } });
    expect(right.inventory.packages.filter((p) => p.kind === 'deb')).toHaveLength(DPKG_COUNT);
    expect(
      await code(
        scan.inventoryFromImage(reference, { registry: { env: { DOCKER_CONFIG: '/nonexistent' } } }),
      ),
    ).toMatch(
      /^REGISTRY_UNAUTHORIZED: 127\.0\.0\.1:\d+ asks for credentials to read .*, and none were given/,
    );
    const wrong = { registry: { credentials: { username: 'quai', password: 'wrong' } } };
    expect(await code(scan.inventoryFromImage(reference, wrong))).toMatch(
      /^REGISTRY_UNAUTHORIZED: 127\.0\.0\.1:\d+ refused the credentials of "quai"/,
    );
  });
});

describe.skipIf(!registryAvailable())('registries over HTTPS', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ tls: true });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('checks the certificate, trusts the CA given, and skips the check only for registries named insecure', async () => {
    const ref = registry.parseReference(`${reg.host}/team/app:1`);
    const ask = async (options: scan.registry.RegistryClientOptions): Promise<string> => {
      const client = new registry.RegistryClient({ attempts: 1, ...options });
      try {
        return await code(client.resolveDigest(ref));
      } finally {
        client.close();
      }
    };
    // The registry answers over TLS: a missing tag proves the connection was made and trusted.
    expect(await ask({ caFile: reg.caFile! })).toMatch(/^IMAGE_NOT_FOUND/);
    expect(await ask({ insecureRegistries: [reg.host] })).toMatch(/^IMAGE_NOT_FOUND/);
    expect(await ask({})).toMatch(
      /^REGISTRY_UNREACHABLE: Cannot reach 127\.0\.0\.1:\d+: TLS verification failed \((self-signed certificate in certificate chain|unable to verify the first certificate)[;)]/,
    );
  });
});
