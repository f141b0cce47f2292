import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as devcluster from '@quai/devcluster';
import { KubeClient, loadClusterAccess } from '@quai/core';
import { axe, launchChromium, postFromPage, signIn, startServe, type Served } from './harness.js';

/**
 * Faults in the console, in Debian's Chromium against a real `quai serve`: an oversized compose
 * file, pasted or uploaded, is refused before anything is sent, with its size and the limit in
 * French (and the server refuses an oversized body with 413 anyway); a malformed compose file
 * shows where (file:line:column) and what, in French with no English from the YAML parser, and
 * nothing is created; the page keeps working. The cluster's API server stopped, then started
 * again (on a local cluster of its own, restored whatever happens): the console says "Cluster
 * injoignable" in French, a page read meanwhile shows the error, and the page recovers by itself.
 */

const external = (process.env['QUAI_TEST_KUBECONFIG'] ?? '') !== '';
const FAULTS = 'console-faults';
const app = `fautes-${randomBytes(3).toString('hex')}`;
let served: Served;
let browser: Browser;
let client: KubeClient;

/** Text as read, with fr-FR's narrow and non-breaking spaces as plain ones. */
const plain = (text: string): string => text.replace(/\u00a0|\u202f/g, ' ');
const newPage = (): Promise<Page> => browser.newPage({ viewport: { width: 1280, height: 900 } });

/** A compose file of about `bytes` bytes (a long environment). */
function bigCompose(bytes: number): string {
  const lines = ['services:', '  web:', '    image: registry.example/web:1.0', '    environment:'];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const line = `      VAR_${i}: ${'x'.repeat(60)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

const malformed = `services:
  web:
    image: registry.example/web:1.0
    ports:
      - "8080:80
    environment:
      GREETING: bonjour
`;

/** The requests the page sends to a use case. */
function countCalls(page: Page, path: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/v1${path}`) n++;
  });
  return () => n;
}

beforeAll(async () => {
  client = new KubeClient(await loadClusterAccess({ kubeconfig: inject('kubeconfig') }));
  served = await startServe(inject('kubeconfig'));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  client?.close();
});

