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
export {
  type DeviceTopic,
  type DeviceTopicKind,
  deviceSpaceFilters,
  isInDeviceSpace,
  parseDeviceTopic,
} from './topics.js';
