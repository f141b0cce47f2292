// A GitLab REST API v4 server on loopback, for the tests of `quai gitlab sync` and
// `quai rollback --via-merge-request`. A real GitLab cannot run here (it needs PostgreSQL, Redis,
// Gitaly, Puma and Sidekiq, and gigabytes of memory), so this server implements exactly the
// endpoints Quai calls, as GitLab's documentation describes them: paths, methods, request
// attributes, response fields, status codes, pagination headers and error bodies. It keeps its
// state in memory (a repository is a map of commits, each with its whole tree).
//
// Built from these pages of GitLab's documentation (docs.gitlab.com, REST API v4):
// - REST API basics: status codes (200, 201, 204, 400, 401, 403, 404, 409, 422, 429), the
//   `{"message": ...}` / `{"error": ...}` error bodies, URL-encoded project paths, offset
//   pagination (`page`, `per_page` up to 100; `x-page`, `x-per-page`, `x-next-page`,
//   `x-prev-page`, `x-total`, `x-total-pages` and `Link` headers):
//   https://docs.gitlab.com/api/rest/ and https://docs.gitlab.com/api/rest/troubleshooting/
// - Rate limits: a 429 answer with a plain-text `Retry later` body and the `Retry-After`,
//   `RateLimit-Limit`, `RateLimit-Observed`, `RateLimit-Remaining`, `RateLimit-Reset` headers:
//   https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/
// - Personal access tokens, `GET /personal_access_tokens/self` (scopes of the token in use; also
//   answers for project and group access tokens): https://docs.gitlab.com/api/personal_access_tokens/
//   An access token without the scope an endpoint needs gets 403 `insufficient_scope`:
//   https://docs.gitlab.com/api/rest/authentication/
// - Projects, `GET /projects/:id` (`permissions.project_access` / `group_access`,
//   `default_branch`): https://docs.gitlab.com/api/projects/
// - Project-level CI/CD variables: `GET|POST /projects/:id/variables`,
//   `PUT /projects/:id/variables/:key` with `filter[environment_scope]`; masked values must be
//   one line of 8 characters or more: https://docs.gitlab.com/api/project_level_variables/ and
//   https://docs.gitlab.com/ci/variables/#mask-a-cicd-variable
// - Environments: `GET|POST /projects/:id/environments`, `PUT /projects/:id/environments/:id`
//   (`name`, `external_url`, `tier`): https://docs.gitlab.com/api/environments/
// - Protected environments (Premium): `GET|POST /projects/:id/protected_environments`,
//   `PUT /projects/:id/protected_environments/:name` (`deploy_access_levels` entries with `id`
//   and `_destroy`, `required_approval_count`): https://docs.gitlab.com/api/protected_environments/
// - Deploy tokens: `GET|POST /projects/:id/deploy_tokens`, `DELETE .../deploy_tokens/:token_id`
//   (the `token` is only in the creation's answer): https://docs.gitlab.com/api/deploy_tokens/
// - Repository tree, `GET /projects/:id/repository/tree` (`path`, `ref`, `recursive`):
//   https://docs.gitlab.com/api/repositories/
// - Repository files, `GET /projects/:id/repository/files/:file_path?ref=` (base64 `content`,
//   `blob_id`, `last_commit_id`): https://docs.gitlab.com/api/repository_files/
// - Commits, `GET /projects/:id/repository/commits/:sha` and
//   `POST /projects/:id/repository/commits` (`branch`, `start_branch`, `commit_message`,
//   `actions` create/update/delete): https://docs.gitlab.com/api/commits/
// - Branches, `GET /projects/:id/repository/branches/:branch`: https://docs.gitlab.com/api/branches/
// - Merge requests, `GET|POST /projects/:id/merge_requests` (`source_branch`, `target_branch`,
//   `title`, `description`, `remove_source_branch`; listing filtered by `state` and
//   `source_branch`): https://docs.gitlab.com/api/merge_requests/
// - Version, `GET /version` (`version`, `revision`, `kas`, `enterprise`; needs a token, any
//   scope): https://docs.gitlab.com/api/version/ (the Settings page's check)
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const MAINTAINER = 40;

