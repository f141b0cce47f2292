export { parseYaml, parseYamlLocated, parseYamlStream, type LocatedDocument } from './yaml.js';
export { writeFileAtomic } from './fs.js';
