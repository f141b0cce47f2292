import { ERROR_CODES, type ErrorBody, type ErrorCode } from '@quai/contracts';

/** Where an error is: a file with a position, and/or a path inside a document. */
export interface Location {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** A path inside the document, such as `spec.template.spec.containers[0].image`. */
  readonly path?: string;
}

export interface QuaiErrorOptions {
  /** What to do about it, in one sentence. */
  readonly hint?: string;
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
  readonly hint: string | undefined;
  readonly location: Location | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: QuaiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details;
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

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint === undefined ? {} : { hint: this.hint }),
        ...(this.location === undefined ? {} : { location: { ...this.location } }),
        ...(this.details === undefined ? {} : { details: { ...this.details } }),
      },
    };
  }
}

export function formatLocation(location: Location | undefined): string {
  if (location === undefined) return '';
  const parts: string[] = [];
  if (location.file !== undefined) {
    let pos = location.file;
    if (location.line !== undefined) {
      pos += `:${location.line}`;
      if (location.column !== undefined) pos += `:${location.column}`;
    }
    parts.push(pos);
  }
  if (location.path !== undefined) parts.push(`at ${location.path}`);
  return parts.join(' ');
}

export function isQuaiError(error: unknown): error is QuaiError {
  return error instanceof QuaiError;
}

/** Wraps anything thrown into a QuaiError; unknown errors become INTERNAL. */
export function toQuaiError(error: unknown): QuaiError {
  if (error instanceof QuaiError) return error;
  if (isAbortError(error)) {
    return new QuaiError('INTERRUPTED', 'Interrupted.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new QuaiError('INTERNAL', `Unexpected error: ${message}`, {
    hint: 'This is a bug in Quai; please report it with the command you ran and this output.',
    cause: error,
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
