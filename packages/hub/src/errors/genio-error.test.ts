import { describe, expect, it } from 'vitest';
import { errorCodes, languages } from './codes.js';
import { GenioError } from './genio-error.js';

describe('GenioError', () => {
  it('renders every code in every language, with a status and an Alink code', () => {
    for (const code of Object.keys(errorCodes) as Array<keyof typeof errorCodes>) {
      const error = new GenioError(code, {
        field: 'name',
        id: 'x1',
        port: 1883,
        flag: '--mqtt-port',
        env: 'GENIO_MQTT_PORT',
      });
      for (const language of languages)
        expect(error.messageIn(language).length, `${code}/${language}`).toBeGreaterThan(3);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.toAlink().code).toBeGreaterThanOrEqual(400);
    }
  });

  it('renders the same error as problem+json, an Alink reply and speech', () => {
    const error = new GenioError('property_invalid', {
      path: 'Brightness',
      rule: 'must be an integer from 0 to 100',
      value: 140,
    });
    expect(error.toProblem('/api/v1/devices/d1/properties')).toEqual({
      type: 'https://genio.dev/problems/property_invalid',
      title: 'Invalid property value',
      status: 400,
      code: 'property_invalid',
      detail: 'Brightness: must be an integer from 0 to 100 (got 140).',
      instance: '/api/v1/devices/d1/properties',
    });
    expect(error.toAlink()).toEqual({
      code: 5093,
      message: 'Brightness: must be an integer from 0 to 100 (got 140).',
    });
    expect(error.messageIn('it')).toBe('Brightness: must be an integer from 0 to 100 (ricevuto 140).');
  });

  it('cuts long values from the end', () => {
    const error = new GenioError('property_invalid', {
      path: 'Name',
      rule: 'too long',
      value: 'x'.repeat(500),
    });
    expect(error.message.length).toBeLessThan(140);
    expect(error.message).toContain('xxx...');
  });
});
