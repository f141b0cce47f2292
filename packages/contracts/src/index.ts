// The package's main entry point: only `export * from` lines. The CLI's bundle (esbuild, code
// splitting) loads a module's whole file graph once one of its names is re-exported by name from
// here: a named re-export (`export { msg } from`) would make every command that imports msg load
// usecases/all.ts, so every domain's use-case schemas (scripts/bundle-cli.ts; a bundle test
// checks that `quai import compose` does not).
export * from './errors.js';
export * from './output.js';
export * from './app-spec.js';
export * from './json-schema.js';
export * from './i18n.js';
export * from './messages/index.js';
export * from './outcomes.js';
export * from './progress.js';
export * from './usecase.js';
export * from './usecases/index.js';
export * from './use-case-paths.js';
export * from './compare.js';
export * from './cluster-inventory.js';
export * from './limits.js';
