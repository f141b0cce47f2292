import type { ErrorCode } from '@quai/contracts';
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
    hint: string | undefined,
  ) {
    const serverMessage = body?.message ?? `HTTP ${status}`;
    super(code, `${request.method} ${request.path}: ${serverMessage}`, {
      ...(hint === undefined ? {} : { hint }),
      details: {
        status,
        reason: body?.reason ?? '',
        method: request.method,
        path: request.path,
        ...(body?.details?.causes ? { causes: body.details.causes } : {}),
      },
    });
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

function hintFor(code: ErrorCode, body: ApiStatus | undefined): string | undefined {
  switch (code) {
    case 'UNAUTHORIZED':
      return 'Your credentials were refused: log in again or renew the token or certificate in your kubeconfig.';
    case 'FORBIDDEN':
      return body?.message?.includes('exceeded quota')
        ? 'A ResourceQuota is full: raise the quota or lower the requests.'
        : 'Ask a cluster administrator for this right (check with `kubectl auth can-i VERB RESOURCE -n NAMESPACE`), or fix the object an admission policy refused.';
    case 'NOT_FOUND':
      return 'Check the name and namespace; for a custom resource, check that its CRD is installed.';
    case 'CONFLICT':
      return body?.details?.causes?.some((c) => c.reason === 'FieldManagerConflict')
        ? 'Another field manager owns these fields: review the change, then re-run with --force-conflicts to take them over.'
        : 'The object changed meanwhile: re-read it and try again.';
    case 'ALREADY_EXISTS':
      return 'Pick another name, or update the existing object instead.';
    case 'INVALID':
      return 'Fix the fields the API server names above.';
    case 'TOO_MANY_REQUESTS':
      return 'The API server is overloaded: lower --qps or try again later.';
    case 'SERVER_ERROR':
    case 'TIMEOUT':
      return 'The API server failed: check its health (`kubectl get --raw /readyz?verbose`) and try again.';
    case 'USAGE':
    case 'INPUT_INVALID':
    case 'AUDIT_FINDINGS':
    case 'KUBECONFIG_NOT_FOUND':
    case 'KUBECONFIG_INVALID':
    case 'CREDENTIALS_FAILED':
    case 'CLUSTER_UNREACHABLE':
    case 'PREREQUISITE_MISSING':
    case 'DEVCLUSTER_BUILD_FAILED':
    case 'DEVCLUSTER_START_FAILED':
    case 'DEVCLUSTER_NOT_RUNNING':
    case 'PORT_IN_USE':
    case 'SCAN_FINDINGS':
    case 'VULNDB_LOCKED':
    case 'ROLLOUT_FAILED':
    case 'REGISTRY_UNREACHABLE':
    case 'REGISTRY_UNAUTHORIZED':
    case 'IMAGE_NOT_FOUND':
    case 'IMAGE_DIGEST_MISMATCH':
    case 'IMAGE_TRUNCATED':
    case 'IMAGE_UNSUPPORTED':
    case 'IMAGE_TOO_LARGE':
    case 'INPUT_TOO_LARGE':
    case 'DATABASE_UNREACHABLE':
    case 'DATABASE_REFUSED':
    case 'INTERRUPTED':
    case 'INTERNAL':
      return undefined;
  }
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

export function isConflict(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 'CONFLICT';
}
