import { type Simulator, tsl } from './types.js';

/** Smart sportswear: heart rate and steps, and now and then a fall event. */
export const wearable: Simulator = {
  kind: 'wearable',
  category: 'wearable',
  productName: 'Genio simulated sportswear',
  thingModel: {
    properties: [
      tsl.int('heartRate', 'Heart rate', 30, 220, 'bpm', 'r'),
      tsl.int('steps', 'Steps', 0, 200000, 'steps', 'r'),
      tsl.int('batteryLevel', 'Battery', 0, 100, '%', 'r'),
    ],
    services: [],
    events: [
      {
        identifier: 'fallDetected',
        name: 'Fall',
        type: 'alert',
        outputData: [
          {
            identifier: 'severity',
            name: 'Severity',
            dataType: { type: 'int', specs: { min: '1', max: '3', step: '1' } },
          },
        ],
      },
    ],
  },
  run(device, { tickMs, random }) {
    let heartRate = 70;
    let steps = 0;
    let battery = 100;
    const timer = setInterval(() => {
      heartRate = Math.round(Math.min(190, Math.max(50, heartRate + (random() - 0.45) * 8)));
      steps += Math.round(random() * 20);
      if (random() < 0.05) battery = Math.max(0, battery - 1);
      void device.report({ heartRate, steps, batteryLevel: battery }).catch(() => {});
      if (random() < 0.002) void device.emit('fallDetected', { severity: 2 }).catch(() => {});
    }, tickMs);
    return () => clearInterval(timer);
  },
};
