import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { Hono } from 'hono';
import type { Env } from './context.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The folder of the built console: the configured one, else the one the npm package ships. */
export function consoleDirOf(configured: string | undefined): string | undefined {
  if (configured !== undefined) return configured;
  try {
    const pkg = createRequire(import.meta.url).resolve('@quai/console/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/**
 * Serves the web console's built assets (read once, at start: a few hundred kilobytes): `/` is
 * its page, `/assets/*` its scripts and styles, named by their content's hash, so cached for a
 * year. Only the files of the build are served; the security headers (CSP) apply as everywhere.
 */
export function serveConsole(app: Hono<Env>, dir: string): number {
  const files = new Map<string, { body: Uint8Array; type: string }>();
  for (const file of filesOf(dir)) {
    const path = `/${relative(dir, file).split(sep).join('/')}`;
    const ext = /\.[a-z0-9]+$/.exec(path)?.[0] ?? '';
    const type = TYPES[ext];
    if (type !== undefined) files.set(path, { body: readFileSync(file), type });
  }
  const index = files.get('/index.html');
  if (index === undefined) return 0;
  const page = (): Response =>
    new Response(index.body, { headers: { 'content-type': index.type, 'cache-control': 'no-cache' } });
  app.get('/', page);
  app.get('/index.html', page);
  app.get('/assets/*', (c) => {
    const f = files.get(c.req.path);
    if (f === undefined) return c.notFound();
    return new Response(f.body, {
      headers: { 'content-type': f.type, 'cache-control': 'public, max-age=31536000, immutable' },
    });
  });
  return files.size;
}
