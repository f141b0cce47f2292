import type { ErrorBody } from '@quai/contracts';
import { ERROR_CODES, msg, textOf, type ErrorCode, type Lang, type Message } from '@quai/contracts/catalog';

/** Where an error is: a file with a position, and/or a path inside a document. */
export interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** A path inside the document, such as `spec.template.spec.containers[0].image`. */
  readonly path?: string;
}

/** A text to show: always a catalog message, shown in the reader's language (English and French). */
export type Text = Message;

export interface QuaiErrorOptions {
  /** What to do about it, in one sentence. */
  readonly hint?: Text;
  readonly location?: Location;
  /** Machine-readable details (the API server's Status, the failing component, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one error family of Quai. The message says what failed; `location` says where;
 * `hint` says how to fix it. The code is stable and maps to an exit code and an HTTP status.
 */
export class QuaiError extends Error {
  override readonly name = 'QuaiError';
  readonly code: ErrorCode;
  /** The message as given: a catalog message, shown in the reader's language. */
  readonly text: Text;
  readonly hintText: Text | undefined;
  readonly location: Location | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: Text, options: QuaiErrorOptions = {}) {
    super(textOf('en', message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.text = message;
    this.hintText = options.hint;
    this.location = options.location;
    this.details = options.details;
  }

  /** The hint in English (what logs and older callers read). */
  get hint(): string | undefined {
    return this.hintText === undefined ? undefined : textOf('en', this.hintText);
  }

  /** The message in a language. */
  messageIn(lang: Lang): string {
    return textOf(lang, this.text);
  }

  hintIn(lang: Lang): string | undefined {
    return this.hintText === undefined ? undefined : textOf(lang, this.hintText);
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  /** `file:line:column: message` when a location is known, else the message. */
  describe(): string {
    const where = formatLocation(this.location);
    return where === '' ? this.message : `${where}: ${this.message}`;
  }

  /** The error as the CLI prints it with `-o json` and the HTTP API returns it, in a language. */
  toBody(lang: Lang = 'en'): ErrorBody {
    const hint = this.hintIn(lang);
    return {
      error: {
        code: this.code,
        message: this.messageIn(lang),
        ...(hint === undefined ? {} : { hint }),
        ...(this.location === undefined ? {} : { location: { ...this.location } }),
        ...(this.details === undefined ? {} : { details: { ...this.details } }),
        ...(typeof this.text === 'string' && typeof this.hintText !== 'object'
          ? {}
          : {
              i18n: {
                ...(typeof this.text === 'string' ? {} : { message: this.text }),
                ...(typeof this.hintText === 'object' ? { hint: this.hintText } : {}),
              },
            }),
      },
    };
  }
}

export function formatLocation(location: Location | undefined, lang: Lang = 'en'): string {
  return location === undefined ? '' : textOf(lang, locationText(location));
}

/**
 * `file:line:column` and, with a path, `at path` ("dans path" in French): a message when it has
 * words in it, so a message that names a location is shown in its reader's language.
 */
export function locationText(location: Location): Message | string {
  let pos = '';
  if (location.file !== undefined) {
    pos = location.file;
    if (location.line !== undefined) {
      pos += `:${location.line}`;
      if (location.column !== undefined) pos += `:${location.column}`;
    }
  }
  if (location.path === undefined) return pos;
  return pos === ''
    ? msg('yaml.atPath', { path: location.path })
    : msg('yaml.locationAtPath', { position: pos, path: location.path });
}

export function isQuaiError(error: unknown): error is QuaiError {
  return error instanceof QuaiError;
}

/** Wraps anything thrown into a QuaiError; unknown errors become INTERNAL. */
export function toQuaiError(error: unknown): QuaiError {
  if (error instanceof QuaiError) return error;
  if (isAbortError(error)) {
    return new QuaiError('INTERRUPTED', msg('common.interrupted'), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new QuaiError('INTERNAL', msg('common.unexpected', { message }), {
    hint: msg('common.reportBug'),
    cause: error,
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
