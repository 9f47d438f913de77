import { airConditioner } from './air-conditioner.js';
import { fridge } from './fridge.js';
import { light } from './light.js';
import { plug } from './plug.js';
import type { Simulator } from './types.js';
import { vacuum } from './vacuum.js';
import { wearable } from './wearable.js';

/** Every simulator, by kind. */
export const simulators: Readonly<Record<string, Simulator>> = {
  light,
  plug,
  fridge,
  vacuum,
  airConditioner,
  wearable,
};
export type { SimDevice, Simulator } from './types.js';
