import { ERROR_CODES, ErrorBody, OUTCOMES, USE_CASES, type UseCaseSpec } from '@quai/contracts';
import { z } from 'zod';

/**
 * A JSON Schema (2020-12, the dialect of OpenAPI 3.1) of a zod schema, with its local definitions
 * (recursive ones, such as messages) moved into the document's components under `prefix`.
 */
function schemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, unknown>,
  prefix: string,
): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete s['$schema'];
  const defs = (s['$defs'] ?? {}) as Record<string, unknown>;
  delete s['$defs'];
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        out[k] =
          k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/')
            ? `#/components/schemas/${prefix}${x.slice('#/$defs/'.length)}`
            : rewrite(x);
      }
      return out;
    }
    return v;
  };
  for (const [name, def] of Object.entries(defs)) components[`${prefix}${name}`] = rewrite(def);
  return rewrite(s) as Record<string, unknown>;
}

const errorRef = { $ref: '#/components/schemas/Error' };

function errorResponses(): Record<string, unknown> {
  const byStatus = new Map<number, string[]>();
  for (const [code, info] of Object.entries(ERROR_CODES))
    byStatus.set(info.http, [...(byStatus.get(info.http) ?? []), code]);
  return Object.fromEntries(
    [...byStatus.entries()]
      .filter(([status]) => status >= 400 && status < 600 && status !== 499)
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [
        String(status),
        { description: `Error: ${codes.join(', ')}`, content: { 'application/json': { schema: errorRef } } },
      ]),
  );
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the use case table: one operation per
 * use case, its request and result schemas, the outcome statuses and the error statuses.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  schemas['Error'] = schemaOf(ErrorBody, 'output', schemas, 'Error');
  const errors = errorResponses();
  for (const spec of Object.values(USE_CASES) as UseCaseSpec[]) {
    const name = spec.id.replace(/(^|\.)([a-z])/g, (_m, _dot: string, ch: string) => ch.toUpperCase());
    schemas[`${name}Request`] = schemaOf(spec.request, 'input', schemas, `${name}Request`);
    schemas[`${name}Result`] = schemaOf(spec.result, 'output', schemas, `${name}Result`);
    const statuses = [...new Set(Object.entries(OUTCOMES).map(([, o]) => o.http))];
    const responses: Record<string, unknown> = {};
    for (const status of statuses) {
      const outcomes = Object.entries(OUTCOMES)
        .filter(([, o]) => o.http === status)
        .map(([k]) => k);
      responses[String(status)] = {
        description: `Outcome: ${outcomes.join(', ')}`,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['outcome', 'result'],
              properties: {
                outcome: { type: 'string', enum: outcomes },
                result: { $ref: `#/components/schemas/${name}Result` },
              },
            },
          },
          ...(spec.progress
            ? {
                'text/event-stream': {
                  schema: {
                    type: 'string',
                    description:
                      'Server-sent events: `progress` (a progress event), then `result` ({outcome, status, result}) or `error` ({status, error}).',
                  },
                },
              }
            : {}),
        },
      };
    }
    paths[`/api/v1${spec.path}`] = {
      post: {
        operationId: spec.id,
        summary: spec.summary.en,
        description: `${spec.summary.fr}${spec.reason === undefined ? '' : `\n\nA reason is required ${spec.reason === 'always' ? 'always' : 'in production'} (field \`reason\`).`}`,
        tags: [spec.id.split('.')[0]],
        'x-quai-effect': spec.effect,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Request` } } },
        },
        responses: { ...responses, ...errors },
      },
    };
  }
  const simple = (summary: string, schema: Record<string, unknown>): Record<string, unknown> => ({
    get: {
      summary,
      responses: { '200': { description: 'OK', content: { 'application/json': { schema } } }, ...errors },
    },
  });
  const nextCursor = {
    type: 'string',
    description: 'Present when more may follow: pass it as `before` to read on',
  };
  paths['/api/v1/audit'] = simple(
    'The audit trail, newest first, as far as the user may read it (filters: actor, action, app, namespace, status, since, until, limit, before; format=csv)',
    {
      type: 'object',
      properties: { events: { type: 'array', items: { type: 'object' } }, next: nextCursor },
    },
  );
  paths['/api/v1/history'] = simple(
    'Reports kept by the server (deploys, audits, scans, backups, drills), as far as the user may read them (filters: kind, app, limit, before)',
    {
      type: 'object',
      properties: { entries: { type: 'array', items: { type: 'object' } }, next: nextCursor },
    },
  );
  const query = (name: string, required: boolean, description: string): Record<string, unknown> => ({
    name,
    in: 'query',
    required,
    description,
    schema: { type: 'string' },
  });
  /** The scope of a live view: one kind, optionally one namespace and a label selector. */
  const liveParameters = [
    query('apiVersion', true, 'v1, apps/v1, batch/v1...'),
    query('kind', true, 'Pod, Deployment, Event...'),
    query('namespace', false, 'one namespace; all the user may list when absent'),
    query('labelSelector', false, 'a label selector, as kubectl -l'),
  ];
  paths['/api/v1/objects'] = {
    get: {
      summary:
        'The objects of one kind the signed-in user may list, read from the watch cache (same query as /api/v1/watch); Secrets are never served',
      parameters: liveParameters,
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  connected: { type: 'boolean' },
                  items: { type: 'array', items: { type: 'object' } },
                },
              },
            },
          },
        },
        ...errors,
      },
    },
  };
  paths['/api/v1/watch'] = {
    get: {
      summary:
        'Live changes of one kind, as the signed-in user may see them, from the watch cache (server-sent events: snapshot, change, status, error); Secrets are never streamed',
      parameters: liveParameters,
      responses: {
        '200': {
          description: 'A stream of server-sent events',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        ...errors,
      },
    },
  };
  paths['/api/v1/auth/me'] = simple('The signed-in user, their groups and the CSRF token of their session', {
    type: 'object',
    properties: {
      user: { type: 'string' },
      groups: { type: 'array', items: { type: 'string' } },
      csrf: { type: 'string' },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quai HTTP API',
      version,
      description:
        'Every use case of Quai, acting as the signed-in user (Kubernetes impersonation). Changes need a CSRF token with a session cookie (header X-CSRF-Token); tokens are sent as Authorization: Bearer.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'quai_session' },
      },
    },
  };
}
