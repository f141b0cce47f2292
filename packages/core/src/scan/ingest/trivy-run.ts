import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import type { ScanTarget } from '../report/model.js';
import { ingestTrivy } from './trivy.js';

/*
 * Runs the `trivy` binary when the user asks for it (--trivy), on the same image, and reads its
 * JSON report. Quai never downloads Trivy or its database: the binary and its cache are the
 * user's (offline: --skip-db-update with a database already in the cache).
 */

export interface TrivyRunOptions {
  /** The binary: --trivy-bin, else $QUAI_TRIVY, else `trivy` on the PATH. */
  readonly bin: string;
  /** An image reference, a `docker save` archive, an OCI layout folder or a root filesystem. */
  readonly target: string;
  readonly kind: 'image' | 'archive' | 'layout' | 'rootfs';
  readonly extraArgs?: readonly string[];
  /** The environment Trivy runs with (its TRIVY_* settings, cache folder, proxies). */
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
}

export async function runTrivy(options: TrivyRunOptions): Promise<ScanTarget> {
  const work = await mkdtemp(join(tmpdir(), 'quai-trivy-'));
  const out = join(work, 'report.json');
  const args =
    options.kind === 'rootfs'
      ? ['rootfs', '--format', 'json', '--output', out, '--quiet', options.target]
      : options.kind === 'image'
        ? ['image', '--format', 'json', '--output', out, '--quiet', options.target]
        : ['image', '--format', 'json', '--output', out, '--quiet', '--input', options.target];
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      // node:child_process only when Trivy runs (loading it costs a short call about 3 ms).
      const child = process
        .getBuiltinModule('node:child_process')
        .spawn(options.bin, [...args, ...(options.extraArgs ?? [])], {
          stdio: ['ignore', 'ignore', 'pipe'],
          ...(options.env === undefined ? {} : { env: options.env }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        if (err.length < 20_000) err += d.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    }).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new QuaiError('PREREQUISITE_MISSING', msg('scan.trivy.notFound', { bin: options.bin }), {
          hint: msg('scan.trivy.notFoundHint'),
        });
      }
      throw e;
    });
    if (code !== 0 || !existsSync(out)) {
      throw new QuaiError(
        'PREREQUISITE_MISSING',
        msg('scan.trivy.failed', {
          target: options.target,
          code: String(code),
          stderr: stderr.trim().split('\n').slice(-3).join(' '),
        }),
        { hint: msg('scan.trivy.failedHint') },
      );
    }
    return ingestTrivy(
      JSON.parse(await readFile(out, 'utf8')) as unknown,
      `trivy report of ${options.target}`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
