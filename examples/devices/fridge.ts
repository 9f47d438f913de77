import { clamp, type Simulator, tsl } from './types.js';

/** A fridge with two compartments whose temperatures drift toward their targets, with a door event. */
export const fridge: Simulator = {
  kind: 'fridge',
  category: 'fridge',
  productName: 'Genio simulated fridge',
  thingModel: {
    properties: [
      tsl.int('targetTemperature', 'Fridge target', 1, 8, '°C'),
      tsl.int('freezerTargetTemperature', 'Freezer target', -24, -14, '°C'),
      tsl.float('currentTemperature', 'Fridge temperature', -5, 20, 0.1, '°C', 'r'),
      tsl.float('freezerTemperature', 'Freezer temperature', -30, 10, 0.1, '°C', 'r'),
      tsl.enumeration('mode', 'Mode', ['normal', 'eco', 'quickfreeze']),
    ],
    services: [],
    events: [
      {
        identifier: 'doorOpenTooLong',
        name: 'Door open too long',
        type: 'alert',
        outputData: [
          {
            identifier: 'seconds',
            name: 'Seconds',
            dataType: { type: 'int', specs: { min: '0', max: '3600', step: '1' } },
          },
        ],
      },
    ],
  },
  run(device, { tickMs, random }) {
    const state = {
      targetTemperature: 4,
      freezerTargetTemperature: -18,
      currentTemperature: 6,
      freezerTemperature: -15,
      mode: 0,
    };
    device.onSet(async (props) => {
      Object.assign(state, props);
      await device.report(props);
    });
    void device.report(state).catch(() => {});
    const timer = setInterval(() => {
      const drift = (current: number, target: number) =>
        clamp(current + (target - current) * 0.2 + (random() - 0.5) * 0.3, -30, 20, 0.1);
      state.currentTemperature = drift(state.currentTemperature, state.targetTemperature);
      state.freezerTemperature = drift(state.freezerTemperature, state.freezerTargetTemperature);
      void device
        .report({
          currentTemperature: state.currentTemperature,
          freezerTemperature: state.freezerTemperature,
        })
        .catch(() => {});
      if (random() < 0.01) void device.emit('doorOpenTooLong', { seconds: 90 }).catch(() => {});
    }, tickMs * 5);
    return () => clearInterval(timer);
  },
};
