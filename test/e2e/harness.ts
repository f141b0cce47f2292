import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { stringify } from 'yaml';
import { sha256 } from '@quai/api';
import { backup, scan, type KubeClient } from '@quai/core';
import type { TestRegistry } from '../components/registry.js';

/**
 * What the console's end-to-end tests and its benchmark share: a real `quai serve` (the built
 * CLI, the built console) on a cluster, and Debian's Chromium driven by playwright-core.
 */

const MAIN = new URL('../../packages/cli/dist/main.js', import.meta.url).pathname;
const CONSOLE_INDEX = new URL('../../packages/console/dist/index.html', import.meta.url).pathname;

/** Debian's Chromium (apt-get install chromium), never a downloaded browser. */
export const CHROMIUM = process.env['QUAI_CHROMIUM'] ?? '/usr/bin/chromium';

export interface Served {
  readonly url: string;
  /** Tokens by user: quai-admin (system:masters) and console-viewer (no group). */
  readonly tokens: { readonly admin: string; readonly viewer: string };
  /** Stops the server (as a node or a network would go away), then starts it again on the same port. */
  restart(pauseMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** More of the server's configuration: OpenID Connect, a short session, its environment. */
export interface ServeOptions {
  /** `auth.oidc` of the configuration (the client secret goes in `env`). */
  readonly oidc?: Readonly<Record<string, unknown>>;
  /** How long a session lasts (`auth.sessionTtl`): `20s` to see one expire. */
  readonly sessionTtl?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export async function startServe(kubeconfig: string, options: ServeOptions = {}): Promise<Served> {
  if (!existsSync(MAIN) || !existsSync(CONSOLE_INDEX))
    throw new Error('build first: npm run build (the CLI and the console)');
  const dir = mkdtempSync(join(tmpdir(), 'quai-console-'));
  const admin = `t-${randomBytes(16).toString('hex')}`;
  const viewer = `t-${randomBytes(16).toString('hex')}`;
  const config = join(dir, 'serve.yaml');
  const write = (listen: string): void =>
    writeFileSync(
      config,
      stringify({
        listen,
        storage: { sqlite: join(dir, 'quai.db') },
        auth: {
          tokens: [
            { user: 'quai-admin', groups: ['system:masters'], sha256: sha256(admin) },
            { user: 'console-viewer', groups: [], sha256: sha256(viewer) },
          ],
          loginAttemptsPerMinute: 100,
          ...(options.oidc === undefined ? {} : { oidc: options.oidc }),
          ...(options.sessionTtl === undefined ? {} : { sessionTtl: options.sessionTtl }),
        },
        limits: { drainTimeout: '1s' },
      }),
    );
  const launch = async (): Promise<{ child: ChildProcess; url: string }> => {
    const child = spawn(process.execPath, [MAIN, 'serve', '--config', config, '--kubeconfig', kubeconfig], {
      env: { ...process.env, LANG: 'C', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /Quai serves on (\S+)/.exec(err);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`quai serve exited: ${err}`)));
    });
    return { child, url };
  };
  const halt = async (child: ChildProcess): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  write('127.0.0.1:0');
  let current = await launch();
  const url = current.url;
  write(new URL(url).host);
  return {
    url,
    tokens: { admin, viewer },
    async restart(pauseMs: number) {
      await halt(current.child);
      await new Promise((r) => setTimeout(r, pauseMs));
      current = await launch();
    },
    async stop() {
      await halt(current.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // As root (CI), Chromium's sandbox cannot start.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** Signs in with a token on the sign-in page, and waits for the overview. */
export async function signIn(page: Page, served: Served, token: string): Promise<void> {
  await page.goto(served.url);
  await page.getByLabel("Jeton d'accès").fill(token);
  await page.getByRole('button', { name: 'Se connecter avec le jeton' }).click();
  await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor();
}

let axeSource: string | undefined;

/** axe-core in the page: the violations that are serious or critical. */
export async function axe(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = globalThis as unknown as {
      axe: {
        run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    return (await w.axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * With QUAI_CONSOLE_SCREENSHOTS=1, the screenshots of the docs (docs/images/console/{fr,en}) of
 * what the page shows (the whole page with `fullPage`), scrolled to the element of `scrollTo` (a
 * test id) when given; back to French after.
 */
export async function shot(
  page: Page,
  name: string,
  { scrollTo, fullPage = false }: { scrollTo?: string; fullPage?: boolean } = {},
): Promise<void> {
  if (process.env['QUAI_CONSOLE_SCREENSHOTS'] !== '1') return;
  for (const lang of ['fr', 'en'] as const) {
    const dir = new URL(`../../docs/images/console/${lang}/`, import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    await page.locator('header select').selectOption(lang);
    await page.waitForTimeout(300);
    if (scrollTo !== undefined) await page.getByTestId(scrollTo).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}${name}.png`, fullPage });
  }
  await page.locator('header select').selectOption('fr');
}

/**
 * Declares a storage target in the platform settings (the ConfigMap quai-settings), as an admin
 * does on the Settings page: the API's backup use cases accept only the targets declared there.
 * The other targets are kept; `location` undefined removes the target.
 */
export async function declareTarget(
  served: Served,
  name: string,
  location: string | undefined,
): Promise<void> {
  const call = async (path: string, body: unknown): Promise<any> =>
    (
      await fetch(`${served.url}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${served.tokens.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json();
  // Another writer between the read and the write is a CONFLICT: read again and redo.
  for (let attempt = 0; attempt < 5; attempt++) {
    const view = (await call('/settings/view', { checks: false })) as {
      result: { settings: { targets: { name: string }[] }; resourceVersion?: string };
    };
    const { settings, resourceVersion } = view.result;
    const targets = [
      ...settings.targets.filter((t) => t.name !== name),
      ...(location === undefined ? [] : [{ name, location }]),
    ];
    const done = (await call('/settings/update', {
      settings: { ...settings, targets },
      reason: `end-to-end test: target ${name}`,
      ...(resourceVersion === undefined ? {} : { resourceVersion }),
    })) as { error?: { code: string; message: string } };
    if (done.error === undefined) return;
    if (done.error.code !== 'CONFLICT') throw new Error(`${done.error.code}: ${done.error.message}`);
  }
  throw new Error(`the settings kept changing: target ${name} not declared`);
}

/**
 * A POST the console could send, from the page's session (its cookie and CSRF token): the HTTP
 * status and the JSON body, to check what the API answers a user the page shows no button to.
 */
export async function postFromPage<T = any>(
  page: Page,
  path: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ([p, b]) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrf: string };
      const res = await fetch(p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    [path, body] as const,
  );
}

/**
 * The console's viewer, `console-viewer`: Kubernetes' built-in read-only role `view`, everywhere,
 * through the ClusterRoleBinding `name` (the test deletes it after).
 */
export async function bindViewer(client: KubeClient, name: string): Promise<void> {
  await client.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'console-viewer' }],
    },
    { fieldManager: 'quai-e2e', force: true },
  );
}

/** quai-system, where the platform settings are kept: made as Quai makes it (restricted Pod Security) if missing. */
export async function ensureSystemNamespace(client: KubeClient): Promise<void> {
  await backup.ensureSystemNamespace(client);
}

/**
 * `quai serve` whose vulnerability database (in `work`) holds the lodash advisory of the scan
 * tests (GHSA-35jh-r3h4-6jhm, trimmed): the images e2e specs scan an image with an old lodash.
 */
export async function startServeWithLodashAdvisory(kubeconfig: string, work: string): Promise<Served> {
  const env = { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') };
  const lodash = new URL('../integration/fixtures/osv/GHSA-35jh-r3h4-6jhm.json', import.meta.url).pathname;
  await scan.osv.importOsv({ dir: scan.osv.defaultVulnDbDir(env), sources: [lodash] });
  return startServe(kubeconfig, { env });
}

/** Stops what an images e2e spec started (each part only if it was), and deletes its namespace. */
export async function stopImagesSpec(parts: {
  browser?: Browser | undefined;
  served?: Served | undefined;
  client?: KubeClient | undefined;
  ns: string;
  reg?: TestRegistry | undefined;
  work?: string | undefined;
}): Promise<void> {
  await parts.browser?.close();
  await parts.served?.stop();
  await parts.client?.delete({ apiVersion: 'v1', kind: 'Namespace', name: parts.ns }).catch(() => undefined);
  parts.client?.close();
  await parts.reg?.stop();
  if (parts.work !== undefined) rmSync(parts.work, { recursive: true, force: true });
}
