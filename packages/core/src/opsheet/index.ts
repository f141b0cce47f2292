export { buildSheet, MAX_LISTED, shellWord, type LiveState, type SheetInputs } from './build.js';
export { sheetDocument, sheetHtml, sheetMarkdown } from './format.js';
export {
  addressOf,
  componentsOf,
  dependenciesOf,
  endpointsOf,
  imageVersion,
  secretsOf,
  volumesOf,
} from './objects.js';
export { specDependencies } from './spec.js';
