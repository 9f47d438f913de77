import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { isGenioError } from '../src/errors/index.js';
import { startHub } from '../src/hub.js';
import { createLogger } from '../src/log/index.js';
import { startTestHub } from './harness.js';

function holdPort(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

describe('a port already in use', () => {
  it('fails with a message naming the MQTT port and the flag to change', async () => {
    const held = await holdPort();
    try {
      const error = await startTestHub('sqlite', { mqttPort: held.port }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isGenioError(error, 'port_in_use')).toBe(true);
      expect((error as Error).message).toContain(`Port ${held.port} (MQTT) is already in use`);
      expect((error as Error).message).toContain('--mqtt-port');
      expect((error as Error).message).toContain('GENIO_MQTT_PORT');
    } finally {
      await held.close();
    }
  });

  it('fails with a message naming the HTTP port and the flag to change, and releases the MQTT port it took', async () => {
    const held = await holdPort();
    const mqttFree = await holdPort();
    await mqttFree.close();
    try {
      const error = await startTestHub('sqlite', { httpPort: held.port, mqttPort: mqttFree.port }).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as Error).message).toContain(`Port ${held.port} (HTTP) is already in use`);
      expect((error as Error).message).toContain('--http-port');
      // The half-started hub must have stopped its broker: the port is free again.
      const again = createServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(mqttFree.port, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((r) => again.close(() => r()));
    } finally {
      await held.close();
    }
  });

  it('a first start that fails stores no operator token, so the next start prints one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'genio-first-'));
    const held = await holdPort();
    const config = (mqttPort: number) =>
      loadConfig({
        overrides: { dataDir, httpHost: '127.0.0.1', httpPort: 0, mqttHost: '127.0.0.1', mqttPort },
        env: {},
      });
    try {
      const failed = await startHub(config(held.port), { log: createLogger('silent') }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isGenioError(failed, 'port_in_use')).toBe(true);
      await held.close();
      const hub = await startHub(config(0), { log: createLogger('silent') });
      try {
        expect(hub.generatedOperatorToken).toMatch(/^gn_/);
        const me = await hub.http.inject({
          method: 'GET',
          url: '/api/v1/me',
          headers: { authorization: `Bearer ${hub.generatedOperatorToken}` },
        });
        expect(me.json().role).toBe('operator');
      } finally {
        await hub.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
