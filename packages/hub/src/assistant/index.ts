export {
  type Assistant,
  answerWords,
  CONFIRM_BELOW,
  createAssistant,
  type TurnRequest,
  type TurnResponse,
} from './assistant.js';
export { type Phrases as CommandPhrases, phrases as commandPhrases } from './command/index.js';
export type { Card } from './dispatch.js';
export type {
  IntentDefinition,
  IntentRegistry,
  IntentReply,
  IntentRequest,
  RegisteredIntent,
} from './intents.js';
export { createLlmFallback, type LlmFallback } from './llm-fallback.js';
export { loadGrammar, loadGrammars } from './nlu/grammar.js';
export { tokenize } from './nlu/normalize.js';
export { readNumber } from './nlu/numbers.js';
export {
  type Grammar,
  LanguageRecognizer,
  type ListEntry,
  numberSlots,
  type Recognition,
} from './nlu/recognizer.js';
export { parseRules, parseTemplate, type TemplateNode } from './nlu/template.js';
export { MAX_TIMER_SECONDS, type Timers } from './timers.js';
