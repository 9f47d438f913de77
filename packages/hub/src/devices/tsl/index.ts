export { parseDataType, parseThingModel } from './parse.js';
export type {
  ArrayDataType,
  BoolDataType,
  DataType,
  DataTypeName,
  DateDataType,
  EnumDataType,
  Field,
  NumericDataType,
  Property,
  Service,
  StructDataType,
  TextDataType,
  ThingEvent,
  ThingModel,
} from './types.js';
export { dataTypeNames, reservedIdentifiers, tslLimits } from './types.js';
export {
  type TimedValue,
  validateEventOutput,
  validatePropertyValues,
  validateServiceInput,
  validateValue,
} from './validate.js';
