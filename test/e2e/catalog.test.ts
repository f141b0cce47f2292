import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axe, launchChromium, signIn, startServe, type Served } from './harness.js';

/**
 * The console's catalog is loaded one language at a time, in Debian's Chromium against a real
 * `quai serve`: a French reader's pages fetch the French texts and not the English ones; choosing
 * English fetches the English texts then, and the page switches; opened again, the console starts
 * in English and fetches only those.
 */

let served: Served;
let browser: Browser;

/** The catalog chunks the page fetched: `fr`, `en`. */
async function catalogs(page: Page): Promise<string[]> {
  const names = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  return [
    ...new Set(names.map((n) => /\/assets\/(en|fr)-[\w-]+\.js$/.exec(n)?.[1]).filter((x) => x !== undefined)),
  ].sort();
}

describe('the catalog, one language at a time, in Chromium', () => {
  beforeAll(async () => {
    served = await startServe(inject('kubeconfig'));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('loads the French texts only, the English ones when chosen, and only those when opened again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, served, served.tokens.admin);
      expect(await catalogs(page)).toEqual(['fr']);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');

      await page.locator('header select').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      expect(await catalogs(page)).toEqual(['en', 'fr']);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await axe(page)).toEqual([]);

      // The choice is kept: opened again, the console starts in English and fetches only that.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      expect(await catalogs(page)).toEqual(['en']);
      // And back to French.
      await page.locator('header select').selectOption('fr');
      await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor();
      expect(await catalogs(page)).toEqual(['en', 'fr']);
    } finally {
      await context.close();
    }
  }, 120_000);
});
