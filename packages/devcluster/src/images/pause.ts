import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { ASSETS_ROOT } from '../paths.js';
import { pushImage, readLayout, writeLayout } from './oci.js';
import { tarArchive } from './tar.js';

const run = promisify(execFile);
const SOURCE = join(ASSETS_ROOT, 'pause', 'pause.c');

/**
 * Builds the pause image (a static C program, compiled with the host's gcc; cached by the
 * source's hash) and pushes it to the cluster's registry as quai/pause:3.
 */
export async function ensurePauseImage(options: {
  readonly cacheDir: string;
  readonly registry: string;
  readonly storageDir: string;
  readonly signal?: AbortSignal;
}): Promise<string> {
  const source = await readFile(SOURCE);
  const key = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(options.cacheDir, 'images', `quai_pause-${key}`);
  let image = await readLayout(dir);
  if (image === undefined) {
    await mkdir(join(options.cacheDir, 'images'), { recursive: true });
    const work = await mkdtemp(join(options.cacheDir, 'images', '.pause-'));
    try {
      const binary = join(work, 'pause');
      await run('gcc', ['-Os', '-static', '-s', '-o', binary, SOURCE]).catch((error: unknown) => {
        const e = error as NodeJS.ErrnoException & { stderr?: string };
        throw new QuaiError(
          'PREREQUISITE_MISSING',
          e.code === 'ENOENT'
            ? msg('devcluster.image.noGcc')
            : msg('devcluster.image.gccFailed', { output: (e.stderr ?? e.message).trim() }),
          { hint: msg('devcluster.image.gccHint') },
        );
      });
      const tar = tarArchive([{ path: 'pause', type: 'file', mode: 0o755, content: await readFile(binary) }]);
      image = await writeLayout(dir, [{ bytes: tar }], { entrypoint: ['/pause'], user: '65535:65535' });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return pushImage(image, {
    registry: options.registry,
    repository: 'quai/pause',
    tag: '3',
    storageDir: options.storageDir,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
