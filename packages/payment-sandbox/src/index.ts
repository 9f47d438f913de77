export { type Fault, type Operation, parseFault } from './faults.js';
export type { Intent, IntentStatus } from './intents.js';
export { createSandbox, type Sandbox, type SandboxOptions } from './server.js';
export { checkSignature, SIGNATURE_HEADER, sign, TOLERANCE_SECONDS } from './signing.js';
export type { EventType, NetworkEvent } from './webhooks.js';
