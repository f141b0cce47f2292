export {
  ERROR_CODES,
  EXIT_CODES,
  exitCodeFor,
  httpStatusFor,
  isErrorCode,
  type ErrorCode,
  type ExitCode,
} from './errors.js';
export { ErrorBody, OUTPUT_FORMATS, OutputFormat } from './output.js';
