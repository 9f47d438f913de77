export { type Check, runChecks } from './commands/doctor.js';
export type { Io } from './io.js';
export { main } from './main.js';
