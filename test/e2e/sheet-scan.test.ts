import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { app, KubeClient, loadClusterAccess } from '@quai/core';
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
 * An application's page shows its images in the last scan of the cluster's images, in Debian's
 * Chromium against a real `quai serve` on the test cluster: an app deployed by `quai apply` runs
 * an image pushed to a registry on loopback with an old lodash, another Deployment in the same
 * namespace runs another image; after `scan.cluster` (through the API, kept in the server's
 * history) the app's sheet lists its image's vulnerability with the fixed version, not the other
 * workload's, says when and by whom, and links to the Security page's images section, which the
 * link brings into view; no serious accessibility violation (axe-core), in French and English.
 */

const ns = `sheetscan-${randomBytes(3).toString('hex')}`;
const appName = 'annuaire';
let served: Served;
let browser: Browser;
let client: KubeClient;
let reg: TestRegistry;
let work: string;

const newPage = (): Promise<Page> => browser.newPage({ viewport: { width: 1280, height: 900 } });

describe.skipIf(!registryAvailable())("an application's images in the last scan, on its page", () => {
  beforeAll(async () => {
    reg = await startRegistry();
    work = await mkdtemp(join(tmpdir(), 'quai-e2e-sheetscan-'));
    const pusher = new RegistryPusher(reg);
    const os = {
      'var/lib/dpkg/status': await readFile('/var/lib/dpkg/status'),
      'etc/os-release': await readFile('/etc/os-release'),
    };
    await pusher.pushImage('annuaire/web', '2.3', [
      buildLayer({
        ...os,
        'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.20' }),
      }),
    ]);
    // Another workload of the namespace, not the app's: its image must not show on the app's sheet.
    await pusher.pushImage('outils/export', '1.0', [
      buildLayer({
        ...os,
        'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.19' }),
      }),
    ]);
    const kubeconfig = inject('kubeconfig');
    const context = inject('context');
    client = new KubeClient(await loadClusterAccess({ kubeconfig }));
    const spec = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: App',
      `metadata: { name: ${appName} }`,
      'spec:',
      `  namespace: ${ns}`,
      '  components:',
      `    web: { image: "${reg.host}/annuaire/web:2.3", ports: [{ name: http, port: 8080 }] }`,
      '',
    ].join('\n');
    const deployed = await app.withContext(
      {
        lang: 'en',
        cluster: { kubeconfig, ...(context === '' ? {} : { context }), userAgent: 'quai-e2e' },
        env: {},
      },
      {},
      (ctx) =>
        app.run(
          'deploy.apply',
          { apps: [{ yaml: spec, name: 'app.yaml' }], environment: 'prod', wait: false },
          ctx,
        ),
    );
    expect(deployed.outcome).toBe('ok');
    await client.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'export', namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'export' } },
          template: {
            metadata: { labels: { app: 'export' } },
            spec: {
              // The namespace Quai made enforces the restricted Pod Security Standard.
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 1000,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [
                {
                  name: 'export',
                  image: `${reg.host}/outils/export:1.0`,
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                  resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
                },
              ],
            },
          },
        },
      },
      { fieldManager: 'quai-e2e', force: true },
    );
    // Both workloads' pods exist before the scan (the scan reads pods).
    for (let i = 0; i < 120; i++) {
      const pods = await client.list('v1', 'Pod', { namespace: ns });
      if (new Set(pods.map((p) => (p.metadata.labels ?? {})['app'] ?? 'quai')).size >= 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // The server's database: the lodash advisory.
    served = await startServeWithLodashAdvisory(kubeconfig, work);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await stopImagesSpec({ browser, served, client, ns, reg, work });
  });

  it('says no scan is kept yet, then shows the scan of its image and links to the Security page', async () => {
    const page = await newPage();
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/apps/${ns}/${appName}`);
      const section = page.getByTestId('sheet-scan');
      await section
        .getByText('Aucune analyse des images du cluster n’est encore conservée')
        .waitFor({ timeout: 60_000 });

      // The scan of the images of this namespace, through the API (kept in the server's history).
      const res = await fetch(`${served.url}/api/v1/scan/cluster`, {
        method: 'POST',
        headers: { authorization: `Bearer ${served.tokens.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ namespace: ns }),
      });
      expect(res.status).toBe(200);
      const scanned = (await res.json()) as { result: { images: { images: string[] }[] } };
      expect(scanned.result.images.map((i) => i.images[0]).sort()).toEqual([
        `${reg.host}/annuaire/web:2.3`,
        `${reg.host}/outils/export:1.0`,
      ]);

      await page.reload();
      const latest = section.getByTestId('sheet-scan-latest');
      await latest.waitFor({ timeout: 60_000 });
      expect((await latest.innerText()).replace(/\s+/g, ' ')).toMatch(
        new RegExp(
          `^Analyse du .+ par quai-admin\\. 1 image : ${reg.host.replace(/\./g, '\\.')}/annuaire/web:2\\.3\\.`,
        ),
      );
      const top = section.getByTestId('sheet-scan-top');
      const row = top.getByRole('row').filter({ hasText: 'GHSA-35jh-r3h4-6jhm' });
      expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(
        /Élevée GHSA-35jh-r3h4-6jhm \(CVE-2021-23337\) lodash 4\.17\.20 4\.17\.21 .*annuaire\/web:2\.3/,
      );
      expect(await section.innerText()).not.toContain('outils/export');
      expect((await section.getByTestId('sheet-scan-figures').innerText()).replace(/\s+/g, ' ')).toContain(
        'Avec correctif 1',
      );
      expect(await axe(page)).toEqual([]);
      await shot(page, 'application-sheet-scan', { scrollTo: 'sheet-scan' });

      await page.locator('header select').selectOption('en');
      await section.getByText('Every image and its vulnerabilities, on the Security page').waitFor();
      expect(await row.innerText()).toContain('High');
      expect(await axe(page)).toEqual([]);

      // The link opens the Security page with its images section in view (and focused).
      await section.getByTestId('sheet-scan-link').click();
      await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
      const images = page.getByRole('region', { name: 'Images and their vulnerabilities' });
      await images.getByTestId('images-latest').waitFor();
      await page.waitForFunction(() => {
        const d = (globalThis as unknown as { document: { activeElement: { id?: string } | null } }).document;
        return d.activeElement?.id === 'images';
      });
      const box = await page.locator('#images').boundingBox();
      expect(box !== null && box.y < 900).toBe(true);
      await page.locator('header select').selectOption('fr');
    } finally {
      await page.close();
    }
  }, 300_000);
});
