export * as audit from './audit/index.js';
export * as devcluster from './devcluster/index.js';
export * from './errors/index.js';
export * from './kube/index.js';
export { parseYaml, parseYamlStream, writeFileAtomic } from './util/index.js';
