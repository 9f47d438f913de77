/**
 * Launch a server under test in its own Node process: `node --import tsx bench/servers/<x>.ts`.
 * The child prints one JSON line `{"port":N,...}` on stdout when it listens; it is stopped with
 * SIGTERM (SIGKILL after a grace period) and also exits by itself when our end of its stdin closes,
 * so a crashed runner does not leave servers behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { processCpuSeconds, processMemoryMiB } from './proc.js';

/** The monorepo root (bench/lib/../..). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running server process. */
export interface ServerHandle {
  name: string;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Everything else the server announced besides the port. */
  info: Record<string, unknown>;
  /** CPU seconds (user + system) the process has used so far; null where /proc is not available. */
  cpuSeconds(): number | null;
  /** Resident and peak resident memory of the process in MiB; null where /proc is not available. */
  memoryMiB(): { rss: number; peak: number } | null;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra environment for the child (merged over ours). */
  env?: Record<string, string>;
  /** Give up if the server has not announced its port by then. */
  startTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
// SIGTERM, not SIGKILL: the server then still removes its temp data (it force-exits after 4 s by itself).
process.once('exit', () => {
  for (const child of live) child.kill('SIGTERM');
});

/** Start bench/servers/<name>.ts and wait for its `{"port":N}` line. */
export async function launchServer(name: string, options: LaunchOptions = {}): Promise<ServerHandle> {
  const script = join(repoRoot, 'bench', 'servers', `${name}.ts`);
  // BENCH_SERVER_NODE_ARGS adds flags to the server only (for example --cpu-prof), which NODE_OPTIONS cannot carry.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail.push(chunk);
    if (stderrTail.length > 50) stderrTail.shift();
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });

  const announced = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const stderr = stderrTail.join('').trim();
      reject(new Error(`server ${name} ${why}${stderr ? `:\n${stderr}` : ''}`));
    };
    const timer = setTimeout(() => fail(`did not announce its port within ${timeoutMs} ms`), timeoutMs);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return; // not our announcement; ignore stray output
      }
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        typeof (parsed as { port?: unknown }).port === 'number'
      ) {
        clearTimeout(timer);
        lines.close();
        child.stdout?.resume(); // keep draining so the child never blocks on a full pipe
        resolve(parsed as Record<string, unknown>);
      }
    });
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
  });

  const port = announced.port as number;
  const { port: _port, ...info } = announced;
  const pid = child.pid as number;
  return {
    name,
    pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    info,
    cpuSeconds: () => processCpuSeconds(pid),
    memoryMiB: () => processMemoryMiB(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
