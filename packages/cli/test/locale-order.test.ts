/*
 * The order of what Quai writes does not follow the reader's locale: `quai render` of the same app
 * spec gives the same manifests, byte for byte, under LANG=C.UTF-8 and under Danish or Estonian
 * locales, whose collations sort `aa` after `z` and `z` before `t`. (Sorting with localeCompare did
 * follow it: under da_DK the Service `zed` came before `aa`.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const main = new URL('../dist/main.js', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'quai-locale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function render(locale: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LC_|npm_)/.test(k)));
  const r = spawnSync(process.execPath, [main, 'render', join(work, 'app.yaml')], {
    encoding: 'utf8',
    env: { ...env, LANG: locale, LC_ALL: locale, QUAI_LANG: 'en' },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('output order', () => {
  it('is the same whatever the locale (render)', () => {
    writeFileSync(
      join(work, 'app.yaml'),
      'apiVersion: quai.dev/v1alpha1\nkind: App\nmetadata:\n  name: shop\nspec:\n  namespace: shop\n  components:\n' +
        '    zed:\n      image: registry.example/shop/zed:1.0.0\n' +
        '    aa:\n      image: registry.example/shop/aa:1.0.0\n' +
        '    tt:\n      image: registry.example/shop/tt:1.0.0\n',
    );
    // This Node sorts by those locales' rules (full ICU): the test would show a difference.
    expect(['aa', 'z'].sort((a, b) => a.localeCompare(b, 'da-DK'))).toEqual(['z', 'aa']);
    const reference = render('C.UTF-8');
    const services = [
      ...reference.matchAll(/^kind: Service\nmetadata:\n(?: {2}.*\n)*? {2}name: (\S+)/gm),
    ].map((m) => m[1]);
    expect(services).toEqual(['aa', 'tt', 'zed']);
    for (const locale of ['da_DK.UTF-8', 'et_EE.UTF-8', 'fr_FR.UTF-8'])
      expect(render(locale)).toBe(reference);
  });
});
