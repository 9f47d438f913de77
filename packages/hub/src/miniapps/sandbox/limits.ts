import { GenioError } from '../../errors/index.js';
import type { SandboxLimits } from './types.js';

/** The size of one WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65_536;

/**
 * The engine's build declares a 16 MiB minimum for its imported memory; a smaller fixed memory
 * cannot be instantiated.
 */
export const MIN_MEMORY_BYTES = 16 * 1024 * 1024;

/** Limits an app gets unless its manifest asks for others (and the platform allows them). */
export const defaultSandboxLimits: Readonly<SandboxLimits> = Object.freeze({
  memoryBytes: 32 * 1024 * 1024,
  cpuMsPerEvent: 50,
  wallMsPerEvent: 5_000,
  stackBytes: 256 * 1024,
  maxHostCallsPerEvent: 50,
  maxMessageBytes: 256 * 1024,
});

/** Refuses limits the engine cannot honour, naming the field at fault. */
export function checkSandboxLimits(limits: SandboxLimits): void {
  const positiveInteger = (field: keyof SandboxLimits): void => {
    const value = limits[field];
    if (!Number.isInteger(value) || value <= 0) {
      throw new GenioError('validation_failed', {
        field: `limits.${field}`,
        reason: 'must be a positive integer',
      });
    }
  };
  for (const field of Object.keys(defaultSandboxLimits) as Array<keyof SandboxLimits>) positiveInteger(field);
  if (limits.memoryBytes % WASM_PAGE_BYTES !== 0 || limits.memoryBytes < MIN_MEMORY_BYTES) {
    throw new GenioError('validation_failed', {
      field: 'limits.memoryBytes',
      reason: `must be a multiple of ${WASM_PAGE_BYTES} and at least ${MIN_MEMORY_BYTES}`,
    });
  }
  // The engine's own stack must stay far below the memory; a larger one is a configuration error.
  if (limits.stackBytes > limits.memoryBytes / 8) {
    throw new GenioError('validation_failed', {
      field: 'limits.stackBytes',
      reason: 'must be at most memoryBytes / 8',
    });
  }
}
