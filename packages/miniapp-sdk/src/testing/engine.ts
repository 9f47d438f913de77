/**
 * The ONE place the harness gets its JavaScript engine: the hub's own sandbox (a QuickJS engine per app
 * over a fixed WebAssembly.Memory, CPU budget, JSON-only boundary), so an app behaves in a developer's
 * tests as it will on a speaker. The packed SDK bundles it (see the build script).
 */
import { loadSandboxedApp } from '@genio/hub/miniapps/sandbox';
import type { JsonValue } from '../events.js';

/** Hard limits of one app's engine (the hub's SandboxLimits). */
export interface EngineLimits {
  memoryBytes: number;
  cpuMsPerEvent: number;
  wallMsPerEvent: number;
  stackBytes: number;
  maxHostCallsPerEvent: number;
  maxMessageBytes: number;
}

/** A line of the app's log: its console output and the errors the engine raised. */
export interface EngineLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  code?: string;
}

/** The hub side of the host API for one event. */
export interface EngineBridge {
  call(method: string, args: JsonValue): Promise<JsonValue>;
}

/** One loaded app. */
export interface EngineApp {
  handle(event: JsonValue, host: EngineBridge): Promise<JsonValue>;
  dispose(): void;
  readonly disposed: boolean;
}

/** What loading an app needs (the hub's LoadAppOptions). */
export interface EngineOptions {
  bundle: string;
  hostMethods: readonly string[];
  limits: EngineLimits;
  log(entry: EngineLogEntry): void;
}

/** Load an app's bundle into its own engine. */
export async function loadEngine(options: EngineOptions): Promise<EngineApp> {
  return loadSandboxedApp(options);
}
