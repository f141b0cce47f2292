/**
 * The message catalog of the bundled CLI (scripts/bundle-cli.ts puts this module in place of
 * packages/contracts/src/messages/index.ts in the bundle only): the same functions (msg, t, tr,
 * textOf, localize, withTexts, isMessageId, MESSAGES), the same texts, but the texts are read from
 * JSON files written beside the bundle, one per language and domain (dist/bundle/catalog/en/cli.json,
 * fr/onboard.json...: id -> template, the domain being what an id starts with, `cli` of
 * `cli.error`), each at the first lookup of one of its texts.
 *
 * Why: the catalog as JavaScript (every domain, both languages, ~650 kB of object literals) cost
 * every call that prints a text its compilation and execution, about a tenth of a short call's
 * instructions. One language as one file (330 kB) still cost a call about 4 ms to parse (Node 20);
 * a call reads the few domains it prints (`quai import compose`: 45 kB), and the other language
 * only if asked for (tr() of the other language, MESSAGES).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatTemplate,
  langFromEnvironment,
  LANGS,
  resultTexts,
  type Bilingual,
  type Lang,
  type Message,
  type Param,
} from '../packages/contracts/src/i18n.js';
import type { MessageId, ParamsOf } from '../packages/contracts/src/messages/index.js';

export type { MessageId, ParamsOf };

/** The folder of the language files: this module is in dist/bundle/main.js or dist/bundle/chunks/. */
function catalogDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(basename(here) === 'chunks' ? dirname(here) : here, 'catalog');
}

/** No text to show this in: the catalog is what is missing. Happens only to a damaged install. */
function damaged(path: string, cause: unknown): Error {
  return new Error(`quai cannot read its message catalog ${path}: reinstall the quai package`, { cause });
}

/** The domains of one language (its files' names), listed once. */
const domainLists = new Map<Lang, ReadonlySet<string>>();
function domainsOf(lang: Lang): ReadonlySet<string> {
  let domains = domainLists.get(lang);
  if (domains === undefined) {
    const dir = join(catalogDir(), lang);
    try {
      domains = new Set(
        readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -'.json'.length)),
      );
    } catch (e) {
      throw damaged(dir, e);
    }
    domainLists.set(lang, domains);
  }
  return domains;
}

/** The domain of an id: what it starts with, before the first dot. */
export const domainOf = (id: string): string => id.slice(0, Math.max(0, id.indexOf('.')));

const tables = new Map<string, Readonly<Record<string, string>>>();
const NONE: Readonly<Record<string, string>> = Object.freeze({});

/** One language's templates of one domain by id, read once; none for a domain it does not have. */
function table(lang: Lang, domain: string): Readonly<Record<string, string>> {
  const key = `${lang}/${domain}`;
  let texts = tables.get(key);
  if (texts === undefined) {
    if (!domainsOf(lang).has(domain)) return NONE;
    const file = join(catalogDir(), lang, `${domain}.json`);
    try {
      texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch (e) {
      throw damaged(file, e);
    }
    tables.set(key, texts);
  }
  return texts;
}

/** The template of an id in a language, if the catalog has it. */
function templateOf(lang: Lang, id: string): string | undefined {
  const texts = table(lang, domainOf(id));
  return Object.hasOwn(texts, id) ? texts[id] : undefined;
}

/**
 * Both languages' files hold the same ids (a test checks the catalog): the language of the first
 * lookup answers; before any, the language of the environment (the CLI's first lookup, its help,
 * is in its own language, so this is seldom reached).
 */
let firstLang: Lang | undefined;
export function isMessageId(id: string): id is MessageId {
  return templateOf(firstLang ?? langFromEnvironment(process.env), id) !== undefined;
}

/** An entry whose texts are read only when asked for, each from its language's file. */
function lookup(id: string): Bilingual | undefined {
  if (!isMessageId(id)) return undefined;
  return {
    get en() {
      return templateOf('en', id) ?? id;
    },
    get fr() {
      return templateOf('fr', id) ?? id;
    },
  };
}

type ParamArgs<Id extends MessageId> = [keyof ParamsOf<Id>] extends [never] ? [] : [ParamsOf<Id>];

export function msg<Id extends MessageId>(id: Id, ...params: ParamArgs<Id>): Message {
  const p = params[0] as Readonly<Record<string, Param>> | undefined;
  return p === undefined ? { id } : { id, params: p };
}

export function t(lang: Lang, message: Message): string {
  firstLang ??= lang;
  const template = templateOf(lang, message.id);
  if (template === undefined) return message.id;
  return formatTemplate(lang, template, message.params, lookup);
}

export function tr<Id extends MessageId>(lang: Lang, id: Id, ...params: ParamArgs<Id>): string {
  return t(lang, msg(id, ...params));
}

export const { localize, withTexts } = resultTexts(isMessageId, t);

export function textOf(lang: Lang, value: Message | string): string {
  return typeof value === 'string' ? value : t(lang, value);
}

/** The whole catalog, both languages, built at first use (nothing in the CLI reads it). */
let all: Readonly<Record<string, Bilingual>> | undefined;
function whole(): Readonly<Record<string, Bilingual>> {
  if (all === undefined) {
    const [en, fr] = LANGS.map((lang): Record<string, string> =>
      Object.fromEntries([...domainsOf(lang)].flatMap((d) => Object.entries(table(lang, d)))),
    ) as [Record<string, string>, Record<string, string>];
    all = Object.fromEntries(Object.keys(en).map((id) => [id, { en: en[id] ?? id, fr: fr[id] ?? id }]));
  }
  return all;
}

export const MESSAGES: Readonly<Record<string, Bilingual>> = new Proxy(
  {},
  {
    get: (_, id) => (typeof id === 'string' ? whole()[id] : undefined),
    has: (_, id) => typeof id === 'string' && Object.hasOwn(whole(), id),
    ownKeys: () => Reflect.ownKeys(whole()),
    getOwnPropertyDescriptor: (_, id) => Reflect.getOwnPropertyDescriptor(whole(), id),
  },
);
