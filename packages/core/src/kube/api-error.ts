import { msg, type ErrorCode, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/** A cause of a failed request as the API server gives it (field path and reason). */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

/** The API server's `Status` object, as far as Quai reads it. */
export interface ApiStatus {
  readonly kind?: string;
  readonly status?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: readonly StatusCause[];
    readonly retryAfterSeconds?: number;
  };
}

export interface RequestDescription {
  readonly method: string;
  readonly path: string;
}

/**
 * An error the API server returned: the HTTP status, the server's reason and message (kept
 * verbatim), and the causes (for SSA conflicts: each conflicting field and its manager).
 */
export class KubeApiError extends QuaiError {
  readonly status: number;
  readonly reason: string;
  readonly serverMessage: string;
  readonly causes: readonly StatusCause[];

  constructor(
    code: ErrorCode,
    status: number,
    body: ApiStatus | undefined,
    request: RequestDescription,
    hint: Message | undefined,
  ) {
    const serverMessage = body?.message ?? `HTTP ${status}`;
    super(
      code,
      msg('kube.apiError', { method: request.method, path: request.path, message: serverMessage }),
      {
        ...(hint === undefined ? {} : { hint }),
        details: {
          status,
          reason: body?.reason ?? '',
          method: request.method,
          path: request.path,
          ...(body?.details?.causes ? { causes: body.details.causes } : {}),
        },
      },
    );
    this.status = status;
    this.reason = body?.reason ?? '';
    this.serverMessage = serverMessage;
    this.causes = body?.details?.causes ?? [];
  }
}

function codeFor(status: number, reason: string | undefined): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return reason === 'AlreadyExists' ? 'ALREADY_EXISTS' : 'CONFLICT';
  if (status === 410) return 'CONFLICT';
  if (status === 400 || status === 415 || status === 422) return 'INVALID';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 504) return 'TIMEOUT';
  return 'SERVER_ERROR';
}

/** What to do about an API server's answer, for the codes it maps to (others have no hint). */
const HINTS: Partial<Record<ErrorCode, (body: ApiStatus | undefined) => Message>> = {
  UNAUTHORIZED: () => msg('kube.hint.unauthorized'),
  FORBIDDEN: (body) =>
    body?.message?.includes('exceeded quota') ? msg('kube.hint.quota') : msg('kube.hint.forbidden'),
  NOT_FOUND: () => msg('kube.hint.notFound'),
  CONFLICT: (body) =>
    body?.details?.causes?.some((c) => c.reason === 'FieldManagerConflict')
      ? msg('kube.hint.fieldConflict')
      : msg('kube.hint.changed'),
  ALREADY_EXISTS: () => msg('kube.hint.alreadyExists'),
  INVALID: (body) =>
    body?.message?.includes('duplicate entries for key')
      ? msg('kube.hint.duplicateKey')
      : msg('kube.hint.invalid'),
  TOO_MANY_REQUESTS: () => msg('kube.hint.tooManyRequests'),
  SERVER_ERROR: () => msg('kube.hint.serverError'),
  TIMEOUT: () => msg('kube.hint.serverError'),
};

function hintFor(code: ErrorCode, body: ApiStatus | undefined): Message | undefined {
  return HINTS[code]?.(body);
}

function parseStatus(text: string): ApiStatus | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && (value as ApiStatus).kind === 'Status') {
      return value;
    }
  } catch {
    // not JSON: a proxy's HTML page, say
  }
  return undefined;
}

export function apiErrorFrom(status: number, text: string, request: RequestDescription): KubeApiError {
  const body = parseStatus(text) ?? { message: text.trim().slice(0, 500) || `HTTP ${status}` };
  const code = codeFor(status, body.reason);
  return new KubeApiError(code, status, body, request, hintFor(code, body));
}

export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 'NOT_FOUND';
}

/** The resourceVersion asked for is too old to watch or list from (410 Gone): list again. */
export function isGone(error: unknown): boolean {
  return error instanceof KubeApiError && error.status === 410;
}

export function isConflict(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 'CONFLICT';
}
