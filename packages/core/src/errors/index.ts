export {
  QuaiError,
  formatLocation,
  locationText,
  isAbortError,
  isQuaiError,
  toQuaiError,
  type Location,
  type QuaiErrorOptions,
} from './quai-error.js';
