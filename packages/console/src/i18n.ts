import {
  formatBytes,
  formatDateTime,
  formatNumber,
  formatTemplate,
  type Lang,
  type Message,
  type MessageId,
  type Param,
} from '@quai/contracts/catalog';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Texts } from './catalog/texts.js';

export type { Lang };

/** The reader's language and the formats of the catalog (fr-FR dates, numbers and sizes). */
export interface I18n {
  readonly lang: Lang;
  /** A catalog message by id. */
  readonly t: (id: MessageId, params?: Readonly<Record<string, Param>>) => string;
  /** A message the server sent (its id and parameters), in the reader's language. */
  readonly m: (message: (Message & { text?: string }) | string) => string;
  readonly date: (iso: string) => string;
  readonly num: (n: number) => string;
  readonly bytes: (n: number) => string;
}

// The catalog is loaded one language at a time: the one the console opens in before its first
// render, the other when the reader switches to it (a chunk of its own, see catalog/*.ts).
const LOADERS: Readonly<Record<Lang, () => Promise<{ default: Texts }>>> = {
  en: () => import('./catalog/en.js'),
  fr: () => import('./catalog/fr.js'),
};
const loaded = new Map<Lang, Texts>();
const loading = new Map<Lang, Promise<Texts>>();

/** Loads a language's texts once (later calls share the first load). */
export function loadTexts(lang: Lang): Promise<Texts> {
  const done = loaded.get(lang);
  if (done !== undefined) return Promise.resolve(done);
  let p = loading.get(lang);
  if (p === undefined) {
    p = LOADERS[lang]().then(
      (m) => {
        loaded.set(lang, m.default);
        return m.default;
      },
      (error: unknown) => {
        // A failed load (the network went) may be tried again.
        loading.delete(lang);
        throw error;
      },
    );
    loading.set(lang, p);
  }
  return p;
}

/** Whether a language's texts are there (switching to one not loaded yet waits for it). */
export function textsLoaded(lang: Lang): boolean {
  return loaded.has(lang);
}

/** A message in a language whose texts are loaded; an unknown id (a newer server) shows as itself. */
function translate(
  lang: Lang,
  id: string,
  params: Readonly<Record<string, Param>> | undefined,
): string | undefined {
  const texts = loaded.get(lang);
  const template = texts?.[id];
  if (texts === undefined || template === undefined) return undefined;
  return formatTemplate(lang, template, params, (nested) => {
    const x = texts[nested];
    return x === undefined ? undefined : { en: x, fr: x };
  });
}

export function i18nOf(lang: Lang): I18n {
  return {
    lang,
    t: (id, params) => translate(lang, id, params) ?? id,
    m: (message) =>
      typeof message === 'string'
        ? message
        : (translate(lang, message.id, message.params) ?? message.text ?? message.id),
    date: (iso) => (iso === '' ? '' : formatDateTime(lang, iso)),
    num: (n) => formatNumber(lang, n),
    bytes: (n) => formatBytes(lang, n),
  };
}

export const I18nContext = createContext<I18n>(i18nOf('fr'));
export const useI18n = (): I18n => useContext(I18nContext);

/** The language kept in the browser; French unless the reader chose English. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem('quai.lang') === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem('quai.lang', lang);
  } catch {
    // Private browsing: the choice lasts for the page.
  }
}
