import { clamp, type Simulator, tsl } from './types.js';

/** An air conditioner: power, mode, fan speed, target temperature; the room drifts toward the target while on. */
export const airConditioner: Simulator = {
  kind: 'airConditioner',
  category: 'airConditioner',
  productName: 'Genio simulated air conditioner',
  thingModel: {
    properties: [
      tsl.bool('power', 'Power'),
      tsl.enumeration('mode', 'Mode', ['auto', 'cool', 'heat', 'dry', 'fan']),
      tsl.enumeration('fanSpeed', 'Fan speed', ['auto', 'low', 'medium', 'high']),
      tsl.float('targetTemperature', 'Target temperature', 16, 30, 0.5, '°C'),
      tsl.float('currentTemperature', 'Room temperature', -10, 50, 0.1, '°C', 'r'),
    ],
    services: [],
    events: [],
  },
  run(device, { tickMs, random }) {
    const state = { power: 0, mode: 0, fanSpeed: 0, targetTemperature: 24, currentTemperature: 27 };
    device.onSet(async (props) => {
      Object.assign(state, props);
      await device.report(props);
    });
    void device.report(state).catch(() => {});
    const timer = setInterval(() => {
      const target = state.power ? state.targetTemperature : 27;
      state.currentTemperature = clamp(
        state.currentTemperature + (target - state.currentTemperature) * 0.1 + (random() - 0.5) * 0.2,
        -10,
        50,
        0.1,
      );
      void device.report({ currentTemperature: state.currentTemperature }).catch(() => {});
    }, tickMs * 5);
    return () => clearInterval(timer);
  },
};
