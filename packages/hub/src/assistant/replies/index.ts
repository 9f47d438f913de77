export {
  type Agreement,
  agreementOf,
  type Gender,
  type GenderedLanguage,
  type Genders,
  genderedLanguages,
} from './gender.js';
export {
  formatList,
  formatNumber,
  formatPercent,
  formatTemperature,
  formatValue,
  locales,
} from './numbers.js';
export { capitalize, type Mention, type Phrase, phraseOf, withPreposition } from './phrases.js';
export {
  agree,
  fill,
  type Problem,
  type State,
  sayDone,
  sayNoValue,
  sayProblem,
  sayState,
  sayTargets,
  sayTemplate,
  sayValue,
  type Templates,
} from './sentences.js';
export { asWritten, slotsAsWritten } from './wording.js';
