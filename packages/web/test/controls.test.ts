import type { CapabilityState } from '@genio/contracts';
import { describe, expect, it } from 'vitest';
import { controlsFor } from '../src/screen/devices/controls.js';

// The screen draws controls from the hub's capability states only: bounds, units and read-only come from them.

const power: CapabilityState = { name: 'power', writable: true, type: 'boolean', value: true };
const brightness: CapabilityState = {
  name: 'brightness',
  writable: true,
  type: 'number',
  min: 0,
  max: 100,
  step: 1,
  unit: '%',
};

describe('controls drawn from capability states', () => {
  it('draws a switch and a slider with the bounds the hub gives', () => {
    expect(controlsFor([brightness, power])).toEqual([
      { kind: 'power', capability: 'power' },
      { kind: 'range', capability: 'brightness', min: 0, max: 100, step: 1, unit: '%' },
    ]);
  });

  it('shows a read-only capability as a reading and never as a control', () => {
    const temperature: CapabilityState = {
      ...brightness,
      name: 'targetTemperature',
      writable: false,
      unit: '°C',
    };
    const current: CapabilityState = {
      ...brightness,
      name: 'currentTemperature',
      writable: false,
      unit: '°C',
    };
    expect(controlsFor([{ ...power, writable: false }, temperature, current])).toEqual([
      { kind: 'reading', capability: 'currentTemperature', unit: '°C' },
    ]);
  });

  it('draws an enum fan speed as a choice of the hub’s words and services as buttons', () => {
    const fanSpeed: CapabilityState = {
      name: 'fanSpeed',
      writable: true,
      type: 'enum',
      options: ['low', 'high'],
    };
    const start: CapabilityState = { name: 'start', writable: true, type: 'service' };
    const dock: CapabilityState = { name: 'dock', writable: true, type: 'service' };
    expect(controlsFor([dock, fanSpeed, start])).toEqual([
      { kind: 'choice', capability: 'fanSpeed', options: ['low', 'high'] },
      { kind: 'services', services: ['start', 'dock'] },
    ]);
  });

  it('shows humidity and CO2 as readings, a humidity set point as a stepper and a swing as a switch', () => {
    const reading = (name: CapabilityState['name'], unit: string): CapabilityState => ({
      ...brightness,
      name,
      writable: false,
      unit,
    });
    const target: CapabilityState = { ...brightness, name: 'targetHumidity', min: 35, max: 70, step: 5 };
    const oscillation: CapabilityState = {
      name: 'oscillation',
      writable: true,
      type: 'boolean',
      value: false,
    };
    expect(
      controlsFor([reading('co2', 'ppm'), oscillation, reading('currentHumidity', '%'), target, power]),
    ).toEqual([
      { kind: 'power', capability: 'power' },
      { kind: 'toggle', capability: 'oscillation' },
      { kind: 'stepper', capability: 'targetHumidity', min: 35, max: 70, step: 5, unit: '%' },
      { kind: 'reading', capability: 'currentHumidity', unit: '%' },
      { kind: 'reading', capability: 'co2', unit: 'ppm' },
    ]);
    expect(controlsFor([{ ...oscillation, writable: false }])).toEqual([]);
  });

  it('shows a lock with its state, with a button only when it can be set', () => {
    const lock: CapabilityState = {
      name: 'lock',
      writable: true,
      type: 'enum',
      options: ['locked', 'unlocked'],
      value: 'locked',
    };
    expect(controlsFor([lock, power])).toEqual([
      { kind: 'power', capability: 'power' },
      { kind: 'lock', capability: 'lock', writable: true },
    ]);
    expect(controlsFor([{ ...lock, writable: false }])).toEqual([
      { kind: 'lock', capability: 'lock', writable: false },
    ]);
  });
});
