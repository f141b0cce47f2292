export { applyExceptions, type ExceptionSet } from './apply.js';
export { IGNORE_FILE_NAME, isExpired, type IgnoreRule } from './ignore.js';
export { parseIgnoreFile } from './ignore-file.js';
export { OPENVEX_CONTEXT, renderOpenVex, type OpenVexOptions, type VexStatement } from './openvex.js';
export { parseOpenVex } from './openvex-parse.js';
export { parsePurl, purlMatches, type PurlParts } from './purl.js';
