// Quai's compose support against the canonical compose specification schema, read from the
// compose-spec/compose-go Go module (the schema docker compose itself validates with).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { onboard } from '../src/index.js';

const COMPOSE_GO = 'github.com/compose-spec/compose-go/v2@v2.16.2';
let schema: {
  properties: Record<string, unknown>;
  $defs: Record<string, { properties?: Record<string, unknown> }>;
};

beforeAll(() => {
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', COMPOSE_GO], {
      encoding: 'utf8',
      env: { ...process.env, GOFLAGS: '' },
    }),
  ) as { Dir: string };
  schema = JSON.parse(readFileSync(join(info.Dir, 'schema', 'compose-spec.json'), 'utf8')) as typeof schema;
}, 120_000);

describe('compose specification coverage', () => {
  it('classifies every service key of the canonical schema (none can be dropped silently)', () => {
    const keys = new Set<string>();
    for (const def of ['service', 'container_spec', 'workload_spec']) {
      for (const k of Object.keys(schema.$defs[def]?.properties ?? {})) keys.add(k);
    }
    expect(keys.size).toBeGreaterThan(80);
    const unclassified = [...keys]
      .filter((k) => !onboard.HANDLED_SERVICE_KEYS.has(k) && !(k in onboard.DROPPED_SERVICE_KEYS))
      .sort();
    expect(unclassified).toEqual([]);
  });

  it('classifies every top-level key of the canonical schema', () => {
    const unclassified = Object.keys(schema.properties).filter((k) => !(k in onboard.TOP_LEVEL_KEYS));
    expect(unclassified).toEqual([]);
  });

  it('uses example compose files that the canonical schema accepts', () => {
    const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
    const validate = ajv.compile(schema);
    for (const dir of readdirSync('examples').filter((d) => existsSync(`examples/${d}/docker-compose.yml`))) {
      const doc = parse(readFileSync(`examples/${dir}/docker-compose.yml`, 'utf8'), {
        merge: true,
      }) as unknown;
      expect(validate(doc), `${dir}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
