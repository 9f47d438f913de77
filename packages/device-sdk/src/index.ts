export { backoffDelay } from './backoff.js';
export {
  type ConnectOptions,
  connect,
  type Desired,
  type Device,
  type DeviceEvents,
  type Properties,
  type Reported,
} from './device.js';
export { DeviceError, type LocalErrorCode } from './errors.js';
export {
  type AlinkReply,
  type AlinkRequest,
  eventParams,
  idSequence,
  MAX_ID,
  readReply,
  readRequest,
  reply,
  request,
} from './messages.js';
export {
  type SignedCredentials,
  type SignInput,
  type SignMethod,
  signContent,
  signCredentials,
} from './sign.js';
export { defineThing, type PropertiesOf, type Thing, type ThingModel, type ValueOfType } from './thing.js';
export { type DeviceTopics, deviceTopics, replyTopic, serviceOf } from './topics.js';
