/**
 * Import and render of 500 generated compose projects (1 to 12 services each, with environment,
 * secrets, ports, named volumes, health checks and dependencies, as vendor files have them), then
 * of the 25 real vendor projects of test/corpus/ (20 rounds each: median per project).
 * Measures wall time and peak memory of the whole pipeline: read, parse, interpolate, convert,
 * validate (the app spec written and read back with its rules, as `quai render` does), render,
 * serialise. Side by side on the corpus: compose-go's loader alone (test/components/compose-config,
 * one process per project), when it is built.
 *
 *   npm run bench:onboard
 *
 * Peer tool: kompose could not run side by side, because the Go module proxy refuses
 * github.com/kubernetes/kompose ("403 Forbidden: this module version is not available").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model, onboard, parseYaml, render, writeFileAtomic } from '@quai/core';

const APPS = 500;

function composeFor(i: number): string {
  const services = 1 + (i % 12);
  const lines = ['services:'];
  for (let s = 0; s < services; s++) {
    const name = s === 0 ? 'web' : s === 1 ? 'db' : `worker_${s}`;
    lines.push(
      `  ${name}:`,
      `    image: registry.example/app${i}/${name}:1.${s}.0`,
      '    restart: unless-stopped',
      '    environment:',
    );
    lines.push(
      `      LOG_LEVEL: info`,
      `      DB_HOST: db`,
      `      DB_PASSWORD: \${DB_PASSWORD:-pw${i}}`,
      `      FEATURE_${s}: "on"`,
    );
    if (s === 0) {
      lines.push(
        '    ports:',
        `      - "${8000 + (i % 100)}:8080"`,
        '    depends_on:',
        '      db:',
        '        condition: service_healthy',
      );
      lines.push(
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
        '      interval: 10s',
      );
    }
    if (s === 1) {
      lines.push(
        '    volumes:',
        '      - data:/var/lib/postgresql/data',
        '    healthcheck:',
        '      test: ["CMD-SHELL", "pg_isready"]',
      );
    }
    if (s > 1) lines.push('    deploy:', '      resources:', '        limits: { cpus: "0.5", memory: 512m }');
  }
  lines.push('volumes:', '  data: {}');
  return `${lines.join('\n')}\n`;
}

const root = mkdtempSync(join(tmpdir(), 'quai-bench-onboard-'));
try {
  for (let i = 0; i < APPS; i++) {
    mkdirSync(join(root, `app${i}`));
    writeFileSync(join(root, `app${i}`, 'docker-compose.yml'), composeFor(i));
  }
  const platform = model.defaultPlatform();
  const before = process.memoryUsage().rss;
  const start = performance.now();
  let services = 0;
  let objects = 0;
  let bytes = 0;
  for (let i = 0; i < APPS; i++) {
    const project = await onboard.loadCompose({
      files: [join(root, `app${i}`, 'docker-compose.yml')],
      projectName: `app${i}`,
    });
    const result = onboard.convertCompose(project);
    services += Object.keys(result.spec.spec.components).length;
    const rendered = render.render({
      app: result.spec,
      platform,
      environment: 'prod',
      secrets: result.secretValues,
    });
    objects += rendered.objects.length;
    bytes += render.toYamlStream(rendered.objects).length;
  }
  const seconds = (performance.now() - start) / 1000;
  const corpus = await benchCorpus(platform);
  const results = {
    apps: APPS,
    services,
    objectsRendered: objects,
    yamlMiB: Math.round((bytes / 1048576) * 10) / 10,
    wallSeconds: Math.round(seconds * 100) / 100,
    appsPerSecond: Math.round(APPS / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMiB: Math.round(before / 1048576),
    corpusProjects: corpus.projects,
    corpusServices: corpus.services,
    corpusObjects: corpus.objects,
    corpusMedianMsPerProject: corpus.medianMs,
    corpusSlowest: corpus.slowest,
    corpusTotalMs: corpus.totalMs,
    composeGoLoaderTotalMs: corpus.composeGoMs ?? 'not built',
  };
  await writeFileAtomic(
    new URL('./results/onboard.json', import.meta.url).pathname,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
  );
  process.stdout.write('| measure | value |\n| --- | --- |\n');
  for (const [k, v] of Object.entries(results)) process.stdout.write(`| ${k} | ${v} |\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

interface CorpusFigures {
  projects: number;
  services: number;
  objects: number;
  medianMs: number;
  slowest: string;
  totalMs: number;
  composeGoMs?: number;
}

/** The real vendor projects: import, write and re-read the app spec, render, serialise. */
async function benchCorpus(platform: ReturnType<typeof model.defaultPlatform>): Promise<CorpusFigures> {
  const dir = new URL('../test/corpus/', import.meta.url).pathname;
  const rounds = 20;
  const perProject: [string, number][] = [];
  let services = 0;
  let objects = 0;
  let oracle: string | undefined;
  try {
    oracle = execFileSync('bash', ['test/components/compose-config/build.sh'], { encoding: 'utf8' }).trim();
  } catch {
    oracle = undefined;
  }
  let composeGoMs = 0;
  for (const name of readdirSync(dir).sort()) {
    const src = parseYaml(readFileSync(join(dir, name, 'SOURCE.yaml'), 'utf8'), { file: 'SOURCE.yaml' }) as {
      import: { files: string[]; envFiles?: string[]; env?: Record<string, string> };
      expect?: { import?: string };
    };
    if (src.expect?.import === 'refused') continue;
    const files = src.import.files.map((f) => join(dir, name, f));
    const envFiles = src.import.envFiles?.map((f) => join(dir, name, f));
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      const project = await onboard.loadCompose({
        files,
        ...(envFiles ? { envFiles } : {}),
        env: src.import.env ?? {},
      });
      const result = onboard.convertCompose(project);
      const spec = await model.parseAppSpec(onboard.appSpecYaml(result.spec), join(dir, name, 'app.yaml'));
      const rendered = render.render({
        app: spec.value,
        platform,
        environment: 'prod',
        secrets: result.secretValues,
      });
      render.toYamlStream(rendered.objects);
      times.push(performance.now() - t);
      if (r === 0) {
        services +=
          Object.keys(result.spec.spec.components).length + Object.keys(result.spec.spec.jobs ?? {}).length;
        objects += rendered.objects.length;
      }
    }
    times.sort((a, b) => a - b);
    perProject.push([name, times[Math.floor(times.length / 2)] ?? 0]);
    if (oracle !== undefined) {
      const args = ['-w', join(dir, name), ...files.flatMap((f) => ['-f', f])];
      for (const f of envFiles ?? []) args.push('--env-file', f);
      for (const [k, v] of Object.entries(src.import.env ?? {})) args.push('-e', `${k}=${v}`);
      const t = performance.now();
      spawnSync(oracle, args, { encoding: 'utf8' });
      composeGoMs += performance.now() - t;
    }
  }
  const medians = perProject.map(([, ms]) => ms).sort((a, b) => a - b);
  const slowest = [...perProject].sort((a, b) => b[1] - a[1])[0];
  return {
    projects: perProject.length,
    services,
    objects,
    medianMs: Math.round((medians[Math.floor(medians.length / 2)] ?? 0) * 10) / 10,
    slowest: slowest ? `${slowest[0]} ${Math.round(slowest[1] * 10) / 10} ms` : '',
    totalMs: Math.round(perProject.reduce((a, [, ms]) => a + ms, 0)),
    ...(oracle !== undefined ? { composeGoMs: Math.round(composeGoMs) } : {}),
  };
}
