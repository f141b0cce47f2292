export {
  QuaiError,
  formatLocation,
  isAbortError,
  isQuaiError,
  toQuaiError,
  type Location,
  type QuaiErrorOptions,
} from './quai-error.js';
