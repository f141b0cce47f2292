/**
 * Messages in English and French. Every text a front end shows (CLI, HTTP API, console) is a
 * message id with both texts in the catalog (./messages), so a message is never shown half
 * translated, and the console can translate what the API returns by id.
 *
 * Template syntax, kept small on purpose:
 * - `{name}` is replaced by the parameter `name` (a string, a number or another message);
 * - `{count|one form|other form}` chooses the plural form of the number `count` by the
 *   language's rules (French: 0 and 1 are singular) and replaces `#` in the form by the number.
 * Placeholders are typed from the English text: a missing or unknown parameter does not compile.
 */

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** The same text in both languages. */
export interface Bilingual {
  readonly en: string;
  readonly fr: string;
}

/** The placeholder names of a template, read from its text at the type level. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `${infer Name}|${string}` ? Name : P) | Placeholders<Rest>
  : never;

export type Param = string | number | Message;

/** A message to show: an id of the catalog and its parameters. Plain data, JSON-serialisable. */
export interface Message {
  readonly id: string;
  readonly params?: Readonly<Record<string, Param>> | undefined;
}

/**
 * What is built on a catalog's two functions (is this a message id, its text in a language): shared
 * by the catalog (messages/index.ts) and the bundled CLI's catalog read from JSON
 * (scripts/bundle-catalog.ts), so that both turn results into texts the same way.
 */
export function resultTexts(
  isMessageId: (id: string) => boolean,
  t: (lang: Lang, message: Message) => string,
): {
  /** Every message in a result turned into its text (`-o json|yaml`: scripts read text, not ids). */
  readonly localize: (value: unknown, lang: Lang) => unknown;
  /** Every message in a result keeps its id and parameters and gains its text (the HTTP API). */
  readonly withTexts: (value: unknown, lang: Lang) => unknown;
} {
  const isMessage = (value: unknown): value is Message => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' && isMessageId(id) && keys.every((k) => k === 'id' || k === 'params');
  };
  const walk =
    (leaf: (m: Message, lang: Lang) => unknown) =>
    (value: unknown, lang: Lang): unknown => {
      const each = (v: unknown): unknown => {
        if (isMessage(v)) return leaf(v, lang);
        if (Array.isArray(v)) return v.map(each);
        if (v !== null && typeof v === 'object') {
          const out: Record<string, unknown> = {};
          for (const [k, x] of Object.entries(v)) out[k] = each(x);
          return out;
        }
        return v;
      };
      return each(value);
    };
  return {
    localize: walk((m, lang) => t(lang, m)),
    withTexts: walk((m, lang) => ({ ...m, text: t(lang, m) })),
  };
}

/** Formats a template with its parameters in one language. */
export function formatTemplate(
  lang: Lang,
  template: string,
  params: Readonly<Record<string, Param>> | undefined,
  lookup: (id: string) => Bilingual | undefined,
): string {
  const parts = compiled(template);
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = params?.[part.name];
    if (value === undefined) out += part.whole;
    else if (part.one !== undefined && part.other !== undefined) {
      const n = typeof value === 'number' ? value : Number(paramText(lang, value, lookup));
      const form = pluralRules(lang).select(n) === 'one' ? part.one : part.other;
      out += form.replaceAll('#', String(n));
    } else out += paramText(lang, value, lookup);
  }
  return out;
}

/** A template cut once into its literal text and its placeholders (`{name}`, `{n|one|other}`). */
type TemplatePart = string | { name: string; whole: string; one?: string; other?: string };
const templates = new Map<string, readonly TemplatePart[]>();
const PLACEHOLDER = /\{([A-Za-z_][\w.]*)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

function compiled(template: string): readonly TemplatePart[] {
  let parts = templates.get(template);
  if (parts === undefined) {
    const list: TemplatePart[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      if (m.index > last) list.push(template.slice(last, m.index));
      const [whole, name = '', one, other] = m;
      list.push(one !== undefined && other !== undefined ? { name, whole, one, other } : { name, whole });
      last = m.index + whole.length;
    }
    if (last < template.length || list.length === 0) list.push(template.slice(last));
    parts = list;
    // Templates come from the catalog (a few thousand at most): the cache stays small.
    if (templates.size < 10_000) templates.set(template, parts);
  }
  return parts;
}

function paramText(lang: Lang, value: Param, lookup: (id: string) => Bilingual | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const entry = lookup(value.id);
  if (entry === undefined) return value.id;
  return formatTemplate(lang, entry[lang], value.params, lookup);
}

const rules = new Map<Lang, Intl.PluralRules>();
function pluralRules(lang: Lang): Intl.PluralRules {
  let r = rules.get(lang);
  if (r === undefined) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r;
}

/** `fr`, `fr_FR.UTF-8`, `fr-CA` -> fr; anything else (C, POSIX, en_US, empty) -> en. */
export function langOf(locale: string | undefined): Lang | undefined {
  if (locale === undefined || locale === '') return undefined;
  const l = locale.toLowerCase();
  if (l === 'c' || l === 'posix' || l.startsWith('c.')) return 'en';
  if (/^fr([_.@-]|$)/.test(l)) return 'fr';
  if (/^en([_.@-]|$)/.test(l)) return 'en';
  return 'en';
}

/**
 * The language of a process as Unix tools choose it: LC_ALL, then LC_MESSAGES, then LANG
 * (LANGUAGE, a GNU list, first when set), English when none says French.
 */
export function langFromEnvironment(env: Readonly<Record<string, string | undefined>>): Lang {
  const language = env['LANGUAGE']?.split(':')[0];
  for (const v of [env['LC_ALL'], language, env['LC_MESSAGES'], env['LANG']]) {
    const lang = langOf(v);
    if (lang !== undefined) return lang;
  }
  return 'en';
}

/** The language an HTTP client asks for with Accept-Language (q-values honoured). */
export function langFromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q=([\d.]+)\s*$/.exec(a)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return undefined;
}

