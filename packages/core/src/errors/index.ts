export {
  ERROR_CATEGORIES,
  ERROR_CODE_CATEGORIES,
  type ErrorCategory,
  errorCategory,
  isDailyQuotaStop,
} from './error-categories.js';
export { ERROR_CODES, type Q2gErrorCode } from './error-codes.js';
export { isQ2gError, Q2gError, type Q2gErrorOptions, wrapError } from './q2g-error.js';
