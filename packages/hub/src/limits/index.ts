export { createFailureLimiter, type FailureLimiter, type FailureLimits } from './failures.js';
