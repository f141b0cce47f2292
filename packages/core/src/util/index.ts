export {
  parseYaml,
  parseYamlLocated,
  parseYamlStream,
  type LocatedDocument,
  type ParseOptions,
} from './yaml.js';
export { writeFileAtomic } from './fs.js';
