/**
 * The seam between the mini-app sandbox (untrusted code in a WebAssembly JS engine) and the hub
 * side of the host API. The sandbox knows nothing of homes, grants or storage: every host call
 * crosses as a method name and a JSON copy of its arguments, and the hub decides.
 */

/** A JSON value: the only thing that crosses the boundary, in either direction. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Hard limits for one app's runtime. */
export interface SandboxLimits {
  /** Size of the fixed WebAssembly.Memory of the app's engine module. */
  memoryBytes: number;
  /** CPU time one event may take (interrupt handler deadline), host calls excluded. */
  cpuMsPerEvent: number;
  /** Wall-clock time one event may take, host calls included. */
  wallMsPerEvent: number;
  /** Maximum stack size of the engine. */
  stackBytes: number;
  /** Host calls one event may make. */
  maxHostCallsPerEvent: number;
  /** Largest JSON (in bytes, UTF-8) of an event's result or of one host call's arguments. */
  maxMessageBytes: number;
}

/** A line for the developer's log, written by the sandbox (console.* of the app, and its errors). */
export interface SandboxLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** A stable code for errors the sandbox raised itself (`miniapp_timeout`, `miniapp_memory`, ...). */
  code?: string;
}

/**
 * The hub side of the host API, given per event. `method` is a dotted name from the list the app
 * was loaded with ("storage.get", "devices.control", "payments.request", ...). A rejected promise
 * with a GenioError becomes an Error inside the sandbox carrying `code` and `message`.
 */
export interface HostBridge {
  call(method: string, args: JsonValue): Promise<JsonValue>;
}

/** One loaded app: its bundle evaluated once in its own engine module. */
export interface SandboxedApp {
  /** Deliver an event to the app's handler; resolves with its JSON result. */
  handle(event: JsonValue, host: HostBridge): Promise<JsonValue>;
  /** Free the engine module; a disposed app refuses further events. */
  dispose(): void;
  readonly disposed: boolean;
  /** Bytes of engine heap in use (for the console and the benchmark). */
  memoryUsed(): number;
}

/** What loading an app needs. */
export interface LoadAppOptions {
  /** The app's JavaScript bundle (a script; it registers its handler with `genio.register`). */
  bundle: string;
  /** Dotted host method names the app may reach as `host.<a>.<b>(args)`; others do not exist. */
  hostMethods: readonly string[];
  limits: SandboxLimits;
  log(entry: SandboxLogEntry): void;
}
