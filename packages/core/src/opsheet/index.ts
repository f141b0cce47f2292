export { buildSheet, shellWord, type LiveState, type SheetInputs } from './build.js';
export { sheetHtml, sheetMarkdown } from './format.js';
export { addressOf, componentsOf, imageVersion } from './objects.js';
