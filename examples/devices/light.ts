import { type Simulator, tsl } from './types.js';

/** A dimmable white light that follows what it is told. */
export const light: Simulator = {
  kind: 'light',
  category: 'light',
  productName: 'Genio simulated light',
  thingModel: {
    properties: [
      tsl.bool('power', 'Power'),
      tsl.int('brightness', 'Brightness', 0, 100, '%'),
      tsl.int('colorTemperature', 'Colour temperature', 2700, 6500, 'K'),
    ],
    services: [],
    events: [],
  },
  run(device) {
    const state: Record<string, unknown> = { power: 0, brightness: 80, colorTemperature: 4000 };
    device.onSet(async (props) => {
      Object.assign(state, props);
      await device.report(props);
    });
    void device.report(state).catch(() => {});
    return () => {};
  },
};
