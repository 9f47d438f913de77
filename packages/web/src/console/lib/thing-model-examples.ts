/** The thing-model samples shipped in examples/thing-models, offered by the product form's "Insert example". */
import curtain from '../../../../../examples/thing-models/curtain.json';
import fan from '../../../../../examples/thing-models/fan.json';
import light from '../../../../../examples/thing-models/light.json';
import lock from '../../../../../examples/thing-models/lock.json';
import plug from '../../../../../examples/thing-models/plug.json';
import sensor from '../../../../../examples/thing-models/sensor.json';
import thermostat from '../../../../../examples/thing-models/thermostat.json';
import vacuum from '../../../../../examples/thing-models/vacuum.json';

/** One sample: a whole product body (name, category, thingModel, capabilities). */
export interface ThingModelExample {
  key: string;
  label: string;
  body: { name: string; category: string; thingModel: object; capabilities: Record<string, string> };
}

export const THING_MODEL_EXAMPLES: readonly ThingModelExample[] = [
  { key: 'light', label: 'Light (dimmable, colour temperature)', body: light },
  { key: 'plug', label: 'Plug', body: plug },
  { key: 'thermostat', label: 'Climate / thermostat', body: thermostat },
  { key: 'fan', label: 'Fan', body: fan },
  { key: 'curtain', label: 'Curtain / cover', body: curtain },
  { key: 'sensor', label: 'Sensor (temperature, battery)', body: sensor },
  { key: 'vacuum', label: 'Robot vacuum', body: vacuum },
  { key: 'lock', label: 'Door lock', body: lock },
];