/** The locale used for dates, numbers and sizes. */
export function localeOf(lang: Lang): string {
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}

/**
 * A number below 1000 as Intl.NumberFormat writes it in both languages (no grouping separator
 * then), without Intl: the first Intl.NumberFormat of a process loads ICU's locale data, about
 * 13 ms, more than a short command's whole output costs (`quai scan image` prints sizes and
 * durations). Intl rounds the shortest decimal spelling of the number (String(n)) half away from
 * zero, then drops the trailing zeros beyond `minDigits`. Undefined when the fast path does not
 * apply (negative, -0, not finite, tiny, 1000 or more once rounded): Intl then formats it.
 */
function smallNumber(lang: Lang, n: number, minDigits: number, maxDigits: number): string | undefined {
  if (!(n >= 0 && n < 1000) || Object.is(n, -0) || (n !== 0 && n < 1e-6)) return undefined;
  if (!Number.isInteger(maxDigits) || maxDigits < 0 || maxDigits > 6 || minDigits > maxDigits)
    return undefined;
  const text = String(n);
  const dot = text.indexOf('.');
  let int = dot < 0 ? text : text.slice(0, dot);
  let frac = dot < 0 ? '' : text.slice(dot + 1);
  if (frac.length > maxDigits) {
    const up = frac.charCodeAt(maxDigits) >= 0x35; // the first dropped digit is 5 or more
    frac = frac.slice(0, maxDigits);
    if (up) {
      const scale = 10 ** maxDigits;
      const v = Number(int) * scale + (frac === '' ? 0 : Number(frac)) + 1;
      int = String(Math.floor(v / scale));
      frac = maxDigits === 0 ? '' : String(v % scale).padStart(maxDigits, '0');
    }
  }
  if (Number(int) >= 1000) return undefined;
  let end = frac.length;
  while (end > minDigits && frac.charCodeAt(end - 1) === 0x30) end--;
  frac = frac.slice(0, end).padEnd(minDigits, '0');
  return frac === '' ? int : `${int}${lang === 'fr' ? ',' : '.'}${frac}`;
}

/** 1 234,5 in French, 1,234.5 in English. */
export function formatNumber(lang: Lang, n: number, maximumFractionDigits = 1): string {
  return (
    smallNumber(lang, n, 0, maximumFractionDigits) ??
    new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits }).format(n)
  );
}

/** A number with exactly `digits` decimals: 0,4 in French, 0.4 in English (durations in seconds). */
export function formatDecimal(lang: Lang, n: number, digits = 1): string {
  return (
    smallNumber(lang, n, digits, digits) ??
    new Intl.NumberFormat(localeOf(lang), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(n)
  );
}

/** Bytes in binary units: 1,5 Gio in French, 1.5 GiB in English. */
export function formatBytes(lang: Lang, bytes: number): string {
  const units = lang === 'fr' ? ['o', 'Kio', 'Mio', 'Gio', 'Tio'] : ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(lang, value, unit === 0 ? 0 : 1)}${unitSpace(lang)}${units[unit]}`;
}

/** French typography keeps a number and its unit together with a no-break space. */
function unitSpace(lang: Lang): string {
  return lang === 'fr' ? '\u00a0' : ' ';
}

/** 1.5 s, 2 min 5 s, 1 h 2 min: a duration in milliseconds, short. */
export function formatDuration(lang: Lang, ms: number): string {
  const sp = unitSpace(lang);
  if (ms < 1000) return `${formatNumber(lang, ms, 0)}${sp}ms`;
  const s = ms / 1000;
  if (s < 60) return `${formatNumber(lang, s, 1)}${sp}s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (h > 0) return `${h}${sp}h${m > 0 ? ` ${m}${sp}min` : ''}`;
  return `${m}${sp}min${rest > 0 ? ` ${rest}${sp}s` : ''}`;
}

/** A date and time in the language's usual form and the given time zone (default: the machine's). */
export function formatDateTime(lang: Lang, iso: string | Date, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: 'short',
    timeStyle: 'medium',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date);
}
