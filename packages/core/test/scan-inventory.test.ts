import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { isQuaiError, scan } from '@quai/core';

const { inventory } = scan;

// ---------------------------------------------------------------------------------------------
// Builders: tar layers (ustar, PAX for long names) and OCI layouts, written by the test.

type TarItem =
  | { path: string; data: string | Buffer }
  | { path: string; dir: true }
  | { path: string; symlink: string }
  | { path: string; raw: Buffer };

function tarHeader(name: string, size: number, type: string, link = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write(link, 157, 100, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function pad(b: Buffer): Buffer {
  const rest = b.length % 512;
  return rest === 0 ? b : Buffer.concat([b, Buffer.alloc(512 - rest)]);
}

function makeTar(items: readonly TarItem[]): Buffer {
  const parts: Buffer[] = [];
  for (const item of items) {
    if ('raw' in item) {
      parts.push(item.raw);
      continue;
    }
    let name = item.path;
    if (Buffer.byteLength(name) > 99) {
      const rec = ` path=${name}\n`;
      let len = rec.length + 1;
      while (`${len}${rec}`.length !== len) len = `${len}${rec}`.length;
      const body = Buffer.from(`${len}${rec}`);
      parts.push(tarHeader('PaxHeader', body.length, 'x'), pad(body));
      name = 'long-name-placeholder';
    }
    if ('dir' in item) parts.push(tarHeader(name, 0, '5'));
    else if ('symlink' in item) parts.push(tarHeader(name, 0, '2', item.symlink));
    else {
      const data = Buffer.isBuffer(item.data) ? item.data : Buffer.from(item.data);
      parts.push(tarHeader(name, data.length, '0'), pad(data));
    }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function writeBlob(layout: string, data: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha(data);
  await mkdir(join(layout, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), data);
  return { digest, size: data.length };
}

/** Writes an OCI layout with one image of these layers (gzipped unless `plain`). */
async function writeLayout(
  layout: string,
  layers: readonly { tar: Buffer; plain?: boolean }[],
  platforms = ['linux/amd64'],
): Promise<string[]> {
  await mkdir(layout, { recursive: true });
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const layerDescs = [];
  for (const l of layers) {
    const blob = l.plain === true ? l.tar : gzipSync(l.tar);
    layerDescs.push({
      mediaType:
        l.plain === true
          ? 'application/vnd.oci.image.layer.v1.tar'
          : 'application/vnd.oci.image.layer.v1.tar+gzip',
      ...(await writeBlob(layout, blob)),
    });
  }
  const config = await writeBlob(
    layout,
    Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'),
  );
  const manifests = [];
  for (const platform of platforms) {
    const [os, architecture] = platform.split('/');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        // Each platform gets its own layer list; the last platform's extra layer tells them apart.
        layers: architecture === 'arm64' ? layerDescs.slice(0, 1) : layerDescs,
      }),
    );
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...(await writeBlob(layout, manifest)),
      platform: { os, architecture },
    });
  }
  const index =
    manifests.length === 1
      ? {
          schemaVersion: 2,
          manifests: [{ ...manifests[0], annotations: { 'org.opencontainers.image.ref.name': 'latest' } }],
        }
      : {
          schemaVersion: 2,
          manifests: [
            {
              mediaType: 'application/vnd.oci.image.index.v1+json',
              ...(await writeBlob(layout, Buffer.from(JSON.stringify({ schemaVersion: 2, manifests })))),
              annotations: { 'org.opencontainers.image.ref.name': 'latest' },
            },
          ],
        };
  await writeFile(join(layout, 'index.json'), JSON.stringify(index));
  return layerDescs.map((d) => d.digest);
}

const DPKG_STATUS = `Package: libssl3
Status: install ok installed
Priority: optional
Architecture: amd64
Source: openssl (3.0.11-1~deb12u1)
Version: 3.0.11-1~deb12u1
Description: Secure Sockets Layer toolkit
 multi-line description

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.13.dfsg-1

Package: oldpkg
Status: deinstall ok config-files
Version: 1.0-1
`;

const APK_INSTALLED = `C:Q1abc=
P:busybox
V:1.36.1-r28
A:x86_64
o:busybox
F:bin

C:Q1def=
P:libcrypto3
V:3.3.1-r0
A:x86_64
o:openssl
`;

