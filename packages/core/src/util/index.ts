export { parseYaml, parseYamlStream } from './yaml.js';
export { writeFileAtomic } from './fs.js';
