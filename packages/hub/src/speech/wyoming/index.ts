export {
  createWyomingStt,
  createWyomingTts,
  describeWyoming,
  genioLanguage,
  openWyoming,
  parseWyomingUrl,
  type WyomingInfo,
} from './client.js';
export { EventReader, encodeEvent, type WyomingEvent, WyomingProtocolError } from './protocol.js';
export { createWyomingServer, type WyomingServerDeps } from './server.js';
