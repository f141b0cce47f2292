// `export *`, not `export { ... } from`: esbuild then bundles a module of this folder only into the
// commands that use it (a named re-export used by one command drags its module, and the YAML
// library or zod's locale behind it, into every command that imports this index; issue 19).
export * from './yaml.js';
export * from './concurrency.js';
export * from './fs.js';
export * from './json-chunks.js';
export * from './lazily.js';
export * from './dates.js';
export * from './zod-issue.js';
export * from './path.js';
export * from './compare.js';
