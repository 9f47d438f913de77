import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import type { Database } from '../storage/index.js';

/** A normalized property value with the time it was measured (UTC ms). */
export interface TimedValue {
  value: unknown;
  time?: number;
}

/** One point of a property's history. */
export interface HistoryPoint {
  time: number;
  value: unknown;
}

/** Reported and desired state of devices, and their telemetry history. */
export interface Shadow {
  /** Persist reported values, append history, and announce the change. */
  report(
    device: { id: string; homeId: string },
    values: Record<string, TimedValue>,
    at: number,
  ): Promise<void>;
  setDesired(deviceId: string, values: Record<string, unknown>, at: number): Promise<void>;
  getDesired(deviceId: string, identifiers?: readonly string[]): Promise<Record<string, unknown>>;
  clearDesired(deviceId: string, identifiers: readonly string[]): Promise<void>;
  history(
    deviceId: string,
    identifier: string,
    range: { from?: number; to?: number; limit?: number },
  ): Promise<HistoryPoint[]>;
  /** Delete history older than the retention; returns the rows removed. */
  prune(olderThan: number): Promise<number>;
}

/** Create the shadow over the database. */
export function createShadow(deps: { db: Kysely<Database>; bus: Bus; keepHistory: () => boolean }): Shadow {
  const { db, bus } = deps;

  interface Pending {
    device: { id: string; homeId: string };
    rows: Array<{ device_id: string; identifier: string; value: string; time: number }>;
    properties: Record<string, unknown>;
    at: number;
    resolve: () => void;
    reject: (error: unknown) => void;
  }
  // Group commit: reports that arrive in the same turn of the event loop share one transaction.
  // Each report still resolves only after its rows are committed, so a device is never told
  // "stored" for data a crash could lose.
  let queue: Pending[] = [];
  let scheduled = false;
  const CHUNK = 500;

  async function write(batch: readonly Pending[]): Promise<void> {
    const latest = new Map<string, Pending['rows'][number]>();
    const history: Pending['rows'] = [];
    for (const item of batch) {
      for (const row of item.rows) {
        latest.set(`${row.device_id}\u0000${row.identifier}`, row);
        history.push(row);
      }
    }
    const current = [...latest.values()];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < current.length; i += CHUNK) {
        await trx
          .insertInto('device_properties')
          .values(current.slice(i, i + CHUNK))
          .onConflict((oc) =>
            oc
              .columns(['device_id', 'identifier'])
              .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), time: eb.ref('excluded.time') })),
          )
          .execute();
      }
      if (deps.keepHistory()) {
        for (let i = 0; i < history.length; i += CHUNK)
          await trx
            .insertInto('telemetry')
            .values(history.slice(i, i + CHUNK))
            .execute();
      }
    });
  }

  function settle(item: Pending): void {
    item.resolve();
    bus.emit('device.state_changed', {
      homeId: item.device.homeId,
      deviceId: item.device.id,
      properties: item.properties,
      at: item.at,
    });
  }

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue;
    queue = [];
    try {
      await write(batch);
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Pending).reject(error);
        return;
      }
      // One report can sink a shared transaction (its device was deleted a moment ago): each report
      // is then written on its own, so only the one at fault fails.
      for (const item of batch) {
        try {
          await write([item]);
        } catch (itemError) {
          item.reject(itemError);
          continue;
        }
        settle(item);
      }
      return;
    }
    for (const item of batch) settle(item);
  }

  return {
    report(device, values, at) {
      const entries = Object.entries(values);
      if (entries.length === 0) return Promise.resolve();
      const rows = entries.map(([identifier, v]) => ({
        device_id: device.id,
        identifier,
        value: JSON.stringify(v.value),
        time: v.time ?? at,
      }));
      const properties: Record<string, unknown> = {};
      for (const [identifier, v] of entries) properties[identifier] = v.value;
      return new Promise<void>((resolve, reject) => {
        queue.push({ device, rows, properties, at, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      });
    },
    async setDesired(deviceId, values, at) {
      await db.transaction().execute(async (trx) => {
        for (const [identifier, value] of Object.entries(values)) {
          const row = { device_id: deviceId, identifier, value: JSON.stringify(value), time: at };
          await trx
            .insertInto('device_desired')
            .values(row)
            .onConflict((oc) =>
              oc.columns(['device_id', 'identifier']).doUpdateSet({ value: row.value, time: at }),
            )
            .execute();
        }
      });
    },
    async getDesired(deviceId, identifiers) {
      let query = db
        .selectFrom('device_desired')
        .select(['identifier', 'value'])
        .where('device_id', '=', deviceId);
      if (identifiers?.length) query = query.where('identifier', 'in', identifiers);
      const out: Record<string, unknown> = {};
      for (const row of await query.execute()) out[row.identifier] = JSON.parse(row.value);
      return out;
    },
    async clearDesired(deviceId, identifiers) {
      if (identifiers.length === 0) return;
      await db
        .deleteFrom('device_desired')
        .where('device_id', '=', deviceId)
        .where('identifier', 'in', identifiers)
        .execute();
    },
    async history(deviceId, identifier, range) {
      let query = db
        .selectFrom('telemetry')
        .select(['time', 'value'])
        .where('device_id', '=', deviceId)
        .where('identifier', '=', identifier)
        .orderBy('time', 'desc')
        .limit(Math.min(range.limit ?? 500, 5000));
      if (range.from !== undefined) query = query.where('time', '>=', range.from);
      if (range.to !== undefined) query = query.where('time', '<=', range.to);
      const rows = await query.execute();
      return rows.reverse().map((r) => ({ time: r.time, value: JSON.parse(r.value) as unknown }));
    },
    async prune(olderThan) {
      const result = await db.deleteFrom('telemetry').where('time', '<', olderThan).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
