export { createHaDiscoveryBridge, type HaDiscoveryBridge } from './bridge.js';
export {
  type DiscoveryConfig,
  parseDiscoveryConfig,
  parseDiscoveryTopic,
  supportedComponents,
} from './config.js';
export { type EntityMapping, mapEntity } from './mapping.js';
export { renderTemplate, UnsupportedTemplate, valueFromPayload } from './template.js';
