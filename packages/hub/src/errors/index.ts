export { type ErrorCode, errorCodes, type Language, languages } from './codes.js';
export { type ErrorParams, GenioError, isGenioError, type ProblemDetails } from './genio-error.js';
