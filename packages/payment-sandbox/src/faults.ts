/**
 * Faults a test asks for, consumed in order by the requests they match: decline an authorization,
 * answer 503 without doing the work, or do the work and answer late (so the client times out).
 */

/** An operation of the protocol. */
export type Operation = 'authorize' | 'capture' | 'void' | 'refund';

/** One injected fault. */
export interface Fault {
  op: Operation | 'any';
  kind: 'decline' | 'error' | 'delay';
  /** For `delay`: how long to hold the answer after the work is done. */
  delayMs?: number;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

const operations = ['authorize', 'capture', 'void', 'refund', 'any'];
const kinds = ['decline', 'error', 'delay'];

/** Check a fault sent to the control endpoint; returns it or a reason. */
export function parseFault(value: unknown): Fault | string {
  if (!value || typeof value !== 'object') return 'a fault is an object';
  const f = value as Record<string, unknown>;
  if (typeof f.op !== 'string' || !operations.includes(f.op)) return `op must be one of ${operations}`;
  if (typeof f.kind !== 'string' || !kinds.includes(f.kind)) return `kind must be one of ${kinds}`;
  if (f.delayMs !== undefined && (!Number.isSafeInteger(f.delayMs) || (f.delayMs as number) < 0))
    return 'delayMs must be a whole number of milliseconds';
  if (f.times !== undefined && (!Number.isSafeInteger(f.times) || (f.times as number) < 1))
    return 'times must be at least 1';
  return f as unknown as Fault;
}

/** The queue of pending faults. */
export class FaultQueue {
  private faults: Array<Fault & { left: number }> = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** The next fault for this operation, consumed. */
  take(op: Operation): Fault | null {
    const at = this.faults.findIndex((f) => f.op === op || f.op === 'any');
    const fault = this.faults[at];
    if (!fault) return null;
    fault.left -= 1;
    if (fault.left <= 0) this.faults.splice(at, 1);
    return fault;
  }

  pending(): Fault[] {
    return this.faults.map(({ left, ...f }) => ({ ...f, times: left }));
  }
}
