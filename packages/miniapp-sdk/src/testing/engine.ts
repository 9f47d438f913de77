/**
 * The ONE place the harness gets its JavaScript engine. It must be the hub's own sandbox
 * (`loadSandboxedApp` of packages/hub/src/miniapps/sandbox), so an app behaves in a developer's tests
 * as it will on a speaker.
 *
 * PLACEHOLDER until the hub's sandbox is merged: this evaluates the bundle in a `node:vm` context. That
 * is NOT a security boundary (it is the developer's own code on the developer's machine) and it does not
 * enforce the memory cap. When the sandbox lands, replace the body of `loadEngine` with the hub import;
 * nothing else in the harness changes.
 */
import { createContext, Script } from 'node:vm';
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

/** An error the engine raised itself, with the stable code the hub uses. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

const copy = (value: unknown, maxBytes: number, what: string): JsonValue => {
  const text = JSON.stringify(value ?? null);
  if (Buffer.byteLength(text) > maxBytes)
    throw new EngineError('miniapp_too_large', `${what} is larger than ${maxBytes} bytes`);
  return JSON.parse(text) as JsonValue;
};

/** Load an app's bundle into its own engine. */
export async function loadEngine(options: EngineOptions): Promise<EngineApp> {
  type Handler = (event: JsonValue, host: unknown) => unknown;
  let handler: Handler | null = null;
  const say =
    (level: EngineLogEntry['level']) =>
    (...parts: unknown[]) =>
      options.log({
        level,
        message: parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '),
      });
  const context = createContext({
    genio: {
      register(app: { handle?: Handler }) {
        if (typeof app?.handle !== 'function')
          throw new TypeError('genio.register needs { handle(event, host) }');
        handler = app.handle.bind(app);
      },
    },
    console: {
      log: say('info'),
      info: say('info'),
      debug: say('debug'),
      warn: say('warn'),
      error: say('error'),
    },
  });
  try {
    new Script(options.bundle, { filename: 'bundle.js' }).runInContext(context, {
      timeout: options.limits.cpuMsPerEvent,
    });
  } catch (error) {
    const message = `the bundle failed to load: ${(error as Error).message}`;
    options.log({ level: 'error', message, code: 'miniapp_load' });
    throw new EngineError('miniapp_load', message);
  }
  if (!handler) {
    options.log({ level: 'error', message: 'the bundle never called genio.register', code: 'miniapp_load' });
    throw new EngineError('miniapp_load', 'the bundle never called genio.register({ handle })');
  }
  let disposed = false;
  return {
    get disposed() {
      return disposed;
    },
    dispose() {
      disposed = true;
    },
    async handle(event, bridge) {
      if (disposed || !handler) throw new EngineError('miniapp_disposed', 'this app was disposed');
      let calls = 0;
      const host: Record<string, Record<string, (args?: unknown) => Promise<JsonValue>>> = {};
      for (const method of options.hostMethods) {
        const [group, name] = method.split('.') as [string, string];
        host[group] ??= {};
        (host[group] as Record<string, (args?: unknown) => Promise<JsonValue>>)[name] = async (args) => {
          if (++calls > options.limits.maxHostCallsPerEvent)
            throw new EngineError(
              'miniapp_host_calls',
              `more than ${options.limits.maxHostCallsPerEvent} host calls in one event`,
            );
          return copy(
            await bridge.call(method, copy(args, options.limits.maxMessageBytes, `${method} arguments`)),
            Number.MAX_SAFE_INTEGER,
            method,
          );
        };
      }
      const wall = options.limits.wallMsPerEvent;
      let timer: NodeJS.Timeout | undefined;
      try {
        const result = await Promise.race([
          Promise.resolve((handler as Handler)(copy(event, Number.MAX_SAFE_INTEGER, 'event'), host)),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new EngineError('miniapp_timeout', `the app took longer than ${wall} ms`)),
              wall,
            );
          }),
        ]);
        return copy(result, options.limits.maxMessageBytes, 'the reply');
      } catch (error) {
        const code = error instanceof EngineError ? error.code : 'miniapp_error';
        options.log({ level: 'error', message: (error as Error).message ?? String(error), code });
        throw error instanceof EngineError
          ? error
          : new EngineError(code, (error as Error).message ?? String(error));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
