/**
 * Import and render of 500 generated compose projects (1 to 12 services each, with environment,
 * secrets, ports, named volumes, health checks and dependencies, as vendor files have them).
 * Measures wall time and peak memory of the whole pipeline: read, parse, interpolate, convert,
 * validate, render, serialise.
 *
 *   npm run bench:onboard
 *
 * Peer tool: kompose could not run side by side, because the Go module proxy refuses
 * github.com/kubernetes/kompose ("403 Forbidden: this module version is not available").
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model, onboard, render, writeFileAtomic } from '@quai/core';

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
  const results = {
    apps: APPS,
    services,
    objectsRendered: objects,
    yamlMiB: Math.round((bytes / 1048576) * 10) / 10,
    wallSeconds: Math.round(seconds * 100) / 100,
    appsPerSecond: Math.round(APPS / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMiB: Math.round(before / 1048576),
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
