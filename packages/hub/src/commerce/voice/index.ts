export { announceReadyOrders } from './announce.js';
export {
  createVoiceOrdering,
  type OrderingCard,
  type OrderingReply,
  type OrderingTurn,
  type VoiceOrdering,
} from './ordering.js';
export { type OrderingRequest, readOrdering } from './phrases.js';
export { type PhraseKey, say } from './replies.js';
export { type ConversationAnswer, type Converse, withVoiceOrdering } from './turns.js';
