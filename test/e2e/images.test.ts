import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, loadClusterAccess } from '@quai/core';
import {
  buildLayer,
  registryAvailable,
  RegistryPusher,
  startRegistry,
  type TestRegistry,
} from '../components/registry.js';
import {
  axe,
  launchChromium,
  shot,
  signIn,
  startServeWithLodashAdvisory,
  stopImagesSpec,
  type Served,
} from './harness.js';

/**
 * The images section of the Security page, in Debian's Chromium against a real `quai serve` on
 * the test cluster: a Deployment runs an image pushed to a registry on loopback with an old lodash
 * (the image and advisory of the scan cluster tests); the server's vulnerability database holds
 * that advisory. "Scan now" runs scan.cluster with its progress; the page then shows the image,
 * its workload, the vulnerability with its fixed version, the chart and its table; no serious
 * accessibility violation (axe-core), in French and in English.
 */

const ns = `images-${randomBytes(3).toString('hex')}`;
let served: Served;
let browser: Browser;
let client: KubeClient;
let reg: TestRegistry;
let work: string;

const newPage = (): Promise<Page> => browser.newPage({ viewport: { width: 1280, height: 900 } });

describe.skipIf(!registryAvailable())('the images of the Security page in Chromium', () => {
  beforeAll(async () => {
    reg = await startRegistry();
    work = await mkdtemp(join(tmpdir(), 'quai-e2e-images-'));
    const pusher = new RegistryPusher(reg);
    const layer = buildLayer({
      'var/lib/dpkg/status': await readFile('/var/lib/dpkg/status'),
      'etc/os-release': await readFile('/etc/os-release'),
      'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.20' }),
    });
    await pusher.pushImage('annuaire/web', '2.3', [layer]);
    client = new KubeClient(await loadClusterAccess({ kubeconfig: inject('kubeconfig') }));
    const apply = (o: Record<string, unknown>) =>
      client.apply(o as never, { fieldManager: 'quai-e2e', force: true });
    await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'annuaire', namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'annuaire' } },
        template: {
          metadata: { labels: { app: 'annuaire' } },
          spec: { containers: [{ name: 'web', image: `${reg.host}/annuaire/web:2.3` }] },
        },
      },
    });
    // The server's database: the lodash advisory.
    served = await startServeWithLodashAdvisory(inject('kubeconfig'), work);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await stopImagesSpec({ browser, served, client, ns, reg, work });
  });

  it('scans now, then shows the image, its workload and a known vulnerability with its fix', async () => {
    const page = await newPage();
    await signIn(page, served, served.tokens.admin);
    await page.goto(`${served.url}/#/security`);
    await page.getByRole('heading', { level: 1, name: 'Sécurité' }).waitFor();
    const section = page.getByRole('region', { name: 'Images et leurs vulnérabilités' });
    await section.getByText('Aucune analyse des images').waitFor();
    await section.getByRole('button', { name: 'Analyser les images maintenant' }).click();
    await section.getByRole('button', { name: 'Analyse des images en cours…' }).waitFor();
    await section
      .getByRole('button', { name: 'Analyser les images maintenant' })
      .waitFor({ timeout: 240_000 });
    const image = `${reg.host}/annuaire/web:2.3`;
    const row = page.getByTestId('image-row').filter({ hasText: image });
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${ns}/Deployment/annuaire`);
    expect(text).toContain('1 avec correctif sur 1');
    // The top vulnerabilities, opened from the keyboard: the id, its CVE, the installed and fixed versions.
    const details = page.locator('tr.details').filter({ hasText: image });
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    const vuln = details
      .getByTestId('image-vulnerabilities')
      .getByRole('row')
      .filter({ hasText: 'GHSA-35jh-r3h4-6jhm' });
    await vuln.waitFor();
    expect((await vuln.innerText()).replace(/\s+/g, ' ')).toMatch(
      /Élevée GHSA-35jh-r3h4-6jhm \(CVE-2021-23337\).*lodash 4\.17\.20 4\.17\.21/,
    );
    await page.getByTestId('chart-image-vulnerabilities').waitFor();
    await page.waitForFunction(
      '[...document.querySelectorAll(\'[data-testid="chart-image-vulnerabilities"] canvas\')].every((c) => c.width > 0)',
    );
    expect(await page.getByTestId('images-latest').innerText()).toContain('par quai-admin');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'security-images', { scrollTo: 'images-figures' });
    await page.locator('header select').selectOption('en');
    await page.getByRole('region', { name: 'Images and their vulnerabilities' }).waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('1 with a fix, of 1');
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 300_000);

  it('shows the scan button to a viewer only when the API would let them scan', async () => {
    const page = await newPage();
    await signIn(page, served, served.tokens.viewer);
    const allowed = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrf: string };
      const res = await fetch('/api/v1/view/access', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: '{}',
      });
      return ((await res.json()) as { result: { scan?: boolean } }).result.scan === true;
    });
    await page.goto(`${served.url}/#/security`);
    const section = page.getByRole('region', { name: 'Images et leurs vulnérabilités' });
    await section.waitFor();
    // The section read the last scan and the user's rights before showing its button (or not).
    await section.getByText(/Aucune analyse des images|Dernière analyse/).waitFor();
    await page.waitForTimeout(1000);
    expect(await section.getByRole('button', { name: 'Analyser les images maintenant' }).count()).toBe(
      allowed ? 1 : 0,
    );
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
