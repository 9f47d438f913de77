import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  createEspeakTts,
  createPocketsphinxStt,
  createSpeechService,
  createWyomingStt,
  createWyomingTts,
  type GenioConfig,
  openStorage,
} from '@genio/hub';
import { hubAddresses } from '../addresses.js';
import type { Io } from '../io.js';
import { configFrom } from './start.js';

const run = promisify(execFile);

/** The outcome of one check. */
export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

const MIN_NODE = [20, 19] as const;

function nodeCheck(version: string): Check {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'Node.js', status: 'ok', detail: `${version} (needs >= ${MIN_NODE.join('.')})` }
    : {
        name: 'Node.js',
        status: 'fail',
        detail: `${version} is too old (needs >= ${MIN_NODE.join('.')})`,
        fix: 'Install Node.js 20.19 or newer (nodejs.org, or your distribution).',
      };
}

async function sqliteDriverCheck(): Promise<Check> {
  try {
    const { default: Database } = await import('better-sqlite3');
    new Database(':memory:').close();
    return { name: 'SQLite driver', status: 'ok', detail: 'better-sqlite3 loads' };
  } catch (error) {
    return {
      name: 'SQLite driver',
      status: 'fail',
      detail: `better-sqlite3 does not load: ${(error as Error).message.split('\n')[0]}`,
      fix: 'Reinstall with a C++ toolchain present (Debian: apt-get install python3 make g++), then npm rebuild better-sqlite3.',
    };
  }
}

function dataDirCheck(dataDir: string): Check {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.doctor-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return { name: 'Data dir', status: 'ok', detail: `${dir} is writable` };
  } catch (error) {
    return {
      name: 'Data dir',
      status: 'fail',
      detail: `${dir} is not writable: ${(error as Error).message}`,
      fix: 'Choose another folder with --data-dir or GENIO_DATA_DIR, or fix its permissions.',
    };
  }
}

function portCheck(service: string, host: string, port: number, flag: string, env: string): Promise<Check> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      done({
        name: `${service} port`,
        status: 'fail',
        detail: `${host}:${port} is not free (${error.code})`,
        fix: `Stop the program holding port ${port}, or choose another with ${flag} or ${env}.`,
      });
    });
    server.listen(port, host, () => {
      server.close(() => done({ name: `${service} port`, status: 'ok', detail: `${host}:${port} is free` }));
    });
  });
}

async function databaseCheck(config: GenioConfig): Promise<Check> {
  try {
    const storage = await openStorage({ url: config.dbUrl, dataDir: config.dataDir });
    await storage.close();
    return { name: 'Database', status: 'ok', detail: `${storage.dialect} at ${storage.location} answers` };
  } catch (error) {
    return {
      name: 'Database',
      status: 'fail',
      detail: (error as Error).message,
      fix: config.dbUrl
        ? 'Check that PostgreSQL runs and the URL in --db-url / GENIO_DB_URL is right (user, password, database).'
        : 'Check the data dir (see above).',
    };
  }
}

/** Optional system tools: what each is for and how to get it on Debian/Ubuntu. */
const optionalTools = [
  {
    command: 'espeak-ng',
    args: ['--version'],
    purpose: 'spoken answers (text to speech)',
    install: 'apt-get install espeak-ng',
  },
  {
    command: 'ffmpeg',
    args: ['-version'],
    purpose: 'live streams and audio conversion',
    install: 'apt-get install ffmpeg',
  },
  {
    command: 'chromium',
    args: ['--version'],
    purpose: 'browser tests of the screen app',
    install: 'apt-get install chromium',
  },
] as const;

async function toolCheck(tool: (typeof optionalTools)[number]): Promise<Check> {
  try {
    const { stdout, stderr } = await run(tool.command, [...tool.args], { timeout: 10_000 });
    const first = `${stdout}${stderr}`.split('\n').find((l) => l.trim()) ?? 'found';
    return { name: tool.command, status: 'ok', detail: first.trim().slice(0, 80) };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      name: tool.command,
      status: 'warn',
      detail: missing
        ? `not found (optional: ${tool.purpose})`
        : `found but did not run cleanly (optional: ${tool.purpose})`,
      fix: tool.install,
    };
  }
}

