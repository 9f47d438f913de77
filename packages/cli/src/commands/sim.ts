import { connect } from '@genio/device-sdk';
import { type Simulator, simulators } from '../../../../examples/devices/index.js';
import { type Io, takeOptions, UsageError } from '../io.js';

export const simUsage = `genio sim <${Object.keys(simulators).join('|')}> [--count N] [--home <homeId>]
          [--url http://localhost:8700] [--token <operator or household token>] [--mqtt-port 1883] [--tick-ms 1000]

Registers the simulator's product if needed, creates (or reuses) N devices in the home and connects them
over MQTT with signed Alink credentials. The token comes from --token or GENIO_TOKEN.`;

interface Api {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

function api(url: string, token: string): Api {
  return {
    async call(method, path, body) {
      const response = await fetch(new URL(path, url), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) {
        let detail = text;
        try {
          detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
        } catch {}
        throw new UsageError(`${method} ${path}: ${response.status} ${detail}`);
      }
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}

async function ensureProduct(client: Api, sim: Simulator): Promise<string> {
  const products = await client.call<Array<{ productKey: string; name: string }>>('GET', '/api/v1/products');
  const existing = products.find((p) => p.name === sim.productName);
  if (existing) return existing.productKey;
  const created = await client.call<{ productKey: string }>('POST', '/api/v1/products', {
    name: sim.productName,
    category: sim.category,
    thingModel: sim.thingModel,
    ...(sim.capabilities ? { capabilities: sim.capabilities } : {}),
  });
  return created.productKey;
}

/** `genio sim <kind> --count N`: run simulated devices against a running hub. */
export async function simCommand(argv: readonly string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { options, rest } = takeOptions(argv, {
    count: 'string',
    home: 'string',
    url: 'string',
    token: 'string',
    'mqtt-port': 'string',
    'tick-ms': 'string',
  });
  const kind = rest[0];
  const sim = kind ? simulators[kind] : undefined;
  if (!sim) throw new UsageError(simUsage);
  const count = Number(options.count ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > 20_000)
    throw new UsageError('--count must be a whole number from 1 to 20000');
  const url = String(options.url ?? 'http://localhost:8700');
  const token = String(options.token ?? io.env.GENIO_TOKEN ?? '');
  if (!token) throw new UsageError(`a token is needed: --token or GENIO_TOKEN\n\n${simUsage}`);
  const client = api(url, token);

  const productKey = await ensureProduct(client, sim);
  let homeId = typeof options.home === 'string' ? options.home : undefined;
  if (!homeId)
    homeId = (
      await client.call<{ id: string }>('POST', '/api/v1/homes', { name: 'Simulation', language: 'en' })
    ).id;
  const existing = await client.call<Array<{ id: string; name: string }>>(
    'GET',
    `/api/v1/devices?homeId=${homeId}&productKey=${productKey}`,
  );

  const mqttPort = Number(options['mqtt-port'] ?? 1883);
  const tickMs = Number(options['tick-ms'] ?? 1000);
  const host = new URL(url).hostname;
  const stops: Array<() => void> = [];
  const devices: Array<{ close(): Promise<void> }> = [];
  for (let i = 0; i < count; i++) {
    const name = `${sim.kind} ${i + 1}`;
    const found = existing.find((d) => d.name === name);
    const creds = found
      ? await client.call<{ productKey: string; deviceName: string; deviceSecret: string }>(
          'POST',
          `/api/v1/devices/${found.id}/secret`,
        )
      : await client.call<{ productKey: string; deviceName: string; deviceSecret: string }>(
          'POST',
          '/api/v1/devices',
          { productKey, homeId, name },
        );
    const device = await connect({
      host,
      port: mqttPort,
      productKey: creds.productKey,
      deviceName: creds.deviceName,
      deviceSecret: creds.deviceSecret,
    });
    devices.push(device);
    stops.push(sim.run(device, { tickMs, random: Math.random }));
  }
  io.out(
    `${count} simulated ${sim.kind}(s) connected to ${host}:${mqttPort} in home ${homeId}. Ctrl+C stops them.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  for (const stop of stops) stop();
  await Promise.all(devices.map((d) => d.close()));
  return 0;
}
