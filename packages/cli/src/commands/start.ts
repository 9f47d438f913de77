import { type GenioConfig, type Hub, isGenioError, loadConfig, parseConfigFlags, startHub } from '@genio/hub';
import type { Io } from '../io.js';

function urlsOf(hub: Hub): { base: string; docs: string; mqtt: string } {
  const host = ['0.0.0.0', '::'].includes(hub.config.httpHost) ? 'localhost' : hub.config.httpHost;
  const base = hub.config.publicUrl ?? `http://${host}:${hub.ports.http}`;
  const mqttHost = ['0.0.0.0', '::'].includes(hub.config.mqttHost) ? 'localhost' : hub.config.mqttHost;
  return { base, docs: `${base}/api/docs`, mqtt: `mqtt://${mqttHost}:${hub.ports.mqtt}` };
}

/** What `genio start` prints once the hub listens. */
export function banner(hub: Hub): string[] {
  const urls = urlsOf(hub);
  const lines = [
    '',
    `Genio hub is running (storage: ${hub.storage.dialect}, ${hub.storage.location})`,
    `  Console      ${urls.base}/console   (sign in with the operator token)`,
    `  Screen       ${urls.base}/          (pair it with a code from the console)`,
    `  API docs     ${urls.docs}`,
    `  Health       ${urls.base}/healthz`,
    `  HTTP port    ${hub.ports.http}`,
    `  MQTT broker  ${urls.mqtt} (port ${hub.ports.mqtt})`,
  ];
  if (hub.ports.mqttWs !== null) lines.push(`  MQTT over ws port ${hub.ports.mqttWs} (subprotocol mqtt)`);
  if (hub.ports.wyoming !== null)
    lines.push(
      `  Wyoming      tcp://${hub.config.wyomingHost}:${hub.ports.wyoming} (speech for Home Assistant)`,
    );
  if (hub.generatedOperatorToken) {
    lines.push(
      '',
      'Operator token (shown this once; it is stored only as a hash):',
      `  ${hub.generatedOperatorToken}`,
      'Paste it in the console, or use it as "Authorization: Bearer <token>". Lost it? Run: genio token create --role operator',
    );
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  return lines;
}

/** Load the configuration from genio.yaml, GENIO_* and flags. */
export function configFrom(argv: readonly string[], io: Io): { config: GenioConfig; rest: string[] } {
  const { flags, configFile, rest } = parseConfigFlags(argv);
  return { config: loadConfig({ env: io.env, flags, ...(configFile ? { file: configFile } : {}) }), rest };
}

/** `genio start`: run the hub until SIGINT/SIGTERM. */
export async function startCommand(argv: readonly string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { config, rest } = configFrom(argv, io);
  if (rest.length) {
    io.err(`genio start: unknown argument ${rest[0]}. Settings: genio help start`);
    return 2;
  }
  let hub: Hub;
  try {
    hub = await startHub(config);
  } catch (error) {
    if (isGenioError(error)) {
      io.err(`genio start: ${error.message}`);
      return 1;
    }
    throw error;
  }
  for (const line of banner(hub)) io.out(line);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  io.out('Stopping...');
  await hub.stop();
  return 0;
}
