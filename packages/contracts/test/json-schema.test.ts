import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/index.js';

const root = new URL('../../../', import.meta.url);

describe('published JSON Schemas', () => {
  it('are up to date with the zod schemas (run `npm run schemas` after changing them)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const onDisk = JSON.parse(readFileSync(new URL(`schemas/${name}`, root), 'utf8')) as unknown;
      expect(onDisk, name).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('accept the examples and reject an unknown key, as editors will', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const app = ajv.compile(jsonSchemas()['app.schema.json'] as object);
    const platform = ajv.compile(jsonSchemas()['platform.schema.json'] as object);
    expect(app(parse(readFileSync(new URL('examples/annuaire/app.yaml', root), 'utf8')))).toBe(true);
    expect(platform(parse(readFileSync(new URL('examples/platform/quai.yaml', root), 'utf8')))).toBe(true);
    const settings = ajv.compile(jsonSchemas()['settings.schema.json'] as object);
    expect(settings(parse(readFileSync(new URL('examples/settings/settings.yaml', root), 'utf8')))).toBe(
      true,
    );
    expect(settings({ targets: [{ name: 'nas', location: '/srv', password: 'x' }] })).toBe(false);
    const bad = {
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name: 'x' },
      spec: { components: { web: { image: 'a:1', imagePullSecret: 'x' } } },
    };
    expect(app(bad)).toBe(false);
    expect(JSON.stringify(app.errors)).toContain('imagePullSecret');
  });
});
