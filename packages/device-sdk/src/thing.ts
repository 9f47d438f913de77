import { type ConnectOptions, connect, type Device } from './device.js';

/** The part of a thing model (TSL) that the SDK's types read. */
export interface ThingModel {
  properties?: readonly { identifier: string; dataType: { type: string } }[];
  services?: readonly { identifier: string }[];
  events?: readonly { identifier: string }[];
}

/** How a TSL data type travels in Alink JSON: bool and enum as numbers, date as a string of UTC ms. */
export type ValueOfType<T extends string> = T extends 'int' | 'float' | 'double' | 'bool' | 'enum'
  ? number
  : T extends 'text' | 'date'
    ? string
    : T extends 'struct'
      ? Record<string, unknown>
      : T extends 'array'
        ? unknown[]
        : unknown;

type PropertyList<M extends ThingModel> = NonNullable<M['properties']>[number];

/** Property values of a thing model, keyed by identifier: `PropertiesOf<typeof model>`. */
export type PropertiesOf<M extends ThingModel> = {
  [E in PropertyList<M> as E['identifier']]: ValueOfType<E['dataType']['type']>;
};

/** A product's thing model with a `connect` typed by its properties. */
export interface Thing<M extends ThingModel> {
  readonly model: M;
  connect(options: ConnectOptions): Promise<Device<PropertiesOf<M>>>;
}

/** Type a device from its thing model: `defineThing(model).connect(...)` gives typed `report` and `onSet`. */
export function defineThing<const M extends ThingModel>(model: M): Thing<M> {
  return { model, connect: (options) => connect<PropertiesOf<M>>(options) };
}
