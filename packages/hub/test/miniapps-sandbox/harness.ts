/** Helpers for the sandbox tests: fixture bundles, a recording host bridge, a collecting log. */
import { readFileSync } from 'node:fs';
import { GenioError } from '../../src/errors/index.js';
import {
  defaultSandboxLimits,
  type HostBridge,
  type JsonValue,
  type LoadAppOptions,
  loadSandboxedApp,
  type SandboxedApp,
  type SandboxLimits,
  type SandboxLogEntry,
} from '../../src/miniapps/sandbox/index.js';

const fixtures = new URL('../fixtures/miniapps-sandbox/', import.meta.url);

/** The text of a fixture bundle. */
export function bundle(name: string): string {
  return readFileSync(new URL(`${name}.js`, fixtures), 'utf8');
}

/** A host bridge that records every call it receives and answers from a small table. */
export class RecordingBridge implements HostBridge {
  readonly calls: Array<{ method: string; args: JsonValue }> = [];
  readonly answers = new Map<string, (args: JsonValue) => JsonValue | Promise<JsonValue>>();

  async call(method: string, args: JsonValue): Promise<JsonValue> {
    this.calls.push({ method, args });
    const answer = this.answers.get(method);
    if (!answer) throw new GenioError('forbidden', { action: method });
    return answer(args);
  }
}

/** A loaded fixture with its log. */
export interface LoadedFixture {
  app: SandboxedApp;
  log: SandboxLogEntry[];
}

/**
 * CPU budget per event for fixtures that are not about time: a busy CI machine (GC, other
 * processes) must not turn a well-behaved app's event into a timeout. Runaway tests set the real one.
 */
export const relaxedCpuMs = 2_000;

/** Loads a fixture bundle; `hostMethods` defaults to storage.get and devices.control. */
export async function loadFixture(
  name: string,
  options: { limits?: Partial<SandboxLimits>; hostMethods?: string[]; log?: SandboxLogEntry[] } = {},
): Promise<LoadedFixture> {
  const log = options.log ?? [];
  const load: LoadAppOptions = {
    bundle: bundle(name),
    hostMethods: options.hostMethods ?? ['storage.get', 'devices.control'],
    limits: { ...defaultSandboxLimits, cpuMsPerEvent: relaxedCpuMs, ...options.limits },
    log: (entry) => log.push(entry),
  };
  return { app: await loadSandboxedApp(load), log };
}

/** The GenioError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<GenioError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GenioError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
