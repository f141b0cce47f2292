// Images without a Docker engine: Quai's tar writer read back by GNU tar, OCI layouts that give
// the same digest for the same files, pushes to a real registry (Debian's docker-registry), and
// a registry whose folder is full (a small tmpfs) named as such. Missing prerequisites of real
// nodes are named with their Debian packages.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QuaiError } from '@quai/core';
import { pushImage, readLayout, writeLayout } from '../src/images/oci.js';
import { tarArchive } from '../src/images/tar.js';
import { checkRealNodePrerequisites } from '../src/prerequisites.js';
import { freePort } from '../src/processes.js';

const work = mkdtempSync(join(tmpdir(), 'quai-images-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;
const hasRegistry = existsSync('/usr/bin/docker-registry');

async function failure(p: Promise<unknown>): Promise<QuaiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof QuaiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

async function startRegistry(root: string): Promise<{ host: string; stop: () => void }> {
  const port = await freePort();
  const config = join(work, `registry-${port}.yml`);
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${root}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { host: `127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

describe('OCI images made by Quai', () => {
  it('writes tar archives GNU tar reads back, file modes and links included', () => {
    const tar = tarArchive([
      { path: 'etc', type: 'dir' },
      { path: 'etc/motd', type: 'file', content: 'bonjour\n', mode: 0o640, uid: 10001, gid: 10001 },
      { path: 'bin/run', type: 'file', content: Buffer.from([0, 1, 2, 255]), mode: 0o755 },
      { path: 'bin/sh', type: 'symlink', target: 'run' },
      { path: `deep/${'d'.repeat(90)}/${'f'.repeat(60)}.txt`, type: 'file', content: 'long path' },
    ]);
    const file = join(work, 'a.tar');
    writeFileSync(file, tar);
    const listing = execFileSync('tar', ['-tvf', file, '--numeric-owner'], { encoding: 'utf8' });
    expect(listing).toMatch(/^-rw-r----- 10001\/10001\s+8 1970-01-01 00:00 etc\/motd$/m);
    expect(listing).toMatch(/^-rwxr-xr-x 0\/0\s+4 .* bin\/run$/m);
    expect(listing).toMatch(/^lrwxrwxrwx 0\/0 .* bin\/sh -> run$/m);
    expect(listing).toContain(`${'f'.repeat(60)}.txt`);
    const out = join(work, 'out');
    mkdirSync(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    expect(readFileSync(join(out, 'bin/run'))).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('gives the same digests for the same files, and a layout readable back', async () => {
    const layer = tarArchive([{ path: 'hello', type: 'file', content: 'same bytes' }]);
    const a = await writeLayout(join(work, 'img-a'), [{ bytes: layer }], {
      user: '10001:10001',
      cmd: ['sh'],
    });
    const b = await writeLayout(join(work, 'img-b'), [{ bytes: layer }], {
      user: '10001:10001',
      cmd: ['sh'],
    });
    expect(a.manifest.digest).toBe(b.manifest.digest);
    expect(a.layers[0]?.digest).toBe(b.layers[0]?.digest);
    expect((await readLayout(join(work, 'img-a')))?.manifest).toEqual(a.manifest);
    const config = JSON.parse(
      readFileSync(join(work, 'img-a', 'blobs', 'sha256', a.config.digest.slice(7)), 'utf8'),
    ) as { config: { User: string; Cmd: string[]; Env: string[] }; rootfs: { diff_ids: string[] } };
    expect(config.config).toMatchObject({ User: '10001:10001', Cmd: ['sh'] });
    expect(config.rootfs.diff_ids[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    // A layout with a missing blob is not taken for a finished image.
    rmSync(join(work, 'img-b', 'blobs', 'sha256', b.layers[0]!.digest.slice(7)));
    expect(await readLayout(join(work, 'img-b'))).toBeUndefined();
  });

  it.skipIf(!hasRegistry)('pushes to a real registry, which serves the manifest back by digest', async () => {
    const registry = await startRegistry(join(work, 'registry'));
    try {
      const layer = tarArchive([{ path: 'data.bin', type: 'file', content: randomBytes(100_000) }]);
      const image = await writeLayout(join(work, 'img-push'), [{ bytes: layer }], { cmd: ['true'] });
      const ref = await pushImage(image, { registry: registry.host, repository: 'quai/test', tag: 'v1' });
      expect(ref).toBe(`${registry.host}/quai/test@${image.manifest.digest}`);
      const r = await fetch(`http://${registry.host}/v2/quai/test/manifests/v1`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      expect(r.headers.get('docker-content-digest')).toBe(image.manifest.digest);
      // Pushing again sends no blob: the registry has them.
      expect(await pushImage(image, { registry: registry.host, repository: 'quai/test', tag: 'v1' })).toBe(
        ref,
      );
    } finally {
      registry.stop();
    }
  });

  it.skipIf(!hasRegistry || !isRoot)('says so when the registry folder is full (a 4 MiB tmpfs)', async () => {
    const small = join(work, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', small]);
    const registry = await startRegistry(small);
    try {
      const layer = tarArchive([{ path: 'big.bin', type: 'file', content: randomBytes(8 * 1024 * 1024) }]);
      const image = await writeLayout(join(work, 'img-big'), [{ bytes: layer }], { cmd: ['true'] });
      const e = await failure(
        pushImage(image, { registry: registry.host, repository: 'quai/big', tag: '1', storageDir: small }),
      );
      expect(e.code).toBe('PREREQUISITE_MISSING');
      expect(e.message).toContain(`The registry's folder ${small} is full`);
      expect(e.message).toContain('quai/big:1');
      expect(e.hint).toMatch(/Free space/);
    } finally {
      registry.stop();
      await new Promise((r) => setTimeout(r, 300));
      execFileSync('umount', ['-l', small]);
    }
  });
});

describe('prerequisites of real nodes', () => {
  it.skipIf(!isRoot)('names every missing program with the Debian package to install', () => {
    let error: unknown;
    try {
      checkRealNodePrerequisites({ PATH: join(work, 'empty-path') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuaiError);
    const e = error as QuaiError;
    expect(e.code).toBe('PREREQUISITE_MISSING');
    expect(e.message).toMatch(/containerd, runc, .*iptables, socat, docker-registry, nsenter, ip, gcc/);
    expect(e.hint).toBe(
      `Install the Debian packages: apt-get install containerd runc${existsSync('/usr/lib/cni/bridge') ? '' : ' containernetworking-plugins'} iptables socat docker-registry util-linux iproute2 gcc${existsSync('/usr/lib/x86_64-linux-gnu/libc.a') ? '' : ' libc6-dev'}`,
    );
  });

  it.skipIf(isRoot)('refuses without root, saying why', () => {
    expect(() => checkRealNodePrerequisites()).toThrow(/Real nodes need root/);
  });
});
