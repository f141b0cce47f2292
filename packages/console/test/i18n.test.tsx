import { describe, expect, it, vi } from 'vitest';
import type * as I18nModule from '../src/i18n.js';

// The console loads the catalog one language at a time: the texts of a language are there only
// once loaded (the console loads the one it opens in before its first render, the other when the
// reader switches), a load is shared, and a message the server sent keeps its own text meanwhile.

async function fresh(): Promise<typeof I18nModule> {
  vi.resetModules();
  return import('../src/i18n.js');
}

describe('the catalog, one language at a time', () => {
  it('has no text of a language before it is loaded, and all of them after', async () => {
    const i18n = await fresh();
    expect(i18n.textsLoaded('fr')).toBe(false);
    expect(i18n.textsLoaded('en')).toBe(false);
    expect(i18n.i18nOf('fr').t('console.nav.overview')).toBe('console.nav.overview');
    await i18n.loadTexts('fr');
    expect(i18n.textsLoaded('fr')).toBe(true);
    expect(i18n.textsLoaded('en')).toBe(false);
    expect(i18n.i18nOf('fr').t('console.nav.overview')).toBe("Vue d'ensemble");
    // The other language waits for its own load.
    expect(i18n.i18nOf('en').t('console.nav.overview')).toBe('console.nav.overview');
    await i18n.loadTexts('en');
    expect(i18n.i18nOf('en').t('console.nav.overview')).toBe('Overview');
  });

  it('shares one load between callers, and formats parameters, plurals and nested messages', async () => {
    const i18n = await fresh();
    const [a, b] = [i18n.loadTexts('en'), i18n.loadTexts('en')];
    expect(await a).toBe(await b);
    const en = i18n.i18nOf('en');
    expect(en.t('console.sheetScan.images', { count: 1, images: 'web:1' })).toBe('1 image: web:1.');
    expect(en.t('console.sheetScan.images', { count: 2, images: 'web:1, db:1' })).toBe(
      '2 images: web:1, db:1.',
    );
    expect(
      en.m({
        id: 'gitlab.api.noToken',
        params: { url: 'https://g', settings: { id: 'gitlab.settings.none' } },
      }),
    ).toBe(
      'No GitLab token for https://g: GITLAB_TOKEN is not set, and the platform settings (quai-system/quai-settings) declare no GitLab.',
    );
  });

  it("shows a server's message with its own text when its id is not in the catalog (a newer server)", async () => {
    const i18n = await fresh();
    await i18n.loadTexts('fr');
    const fr = i18n.i18nOf('fr');
    expect(fr.m({ id: 'future.thing', text: 'Une chose nouvelle' })).toBe('Une chose nouvelle');
    expect(fr.m({ id: 'future.thing' })).toBe('future.thing');
    expect(fr.m('texte brut')).toBe('texte brut');
  });
});
