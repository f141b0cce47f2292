import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * What the console's end-to-end specs do in a page: sign in with a token, run axe-core, take the
 * docs' screenshots (QUAI_CONSOLE_SCREENSHOTS=1 writes docs/images/console/{fr,en}).
 */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env['QUAI_CONSOLE_SCREENSHOTS'] === '1';

export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Jeton d'accès").fill(token);
  await page.getByRole('button', { name: 'Se connecter avec le jeton' }).click();
  await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor();
}

/** axe-core in the page: the violations that are serious or critical. */
export async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
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

/** The page in French and in English, for the docs; back to French after. */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SHOTS) return;
  for (const lang of ['fr', 'en'] as const) {
    const dir = new URL(`../../docs/images/console/${lang}/`, import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    await page.locator('header select').selectOption(lang);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}${name}.png`, fullPage: options.fullPage ?? false });
  }
  await page.locator('header select').selectOption('fr');
}
