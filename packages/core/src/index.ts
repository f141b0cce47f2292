export * as audit from './audit/index.js';
export * as deploy from './deploy/index.js';
export * as devcluster from './devcluster/index.js';
export * as model from './model/index.js';
export * as onboard from './onboard/index.js';
export * as render from './render/index.js';
export * from './errors/index.js';
export * from './kube/index.js';
export { mapLimit, parseYaml, parseYamlStream, writeFileAtomic } from './util/index.js';
