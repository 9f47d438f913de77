import { type Simulator, tsl } from './types.js';

/** A smart plug that reports its power draw while on. */
export const plug: Simulator = {
  kind: 'plug',
  category: 'plug',
  productName: 'Genio simulated plug',
  thingModel: {
    properties: [tsl.bool('power', 'Power'), tsl.float('watts', 'Power draw', 0, 3500, 0.1, 'W', 'r')],
    services: [],
    events: [],
  },
  run(device, { tickMs, random }) {
    let on = false;
    device.onSet(async (props) => {
      if ('power' in props) on = props.power === 1 || props.power === true;
      await device.report({ power: on ? 1 : 0, watts: on ? 60 : 0 });
    });
    void device.report({ power: 0, watts: 0 }).catch(() => {});
    const timer = setInterval(() => {
      if (on) void device.report({ watts: Number((55 + random() * 10).toFixed(1)) }).catch(() => {});
    }, tickMs * 10);
    return () => clearInterval(timer);
  },
};
