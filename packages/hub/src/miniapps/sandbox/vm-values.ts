import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import type { GuestErrorDescription } from './failures.js';

/** The longest error field or console line copied out of an engine. */
export const TEXT_CHARS = 1000;

/**
 * Copies a string out of the engine only when it is at most `maxChars` long, so a guest cannot make
 * the host copy a huge string; `undefined` when the value is not a string or is too long.
 */
export function readBoundedString(
  context: QuickJSContext,
  handle: QuickJSHandle,
  maxChars: number,
): { text: string } | { tooLong: number } | undefined {
  if (context.typeof(handle) !== 'string') return undefined;
  const lengthHandle = context.getProp(handle, 'length');
  const length = context.getNumber(lengthHandle);
  lengthHandle.dispose();
  if (length > maxChars) return { tooLong: length };
  return { text: context.getString(handle) };
}

function readField(context: QuickJSContext, handle: QuickJSHandle, key: string): string {
  const value = context.getProp(handle, key);
  try {
    const read = readBoundedString(context, value, TEXT_CHARS);
    return read && 'text' in read ? read.text : '';
  } finally {
    value.dispose();
  }
}

/**
 * Describes an exception value from the engine: the prelude's own description, an Error the engine
 * raised itself (interrupted, out of memory), or anything a guest threw. Must run inside a CPU slice:
 * reading a property may run a guest getter.
 */
export function describeVmError(context: QuickJSContext, handle: QuickJSHandle): GuestErrorDescription {
  const kind = context.typeof(handle);
  if (kind === 'object') {
    return {
      name: readField(context, handle, 'name'),
      message: readField(context, handle, 'message'),
      stack: readField(context, handle, 'stack'),
    };
  }
  const read = readBoundedString(context, handle, TEXT_CHARS);
  return { name: '', message: read && 'text' in read ? read.text : `a thrown ${kind}`, stack: '' };
}

/** An Error inside the engine carrying a stable `code`, as host calls reject with. */
export function newCodedError(context: QuickJSContext, code: string, message: string): QuickJSHandle {
  const error = context.newError({ name: 'Error', message });
  const codeHandle = context.newString(code);
  context.setProp(error, 'code', codeHandle);
  codeHandle.dispose();
  return error;
}