describe('faults in the console', () => {
  it('refuses an oversized compose file, pasted or uploaded, in French, before sending anything', async () => {
    const page = await newPage();
    try {
      const calls = countCalls(page, '/onboard/import');
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/onboard`);
      await page.getByRole('heading', { level: 1, name: "Intégration d'un fichier compose" }).waitFor();
      // Pasted: 4.4 MiB, over the 4 MiB a request may carry inline (a paste sets the value and
      // fires one input event; typing it through the protocol would take minutes).
      await page.getByLabel('Fichier compose', { exact: true }).evaluate(
        (el, text) => {
          const area = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
          area.value = text;
          area.dispatchEvent(
            new (globalThis as unknown as { Event: new (t: string, o: object) => unknown }).Event('input', {
              bubbles: true,
            }),
          );
        },
        bigCompose(4.4 * 1024 * 1024),
      );
      await page.getByRole('button', { name: 'Convertir' }).click();
      const alert = page.getByTestId('too-large');
      await alert.waitFor();
      expect(plain(await alert.innerText())).toMatch(
        /Le fichier compose est trop volumineux : 4,4 Mio, pour au plus 4 Mio envoyés\. Rien n’a été envoyé, rien n’a été modifié\./,
      );
      expect(await axe(page)).toEqual([]);
      // Uploaded: 9 MiB, refused without being read; the text pasted before stays as it was.
      await page.getByLabel('Fichier compose', { exact: true }).fill('services: {}');
      await page.getByLabel('Charger un fichier compose').setInputFiles({
        name: 'docker-compose.yml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(bigCompose(9 * 1024 * 1024)),
      });
      expect(plain(await page.getByTestId('too-large').innerText())).toContain('trop volumineux : 9 Mio');
      expect(await page.getByLabel('Fichier compose', { exact: true }).inputValue()).toBe('services: {}');
      expect(calls()).toBe(0);
      // The server refuses an oversized body itself (413, the body not read further), in French.
      const refused = await postFromPage<{ error: { code: string; message: string } }>(
        page,
        '/api/v1/onboard/import?lang=fr',
        { compose: [{ yaml: bigCompose(6 * 1024 * 1024), name: 'compose.yaml' }] },
      );
      expect(refused.status).toBe(413);
      expect(refused.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(refused.body.error.message).toContain('Le corps de la requête dépasse');
    } finally {
      await page.close();
    }
  }, 180_000);

  it('shows where a malformed compose file is wrong, in French, creates nothing and keeps working', async () => {
    const page = await newPage();
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/onboard`);
      await page.getByLabel('Fichier compose', { exact: true }).fill(malformed);
      await page.getByLabel("Nom de l'application (facultatif)").fill(app);
      await page.getByRole('button', { name: 'Convertir' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const said = await alert.innerText();
      expect(said).toContain(
        'Impossible de lire le fichier compose « compose.yaml » : ligne 8, colonne 1 : il manque un caractère fermant (guillemet, crochet ou accolade)',
      );
      expect(said).toContain('Corrigez la syntaxe YAML à cet endroit');
      // No English from the parser.
      expect(said).not.toMatch(/Missing|closing|quote/);
      expect(await page.getByTestId('error-location').innerText()).toBe('Emplacement : compose.yaml:8:1');
      expect(await page.getByText('Rien n’a été créé ni modifié.').count()).toBe(1);
      expect(await page.getByTestId('report').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      // Uploaded, the file's own name is where.
      await page.getByLabel('Charger un fichier compose').setInputFiles({
        name: 'docker-compose.yml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(malformed),
      });
      await page.getByRole('button', { name: 'Convertir' }).click();
      await page.getByText('Emplacement : docker-compose.yml:8:1').waitFor();
      // Nothing was made in the cluster.
      expect(await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: app })).toBeUndefined();
      // The page keeps working: fixed, the file converts.
      await page
        .getByLabel('Fichier compose', { exact: true })
        .fill(malformed.replace('"8080:80', '"8080:80"'));
      await page.getByRole('button', { name: 'Convertir' }).click();
      await page.getByTestId('report').waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);

  describe.skipIf(external)('the cluster unreachable, then back', () => {
    let own: Served | undefined;
    beforeAll(async () => {
      await devcluster.up({ name: FAULTS, nodes: 1 });
      own = await startServe(await devcluster.kubeconfigPath({ name: FAULTS }));
    }, 600_000);
    afterAll(async () => {
      await own?.stop();
      await devcluster.down({ name: FAULTS });
    }, 120_000);

    it('says "Cluster injoignable" in French, and the page recovers by itself', async () => {
      const page = await newPage();
      try {
        await signIn(page, own!, own!.tokens.admin);
        await page.getByText('En direct', { exact: true }).waitFor({ timeout: 60_000 });
        await devcluster.killComponent({ name: FAULTS, component: 'kube-apiserver' });
        try {
          const header = page.getByTestId('connection');
          await header.getByText('Cluster injoignable').waitFor({ timeout: 60_000 });
          // A page read meanwhile: the error in French, no crash.
          await page.goto(`${own!.url}/#/apps`);
          const alert = page.getByRole('alert');
          await alert.waitFor({ timeout: 60_000 });
          expect(await alert.innerText()).toContain('Impossible de joindre le serveur d’API Kubernetes');
          expect(await alert.innerText()).toContain('CLUSTER_UNREACHABLE');
          expect(await axe(page)).toEqual([]);
        } finally {
          await devcluster.startComponent({ name: FAULTS, component: 'kube-apiserver' });
        }
        // Back: live again, and the page read again by itself (no reload, no click).
        await page.getByTestId('connection').getByText('En direct').waitFor({ timeout: 120_000 });
        await page.getByRole('alert').waitFor({ state: 'detached', timeout: 60_000 });
        await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
      } finally {
        await page.close();
      }
    }, 300_000);
  });
});
