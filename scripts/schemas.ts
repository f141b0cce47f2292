/** Writes schemas/*.json from the zod schemas: `npm run schemas`. A test checks they are current. */
import { writeFileSync } from 'node:fs';
import { jsonSchemas } from '@quai/contracts';

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schemas/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`schemas/${name}\n`);
}
