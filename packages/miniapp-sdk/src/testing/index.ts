export type { EngineLogEntry } from './engine.js';
export {
  createFakeHome,
  type FakeHome,
  type FakeHomeOptions,
  HostCallError,
  type RecordedCommand,
  type RecordedPayment,
} from './fake-home.js';
export {
  createTestHarness,
  type Exchange,
  hostMethodsOf,
  limitsOf,
  NotRecognisedError,
  type TestHarness,
  type TestHarnessOptions,
} from './harness.js';
export {
  compileSentence,
  matchIntent,
  matchInvocation,
  normalise,
  TemplateSyntaxError,
} from './sentences.js';