const OS_DEBIAN =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

/** The oracle for the dpkg inventory (named in a variable: an optional test tool). */
const DPKG_QUERY = 'dpkg-query';

function tool(name: string, args: readonly string[]): { status: number | null; stdout: string } {
  const r = spawnSync(name, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout };
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-scan-inv-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('package inventories from a root filesystem', () => {
  it('reads dpkg, status.d, npm (installed and lockfile) and Python packages, with purls and source packages', async () => {
    const root = join(work, 'root');
    await mkdir(join(root, 'var/lib/dpkg/status.d'), { recursive: true });
    await mkdir(join(root, 'usr/lib'), { recursive: true });
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'var/lib/dpkg/status'), DPKG_STATUS);
    await writeFile(
      join(root, 'var/lib/dpkg/status.d/tzdata'),
      'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n',
    );
    await writeFile(join(root, 'var/lib/dpkg/status.d/tzdata.md5sums'), 'abc  usr/share/zoneinfo/UTC\n');
    await writeFile(join(root, 'usr/lib/os-release'), OS_DEBIAN);
    await symlink('../usr/lib/os-release', join(root, 'etc/os-release'));
    const app = join(root, 'srv/app');
    await mkdir(join(app, 'node_modules/lodash'), { recursive: true });
    await mkdir(join(app, 'node_modules/@babel/core'), { recursive: true });
    await writeFile(
      join(app, 'node_modules/lodash/package.json'),
      JSON.stringify({ name: 'lodash', version: '4.17.20' }),
    );
    await writeFile(
      join(app, 'node_modules/@babel/core/package.json'),
      JSON.stringify({ name: '@babel/core', version: '7.24.0' }),
    );
    await writeFile(
      join(app, 'package-lock.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', version: '1.0.0' },
          'node_modules/lodash': { version: '4.17.20' },
          'node_modules/minimist': { version: '1.2.5' },
          'node_modules/local': { link: true },
        },
      }),
    );
    const site = join(root, 'usr/lib/python3/dist-packages/Jinja2-3.1.2.dist-info');
    await mkdir(site, { recursive: true });
    await writeFile(
      join(site, 'METADATA'),
      'Metadata-Version: 2.1\nName: Jinja2\nVersion: 3.1.2\nSummary: x\n\nBody: not a header\n',
    );

    const inv = await inventory.inventoryFromRootFs(root);
    expect(inv.os).toMatchObject({ id: 'debian', versionId: '12', ecosystem: 'Debian:12' });
    const rows = inv.packages.map((p) => [
      p.kind,
      p.ecosystem,
      p.name,
      p.version,
      p.sourceName ?? '',
      p.sourceVersion ?? '',
    ]);
    expect(rows).toEqual([
      ['deb', 'Debian:12', 'libssl3', '3.0.11-1~deb12u1', 'openssl', '3.0.11-1~deb12u1'],
      ['deb', 'Debian:12', 'tzdata', '2024a-0+deb12u1', 'tzdata', '2024a-0+deb12u1'],
      ['deb', 'Debian:12', 'zlib1g', '1:1.2.13.dfsg-1', 'zlib', '1:1.2.13.dfsg-1'],
      ['npm', 'npm', '@babel/core', '7.24.0', '', ''],
      ['npm', 'npm', 'lodash', '4.17.20', '', ''],
      ['npm', 'npm', 'minimist', '1.2.5', '', ''],
      ['pypi', 'PyPI', 'Jinja2', '3.1.2', '', ''],
    ]);
    const purls = Object.fromEntries(inv.packages.map((p) => [p.name, p.purl]));
    expect(purls['zlib1g']).toBe('pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12');
    expect(purls['@babel/core']).toBe('pkg:npm/%40babel/core@7.24.0');
    expect(purls['Jinja2']).toBe('pkg:pypi/jinja2@3.1.2');
    expect(inv.packages.find((p) => p.name === 'lodash')?.locations).toEqual([
      '/srv/app/node_modules/lodash/package.json',
    ]);
  });

  it.skipIf(!existsSync('/var/lib/dpkg/status') || tool(DPKG_QUERY, ['--version']).status !== 0)(
    "finds exactly the packages dpkg-query lists in this machine's real dpkg database",
    async () => {
      const root = join(work, 'machine');
      await mkdir(join(root, 'var/lib/dpkg'), { recursive: true });
      await cp('/var/lib/dpkg/status', join(root, 'var/lib/dpkg/status'));
      const inv = await inventory.inventoryFromRootFs(root);
      const ours = inv.packages.map((p) => `${p.name}:${p.arch ?? ''} ${p.version}`).sort();
      const theirs = tool(DPKG_QUERY, [
        '-W',
        '-f',
        '${db:Status-Status} ${Package}:${Architecture} ${Version}\n',
      ])
        .stdout.split('\n')
        .filter((l) => l.startsWith('installed '))
        .map((l) => l.slice('installed '.length))
        .sort();
      expect(theirs.length).toBeGreaterThan(50);
      expect(ours).toEqual(theirs);
    },
  );

  it('matches Ubuntu packages in their release, LTS or not', () => {
    const view = (version: string, versionId: string): scan.inventory.FileView => ({
      files: new Map([
        ['etc/os-release', Buffer.from(`ID=ubuntu\nVERSION_ID="${versionId}"\nVERSION="${version}"\n`)],
        [
          'var/lib/dpkg/status',
          Buffer.from('Package: bash\nStatus: install ok installed\nVersion: 5.1-6ubuntu1\n'),
        ],
      ]),
      links: new Map(),
      warnings: [],
    });
    expect(
      inventory.inventoryFromView(view('22.04.4 LTS (Jammy Jellyfish)', '22.04')).packages[0]?.ecosystem,
    ).toBe('Ubuntu:22.04:LTS');
    expect(inventory.inventoryFromView(view('24.10 (Oracular Oriole)', '24.10')).packages[0]?.ecosystem).toBe(
      'Ubuntu:24.10',
    );
  });

  it('reads the Alpine installed database with origins', () => {
    const r = inventory.parseApkInstalled(APK_INSTALLED, '/lib/apk/db/installed');
    expect(r.packages.map((p) => [p.name, p.version, p.sourceName])).toEqual([
      ['busybox', '1.36.1-r28', 'busybox'],
      ['libcrypto3', '3.3.1-r0', 'openssl'],
    ]);
  });

  it('refuses a root that is not a folder', async () => {
    const err = await inventory.inventoryFromRootFs(join(work, 'missing')).catch((e: unknown) => e);
    expect(isQuaiError(err) && err.code).toBe('INPUT_INVALID');
  });
});

