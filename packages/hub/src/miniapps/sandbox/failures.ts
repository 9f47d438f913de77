import { GenioError } from '../../errors/index.js';
import type { SandboxLimits } from './types.js';

/** The codes the sandbox raises itself. */
export type SandboxErrorCode =
  | 'miniapp_timeout'
  | 'miniapp_memory'
  | 'miniapp_stack'
  | 'miniapp_too_large'
  | 'miniapp_error'
  | 'miniapp_disposed'
  | 'miniapp_host_calls';

/** A failure of one event or load, and whether the engine must be thrown away because of it. */
export interface SandboxFailure {
  error: GenioError;
  /** The engine is no longer trustworthy (out of memory, interrupted, trapped): dispose it. */
  fatal: boolean;
  /** Text for the developer's log (longer than the error's message, with the guest's stack). */
  detail: string;
}

/** A guest exception as the prelude describes it (strings only, already clipped). */
export interface GuestErrorDescription {
  name: string;
  message: string;
  stack: string;
}

/** Builds a failure with the params each code's message needs. */
export function sandboxFailure(
  code: SandboxErrorCode,
  limits: SandboxLimits,
  options: { fatal: boolean; reason?: string; what?: string; kind?: 'cpu' | 'wall'; detail?: string },
): SandboxFailure {
  const params: Record<string, unknown> = {};
  if (code === 'miniapp_timeout') {
    params.limitMs = options.kind === 'wall' ? limits.wallMsPerEvent : limits.cpuMsPerEvent;
    params.kind = options.kind === 'wall' ? 'wall clock' : 'CPU';
  }
  if (code === 'miniapp_memory') params.limitBytes = limits.memoryBytes;
  if (code === 'miniapp_too_large') {
    params.limitBytes = limits.maxMessageBytes;
    params.what = options.what;
  }
  if (code === 'miniapp_host_calls') params.limit = limits.maxHostCallsPerEvent;
  if (options.reason !== undefined) params.reason = options.reason;
  const error = new GenioError(code, params);
  return { error, fatal: options.fatal, detail: options.detail ?? error.message };
}

/** Maps an exception raised inside the engine (already described as strings) to a failure. */
export function classifyGuestError(described: GuestErrorDescription, limits: SandboxLimits): SandboxFailure {
  const { name, message, stack } = described;
  const detail = `${name ? `${name}: ` : ''}${message}${stack ? `\n${stack}` : ''}`;
  if (name === 'InternalError' && message === 'out of memory') {
    return sandboxFailure('miniapp_memory', limits, { fatal: true, detail });
  }
  if ((name === 'InternalError' || name === 'RangeError') && /stack overflow|call stack/i.test(message)) {
    return sandboxFailure('miniapp_stack', limits, { fatal: true, detail });
  }
  const reason = name && name !== 'Error' ? `${name}: ${message}` : message || 'unknown error';
  return sandboxFailure('miniapp_error', limits, { fatal: false, reason, detail });
}

/**
 * Maps an exception thrown by the engine's host side (a WebAssembly trap, the host stack overflowing
 * under deep native recursion) to a failure. Such an engine is always discarded: its state is
 * whatever the trap left behind.
 */
export function classifyEngineFault(fault: unknown, limits: SandboxLimits): SandboxFailure {
  const message = fault instanceof Error ? `${fault.name}: ${fault.message}` : String(fault);
  if (fault instanceof RangeError)
    return sandboxFailure('miniapp_stack', limits, { fatal: true, detail: message });
  if (/memory/i.test(message))
    return sandboxFailure('miniapp_memory', limits, { fatal: true, detail: message });
  return sandboxFailure('miniapp_error', limits, {
    fatal: true,
    reason: 'the engine failed',
    detail: message,
  });
}
