export { parseYaml, parseYamlLocated, parseYamlStream, yamlReason, type LocatedDocument } from './yaml.js';
export { mapLimit } from './concurrency.js';
export { readFileIfExists, readFileIfExistsSync, writeFileAtomic } from './fs.js';
export { jsonChunks } from './json-chunks.js';
export { lazily } from './lazily.js';
export { isCalendarDate, isPastDay } from './dates.js';
export { issueText, valueAt } from './zod-issue.js';
export { formatPath } from './path.js';
