import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGenioError } from '../errors/index.js';
import { loadConfig, parseConfigFlags } from './load.js';

function yamlFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'genio-config-'));
  const path = join(dir, 'genio.yaml');
  writeFileSync(path, text);
  return path;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      dataDir: './data',
      httpPort: 8700,
      mqttPort: 1883,
      logLevel: 'info',
      mqttMaxPayload: 65536,
    });
    expect(config.dbUrl).toBeUndefined();
  });

  it('layers file < environment < flags', () => {
    const file = yamlFile('httpPort: 9001\nmqttPort: 9002\nlogLevel: debug\n');
    const config = loadConfig({
      file,
      env: { GENIO_MQTT_PORT: '9102', GENIO_LOG_LEVEL: 'warn' },
      flags: { logLevel: 'error' },
    });
    expect(config).toMatchObject({ httpPort: 9001, mqttPort: 9102, logLevel: 'error' });
  });

  it('reads GENIO_ADMIN_TOKEN and postgres URLs', () => {
    const config = loadConfig({
      env: { GENIO_ADMIN_TOKEN: 'a-long-enough-token', GENIO_DB_URL: 'postgres://u@h/db' },
    });
    expect(config.adminToken).toBe('a-long-enough-token');
    expect(config.dbUrl).toBe('postgres://u@h/db');
  });

  it('names the flag for a bad flag value', () => {
    const error = errorOf(() => loadConfig({ env: {}, flags: { httpPort: 'eighty' } }));
    expect(isGenioError(error, 'config_invalid')).toBe(true);
    expect(error.message).toContain('--http-port');
  });

  it('names the environment variable for a bad environment value', () => {
    const error = errorOf(() => loadConfig({ env: { GENIO_MQTT_PORT: '70000' } }));
    expect(error.message).toContain('GENIO_MQTT_PORT');
    expect(error.message).toMatch(/65535/);
  });

  it('names the file key for a bad file value, and unknown keys', () => {
    const file = yamlFile('logLevel: loud\n');
    expect(errorOf(() => loadConfig({ env: {}, file })).message).toContain(`logLevel in ${file}`);
    const unknown = yamlFile('httpPrt: 80\n');
    expect(errorOf(() => loadConfig({ env: {}, file: unknown })).message).toContain(
      'unknown setting httpPrt',
    );
  });

  it('refuses a database URL of another engine, a short admin token, broken YAML and a missing file', () => {
    expect(errorOf(() => loadConfig({ env: {}, flags: { dbUrl: 'mysql://x' } })).message).toContain(
      '--db-url',
    );
    expect(errorOf(() => loadConfig({ env: { GENIO_ADMIN_TOKEN: 'short' } })).message).toContain(
      'at least 16',
    );
    expect(errorOf(() => loadConfig({ env: {}, file: yamlFile('a: [1,\n') })).message).toContain(
      'not valid YAML',
    );
    expect(errorOf(() => loadConfig({ env: {}, file: '/nonexistent/genio.yaml' })).message).toContain(
      'does not exist',
    );
  });
});

describe('parseConfigFlags', () => {
  it('reads --flag value and --flag=value, keeps other arguments', () => {
    const parsed = parseConfigFlags([
      '--http-port',
      '9000',
      '--log-level=debug',
      'extra',
      '--config',
      'x.yaml',
      '--json',
    ]);
    expect(parsed.flags).toEqual({ httpPort: '9000', logLevel: 'debug' });
    expect(parsed.configFile).toBe('x.yaml');
    expect(parsed.rest).toEqual(['extra', '--json']);
  });

  it('says when a flag lacks its value', () => {
    expect(errorOf(() => parseConfigFlags(['--http-port'])).message).toContain('--http-port needs a value');
  });
});
