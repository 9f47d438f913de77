export { onlyRecounts, requestsWithValues, stepsOf, withoutRefusals, withoutTalk } from './clauses.js';
export type { Action, Command, Property, Target, Value } from './model.js';
export { type Phrases, phrases, phraseWords } from './phrases.js';
export { type ReadInput, readCommand, withdrawn } from './read.js';
export { doorWords } from './read-lock.js';
export {
  CONFIRM_AT,
  type HomeView,
  holdsDoor,
  type Operation,
  type Resolution,
  resolve,
} from './resolve.js';
