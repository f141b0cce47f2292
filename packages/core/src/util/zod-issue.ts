import { msg, t, type Message } from '@quai/contracts';
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';

/*
 * zod's issues as catalog messages, so a validation error reads in French for a French reader
 * (zod computes one message, in English, when it parses; a server answers readers of both
 * languages). Only zod's own wording is replaced: a message a schema gives (a regex's
 * explanation, a refinement) is kept as it is, and so is an issue whose English would not be
 * exactly zod's (English output never changes).
 */

type Issue = z.core.$ZodIssue;

// zod's English by its own module: `z.locales.en` would bundle all of zod's locales.
const english = en().localeError;

const TYPES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'symbol',
  'undefined',
  'null',
  'date',
  'array',
  'object',
  'record',
  'map',
  'set',
  'tuple',
  'file',
  'function',
  'nan',
]);

/** A type name as a message when the catalog has it, else as zod says it. */
function typeName(type: string): Message | string {
  return TYPES.has(type) ? msg(`model.zod.type.${type}` as 'model.zod.type.string') : type;
}

function parsed(input: unknown): string {
  if (typeof input === 'number') return Number.isNaN(input) ? 'nan' : 'number';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

const UNITS: Readonly<
  Record<string, 'model.zod.unit.characters' | 'model.zod.unit.items' | 'model.zod.unit.bytes'>
> = {
  string: 'model.zod.unit.characters',
  array: 'model.zod.unit.items',
  set: 'model.zod.unit.items',
  file: 'model.zod.unit.bytes',
};

function catalogOf(issue: Issue, input: unknown): Message | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (typeof input === 'number' && !Number.isFinite(input)) return undefined;
      return msg('model.zod.invalidType', {
        expected: typeName(issue.expected),
        received: typeName(parsed(input)),
      });
    }
    case 'invalid_value':
      return undefined;
    case 'too_big':
    case 'too_small': {
      const e = issue as { exact?: boolean; inclusive?: boolean; origin?: string };
      if (e.exact === true || e.origin === undefined) return undefined;
      const big = issue.code === 'too_big';
      const comparison = big ? (e.inclusive ? '<=' : '<') : e.inclusive ? '>=' : '>';
      const limit = String(
        big ? (issue as { maximum: unknown }).maximum : (issue as { minimum: unknown }).minimum,
      );
      const unit = UNITS[e.origin];
      const origin = e.origin;
      if (unit !== undefined)
        return msg(big ? 'model.zod.tooBigSized' : 'model.zod.tooSmallSized', {
          origin: typeName(origin),
          comparison,
          limit,
          unit: msg(unit),
        });
      return msg(big ? 'model.zod.tooBig' : 'model.zod.tooSmall', {
        origin: typeName(origin),
        comparison,
        limit,
      });
    }
    case 'invalid_format': {
      const f = issue as {
        format: string;
        pattern?: string;
        prefix?: string;
        suffix?: string;
        includes?: string;
      };
      if (f.format === 'regex') return msg('model.zod.pattern', { pattern: f.pattern ?? '' });
      if (f.format === 'starts_with') return msg('model.zod.startsWith', { prefix: f.prefix ?? '' });
      if (f.format === 'ends_with') return msg('model.zod.endsWith', { suffix: f.suffix ?? '' });
      if (f.format === 'includes') return msg('model.zod.includes', { text: f.includes ?? '' });
      return undefined;
    }
    case 'not_multiple_of':
      return msg('model.zod.multipleOf', { divisor: String(issue.divisor) });
    case 'invalid_key':
      return msg('model.zod.invalidKey', { origin: typeName(issue.origin) });
    case 'invalid_element':
      return msg('model.zod.invalidElement', { origin: typeName(issue.origin) });
    case 'invalid_union': {
      const u = issue as { options?: unknown[]; inclusive?: boolean };
      if ((u.options?.length ?? 0) > 0 || u.inclusive === false) return undefined;
      return msg('model.zod.invalid');
    }
    case 'custom':
    case 'unrecognized_keys':
      return undefined;
  }
}

/**
 * The text of a zod issue as a catalog message (zod's own wording), or as zod gave it (a schema's
 * own message, or a form the catalog does not have). `input` is the value at the issue's path.
 */
export function issueText(issue: Issue, input: unknown): Message | string {
  const zodsOwn = english({ ...issue, input } as never);
  if (typeof zodsOwn !== 'string' || zodsOwn !== issue.message) return issue.message;
  const message = catalogOf(issue, input);
  return message !== undefined && t('en', message) === issue.message ? message : issue.message;
}

/** The value at a path inside a parsed document (undefined where the path leads nowhere). */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}
