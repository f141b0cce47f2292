import type {
  ErrorBody,
  Message,
  OutcomeKind,
  RequestInputOf,
  ResultOf,
  USE_CASES,
  UseCaseId,
} from '@quai/contracts';

type Spec<Id extends UseCaseId> = (typeof USE_CASES)[Id];
export type Req<Id extends UseCaseId> = RequestInputOf<Spec<Id>>;
export type Res<Id extends UseCaseId> = ResultOf<Spec<Id>>;

export interface Ran<Id extends UseCaseId> {
  readonly outcome: OutcomeKind;
  readonly result: Res<Id>;
}

/** An error of the API: its status, its code (ERROR_CODES) and its message in both forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly i18n?: { message?: Message | undefined; hint?: Message | undefined },
    /** Where the input is wrong (a file, a line, a column), when the server says. */
    readonly location?: {
      file?: string | undefined;
      line?: number | undefined;
      column?: number | undefined;
      path?: string | undefined;
    },
  ) {
    super(message);
  }
  /** The user may not do or see this. */
  get forbidden(): boolean {
    return this.status === 403;
  }
  /** Not signed in, or the session ended. */
  get unauthenticated(): boolean {
    return this.status === 401;
  }
  /** The server could not be reached at all. */
  get offline(): boolean {
    return this.status === 0;
  }
}

export interface Me {
  readonly user: string;
  readonly groups: readonly string[];
  readonly via: string;
  readonly lang: 'en' | 'fr';
  readonly csrf?: string;
  readonly expiresAt?: string;
}

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly app?: string;
  readonly namespace?: string;
  readonly environment?: string;
  readonly reason?: string;
  readonly status: string;
  readonly errorCode?: string;
  readonly message?: string;
  readonly durationMs?: number;
  readonly source?: string;
}

export interface AuditFilter {
  readonly actor?: string;
  readonly action?: string;
  readonly app?: string;
  readonly since?: string;
  readonly until?: string;
}

/** A kept report of the server (`GET /api/v1/history`): without its result in lists. */
export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly actor: string;
  readonly app?: string;
  readonly namespace?: string;
  readonly outcome: string;
  readonly result?: unknown;
}

/** What a stream of server-sent events carries. */
export interface ProgressData {
  readonly kind: string;
  readonly scope?: string;
  readonly message?: Message & { text?: string };
}

export const API_PREFIX = '/api/v1';

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as ErrorBody | undefined;
  const e = body?.error;
  return new ApiError(
    res.status,
    e?.code ?? 'HTTP',
    e?.message ?? `${res.status} ${res.statusText}`,
    e?.hint,
    e?.i18n,
    e?.location,
  );
}

const offline = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, 'OFFLINE', (error as Error).message);

/**
 * The HTTP API of `quai serve`, as the console uses it: a cookie session, the CSRF header on
 * every change, use cases at `POST /api/v1<path>`, progress as server-sent events.
 */
export class Api {
  private csrf: string | undefined;
  lang: 'en' | 'fr' = 'fr';

  constructor(
    private readonly paths: Readonly<Record<UseCaseId, string>>,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.method !== undefined && init.method !== 'GET') {
      headers.set('content-type', 'application/json');
      if (this.csrf !== undefined) headers.set('x-csrf-token', this.csrf);
    }
    const sep = path.includes('?') ? '&' : '?';
    let res: Response;
    try {
      res = await this.fetcher(`${API_PREFIX}${path}${sep}lang=${this.lang}`, {
        ...init,
        headers,
        credentials: 'same-origin',
      });
    } catch (error) {
      throw offline(error);
    }
    if (!res.ok && !(res.headers.get('content-type') ?? '').includes('event-stream')) {
      // Outcomes other than ok (failed, partial...) come with a result body, not an error body.
      const clone = res.clone();
      const body = (await clone.json().catch(() => undefined)) as { outcome?: string } | undefined;
      if (body?.outcome === undefined) throw await errorOf(res);
    }
    return res;
  }

  async providers(): Promise<{ oidc: boolean; token: boolean }> {
    return (await (await this.call('/auth/providers')).json()) as { oidc: boolean; token: boolean };
  }

  async me(): Promise<Me> {
    const me = (await (await this.call('/auth/me')).json()) as Me;
    this.csrf = me.csrf;
    return me;
  }

  async signIn(token: string): Promise<Me> {
    await this.call('/auth/token', { method: 'POST', body: JSON.stringify({ token }) });
    return this.me();
  }

  async signOut(): Promise<void> {
    await this.call('/auth/logout', { method: 'POST', body: '{}' });
    this.csrf = undefined;
  }

  /** Where the browser goes to sign in with OpenID Connect. */
  oidcUrl(returnTo = '/'): string {
    return `${API_PREFIX}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  }

  async run<Id extends UseCaseId>(id: Id, request: Req<Id>, signal?: AbortSignal): Promise<Ran<Id>> {
    const res = await this.call(this.paths[id], {
      method: 'POST',
      body: JSON.stringify(request),
      ...(signal === undefined ? {} : { signal }),
    });
    return (await res.json()) as Ran<Id>;
  }

  /**
   * A use case that reports progress, read as server-sent events (a POST: EventSource cannot
   * send a body). Resolves with the result; rejects with the error event, or when the stream is
   * cut (status 0).
   */
  async stream<Id extends UseCaseId>(
    id: Id,
    request: Req<Id>,
    onProgress: (event: ProgressData) => void,
    signal?: AbortSignal,
    onOpen?: () => void,
  ): Promise<Ran<Id>> {
    const res = await this.call(this.paths[id], {
      method: 'POST',
      body: JSON.stringify(request),
      headers: { accept: 'text/event-stream' },
      ...(signal === undefined ? {} : { signal }),
    });
    const reader = res.body?.getReader();
    if (reader === undefined) throw new ApiError(0, 'OFFLINE', 'no body');
    onOpen?.();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trimStart();
          }
          if (data === '') continue;
          const parsed = JSON.parse(data) as Record<string, unknown>;
          if (event === 'progress') onProgress(parsed as unknown as ProgressData);
          else if (event === 'result') return parsed as unknown as Ran<Id>;
          else if (event === 'error') {
            const e = (parsed as unknown as ErrorBody & { status: number }).error;
            throw new ApiError(Number(parsed['status'] ?? 500), e.code, e.message, e.hint, e.i18n);
          }
        }
      }
    } catch (error) {
      throw offline(error);
    }
    throw new ApiError(0, 'OFFLINE', 'the stream ended without a result');
  }

  private static query(filter: AuditFilter & { format?: string }): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (typeof v === 'string' && v !== '') q.set(k, v);
    return q.toString();
  }

  async audit(filter: AuditFilter): Promise<readonly AuditEvent[]> {
    const res = await this.call(`/audit?${Api.query({ ...filter, limit: '200' } as AuditFilter)}`);
    return ((await res.json()) as { events: AuditEvent[] }).events;
  }

  /** The kept reports of one kind (a use case id), newest first. */
  async history(kind: UseCaseId, limit = 50): Promise<readonly HistoryEntry[]> {
    const q = new URLSearchParams({ kind, limit: String(limit) });
    return ((await (await this.call(`/history?${q}`)).json()) as { entries: HistoryEntry[] }).entries;
  }

  /** One kept report with its result. */
  async historyEntry(id: string): Promise<HistoryEntry> {
    return (await (await this.call(`/history/${encodeURIComponent(id)}`)).json()) as HistoryEntry;
  }

  auditCsvUrl(filter: AuditFilter): string {
    return `${API_PREFIX}/audit?${Api.query({ ...filter, format: 'csv' })}`;
  }
}
