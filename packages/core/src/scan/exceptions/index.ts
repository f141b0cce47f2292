export { applyExceptions, type ExceptionSet } from './apply.js';
export { IGNORE_FILE_NAME, isExpired, parseIgnoreFile, type IgnoreRule } from './ignore.js';
export {
  OPENVEX_CONTEXT,
  parseOpenVex,
  renderOpenVex,
  type OpenVexOptions,
  type VexStatement,
} from './openvex.js';
export { parsePurl, purlMatches, type PurlParts } from './purl.js';
