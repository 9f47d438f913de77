import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, createLight, inbox, subscribe } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 20_000 });
});
afterAll(async () => t?.close());

describe('the Alink link when the hub stops', () => {
  it('rejects a command still waiting for its device with a clear error, at once', async () => {
    const { device } = await createLight(t);
    const client = await connectRaw(
      t.hub.ports.mqtt,
      alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
    );
    try {
      const box = inbox(client);
      await subscribe(client, `/sys/${device.productKey}/${device.deviceName}/thing/service/#`);
      await expect.poll(() => t.hub.devices.gateway.isConnected(device.id)).toBe(true);
      // The device hears the set and never answers.
      const waiting = t.hub.devices.commands.setProperties(device.id, { LightSwitch: 1 });
      const outcome = waiting.then(
        () => 'resolved',
        (error: { code?: string; params?: { reason?: string } }) => `${error.code}: ${error.params?.reason}`,
      );
      await box.next((m) => m.topic.endsWith('/service/property/set'));
      const started = Date.now();
      await t.hub.stop();
      const settled = await Promise.race([
        outcome,
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
      ]);
      expect(settled).toMatch(/^unavailable: .*stopping/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      client.end(true);
    }
  });
});
