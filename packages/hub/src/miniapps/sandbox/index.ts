export { type CpuClock, threadCpuClock } from './cpu-clock.js';
export type { SandboxErrorCode } from './failures.js';
export { checkHostMethods } from './host-methods.js';
export { checkSandboxLimits, defaultSandboxLimits, MIN_MEMORY_BYTES } from './limits.js';
export { loadSandboxedApp } from './load.js';
export { LOG_LINES_PER_EVENT } from './sandboxed-app.js';
export type {
  HostBridge,
  JsonValue,
  LoadAppOptions,
  SandboxedApp,
  SandboxLimits,
  SandboxLogEntry,
} from './types.js';
