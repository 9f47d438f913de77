export { fromDeviceValue, toDeviceValue } from './convert.js';
export { matchEnumLabels, normalizeLabel } from './labels.js';
export {
  colourStructFields,
  type ResolvedCapabilities,
  type ResolvedCapability,
  resolveCapabilities,
} from './resolve.js';
export {
  type CapabilityKind,
  type CapabilityName,
  type CapabilitySpec,
  type Category,
  capabilityLabels,
  capabilityNames,
  capabilitySpecs,
  categories,
  type PropertyCapability,
  propertyCapabilities,
  serviceCapabilities,
  standardValues,
  valueLabel,
  valueWords,
} from './vocabulary.js';