export interface FakeToken {
  readonly scopes: readonly string[];
  /** The token owner's role in the project (10 guest ... 50 owner). */
  readonly accessLevel: number;
  readonly active?: boolean;
}

interface Variable {
  key: string;
  value: string;
  variable_type: 'env_var' | 'file';
  protected: boolean;
  masked: boolean;
  hidden: boolean;
  raw: boolean;
  environment_scope: string;
  description: string | null;
}
interface Environment {
  id: number;
  name: string;
  slug: string;
  external_url: string | null;
  state: string;
  tier: string;
  created_at: string;
  updated_at: string;
}
interface AccessLevelEntry {
  id: number;
  access_level: number | null;
  access_level_description: string;
  user_id: number | null;
  group_id: number | null;
  group_inheritance_type: number;
}
interface ProtectedEnvironment {
  name: string;
  deploy_access_levels: AccessLevelEntry[];
  required_approval_count: number;
  approval_rules: unknown[];
}
interface DeployToken {
  id: number;
  name: string;
  username: string;
  expires_at: string | null;
  scopes: string[];
  revoked: boolean;
  expired: boolean;
  token: string;
}
interface Commit {
  id: string;
  parent: string | null;
  message: string;
  files: Map<string, string>;
  created_at: string;
}
interface MergeRequest {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string;
  state: string;
  source_branch: string;
  target_branch: string;
  web_url: string;
  sha: string;
}

export interface FakeProject {
  readonly id: number;
  readonly path: string;
  defaultBranch: string;
  /** Premium feature: protected environments (404 on a Free instance, as there the route does not exist). */
  premium: boolean;
  readonly variables: Variable[];
  readonly environments: Environment[];
  readonly protectedEnvironments: ProtectedEnvironment[];
  readonly deployTokens: DeployToken[];
  readonly commits: Map<string, Commit>;
  readonly branches: Map<string, string>;
  readonly mergeRequests: MergeRequest[];
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
}

export interface FakeGitlab {
  readonly url: string;
  readonly log: RequestLogEntry[];
  addToken(token: string, t: FakeToken): void;
  addProject(path: string, options?: { premium?: boolean; files?: Record<string, string> }): FakeProject;
  project(path: string): FakeProject;
  /** Adds a commit on a branch with the files changed (null deletes); returns its SHA. */
  commit(path: string, branch: string, message: string, files: Record<string, string | null>): string;
  /** The content of a file at a ref (branch or SHA). */
  fileAt(path: string, ref: string, file: string): string | undefined;
  /** The next `count` requests answer 429 with `Retry-After: seconds`. */
  rateLimit(count: number, seconds: number): void;
  /** The next request whose method and path match fails with this status (a fault mid-way). */
  failNext(method: string, pathPattern: RegExp, status: number): void;
  stop(): Promise<void>;
}

function now(): string {
  return new Date().toISOString();
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 17);
  return `${base}-${createHash('sha1').update(name).digest('hex').slice(0, 6)}`;
}

/** GitLab's masking rules, as documented: one line, 8 characters or more, no space. */
function maskable(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value);
}

