export {
  type ConnectCredentials,
  type ParsedCredentials,
  parseConnectCredentials,
  type SignMethod,
  sign,
  signContent,
  signMethods,
  verifyPassword,
} from './credentials.js';
export { type AlinkReply, type AlinkRequest, buildReply, buildRequest, parseRequest } from './messages.js';
export { type DeviceTopic, type DeviceTopicKind, isInDeviceSpace, parseDeviceTopic } from './topics.js';
