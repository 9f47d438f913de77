export {
  createHaDiscoveryBridge,
  DEFAULT_HOME_NAME,
  deviceNameFor,
  type HaDiscoveryBridge,
  type HaDiscoveryStats,
  PRODUCT_PREFIX,
} from './bridge.js';
export {
  type DiscoveryConfig,
  DiscoveryError,
  parseDiscoveryConfig,
  parseDiscoveryTopic,
  supportedComponents,
} from './config.js';
export { CommandRefused, type EntityMapping, mapEntity } from './mapping.js';
export {
  checkTemplate,
  renderTemplate,
  TemplateValueMissing,
  UnsupportedTemplate,
  valueFromPayload,
} from './template.js';
