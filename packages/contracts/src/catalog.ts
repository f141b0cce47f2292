/**
 * The light entry point `@quai/contracts/catalog`: the message catalog, the languages, the error
 * and exit codes and the output formats, without the schemas (no zod). The CLI loads it to answer
 * `--help` and to print errors without paying for what a command does not use; the console loads
 * it for its texts, formats and the routes of the use cases (USE_CASE_PATHS) without the schemas.
 * Everything here is also exported by the package's main entry point.
 */
export {
  ERROR_CODES,
  EXIT_CODES,
  exitCodeFor,
  isErrorCode,
  type ErrorCode,
  type ExitCode,
} from './errors.js';
export {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatTemplate,
  langFromEnvironment,
  localeOf,
  LANGS,
  type Bilingual,
  type Lang,
  type Message,
  type Param,
} from './i18n.js';
export { MESSAGES, msg, t, textOf, tr, type MessageId, type ParamsOf } from './messages/index.js';
export { OUTPUT_FORMATS } from './output-formats.js';
export { USE_CASE_PATHS } from './use-case-paths.js';
export { MAX_INLINE_BYTES } from './limits.js';