/** Which languages the hub can hear and speak with this machine's engines and configuration. */
export async function speechChecks(config: GenioConfig): Promise<Check[]> {
  const speech = createSpeechService({
    stt: [
      ...(config.sttWyomingUrl ? [createWyomingStt({ url: config.sttWyomingUrl })] : []),
      createPocketsphinxStt(),
    ],
    tts: [
      ...(config.ttsWyomingUrl ? [createWyomingTts({ url: config.ttsWyomingUrl })] : []),
      createEspeakTts(),
    ],
  });
  const status = await speech.status();
  const by = (kind: 'stt' | 'tts') =>
    status.engines
      .filter((e) => e.kind === kind && e.languages.length)
      .map((e) => `${e.id}: ${e.languages.join(', ')}`)
      .join('; ');
  return [
    status.hear.length
      ? { name: 'Hearing', status: 'ok', detail: `${status.hear.join(', ')} (${by('stt')})` }
      : {
          name: 'Hearing',
          status: 'warn',
          detail: 'no language can be heard (optional: spoken commands)',
          fix: 'apt-get install pocketsphinx pocketsphinx-en-us libblas3 liblapack3 (English), or --stt-wyoming-url tcp://host:10300 (any language)',
        },
    status.speak.length
      ? { name: 'Speaking', status: 'ok', detail: `${status.speak.join(', ')} (${by('tts')})` }
      : {
          name: 'Speaking',
          status: 'warn',
          detail: 'no language can be spoken (optional: spoken answers)',
          fix: 'apt-get install espeak-ng, or --tts-wyoming-url tcp://host:10200 (piper)',
        },
  ];
}

/** Run every check; the hub's own needs fail, optional tools only warn. */
export async function runChecks(config: GenioConfig, nodeVersion = process.version): Promise<Check[]> {
  const checks: Check[] = [nodeCheck(nodeVersion), await sqliteDriverCheck(), dataDirCheck(config.dataDir)];
  checks.push(await portCheck('HTTP', config.httpHost, config.httpPort, '--http-port', 'GENIO_HTTP_PORT'));
  checks.push(await portCheck('MQTT', config.mqttHost, config.mqttPort, '--mqtt-port', 'GENIO_MQTT_PORT'));
  checks.push(await databaseCheck(config));
  for (const tool of optionalTools) checks.push(await toolCheck(tool));
  checks.push(...(await speechChecks(config)));
  return checks;
}

const marks = { ok: '✓', warn: '!', fail: '✗' } as const;

/** `genio doctor`: explain this machine. Exit 1 when the hub cannot run here. */
export async function doctorCommand(argv: readonly string[], io: Io): Promise<number> {
  const { config } = configFrom(argv, io);
  const checks = await runChecks(config);
  for (const check of checks) {
    io.out(`${marks[check.status]} ${check.name.padEnd(14)} ${check.detail}`);
    if (check.fix && check.status !== 'ok') io.out(`  ${' '.repeat(14)} fix: ${check.fix}`);
  }
  const addresses = hubAddresses(config);
  io.out('');
  io.out('Addresses for phones and devices with this configuration:');
  io.out(`  HTTP         ${addresses.http}`);
  io.out(`  MQTT         ${addresses.mqtt}`);
  if (addresses.mqttWs) io.out(`  MQTT over ws ${addresses.mqttWs}`);
  if (addresses.localOnly)
    io.out('  These work on this machine only: set --public-url for phones and devices on the network.');
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  io.out('');
  io.out(
    failed
      ? `${failed} problem(s) keep the hub from starting with this configuration.`
      : `The hub can run here.${warned ? ` ${warned} optional tool(s) missing.` : ''}`,
  );
  return failed ? 1 : 0;
}
