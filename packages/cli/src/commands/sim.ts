import { connect, type Device, DeviceError } from '@genio/device-sdk';
import type { GenioConfig } from '@genio/hub';
import { type Simulator, simulators } from '../../../../examples/devices/index.js';
import { type HubApi, type HubInfo, hubApi } from '../hub-api.js';
import { CommandError, type Io, takeOptions, UsageError } from '../io.js';
import { temporaryOperatorToken } from '../local-token.js';
import { configFrom } from './start.js';

/** The home `genio sim` puts devices in when no --home is given; found again by this name on later runs. */
export const simulationHomeName = 'Simulation';

export const simUsage = `genio sim <${Object.keys(simulators).join('|')}> [--count N] [--home <homeId>]
          [--url http://localhost:8700] [--token <token>] [--mqtt-host <host>] [--mqtt-port <port>]
          [--tick-ms 1000] [--online-timeout-ms 10000]

Asks the hub where its MQTT broker is (GET /api/v1/hub; --mqtt-host / --mqtt-port override it), registers
the simulator's product if needed, creates (or reuses) N devices and connects them with signed Alink
credentials, then waits until the hub shows them online. Without --home the devices go to the home named
"${simulationHomeName}" (created on the first run, reused after). The token comes from --token or
GENIO_TOKEN; on the hub's own machine, without one, a temporary operator token is made in the hub's
database (same --data-dir / --db-url / --config as genio start) and revoked on exit. Without --url (or
GENIO_URL) the hub is looked for on this machine at the HTTP port of that configuration.`;

interface Credentials {
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

function positiveInteger(
  value: string | boolean | undefined,
  fallback: number,
  flag: string,
  max: number,
): number {
  const number = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max)
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}`);
  return number;
}

function localUrl(config: GenioConfig): string {
  const wildcard = ['0.0.0.0', '::'].includes(config.httpHost);
  const host = wildcard
    ? '127.0.0.1'
    : config.httpHost.includes(':')
      ? `[${config.httpHost}]`
      : config.httpHost;
  return `http://${host}:${config.httpPort}`;
}

