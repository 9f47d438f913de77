import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, createLight } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// Several hubs may share one database: each answers for the device sessions it holds, and only those.
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.close());

const hubId = () => readFileSync(join(t.hub.config.dataDir, 'hub-id'), 'utf8').trim();
const online = async (id: string) => (await t.request('GET', `/api/v1/devices/${id}`)).json().online;
const heldBy = (id: string, hub: string) =>
  t.hub.storage.db.updateTable('devices').set({ online: 1, session_hub: hub }).where('id', '=', id).execute();

describe('device presence belongs to the hub holding the session', () => {
  it('a restart ends the sessions this hub held and leaves those of other hubs alone', async () => {
    const mine = await createLight(t);
    const theirs = await createLight(t);
    await heldBy(mine.device.id, hubId());
    await heldBy(theirs.device.id, 'hub_elsewhere');
    const before = hubId();
    await t.restart();
    expect(hubId()).toBe(before);
    expect(await online(mine.device.id)).toBe(false);
    expect(await online(theirs.device.id)).toBe(true);
  });

  it('records the hub of a connection, and a disconnect here does not end a session another hub took', async () => {
    const { device } = await createLight(t);
    const client = await connectRaw(
      t.hub.ports.mqtt,
      alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
    );
    await expect.poll(() => online(device.id)).toBe(true);
    const row = await t.hub.storage.db
      .selectFrom('devices')
      .select('session_hub')
      .where('id', '=', device.id)
      .executeTakeFirstOrThrow();
    expect(row.session_hub).toBe(hubId());
    // The device moved to another hub sharing the database; then its old connection here drops.
    await heldBy(device.id, 'hub_elsewhere');
    client.end(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await online(device.id)).toBe(true);
  });
});
