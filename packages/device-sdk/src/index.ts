export { backoffDelay } from './backoff.js';
export { type ConnectOptions, connect, type Device, type DeviceEvents, type Properties } from './device.js';
export { DeviceError } from './errors.js';
export { type AlinkReply, type AlinkRequest, idSequence } from './messages.js';
export { type SignedCredentials, type SignInput, type SignMethod, signCredentials } from './sign.js';
export { type DeviceTopics, deviceTopics } from './topics.js';
