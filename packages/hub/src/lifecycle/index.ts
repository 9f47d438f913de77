/**
 * How the composition root (hub.ts) runs the hub's parts: each declares the schema changes it needs,
 * how to start and how to stop. Started in dependency order; stopped in reverse, also when a later
 * part fails to start, so a failed start leaves nothing running and nothing half-written.
 */
import type { Migration } from '../storage/index.js';

/** A part of the hub with a lifetime: the bus, the broker, devices, the assistant, commerce, HTTP. */
export interface HubModule {
  readonly name: string;
  /** Schema changes this module needs beyond the core ones, applied before anything starts. */
  readonly migrations?: readonly Migration[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Started modules, stopped last-first. */
export interface Lifecycle {
  /** Start a module now; it will be stopped by stopAll(). */
  run(module: HubModule): Promise<void>;
  /** Register only a stop step (for parts started elsewhere, such as storage). */
  onStop(name: string, stop: () => Promise<void>): void;
  /** Stop everything started, last first; a failing stop is reported and the rest still stop. */
  stopAll(): Promise<void>;
}

/** Make a lifecycle; `report` hears stops that failed. */
export function createLifecycle(report: (name: string, error: unknown) => void): Lifecycle {
  const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
  return {
    async run(module) {
      await module.start();
      stack.push({ name: module.name, stop: () => module.stop() });
    },
    onStop(name, stop) {
      stack.push({ name, stop });
    },
    async stopAll() {
      while (stack.length) {
        const { name, stop } = stack.pop() as { name: string; stop: () => Promise<void> };
        await stop().catch((error: unknown) => report(name, error));
      }
    },
  };
}

/** The migrations every module declares, in module order, after the core ones. */
export function migrationsOf(
  core: readonly Migration[],
  modules: ReadonlyArray<Pick<HubModule, 'migrations'>>,
): Migration[] {
  return [...core, ...modules.flatMap((m) => m.migrations ?? [])];
}
