import { type Simulator, tsl } from './types.js';

const states = ['idle', 'cleaning', 'paused', 'returning', 'charging'] as const;

/** A vacuum robot: start, pause and dock services, work states, battery that drains while cleaning. */
export const vacuum: Simulator = {
  kind: 'vacuum',
  category: 'vacuum',
  productName: 'Genio simulated vacuum',
  thingModel: {
    properties: [
      tsl.enumeration('workState', 'Work state', states, 'r'),
      tsl.int('batteryLevel', 'Battery', 0, 100, '%', 'r'),
      tsl.enumeration('fanSpeed', 'Suction', ['auto', 'low', 'medium', 'high']),
    ],
    services: [
      {
        identifier: 'start',
        name: 'Start cleaning',
        callType: 'async',
        inputData: [
          { identifier: 'area', name: 'Area', dataType: { type: 'text', specs: { length: '64' } } },
        ],
        outputData: [],
      },
      tsl.service('pause', 'Pause'),
      tsl.service('dock', 'Return to dock'),
    ],
    events: [],
  },
  run(device, { tickMs }) {
    let state: (typeof states)[number] = 'charging';
    let battery = 100;
    const report = () =>
      device.report({ workState: states.indexOf(state), batteryLevel: battery }).catch(() => {});
    device.onService('start', () => {
      state = 'cleaning';
      void report();
      return {};
    });
    device.onService('pause', () => {
      state = 'paused';
      void report();
      return {};
    });
    device.onService('dock', () => {
      state = 'returning';
      void report();
      return {};
    });
    device.onSet(async (props) => {
      await device.report(props);
    });
    void report();
    const timer = setInterval(() => {
      if (state === 'cleaning') battery = Math.max(0, battery - 2);
      if (state === 'cleaning' && battery <= 15) state = 'returning';
      else if (state === 'returning') state = 'charging';
      else if (state === 'charging') battery = Math.min(100, battery + 5);
      if (state === 'charging' && battery === 100) state = 'idle';
      void report();
    }, tickMs * 3);
    return () => clearInterval(timer);
  },
};
