import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, loadClusterAccess } from '@quai/core';
import { axe, launchChromium, shot, signIn, startServe, type Served } from './harness.js';

/**
 * The console's capacity and security pages and the overview's glances, in Debian's Chromium
 * against a real `quai serve` on the test cluster: an app with requests (capacity), a privileged
 * container with an exception and a service account bound to cluster-admin (security). Charts
 * are drawn by Chart.js from a chunk of their own that the overview does not load; each has its
 * table; no serious accessibility violation (axe-core), in French and in English; a viewer without
 * the rights to list nodes is told so.
 */

const ns = `insights-${randomBytes(3).toString('hex')}`;
let served: Served;
let browser: Browser;
let client: KubeClient;

const newPage = (): Promise<Page> => browser.newPage({ viewport: { width: 1280, height: 900 } });

beforeAll(async () => {
  client = new KubeClient(await loadClusterAccess({ kubeconfig: inject('kubeconfig') }));
  const apply = (o: Record<string, unknown>) =>
    client.apply(o as never, { fieldManager: 'quai-e2e', force: true });
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `${ns}-viewer` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'console-viewer' }],
  });
  await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'capteur',
      namespace: ns,
      annotations: {
        'quai.dev/audit-exception.QUAI-BP-017':
          "2099-06-30; lit la carte d'acquisition, revu par l'équipe sécurité",
      },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'capteur' } },
      template: {
        metadata: { labels: { app: 'capteur' } },
        spec: {
          containers: [
            {
              name: 'capteur',
              image: 'registry.example/capteur:1.0',
              resources: {
                requests: { cpu: '250m', memory: '256Mi' },
                limits: { cpu: '500m', memory: '512Mi' },
              },
              securityContext: { privileged: true },
            },
          ],
        },
      },
    },
  });
  await apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'outil', namespace: ns } });
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `${ns}-outil-admin` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'outil', namespace: ns }],
  });
  served = await startServe(inject('kubeconfig'));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  for (const name of [`${ns}-viewer`, `${ns}-outil-admin`])
    await client
      ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name })
      .catch(() => undefined);
  await client?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  client?.close();
});

describe('capacity, security and glances in Chromium', () => {
  it('shows capacity per node and namespace with drawn charts and their tables; the chart code waits for it', async () => {
    const page = await newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await signIn(page, served, served.tokens.admin);
    await page.getByTestId('glance-capacity').waitFor();
    // The overview has no chart: Chart.js's chunk is not loaded for it.
    expect(scripts.some((s) => s.includes('render-'))).toBe(false);
    await page.getByRole('link', { name: 'Capacité', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Capacité' }).waitFor();
    const namespaces = page.getByTestId('capacity-namespaces');
    await namespaces.getByRole('rowheader', { name: ns }).waitFor({ timeout: 60_000 });
    // Three pods of 250m and 256 Mio: the namespace's requests, in fr-FR.
    const row = await namespaces.getByRole('row').filter({ hasText: ns }).innerText();
    expect(row.replace(/\s+/g, ' ')).toContain('demandes 0,75 CPU, limites 1,5 CPU');
    expect(row.replace(/\s+/g, ' ')).toContain('demandes 768 Mio');
    expect(await page.getByTestId('capacity-nodes').getByRole('row').count()).toBeGreaterThan(3);
    // The chart code came when a chart was asked for; Chart.js drew on the canvas.
    // (Page code as text: the tests are typed without the DOM.)
    await page.waitForFunction(
      "[...document.querySelectorAll('figure.chart canvas')].every((c) => c.width > 0)",
    );
    expect(scripts.some((s) => s.includes('render-'))).toBe(true);
    expect(await page.locator('figure.chart').count()).toBe(4);
    // Pixels with ink on the namespaces' CPU chart: Chart.js drew it.
    const drawn = await page.evaluate<number>(`(() => {
      const c = document.querySelector('[data-testid="chart-namespaces-cpu"] canvas');
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink;
    })()`);
    expect(drawn).toBeGreaterThan(1000);
    // Its table: opened from the keyboard.
    const table = page.getByTestId('chart-namespaces-cpu').locator('summary');
    await table.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('chart-namespaces-cpu').getByRole('rowheader', { name: ns }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'capacity', { fullPage: true });
    await page.locator('header select').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Capacity' }).waitFor();
    expect(
      (await namespaces.getByRole('row').filter({ hasText: ns }).innerText()).replace(/\s+/g, ' '),
    ).toContain('requests 0.75 CPU, limits 1.5 CPU');
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('audits the cluster from the security page: findings, RBAC risks, the exception and why', async () => {
    const page = await newPage();
    await signIn(page, served, served.tokens.admin);
    await page.goto(`${served.url}/#/security`);
    await page.getByRole('heading', { level: 1, name: 'Sécurité' }).waitFor();
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Auditer le cluster maintenant' }).click();
      await page.getByRole('button', { name: 'Auditer le cluster maintenant' }).waitFor({ timeout: 120_000 });
    }
    await page.getByTestId('security-figures').waitFor();
    const exception = page.getByTestId('security-exceptions').getByRole('row').filter({ hasText: ns });
    await exception.first().waitFor();
    const text = await exception.first().innerText();
    expect(text).toContain("lit la carte d'acquisition, revu par l'équipe sécurité");
    expect(text).toContain('30/06/2099');
    expect(text).toContain('annotation quai.dev/audit-exception.QUAI-BP-017');
    expect(
      await page
        .getByTestId('security-rbac')
        .getByRole('row')
        .filter({ hasText: `${ns}-outil-admin` })
        .count(),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('security-by-app').getByRole('rowheader', { name: ns }).count()).toBe(1);
    // Two audits kept: the chart over time has two points, in its table.
    await page.getByTestId('chart-findings-over-time').waitFor();
    expect(
      await page.getByTestId('chart-findings-over-time').locator('tbody tr').count(),
    ).toBeGreaterThanOrEqual(2);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'security');
    // The overview now tells the open critical findings of that audit.
    await page.goto(`${served.url}/#/`);
    await page.getByTestId('glance-findings').waitFor();
    expect(await page.getByTestId('glance-findings').innerText()).toMatch(/\d+ critiques, \d+ élevés/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'overview-glance', { fullPage: true });
    await page.close();
  }, 300_000);

  it('tells a viewer who may not list nodes that the capacity is not for them', async () => {
    const page = await newPage();
    await signIn(page, served, served.tokens.viewer);
    await page.goto(`${served.url}/#/capacity`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(
      "Vous n'avez pas les droits pour voir cette page.",
    );
    expect(await axe(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
