/**
 * Benchmark of the volume data mover (restic through Quai's local executor) on 1 GB of mixed
 * files: 20,000 small text files (200 MB), 5 random binaries of 100 MB (incompressible) and
 * 3 log files of 100 MB (compressible). A first run, then an incremental run after changing about
 * 5 % (1,000 small files rewritten, 30 MB overwritten inside one binary, 10 MB of new log lines),
 * to a directory target and to the S3 server of the tests (Versity Gateway on loopback). Measures
 * wall time, MB/s of data processed, what restic added, and peak RSS of restic (GNU time) and of
 * the Node process. Then a full restore of the last snapshot from each target.
 *
 *   npm run bench:backup-volumes
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backup, writeFileAtomic } from '@quai/core';
import { startS3Server } from '../test/components/s3-server.js';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'quai-bench-volumes-'));
const data = join(work, 'data');
const key = backup.keyFrom(randomBytes(32));
const RESTIC = process.env['QUAI_RESTIC'] ?? 'restic';

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

const WORDS =
  'le la les des une maire conseil délibération budget voirie école cantine marché public agent service usager demande dossier'.split(
    ' ',
  );

function text(seed: number, bytes: number): string {
  const out: string[] = [];
  let n = 0;
  let x = seed * 2654435761;
  while (n < bytes) {
    x = (x * 1103515245 + 12345) >>> 0;
    const w = WORDS[x % WORDS.length] ?? 'x';
    out.push(w);
    n += w.length + 1;
  }
  return `${out.join(' ')}\n`;
}

function generate(): void {
  log('generating 1 GB of mixed files');
  for (let d = 0; d < 100; d++) {
    mkdirSync(join(data, 'docs', `d${d}`), { recursive: true });
    for (let f = 0; f < 200; f++)
      writeFileSync(join(data, 'docs', `d${d}`, `f${f}.txt`), text(d * 1000 + f, 10_000));
  }
  mkdirSync(join(data, 'bin'));
  for (let i = 0; i < 5; i++) {
    const fd = openSync(join(data, 'bin', `blob${i}.bin`), 'w');
    for (let m = 0; m < 100; m++) writeSync(fd, randomBytes(1_000_000));
    closeSync(fd);
  }
  mkdirSync(join(data, 'logs'));
  for (let i = 0; i < 3; i++) {
    const fd = openSync(join(data, 'logs', `app${i}.log`), 'w');
    let written = 0;
    for (let line = 0; written < 100_000_000; line++) {
      const l = `{"ts":"2026-11-26T${String(line % 24).padStart(2, '0')}:00:${String(line % 60).padStart(2, '0')}Z","level":"info","msg":"GET /api/dossiers/${line % 5000} 200","ms":${line % 97}}\n`;
      const chunk = l.repeat(200);
      writeSync(fd, chunk);
      written += chunk.length;
    }
    closeSync(fd);
  }
}

function change(): number {
  let bytes = 0;
  for (let d = 0; d < 100; d++) {
    for (let f = 0; f < 10; f++) {
      writeFileSync(join(data, 'docs', `d${d}`, `f${f}.txt`), text(d * 7919 + f + 1, 10_000));
      bytes += 10_000;
    }
  }
  const fd = openSync(join(data, 'bin', 'blob2.bin'), 'r+');
  for (let m = 0; m < 30; m++)
    writeSync(fd, randomBytes(1_000_000), 0, 1_000_000, 40_000_000 + m * 1_000_000);
  closeSync(fd);
  bytes += 30_000_000;
  const more = '{"ts":"2026-11-27T00:00:00Z","level":"warn","msg":"quota proche"}\n'.repeat(150_000);
  appendFileSync(join(data, 'logs', 'app0.log'), more);
  bytes += more.length;
  return bytes;
}

/** restic through GNU time, so its peak RSS is measured on every run. */
const rssFile = join(work, 'restic.rss');
const wrapper = join(work, 'restic-timed');
writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/time -a -o ${rssFile} -f %M ${RESTIC} "$@"\n`);
chmodSync(wrapper, 0o755);
process.env['QUAI_RESTIC'] = wrapper;
process.env['RESTIC_CACHE_DIR'] = join(work, 'cache');

function resticPeakKb(): number {
  const lines = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number).filter(Number.isFinite);
  writeFileSync(rssFile, '');
  return Math.max(0, ...lines);
}

async function run(
  label: string,
  repository: backup.volumes.ResticRepository,
): Promise<Record<string, number | string>> {
  writeFileSync(rssFile, '');
  const start = performance.now();
  const summary = await backup.volumes.backupPath(repository, data, {
    backup: label,
    namespace: 'bench',
    pvc: 'data',
  });
  const seconds = (performance.now() - start) / 1000;
  const r = {
    run: label,
    seconds: Math.round(seconds * 10) / 10,
    mbProcessed: Math.round(summary.total_bytes_processed / 1e6),
    mbPerSecond: Math.round(summary.total_bytes_processed / 1e6 / seconds),
    filesNew: summary.files_new,
    filesChanged: summary.files_changed,
    filesUnmodified: summary.files_unmodified,
    mbAdded: Math.round(summary.data_added / 1e5) / 10,
    resticPeakRssMb: Math.round(resticPeakKb() / 1024),
    snapshot: summary.snapshot_id,
  };
  log(`${label}: ${JSON.stringify(r)}`);
  return r;
}

async function restore(
  label: string,
  repository: backup.volumes.ResticRepository,
  snapshot: string,
): Promise<Record<string, number | string>> {
  const dest = join(work, `restore-${label}`);
  writeFileSync(rssFile, '');
  const start = performance.now();
  await backup.volumes.runRestic(backup.volumes.restoreArgs(snapshot, dest), { repository });
  const seconds = (performance.now() - start) / 1000;
  const bytes = Number(execFileSync('du', ['-sb', dest]).toString().split('\t')[0]);
  rmSync(dest, { recursive: true, force: true });
  const r = {
    run: label,
    seconds: Math.round(seconds * 10) / 10,
    mbPerSecond: Math.round(bytes / 1e6 / seconds),
    resticPeakRssMb: Math.round(resticPeakKb() / 1024),
  };
  log(`${label}: ${JSON.stringify(r)}`);
  return r;
}

function repoSize(dir: string): number {
  return Math.round(Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]) / 1e6);
}

const s3 = await startS3Server();
try {
  generate();
  const total = Number(execFileSync('du', ['-sb', data]).toString().split('\t')[0]);
  // restic as the front ends run it: $QUAI_RESTIC (the wrapper above), PATH and HOME from here.
  const runner = backup.volumes.resticRunner(process.env);
  const dirRepo = backup.volumes.resticRepository(
    { kind: 'directory', root: join(work, 'target'), runner },
    key,
  );
  const s3Repo = backup.volumes.resticRepository(
    {
      kind: 's3',
      runner,
      bucket: s3.bucket,
      prefix: 'bench/',
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
    key,
  );
  await backup.volumes.ensureRepository({ repository: dirRepo });
  await backup.volumes.ensureRepository({ repository: s3Repo });
  const runs: Record<string, number | string>[] = [];
  runs.push(await run('directory-first', dirRepo));
  runs.push(await run('s3-first', s3Repo));
  const changed = change();
  runs.push(await run('directory-incremental', dirRepo));
  runs.push(await run('s3-incremental', s3Repo));
  const restores = [
    await restore('directory-restore', dirRepo, String(runs[2]?.['snapshot'])),
    await restore('s3-restore', s3Repo, String(runs[3]?.['snapshot'])),
  ];
  const results = {
    date: new Date().toISOString(),
    machine: `${execFileSync('nproc').toString().trim()} cores (shared), ${process.platform}`,
    restic: execFileSync(RESTIC, ['version']).toString().trim(),
    node: process.version,
    dataMb: Math.round(total / 1e6),
    mix: '20,000 text files of 10 kB (200 MB), 5 random binaries of 100 MB, 3 JSON-lines logs of 100 MB',
    changedMb: Math.round(changed / 1e6),
    runs,
    restores,
    directoryRepositoryMb: repoSize(join(work, 'target', backup.volumes.REPOSITORY_DIR)),
    nodePeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  await writeFileAtomic(
    join(root, 'bench', 'results', 'backup-volumes.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  log('written to bench/results/backup-volumes.json');
} finally {
  await s3.stop();
  rmSync(work, { recursive: true, force: true });
}
