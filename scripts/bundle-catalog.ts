/**
 * The message catalog of the bundled CLI (scripts/bundle-cli.ts puts this module in place of
 * packages/contracts/src/messages/index.ts in the bundle only): the same functions (msg, t, tr,
 * textOf, localize, withTexts, isMessageId, MESSAGES), the same texts, but the texts are read from
 * one JSON file per language written beside the bundle (dist/bundle/catalog/en.json, fr.json:
 * id -> template), at the first lookup in that language.
 *
 * Why: the catalog as JavaScript (every domain, both languages, ~650 kB of object literals) cost
 * every call that prints a text its compilation and execution, about a tenth of a short call's
 * instructions. Parsing one language's JSON when a text is first needed costs a few
 * milliseconds, and only calls that print a text pay it; the other language is read only if
 * asked for (tr() of the other language, MESSAGES).
 */
import { readFileSync } from 'node:fs';
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

const tables = new Map<Lang, Readonly<Record<string, string>>>();

/** One language's templates by id, read once. */
function table(lang: Lang): Readonly<Record<string, string>> {
  let texts = tables.get(lang);
  if (texts === undefined) {
    const file = join(catalogDir(), `${lang}.json`);
    try {
      texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch (e) {
      // No text to show this in: the catalog is what is missing. Happens only to a damaged install.
      throw new Error(`quai cannot read its message catalog ${file}: reinstall the quai package`, {
        cause: e,
      });
    }
    tables.set(lang, texts);
  }
  return texts;
}

/**
 * Both languages' files hold the same ids (a test checks the catalog): a language already read
 * answers; before any, the language of the environment (the CLI's first lookup, its help, is in
 * its own language, so this is seldom reached).
 */
export function isMessageId(id: string): id is MessageId {
  const [loaded] = tables.values();
  return Object.hasOwn(loaded ?? table(langFromEnvironment(process.env)), id);
}

/** An entry whose texts are read only when asked for, each from its language's file. */
function lookup(id: string): Bilingual | undefined {
  if (!isMessageId(id)) return undefined;
  return {
    get en() {
      return table('en')[id] ?? id;
    },
    get fr() {
      return table('fr')[id] ?? id;
    },
  };
}

type ParamArgs<Id extends MessageId> = [keyof ParamsOf<Id>] extends [never] ? [] : [ParamsOf<Id>];

export function msg<Id extends MessageId>(id: Id, ...params: ParamArgs<Id>): Message {
  const p = params[0] as Readonly<Record<string, Param>> | undefined;
  return p === undefined ? { id } : { id, params: p };
}

export function t(lang: Lang, message: Message): string {
  const texts = table(lang);
  const template = Object.hasOwn(texts, message.id) ? texts[message.id] : undefined;
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
    const [en, fr] = LANGS.map(table) as [Record<string, string>, Record<string, string>];
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
