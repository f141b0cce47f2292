import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as devcluster from '@quai/devcluster';
import { ensureCapacityComponents } from './metrics.js';

const VERSION = 'v0.316.0';

function bin(name: 'prometheus' | 'promtool'): string {
  const cache =
    process.env['QUAI_CACHE_DIR'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'quai');
  return join(cache, 'test-components', `prometheus-${VERSION}`, name);
}

/** A real Prometheus server (built from the Go module proxy) on loopback. */
export interface PrometheusServer {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Writes weeks of history into a fresh TSDB with promtool's backfill (`promtool tsdb
 * create-blocks-from openmetrics`), the supported way to load past samples.
 */
export function backfill(openMetrics: string): string {
  ensureCapacityComponents();
  const dir = mkdtempSync(join(tmpdir(), 'quai-prometheus-'));
  const input = join(dir, 'history.om');
  writeFileSync(input, openMetrics);
  const data = join(dir, 'data');
  mkdirSync(data);
  execFileSync(bin('promtool'), ['tsdb', 'create-blocks-from', 'openmetrics', input, data], {
    stdio: 'pipe',
  });
  rmSync(input);
  return data;
}

/** Starts Prometheus with a configuration (scrape jobs) and optionally an existing data folder. */
export async function startPrometheus(config: string, dataDir?: string): Promise<PrometheusServer> {
  ensureCapacityComponents();
  const dir = mkdtempSync(join(tmpdir(), 'quai-prometheus-run-'));
  const data = dataDir ?? join(dir, 'data');
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, config);
  const port = await devcluster.freePort();
  const log = join(dir, 'prometheus.log');
  const out = createWriteStream(log);
  const child: ChildProcess = spawn(
    bin('prometheus'),
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=60d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited:\n${readFileSync(log, 'utf8').slice(-3000)}`);
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `prometheus did not become ready:\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir: data,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      rmSync(dir, { recursive: true, force: true });
      if (dataDir !== undefined) rmSync(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
}
