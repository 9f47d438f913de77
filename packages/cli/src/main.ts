import { isGenioError } from '@genio/hub';
import { doctorCommand } from './commands/doctor.js';
import { miniappCommand, miniappUsage } from './commands/miniapp.js';
import { sayCommand, sayUsage } from './commands/say.js';
import { simCommand, simUsage } from './commands/sim.js';
import { startCommand } from './commands/start.js';
import { tokenCommand, tokenUsage } from './commands/token.js';
import { CommandError, type Io, processIo, UsageError } from './io.js';

const usage = `Usage: genio <command> [options]

Commands:
  start     Run the hub (HTTP API, screen app, console, MQTT broker)
  doctor    Check this machine: Node, data dir, ports, database, optional tools
  token     Create, list and revoke API tokens
  say       Say something to the assistant of a running hub and print its answer
  sim       Run simulated devices (light, plug, fridge, vacuum, airConditioner, wearable) against a hub
  miniapp   Make, test, pack and publish a mini-app (new, test, pack, publish, dev)
  help      Show this help

Settings (every command; also GENIO_* variables and genio.yaml):
  --data-dir <dir>      default ./data
  --http-port <port>    default 8700
  --mqtt-port <port>    default 1883
  --db-url <url>        postgres://... to use PostgreSQL (default SQLite in the data dir)
  --log-level <level>   fatal|error|warn|info|debug|trace|silent (default info)
  --config <file>       YAML settings file (default ./genio.yaml when present)

Token commands:
${tokenUsage.replace(/^/gm, '  ')}

Assistant:
${sayUsage.replace(/^/gm, '  ')}

Simulators:
${simUsage.replace(/^/gm, '  ')}

Mini-apps (docs/miniapps.md):
${miniappUsage.replace(/^/gm, '  ')}`;

type Command = (argv: readonly string[], io: Io) => Promise<number>;

const commands: Record<string, Command> = {
  start: startCommand,
  doctor: doctorCommand,
  token: tokenCommand,
  sim: simCommand,
  say: sayCommand,
  miniapp: miniappCommand,
};

/** Run the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`genio: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (isGenioError(error) || error instanceof CommandError) {
      io.err(`genio ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