export async function startFakeGitlab(): Promise<FakeGitlab> {
  const tokens = new Map<string, FakeToken>();
  const projects = new Map<number, FakeProject>();
  const log: RequestLogEntry[] = [];
  let nextId = 100;
  let limited = { count: 0, seconds: 0 };
  const faults: { method: string; path: RegExp; status: number }[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = (s: number): void => {
        log.push({
          method: req.method ?? 'GET',
          path: (req.url ?? '').split('?')[0]!,
          status: s,
          at: Date.now(),
        });
      };
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'), status);
      } catch (error) {
        status(500);
        json(res, 500, { message: `500 Internal Server Error: ${(error as Error).message}` });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function findProject(id: string): FakeProject | undefined {
    const decoded = decodeURIComponent(id);
    if (/^\d+$/.test(decoded)) return projects.get(Number(decoded));
    return [...projects.values()].find((p) => p.path === decoded);
  }

  function resolveRef(p: FakeProject, ref: string): Commit | undefined {
    const sha = p.branches.get(ref) ?? ref;
    const exact = p.commits.get(sha);
    if (exact !== undefined) return exact;
    if (/^[0-9a-f]{7,40}$/.test(ref)) {
      const found = [...p.commits.values()].filter((c) => c.id.startsWith(ref));
      if (found.length === 1) return found[0];
    }
    return undefined;
  }

  function addCommit(
    p: FakeProject,
    parent: Commit | undefined,
    message: string,
    changes: Record<string, string | null>,
  ): Commit {
    const files = new Map(parent?.files ?? []);
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) files.delete(path);
      else files.set(path, content);
    }
    const id = createHash('sha1')
      .update(`${parent?.id ?? ''}\n${message}\n${JSON.stringify([...files])}\n${nextId++}`)
      .digest('hex');
    const c: Commit = { id, parent: parent?.id ?? null, message, files, created_at: now() };
    p.commits.set(id, c);
    return c;
  }

  function commitJson(p: FakeProject, c: Commit): Record<string, unknown> {
    return {
      id: c.id,
      short_id: c.id.slice(0, 8),
      title: c.message.split('\n')[0],
      message: c.message,
      parent_ids: c.parent === null ? [] : [c.parent],
      created_at: c.created_at,
      committed_date: c.created_at,
      authored_date: c.created_at,
      author_name: 'Quai Test',
      web_url: `${url}/${p.path}/-/commit/${c.id}`,
    };
  }

  function blobId(content: string): string {
    return createHash('sha1')
      .update(`blob ${Buffer.byteLength(content)}\0${content}`)
      .digest('hex');
  }

  /** Offset pagination, as GitLab documents it: headers and Link, `per_page` at most 100. */
  function paginate(res: ServerResponse, reqUrl: URL, items: readonly unknown[]): void {
    const perPage = Math.min(100, Math.max(1, Number(reqUrl.searchParams.get('per_page') ?? 20) || 20));
    const page = Math.max(1, Number(reqUrl.searchParams.get('page') ?? 1) || 1);
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (n: number): string => {
      const u = new URL(reqUrl.toString());
      u.searchParams.set('page', String(n));
      u.searchParams.set('per_page', String(perPage));
      return u.toString();
    };
    const links = [];
    if (page > 1) links.push(`<${link(page - 1)}>; rel="prev"`);
    if (page < totalPages) links.push(`<${link(page + 1)}>; rel="next"`);
    links.push(`<${link(1)}>; rel="first"`, `<${link(totalPages)}>; rel="last"`);
    json(res, 200, slice, {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      link: links.join(', '),
    });
  }

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    status: (s: number) => void,
  ): void {
    const method = req.method ?? 'GET';
    const reqUrl = new URL(req.url ?? '/', url);
    // The raw path keeps %2F in project paths and file paths, as GitLab routes them.
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const send = (s: number, b: unknown, h?: Record<string, string>): void => {
      status(s);
      json(res, s, b, h);
    };
    if (limited.count > 0) {
      limited.count--;
      status(429);
      res.writeHead(429, {
        'content-type': 'text/plain',
        'retry-after': String(limited.seconds),
        'ratelimit-limit': '600',
        'ratelimit-observed': '601',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(Math.floor(Date.now() / 1000) + limited.seconds),
        'ratelimit-resettime': new Date(Date.now() + limited.seconds * 1000).toUTCString(),
      });
      res.end('Retry later\n');
      return;
    }
    const m0 = /^\/api\/v4(\/.*)$/.exec(rawPath);
    if (m0 === null) return send(404, { error: '404 Not Found' });
    const path = m0[1]!;
    const token =
      (req.headers['private-token'] as string | undefined) ??
      /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const t = token === undefined ? undefined : tokens.get(token);
    if (t === undefined || t.active === false) return send(401, { message: '401 Unauthorized' });
    const fault = faults.findIndex((f) => f.method === method && f.path.test(path));
    if (fault >= 0) {
      const f = faults.splice(fault, 1)[0]!;
      return send(f.status, { message: `${f.status} injected fault` });
    }
    const input = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    const writes = method !== 'GET';
    const needScope = writes ? ['api'] : ['api', 'read_api'];
    if (!t.scopes.some((s) => needScope.includes(s)))
      return send(403, {
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the access token.',
        scope: needScope.join(' '),
      });

    if (path === '/version' && method === 'GET')
      return send(200, {
        version: '17.6.1',
        revision: 'c4b1d5d2f1e',
        kas: { enabled: false, externalUrl: null, version: null },
        enterprise: false,
      });
    if (path === '/personal_access_tokens/self' && method === 'GET')
      return send(200, {
        id: 1,
        name: 'quai-sync',
        revoked: false,
        created_at: now(),
        scopes: t.scopes,
        user_id: 2,
        last_used_at: now(),
        active: true,
        expires_at: null,
      });

    const pm = /^\/projects\/([^/]+)(\/.*)?$/.exec(path);
    if (pm === null) return send(404, { error: '404 Not Found' });
    const p = findProject(pm[1]!);
    // GitLab answers 404 for a project the token cannot see, as for one that does not exist.
    if (p === undefined || t.accessLevel < 10) return send(404, { message: '404 Project Not Found' });
    const rest = pm[2] ?? '';
    const maintainer = t.accessLevel >= MAINTAINER;
    const forbidden = (): void => send(403, { message: '403 Forbidden' });

    if (rest === '' && method === 'GET')
      return send(200, {
        id: p.id,
        path_with_namespace: p.path,
        name: p.path.split('/').pop(),
        default_branch: p.defaultBranch,
        web_url: `${url}/${p.path}`,
        permissions: {
          project_access: { access_level: t.accessLevel, notification_level: 3 },
          group_access: null,
        },
      });

    // ---- variables
    if (rest === '/variables') {
      if (!maintainer) return forbidden();
      if (method === 'GET')
        return paginate(
          res,
          reqUrl,
          p.variables.map((v) => variableJson(v)),
        );
      if (method === 'POST') {
        const v = variableFrom(input);
        if (typeof v === 'string') return send(400, { message: { key: [v] } });
        if (p.variables.some((x) => x.key === v.key && x.environment_scope === v.environment_scope))
          return send(400, { message: { key: [`(${v.key}) has already been taken`] } });
        if (v.masked && !maskable(v.value)) return send(400, { message: { value: ['is invalid'] } });
        p.variables.push(v);
        status(201);
        return json(res, 201, variableJson(v));
      }
    }
    const vm = /^\/variables\/([^/]+)$/.exec(rest);
    if (vm !== null) {
      if (!maintainer) return forbidden();
      const key = decodeURIComponent(vm[1]!);
      // Grape reads parameters from the query or the JSON body alike.
      const filter = input['filter'] as Record<string, unknown> | undefined;
      const scope =
        reqUrl.searchParams.get('filter[environment_scope]') ??
        (typeof filter?.['environment_scope'] === 'string' ? filter['environment_scope'] : null);
      const matches = p.variables.filter(
        (v) => v.key === key && (scope === null || v.environment_scope === scope),
      );
      if (matches.length === 0) return send(404, { message: '404 Variable Not Found' });
      if (matches.length > 1)
        return send(409, {
          message:
            "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'",
        });
      const v = matches[0]!;
      if (method === 'GET') return send(200, variableJson(v));
      if (method === 'PUT') {
        if (typeof input['value'] === 'string') v.value = input['value'];
        if (input['variable_type'] === 'file' || input['variable_type'] === 'env_var')
          v.variable_type = input['variable_type'];
        for (const k of ['protected', 'masked', 'raw'] as const)
          if (typeof input[k] === 'boolean') v[k] = input[k];
        if (typeof input['environment_scope'] === 'string') v.environment_scope = input['environment_scope'];
        if (typeof input['description'] === 'string') v.description = input['description'];
        if (v.masked && !maskable(v.value)) return send(400, { message: { value: ['is invalid'] } });
        return send(200, variableJson(v));
      }
    }

    // ---- environments
    if (rest === '/environments') {
      if (method === 'GET') {
        const name = reqUrl.searchParams.get('name');
        return paginate(
          res,
          reqUrl,
          p.environments.filter((e) => name === null || e.name === name),
        );
      }
      if (method === 'POST') {
        if (!maintainer && t.accessLevel < 30) return forbidden();
        const name = input['name'];
        if (typeof name !== 'string' || name === '') return send(400, { message: 'name is missing' });
        if (p.environments.some((e) => e.name === name))
          return send(400, { message: { name: ['has already been taken'] } });
        const e: Environment = {
          id: nextId++,
          name,
          slug: slugify(name),
          external_url: typeof input['external_url'] === 'string' ? input['external_url'] : null,
          state: 'available',
          tier: typeof input['tier'] === 'string' ? input['tier'] : 'other',
          created_at: now(),
          updated_at: now(),
        };
        p.environments.push(e);
        return send(201, e);
      }
    }
    const em = /^\/environments\/(\d+)$/.exec(rest);
    if (em !== null && method === 'PUT') {
      const e = p.environments.find((x) => x.id === Number(em[1]));
      if (e === undefined) return send(404, { message: '404 Not found' });
      if (typeof input['external_url'] === 'string') e.external_url = input['external_url'];
      if (typeof input['tier'] === 'string') e.tier = input['tier'];
      e.updated_at = now();
      return send(200, e);
    }

    // ---- protected environments (Premium: the route does not exist on a Free instance)
    if (rest.startsWith('/protected_environments') && !p.premium)
      return send(404, { error: '404 Not Found' });
    if (rest === '/protected_environments') {
      if (!maintainer) return forbidden();
      if (method === 'GET') return paginate(res, reqUrl, p.protectedEnvironments);
      if (method === 'POST') {
        const name = input['name'];
        if (typeof name !== 'string') return send(400, { error: 'name is missing' });
        if (p.protectedEnvironments.some((e) => e.name === name))
          return send(409, { message: 'Protected environment already exists' });
        const levels = input['deploy_access_levels'];
        if (!Array.isArray(levels) || levels.length === 0)
          return send(400, { error: 'deploy_access_levels is missing' });
        const pe: ProtectedEnvironment = {
          name,
          deploy_access_levels: levels.map((l) => accessEntry(l as Record<string, unknown>)),
          required_approval_count: Number(input['required_approval_count'] ?? 0),
          approval_rules: [],
        };
        p.protectedEnvironments.push(pe);
        return send(201, pe);
      }
    }
    const pem = /^\/protected_environments\/([^/]+)$/.exec(rest);
    if (pem !== null) {
      if (!maintainer) return forbidden();
      const pe = p.protectedEnvironments.find((e) => e.name === decodeURIComponent(pem[1]!));
      if (pe === undefined) return send(404, { message: '404 Not found' });
      if (method === 'GET') return send(200, pe);
      if (method === 'PUT') {
        const levels = input['deploy_access_levels'];
        if (Array.isArray(levels)) {
          for (const raw of levels as Record<string, unknown>[]) {
            if (typeof raw['id'] === 'number') {
              const i = pe.deploy_access_levels.findIndex((l) => l.id === raw['id']);
              if (i < 0) return send(404, { message: '404 Not found' });
              if (raw['_destroy'] === true) pe.deploy_access_levels.splice(i, 1);
            } else pe.deploy_access_levels.push(accessEntry(raw));
          }
        }
        if (input['required_approval_count'] !== undefined)
          pe.required_approval_count = Number(input['required_approval_count']);
        return send(200, pe);
      }
    }

    // ---- deploy tokens
    if (rest === '/deploy_tokens') {
      if (!maintainer) return forbidden();
      if (method === 'GET') {
        const active = reqUrl.searchParams.get('active');
        return paginate(
          res,
          reqUrl,
          p.deployTokens
            .filter((d) => active !== 'true' || (!d.revoked && !d.expired))
            .map(({ token: _token, ...rest }) => rest),
        );
      }
      if (method === 'POST') {
        const name = input['name'];
        const scopes = input['scopes'];
        if (typeof name !== 'string' || !Array.isArray(scopes) || scopes.length === 0)
          return send(400, { error: 'name, scopes are missing' });
        const id = nextId++;
        const d: DeployToken = {
          id,
          name,
          username: typeof input['username'] === 'string' ? input['username'] : `gitlab+deploy-token-${id}`,
          expires_at:
            typeof input['expires_at'] === 'string'
              ? `${input['expires_at'].slice(0, 10)}T00:00:00.000Z`
              : null,
          scopes: scopes as string[],
          revoked: false,
          expired: false,
          token: `gldt-${createHash('sha256')
            .update(String(id) + name + Math.random())
            .digest('hex')
            .slice(0, 20)}`,
        };
        p.deployTokens.push(d);
        return send(201, d);
      }
    }
    const dm = /^\/deploy_tokens\/(\d+)$/.exec(rest);
    if (dm !== null && method === 'DELETE') {
      if (!maintainer) return forbidden();
      const d = p.deployTokens.find((x) => x.id === Number(dm[1]));
      if (d === undefined) return send(404, { message: '404 Deploy Token Not Found' });
      d.revoked = true;
      status(204);
      res.writeHead(204);
      return void res.end();
    }

    // ---- repository
    if (rest === '/repository/tree' && method === 'GET') {
      const c = resolveRef(p, reqUrl.searchParams.get('ref') ?? p.defaultBranch);
      if (c === undefined) return send(404, { message: '404 Tree Not Found' });
      const dir = (reqUrl.searchParams.get('path') ?? '').replace(/\/$/, '');
      const recursive = reqUrl.searchParams.get('recursive') === 'true';
      const entries = new Map<
        string,
        { id: string; name: string; type: string; path: string; mode: string }
      >();
      for (const [file, content] of c.files) {
        if (dir !== '' && file !== dir && !file.startsWith(`${dir}/`)) continue;
        const rel = dir === '' ? file : file.slice(dir.length + 1);
        const parts = rel.split('/');
        const upto = recursive ? parts.length : 1;
        for (let i = 1; i <= upto; i++) {
          const full = [dir, ...parts.slice(0, i)].filter((x) => x !== '').join('/');
          const isBlob = i === parts.length;
          if (!entries.has(full))
            entries.set(full, {
              id: isBlob ? blobId(content) : createHash('sha1').update(`tree ${full}`).digest('hex'),
              name: parts[i - 1]!,
              type: isBlob ? 'blob' : 'tree',
              path: full,
              mode: isBlob ? '100644' : '040000',
            });
        }
      }
      if (dir !== '' && entries.size === 0 && !c.files.has(dir))
        return send(404, { message: '404 Tree Not Found' });
      return paginate(
        res,
        reqUrl,
        [...entries.values()].sort((a, b) => a.path.localeCompare(b.path)),
      );
    }
    const fm = /^\/repository\/files\/([^/]+)$/.exec(rest);
    if (fm !== null && method === 'GET') {
      const ref = reqUrl.searchParams.get('ref');
      if (ref === null) return send(400, { error: 'ref is missing' });
      const c = resolveRef(p, ref);
      const file = decodeURIComponent(fm[1]!);
      const content = c?.files.get(file);
      if (c === undefined || content === undefined) return send(404, { message: '404 File Not Found' });
      return send(200, {
        file_name: file.split('/').pop(),
        file_path: file,
        size: Buffer.byteLength(content),
        encoding: 'base64',
        content: Buffer.from(content).toString('base64'),
        content_sha256: createHash('sha256').update(content).digest('hex'),
        ref,
        blob_id: blobId(content),
        commit_id: c.id,
        last_commit_id: c.id,
      });
    }
    const cm = /^\/repository\/commits\/([^/]+)$/.exec(rest);
    if (cm !== null && method === 'GET') {
      const c = resolveRef(p, decodeURIComponent(cm[1]!));
      if (c === undefined) return send(404, { message: '404 Commit Not Found' });
      return send(200, commitJson(p, c));
    }
    if (rest === '/repository/commits' && method === 'POST') {
      if (t.accessLevel < 30) return forbidden();
      const branch = input['branch'];
      const message = input['commit_message'];
      const actions = input['actions'];
      if (typeof branch !== 'string' || typeof message !== 'string' || !Array.isArray(actions))
        return send(400, { error: 'branch, commit_message, actions are missing' });
      let base: Commit | undefined;
      if (p.branches.has(branch)) {
        if (typeof input['start_branch'] === 'string' && input['start_branch'] !== branch)
          return send(400, { message: `A branch called '${branch}' already exists.` });
        base = resolveRef(p, branch);
      } else {
        const start = input['start_branch'] ?? input['start_sha'];
        if (typeof start !== 'string')
          return send(400, { message: 'You can only create or edit files when you are on a branch' });
        base = resolveRef(p, start);
        if (base === undefined) return send(400, { message: `Cannot find start_branch '${start}'` });
      }
      const changes: Record<string, string | null> = {};
      for (const a of actions as Record<string, unknown>[]) {
        const file = String(a['file_path']);
        const exists = base?.files.has(file) ?? false;
        const raw = typeof a['content'] === 'string' ? a['content'] : '';
        const content = a['encoding'] === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
        if (a['action'] === 'create') {
          if (exists) return send(400, { message: `A file with this name already exists` });
          changes[file] = content;
        } else if (a['action'] === 'update') {
          if (!exists) return send(400, { message: `A file with this name doesn't exist` });
          changes[file] = content;
        } else if (a['action'] === 'delete') {
          if (!exists) return send(400, { message: `A file with this name doesn't exist` });
          changes[file] = null;
        } else return send(400, { error: 'actions[action] does not have a valid value' });
      }
      const c = addCommit(p, base, message, changes);
      p.branches.set(branch, c.id);
      return send(201, {
        ...commitJson(p, c),
        stats: { additions: 0, deletions: 0, total: 0 },
        status: null,
      });
    }
    const bm = /^\/repository\/branches\/([^/]+)$/.exec(rest);
    if (bm !== null && method === 'GET') {
      const name = decodeURIComponent(bm[1]!);
      const sha = p.branches.get(name);
      if (sha === undefined) return send(404, { message: '404 Branch Not Found' });
      return send(200, {
        name,
        merged: false,
        protected: name === p.defaultBranch,
        default: name === p.defaultBranch,
        commit: commitJson(p, p.commits.get(sha)!),
      });
    }

    // ---- merge requests
    if (rest === '/merge_requests') {
      if (method === 'GET') {
        const state = reqUrl.searchParams.get('state');
        const source = reqUrl.searchParams.get('source_branch');
        return paginate(
          res,
          reqUrl,
          p.mergeRequests.filter(
            (mr) =>
              (state === null || state === 'all' || mr.state === state) &&
              (source === null || mr.source_branch === source),
          ),
        );
      }
      if (method === 'POST') {
        if (t.accessLevel < 30) return forbidden();
        const source = input['source_branch'];
        const target = input['target_branch'];
        const title = input['title'];
        if (typeof source !== 'string' || typeof target !== 'string' || typeof title !== 'string')
          return send(400, { error: 'source_branch, target_branch, title are missing' });
        if (!p.branches.has(source)) return send(400, { message: ['Source branch does not exist'] });
        if (
          p.mergeRequests.some(
            (mr) => mr.state === 'opened' && mr.source_branch === source && mr.target_branch === target,
          )
        )
          return send(409, {
            message: [
              `Another open merge request already exists for this source branch: !${p.mergeRequests.find((mr) => mr.source_branch === source)!.iid}`,
            ],
          });
        const iid = p.mergeRequests.length + 1;
        const mr: MergeRequest = {
          id: nextId++,
          iid,
          project_id: p.id,
          title,
          description: typeof input['description'] === 'string' ? input['description'] : '',
          state: 'opened',
          source_branch: source,
          target_branch: target,
          web_url: `${url}/${p.path}/-/merge_requests/${iid}`,
          sha: p.branches.get(source)!,
        };
        p.mergeRequests.push(mr);
        return send(201, mr);
      }
    }
    return send(404, { error: '404 Not Found' });
  }

  function variableFrom(input: Record<string, unknown>): Variable | string {
    const key = input['key'];
    if (typeof key !== 'string' || !/^\w{1,255}$/.test(key)) return 'is invalid';
    return {
      key,
      value: typeof input['value'] === 'string' ? input['value'] : '',
      variable_type: input['variable_type'] === 'file' ? 'file' : 'env_var',
      protected: input['protected'] === true,
      masked: input['masked'] === true,
      hidden: input['masked_and_hidden'] === true,
      raw: input['raw'] === true,
      environment_scope: typeof input['environment_scope'] === 'string' ? input['environment_scope'] : '*',
      description: typeof input['description'] === 'string' ? input['description'] : null,
    };
  }

  function variableJson(v: Variable): Record<string, unknown> {
    return { ...v, value: v.hidden ? null : v.value };
  }

  let accessId = 1000;
  function accessEntry(l: Record<string, unknown>): AccessLevelEntry {
    const level = typeof l['access_level'] === 'number' ? l['access_level'] : null;
    return {
      id: accessId++,
      access_level: level,
      access_level_description:
        level === 30
          ? 'Developers + Maintainers'
          : level === 40
            ? 'Maintainers'
            : typeof l['user_id'] === 'number'
              ? 'User'
              : 'Group',
      user_id: typeof l['user_id'] === 'number' ? l['user_id'] : null,
      group_id: typeof l['group_id'] === 'number' ? l['group_id'] : null,
      group_inheritance_type: 0,
    };
  }

  const api: FakeGitlab = {
    url,
    log,
    addToken(token, t) {
      tokens.set(token, t);
    },
    addProject(path, options = {}) {
      const p: FakeProject = {
        id: nextId++,
        path,
        defaultBranch: 'main',
        premium: options.premium ?? true,
        variables: [],
        environments: [],
        protectedEnvironments: [],
        deployTokens: [],
        commits: new Map(),
        branches: new Map(),
        mergeRequests: [],
      };
      projects.set(p.id, p);
      const c = addCommit(p, undefined, 'Initial commit', options.files ?? { 'README.md': '# platform\n' });
      p.branches.set('main', c.id);
      return p;
    },
    project(path) {
      const p = findProject(path);
      if (p === undefined) throw new Error(`no project ${path}`);
      return p;
    },
    commit(path, branch, message, files) {
      const p = api.project(path);
      const c = addCommit(p, resolveRef(p, branch), message, files);
      p.branches.set(branch, c.id);
      return c.id;
    },
    fileAt(path, ref, file) {
      const p = api.project(path);
      return resolveRef(p, ref)?.files.get(file);
    },
    rateLimit(count, seconds) {
      limited = { count, seconds };
    },
    failNext(method, pathPattern, s) {
      faults.push({ method, path: pathPattern, status: s });
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return api;
}
