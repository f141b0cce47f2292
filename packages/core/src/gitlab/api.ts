import { msg, type Param } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/**
 * The GitLab REST API client: @gitbeaker/rest with Quai's own request handler, loaded on first use
 * (the CLI's start-up never pays for it). The handler honours `Retry-After` on 429 (gitbeaker's
 * own retries wait a few milliseconds and ignore it), retries 502/503 with a growing delay, stops
 * on the caller's signal, and turns GitLab's answers into Quai errors that say what to do.
 */

/** A GitLab answer that was not a success, after retries. */
export class GitlabHttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(`${method} ${path}: ${status} ${description}`);
    this.name = 'GitlabHttpError';
  }
}

export interface GitlabOptions {
  /** GitLab's address, without /api/v4. */
  readonly url: string;
  readonly token: string;
  readonly signal?: AbortSignal;
  /** Attempts for one request when GitLab answers 429, 502 or 503 (default 4). */
  readonly attempts?: number;
  /** The longest wait Quai accepts from a Retry-After (default 60 s); longer gives up at once. */
  readonly maxRetryAfterSeconds?: number;
  /** Told before each wait (progress). */
  readonly onRetry?: (info: { status: number; seconds: number; path: string; attempt: number }) => void;
}

interface RawResponse {
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly status: number;
}

interface RequestOptions {
  readonly method?: string;
  readonly prefixUrl?: string;
  readonly searchParams?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | FormData;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

async function description(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      const d = body['error_description'] ?? body['message'] ?? body['error'] ?? '';
      return typeof d === 'string' ? d : JSON.stringify(d);
    } catch {
      return text.slice(0, 500);
    }
  }
  return text.trim().slice(0, 500);
}

function requestHandler(options: GitlabOptions) {
  const attempts = options.attempts ?? 4;
  const maxWait = options.maxRetryAfterSeconds ?? 60;
  return async (endpoint: string, o: RequestOptions = {}): Promise<RawResponse> => {
    const method = o.method ?? 'GET';
    const base = (o.prefixUrl ?? options.url).replace(/\/?$/, '/');
    const url = new URL(endpoint, base);
    url.search = o.searchParams ?? '';
    const path = `/${endpoint}`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          ...(o.headers === undefined ? {} : { headers: o.headers }),
          ...(o.body === undefined ? {} : { body: o.body }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        throw new QuaiError(
          'GITLAB_UNREACHABLE',
          msg('gitlab.api.unreachable', { url: options.url, reason: (error as Error).message }),
          {
            hint: msg('gitlab.api.unreachableHint'),
            cause: error,
          },
        );
      }
      if (response.ok) {
        const headers = Object.fromEntries(response.headers.entries());
        const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
        const body =
          response.status === 204
            ? null
            : type === 'application/json'
              ? await response.json()
              : await response.text();
        return { body, headers, status: response.status };
      }
      const retryable = [429, 502, 503].includes(response.status);
      const after = retryAfterSeconds(response.headers.get('retry-after'));
      if (!retryable || attempt >= attempts || (after !== undefined && after > maxWait)) {
        throw new GitlabHttpError(response.status, method, path, await description(response), after);
      }
      await response.body?.cancel().catch(() => undefined);
      const seconds = after ?? 2 ** (attempt - 1);
      options.onRetry?.({ status: response.status, seconds, path, attempt });
      await sleep(seconds * 1000, options.signal);
    }
  };
}

/** Opens a gitbeaker client on GitLab with Quai's request handler. */
export async function openGitlab(options: GitlabOptions) {
  const [{ Gitlab }, { createRequesterFn }] = await Promise.all([
    import('@gitbeaker/rest'),
    import('@gitbeaker/requester-utils'),
  ]);
  const handler = requestHandler(options);
  const requesterFn = createRequesterFn(
    (_service, o) => Promise.resolve(o),
    // The handler's answer has gitbeaker's shape (body, headers, status); its body type is gitbeaker's union.
    (endpoint: string, o?: Record<string, unknown>) => handler(endpoint, o ?? {}) as Promise<never>,
  );
  return new Gitlab({ host: options.url, token: options.token, requesterFn });
}
export type GitlabClient = Awaited<ReturnType<typeof openGitlab>>;

/**
 * A GitLab error as a Quai error: what failed, and how to fix it. `what` names the step
 * ("reading the project's variables").
 */
export function gitlabError(error: unknown, ctx: { url: string; project?: string; what: Param }): QuaiError {
  if (error instanceof QuaiError) return error;
  if (!(error instanceof GitlabHttpError)) {
    return new QuaiError(
      'GITLAB_UNREACHABLE',
      msg('gitlab.api.unreachable', { url: ctx.url, reason: (error as Error).message }),
      {
        hint: msg('gitlab.api.unreachableHint'),
        cause: error,
      },
    );
  }
  const base = {
    what: ctx.what,
    status: error.status,
    detail: error.description,
    request: `${error.method} ${error.path}`,
  };
  switch (error.status) {
    case 401:
      return new QuaiError('GITLAB_UNAUTHORIZED', msg('gitlab.api.unauthorized', { ...base, url: ctx.url }), {
        hint: msg('gitlab.api.unauthorizedHint'),
        cause: error,
      });
    case 403:
      return new QuaiError('GITLAB_FORBIDDEN', msg('gitlab.api.forbidden', base), {
        hint: msg('gitlab.api.forbiddenHint'),
        cause: error,
      });
    case 404:
      return new QuaiError(
        'GITLAB_NOT_FOUND',
        msg('gitlab.api.notFound', { ...base, project: ctx.project ?? '' }),
        {
          hint: msg('gitlab.api.notFoundHint'),
          cause: error,
        },
      );
    case 429:
      return new QuaiError(
        'GITLAB_RATE_LIMITED',
        msg('gitlab.api.rateLimited', { ...base, retryAfter: error.retryAfter ?? 0 }),
        { hint: msg('gitlab.api.rateLimitedHint'), cause: error },
      );
    case 400:
    case 409:
    case 422:
      return new QuaiError('INVALID', msg('gitlab.api.rejected', base), { cause: error });
    default:
      return new QuaiError('GITLAB_UNREACHABLE', msg('gitlab.api.failed', base), {
        hint: msg('gitlab.api.unreachableHint'),
        cause: error,
      });
  }
}