async function ensureProduct(client: HubApi, sim: Simulator): Promise<string> {
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

async function simulationHome(
  client: HubApi,
  explicit: string | undefined,
): Promise<{ id: string; name: string }> {
  if (explicit) return client.call('GET', `/api/v1/homes/${encodeURIComponent(explicit)}`);
  const me = await client.call<{ role: string; homeId: string | null }>('GET', '/api/v1/me');
  if (me.role === 'household' && me.homeId) return client.call('GET', `/api/v1/homes/${me.homeId}`);
  const homes = await client.call<Array<{ id: string; name: string }>>('GET', '/api/v1/homes');
  const earlier = homes.find((h) => h.name === simulationHomeName);
  if (earlier) return earlier;
  return client.call('POST', '/api/v1/homes', { name: simulationHomeName, language: 'en' });
}

async function connectDevice(
  creds: Credentials,
  label: string,
  host: string,
  port: number,
  brokerUrl: string,
): Promise<Device> {
  try {
    return await connect({ host, port, ...creds, connectTimeoutMs: 10_000, reconnect: { minMs: 1000 } });
  } catch (error) {
    if (error instanceof DeviceError && error.code === 'not_authorized')
      throw new CommandError(
        `the broker at ${brokerUrl} refused the credentials of "${label}" (${creds.deviceName}) (CONNACK: not authorized): it is not this hub's broker. Leave out --mqtt-host / --mqtt-port to use the one the hub gives.`,
      );
    throw new CommandError(
      `cannot connect to the MQTT broker at ${brokerUrl}: ${(error as Error).message}. If the hub is reached at another address from here, pass it with --mqtt-host.`,
    );
  }
}

// A broker that accepts anyone (a stray Mosquitto) lets the devices "connect" while the hub never sees them.
async function waitOnline(
  client: HubApi,
  listPath: string,
  ids: readonly string[],
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const want = new Set(ids);
  for (;;) {
    const online = await client.call<Array<{ id: string }>>('GET', `${listPath}&online=true`);
    const seen = online.filter((d) => want.has(d.id)).length;
    if (seen === want.size || Date.now() >= deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** `genio sim <kind> --count N`: run simulated devices against a running hub until stopped. */
export async function simCommand(argv: readonly string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { options, rest: settings } = takeOptions(argv, {
    count: 'string',
    home: 'string',
    url: 'string',
    token: 'string',
    'mqtt-host': 'string',
    'mqtt-port': 'string',
    'tick-ms': 'string',
    'online-timeout-ms': 'string',
  });
  const { config, rest } = configFrom(settings, io);
  const kind = rest[0];
  const sim = kind ? simulators[kind] : undefined;
  if (!sim || rest.length > 1)
    throw new UsageError(rest.length > 1 ? `unknown argument ${rest[1]}\n\n${simUsage}` : simUsage);
  const count = positiveInteger(options.count, 1, '--count', 20_000);
  const tickMs = positiveInteger(options['tick-ms'], 1000, '--tick-ms', 3_600_000);
  const onlineTimeoutMs = positiveInteger(
    options['online-timeout-ms'],
    10_000,
    '--online-timeout-ms',
    600_000,
  );
  const portOverride =
    options['mqtt-port'] === undefined
      ? undefined
      : positiveInteger(options['mqtt-port'], 0, '--mqtt-port', 65_535);
  const url = String(options.url ?? io.env.GENIO_URL ?? localUrl(config));

  const cleanup: Array<() => Promise<void>> = [];
  try {
    let token = String(options.token ?? io.env.GENIO_TOKEN ?? config.adminToken ?? '');
    if (!token) {
      const temporary = await temporaryOperatorToken(config, `genio sim ${sim.kind} (temporary)`);
      cleanup.push(() => temporary.release());
      token = temporary.token;
      io.err(
        'genio sim: no --token or GENIO_TOKEN; using a temporary operator token, revoked when the simulation stops',
      );
    }
    const client = hubApi(url, token);
    const info = await client.call<HubInfo>('GET', '/api/v1/hub');
    const host = typeof options['mqtt-host'] === 'string' ? options['mqtt-host'] : info.mqtt.host;
    const port = portOverride ?? info.mqtt.port;
    const brokerUrl = `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`;

    const productKey = await ensureProduct(client, sim);
    const home = await simulationHome(client, typeof options.home === 'string' ? options.home : undefined);
    const listPath = `/api/v1/devices?homeId=${encodeURIComponent(home.id)}&productKey=${encodeURIComponent(productKey)}`;
    const existing = await client.call<Array<{ id: string; name: string }>>('GET', listPath);
    const ids: string[] = [];
    const devices: Device[] = [];
    cleanup.push(() => Promise.all(devices.map((d) => d.close())).then(() => {}));
    const stops: Array<() => void> = [];
    cleanup.push(async () => {
      for (const stop of stops) stop();
    });
    for (let i = 0; i < count; i++) {
      const name = `${sim.kind} ${i + 1}`;
      const found = existing.find((d) => d.name === name);
      const creds = found
        ? await client.call<Credentials & { id?: string }>('POST', `/api/v1/devices/${found.id}/secret`)
        : await client.call<Credentials & { id: string }>('POST', '/api/v1/devices', {
            productKey,
            homeId: home.id,
            name,
          });
      ids.push(found?.id ?? (creds.id as string));
      const device = await connectDevice(creds, name, host, port, brokerUrl);
      devices.push(device);
      stops.push(sim.run(device, { tickMs, random: Math.random }));
    }
    const online = await waitOnline(client, listPath, ids, onlineTimeoutMs);
    if (online < ids.length) {
      throw new CommandError(
        `${ids.length} simulated ${sim.kind}(s) connected to ${brokerUrl}, but after ${onlineTimeoutMs} ms the hub shows ${online} online: that broker is not this hub's (the hub's is ${info.mqtt.url}). Leave out --mqtt-host / --mqtt-port to use it.`,
      );
    }
    io.out(
      `${count} simulated ${sim.kind}(s) connected to ${brokerUrl} and online in home "${home.name}" (${home.id}). Ctrl+C stops them.`,
    );
    await waitForStop(signal);
    return 0;
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }
}
