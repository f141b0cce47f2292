/*
 * The scan domain: base.ts (the scanner), and the parsers of other tools' reports (ingest) and of
 * ignore files and VEX documents (exceptions). A bundled command that does not read such files
 * imports base.ts instead: esbuild would otherwise bundle the namespaces below into it when
 * another command loads them with import().
 */
export * from './base.js';
export * as ingest from './ingest/index.js';
export * as exceptions from './exceptions/index.js';
