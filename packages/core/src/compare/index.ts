export {
  checkData,
  MAX_WEIGHT,
  rank,
  resolveWeights,
  sensitivity,
  type CriterionSensitivity,
  type RankedOption,
  type Ranking,
  type Sensitivity,
  type WeightThreshold,
  type Weights,
} from './engine.js';
export { formatHtml, formatMarkdown, formatText, summaryLines } from './formats.js';
export { parseData, parseWeights } from './load.js';
export { studyData } from './study-data.js';