describe('package inventories from an OCI image layout', () => {
  const baseLayer = (): Buffer =>
    makeTar([
      { path: 'etc/', dir: true },
      { path: 'etc/os-release', symlink: '../usr/lib/os-release' },
      {
        path: 'usr/lib/os-release',
        data: 'ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
      },
      { path: 'lib/apk/db/installed', data: APK_INSTALLED },
      {
        path: 'app/node_modules/lodash/package.json',
        data: JSON.stringify({ name: 'lodash', version: '4.17.20' }),
      },
      {
        path: 'app/node_modules/express/package.json',
        data: JSON.stringify({ name: 'express', version: '4.17.1' }),
      },
      {
        path: 'opt/py/site-packages/requests-2.31.0.dist-info/METADATA',
        data: 'Name: requests\nVersion: 2.31.0\n',
      },
      {
        path: `app/node_modules/${'very-long-folder-name/'.repeat(5)}node_modules/deep/package.json`,
        data: JSON.stringify({ name: 'deep', version: '1.0.0' }),
      },
    ]);

  it('applies layers in order with whiteouts, and checks every digest', async () => {
    const layout = join(work, 'oci');
    const upper = makeTar([
      { path: 'app/node_modules/.wh.lodash', data: '' },
      { path: 'opt/py/site-packages/.wh..wh..opq', data: '' },
      { path: 'lib/apk/db/installed', data: APK_INSTALLED.replace('1.36.1-r28', '1.36.1-r29') },
      { path: '../../etc/evil', data: 'x' },
    ]);
    const digests = await writeLayout(layout, [{ tar: baseLayer(), plain: true }, { tar: upper }]);
    const inv = await inventory.inventoryFromOciLayout(layout);
    expect(inv.os).toMatchObject({ id: 'alpine', versionId: '3.20.3', ecosystem: 'Alpine:v3.20' });
    expect(inv.packages.map((p) => [p.ecosystem, p.name, p.version])).toEqual([
      ['Alpine:v3.20', 'busybox', '1.36.1-r29'],
      ['Alpine:v3.20', 'libcrypto3', '3.3.1-r0'],
      ['npm', 'deep', '1.0.0'],
      ['npm', 'express', '4.17.1'],
    ]);
    expect(inv.image?.layers).toEqual(digests);
    expect(inv.warnings.map((w) => textOf('en', w))).toEqual([
      expect.stringContaining('"../../etc/evil" leaves the root; ignored'),
    ]);
    // Shown in the reader's language: a French reader reads no English.
    expect(inv.warnings.map((w) => textOf('fr', w))).toEqual([
      expect.stringContaining(': l’entrée « ../../etc/evil » sort de la racine ; ignorée.'),
    ]);
    expect(inv.packages[0]?.purl).toBe('pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=3.20.3');
  });

  it('picks the platform asked for from a multi-platform index', async () => {
    const layout = join(work, 'multi');
    const upper = makeTar([{ path: 'app/node_modules/.wh.express', data: '' }]);
    await writeLayout(layout, [{ tar: baseLayer() }, { tar: upper }], ['linux/amd64', 'linux/arm64']);
    const amd = await inventory.inventoryFromOciLayout(layout);
    const arm = await inventory.inventoryFromOciLayout(layout, { platform: 'linux/arm64' });
    expect(amd.packages.some((p) => p.name === 'express')).toBe(false);
    expect(arm.packages.some((p) => p.name === 'express')).toBe(true);
    await expect(inventory.inventoryFromOciLayout(layout, { platform: 'linux/s390x' })).rejects.toThrow(
      /no manifest for platform linux\/s390x \(offered: linux\/amd64, linux\/arm64\)/,
    );
  });

  it('refuses a layer whose bytes do not match its digest, or that is truncated', async () => {
    const layout = join(work, 'tampered');
    const [first] = await writeLayout(layout, [{ tar: baseLayer() }]);
    const path = join(layout, 'blobs', 'sha256', first!.slice(7));
    const good = await readFile(path);
    const tampered = gzipSync(makeTar([{ path: 'lib/apk/db/installed', data: 'P:evil\nV:1\n' }]));
    await writeFile(path, tampered);
    // Other content of another size: the size announced in the manifest is checked first.
    await expect(inventory.inventoryFromOciLayout(layout)).rejects.toThrow(/ends after \d+ of its \d+ bytes/);
    await writeFile(path, good.subarray(0, good.length - 200));
    const err = await inventory.inventoryFromOciLayout(layout).catch((e: unknown) => e);
    expect(isQuaiError(err) && err.code).toBe('IMAGE_TRUNCATED');
    expect((err as Error).message).toMatch(
      /^layer sha256:[0-9a-f]{64} of .*tampered: the blob ends after \d+ of its \d+ bytes \(.*unexpected end of file/,
    );
  });

  it('refuses a folder that is not an OCI layout, saying how to make one', async () => {
    const err = await inventory.inventoryFromOciLayout(work).catch((e: unknown) => e);
    expect(isQuaiError(err) && err.hint).toMatch(/skopeo copy/);
  });
});

describe('tar reading', () => {
  it('reports a bad header checksum as a damaged archive', async () => {
    const bad = makeTar([{ path: 'a', data: 'x' }]);
    bad[0] = 0x41;
    await expect(
      inventory.readTar(Readable.from([bad]), {
        want: () => true,
        onEntry: () => undefined,
        source: 'test.tar',
      }),
    ).rejects.toThrow(/Cannot read the tar archive test.tar: header 1 has a bad checksum/);
  });

  it('never lets a path leave the root', () => {
    expect(inventory.normalizeArchivePath('./a/b/../c')).toBeUndefined();
    expect(inventory.normalizeArchivePath('/etc//os-release')).toBe('etc/os-release');
  });
});
