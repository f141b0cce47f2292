import {
  formatBytes,
  formatDateTime,
  formatNumber,
  tr,
  type Lang,
  type Message,
  type MessageId,
  type Param,
  t as translate,
} from '@quai/contracts/catalog';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

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

export function i18nOf(lang: Lang): I18n {
  return {
    lang,
    t: (id, params) =>
      (tr as (l: Lang, i: MessageId, p?: Readonly<Record<string, Param>>) => string)(lang, id, params),
    m: (message) => (typeof message === 'string' ? message : translate(lang, message)),
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
