export { type ColourStruct, colourStruct, hexOf, parseColour, type Rgb } from './colour.js';
export { fromDeviceValue, toDeviceValue } from './convert.js';
export { keyForLabel, matchEnumLabels, matchStateLabels, normalizeLabel, valueForWord } from './match.js';
export {
  type CapabilityName,
  type Category,
  capabilityLabels,
  capabilityNames,
  categories,
  isCapabilityName,
  isCategory,
  isServiceCapability,
  type PropertyCapability,
  propertyCapabilities,
  type ServiceCapability,
  serviceCapabilities,
} from './names.js';
export { kelvinRange } from './numbers.js';
export { type ResolvedCapabilities, type ResolvedCapability, resolveCapabilities } from './resolve.js';
export { type CapabilitySpec, type CapabilityValueType, capabilitySpecs, standardValues } from './specs.js';
export { capabilityStates } from './view.js';
export {
  allStandardValues,
  fanSpeedValues,
  isStandardValue,
  lockValues,
  modeValues,
  modeValuesByCategory,
  powerValues,
  type StandardValue,
  valueLabel,
  valueLabels,
  valueWords,
  workStateValues,
} from './vocabulary.js';
