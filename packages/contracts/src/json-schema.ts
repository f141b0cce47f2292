import { z } from 'zod';
import { AppSpec, PlatformConfig } from './app-spec.js';
import { PlatformSettings } from './usecases/settings.js';

/** The JSON Schemas published for editors (schemas/*.json), generated from the zod schemas. */
export function jsonSchemas(): Record<string, unknown> {
  const make = (schema: z.ZodType, id: string, title: string): unknown => ({
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }),
    $id: `https://quai.dev/schemas/${id}`,
    title,
  });
  return {
    'app.schema.json': make(AppSpec, 'app.schema.json', 'Quai app spec'),
    'platform.schema.json': make(PlatformConfig, 'platform.schema.json', 'Quai platform file'),
    'settings.schema.json': make(
      PlatformSettings,
      'settings.schema.json',
      'Quai platform settings (ConfigMap quai-settings)',
    ),
  };
}
