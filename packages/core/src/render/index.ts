export {
  KIND_ORDER,
  mirrorImage,
  quantityValue,
  render,
  sortObjects,
  type RenderInput,
  type RenderNote,
  type RenderResult,
} from './render.js';
export { levelFor } from './security.js';
export { sealingKey, sealSecret, sealValue } from './seal.js';
export { fileNameFor, toYamlStream } from './serialize.js';
