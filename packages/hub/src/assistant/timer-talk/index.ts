export { performTimerTalk } from './perform.js';
export { type AskedTimer, readTimerTalk, type TimerTalk, type TimerTalkContext } from './read.js';
