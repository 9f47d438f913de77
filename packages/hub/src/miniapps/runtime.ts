/**
 * Loaded apps: one sandboxed runtime per app version, loaded on its first event and kept while it
 * is healthy. A runtime the sandbox disposed (out of memory, over its time) is never reused: the
 * next event loads a fresh one. Events to one runtime run one at a time. Every failure is written
 * to the developer's log; the caller gets it as a GenioError to turn into a polite answer.
 */
import { type MiniAppEvent, type MiniAppManifest, type MiniAppResult, miniAppLimits } from '@genio/contracts';
import { GenioError, isGenioError } from '../errors/index.js';
import type { MiniAppCatalog } from './catalog.js';
import { type HostApi, type HostCallContext, hostMethods } from './host-api.js';
import type { MiniAppLogs } from './logs.js';
import { checkResult } from './results.js';
import type { JsonValue, LoadAppOptions, SandboxedApp, SandboxLimits } from './sandbox/types.js';

/** How an app's bundle is loaded into a sandbox (the sandbox module's `loadSandboxedApp`). */
export type AppLoader = (options: LoadAppOptions) => Promise<SandboxedApp> | SandboxedApp;

/** The outcome of one event. */
export type EventOutcome = { ok: true; result: MiniAppResult } | { ok: false; error: GenioError };

/** The sandbox limits of an app, from its manifest capped by the platform. */
export function limitsOf(manifest: MiniAppManifest): SandboxLimits {
  const memoryMb = Math.min(
    manifest.resources?.memoryMb ?? miniAppLimits.memoryMb.default,
    miniAppLimits.memoryMb.max,
  );
  const cpuMs = Math.min(
    manifest.resources?.cpuMsPerEvent ?? miniAppLimits.cpuMsPerEvent.default,
    miniAppLimits.cpuMsPerEvent.max,
  );
  return {
    memoryBytes: memoryMb * 1024 * 1024,
    cpuMsPerEvent: cpuMs,
    // Host calls (a fetch may take seconds) count against the wall clock, not the CPU budget.
    wallMsPerEvent: cpuMs + 8000,
    stackBytes: 512 * 1024,
    maxHostCallsPerEvent: 64,
    maxMessageBytes: 64 * 1024,
  };
}

interface Loaded {
  app: SandboxedApp;
  /** The home of the event running now, for the log lines the sandbox writes. */
  homeId: string | null;
  queue: Promise<unknown>;
}

/** Build the runtime pool. */
export function createMiniAppRuntimes(deps: {
  load: AppLoader;
  catalog: MiniAppCatalog;
  logs: MiniAppLogs;
  host: HostApi;
  onLogFailure?: (error: unknown) => void;
}) {
  const loaded = new Map<string, Promise<Loaded>>();
  const keyOf = (appId: string, version: string) => `${appId}@${version}`;

  const write = (appId: string, line: Parameters<MiniAppLogs['write']>[1]) => {
    deps.logs.write(appId, line).catch((error: unknown) => deps.onLogFailure?.(error));
  };

  async function loadRuntime(appId: string, version: string, manifest: MiniAppManifest): Promise<Loaded> {
    const bundle = await deps.catalog.bundle(appId, version);
    const entry: Loaded = {
      app: undefined as unknown as SandboxedApp,
      homeId: null,
      queue: Promise.resolve(),
    };
    entry.app = await deps.load({
      bundle,
      hostMethods,
      limits: limitsOf(manifest),
      log: (line) => write(appId, { ...line, code: line.code ?? null, version, homeId: entry.homeId }),
    });
    return entry;
  }

  async function runtime(appId: string, version: string, manifest: MiniAppManifest): Promise<Loaded> {
    const key = keyOf(appId, version);
    let found = loaded.get(key);
    if (found !== undefined) {
      const current = await found.catch(() => null);
      if (!current || current.app.disposed) {
        loaded.delete(key);
        found = undefined;
      }
    }
    if (found === undefined) {
      found = loadRuntime(appId, version, manifest);
      loaded.set(key, found);
      found.catch(() => loaded.delete(key));
    }
    return found;
  }

  function asGenio(error: unknown): GenioError {
    if (isGenioError(error)) return error;
    const code = (error as { code?: unknown })?.code;
    const message = error instanceof Error ? error.message : String(error);
    return new GenioError('unavailable', {
      reason: `${typeof code === 'string' ? `${code}: ` : ''}${message}`,
    });
  }

  return {
    /** Deliver an event to the app for this home; never throws. */
    async deliver(ctx: HostCallContext, event: MiniAppEvent): Promise<EventOutcome> {
      const line = (message: string, code: string | null) =>
        write(ctx.appId, { level: 'error', message, code, version: ctx.version, homeId: ctx.homeId });
      let entry: Loaded;
      try {
        entry = await runtime(ctx.appId, ctx.version, ctx.manifest);
      } catch (error) {
        const genio = asGenio(error);
        line(
          `the app could not be loaded: ${genio.message}`,
          (error as { code?: string })?.code ?? genio.code,
        );
        return { ok: false, error: genio };
      }
      const bridge = deps.host.bridge(ctx, (method, error) =>
        line(`host call ${method} refused: ${error.message}`, error.code),
      );
      const run = entry.queue.then(async (): Promise<EventOutcome> => {
        entry.homeId = ctx.homeId;
        try {
          const raw = await entry.app.handle(event as unknown as JsonValue, bridge);
          try {
            return { ok: true, result: checkResult(raw) };
          } catch (error) {
            const genio = asGenio(error);
            line(`the app's answer was refused: ${genio.message}`, genio.code);
            return { ok: false, error: genio };
          }
        } catch (error) {
          const genio = asGenio(error);
          const code = (error as { code?: unknown })?.code;
          line(
            `${event.type} event failed${entry.app.disposed ? ' (the runtime was stopped and will be replaced)' : ''}: ${
              error instanceof Error ? error.message : String(error)
            }`,
            typeof code === 'string' ? code : genio.code,
          );
          return { ok: false, error: genio };
        } finally {
          entry.homeId = null;
        }
      });
      entry.queue = run.catch(() => {});
      return run;
    },
    /** Free an app's runtimes (all versions, or one). */
    async drop(appId: string, version?: string): Promise<void> {
      for (const [key, found] of [...loaded]) {
        if (version ? key !== keyOf(appId, version) : !key.startsWith(`${appId}@`)) continue;
        loaded.delete(key);
        const entry = await found.catch(() => null);
        entry?.app.dispose();
      }
    },
    /** Free every runtime. */
    async stopAll(): Promise<void> {
      const all = [...loaded.values()];
      loaded.clear();
      for (const found of all) (await found.catch(() => null))?.app.dispose();
    },
    /** How many runtimes are loaded (for tests and the console). */
    size: () => loaded.size,
  };
}

/** The runtime pool. */
export type MiniAppRuntimes = ReturnType<typeof createMiniAppRuntimes>;
