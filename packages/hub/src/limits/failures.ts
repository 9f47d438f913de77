/**
 * Counts failed attempts per key (a device identity, a caller's address) and shuts the door for
 * a growing while once a key has failed too often: each failure past the free ones doubles the
 * wait, up to a ceiling. A success clears the key; a key that stays quiet long enough is forgotten.
 */

/** What a limiter is told and asked about one key. */
export interface FailureLimiter {
  /** Milliseconds before `key` may try again; 0 when it may try now. */
  blockedFor(key: string): number;
  /** Record a failed attempt; returns how long the key is now blocked (0 while failures are free). */
  fail(key: string): number;
  /** Forget the key's failures after a success. */
  succeed(key: string): void;
}

/** How tolerant a limiter is. */
export interface FailureLimits {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
  /** Keys tracked at most; the least recently failed are dropped first. Default 10,000. */
  maxKeys?: number;
  clock?: () => number;
}

interface KeyFailures {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/** Create a limiter; memory is one small record per key that failed recently. */
export function createFailureLimiter(limits: FailureLimits): FailureLimiter {
  const now = limits.clock ?? Date.now;
  const maxKeys = limits.maxKeys ?? 10_000;
  const records = new Map<string, KeyFailures>();

  function current(key: string, at: number): KeyFailures | undefined {
    const record = records.get(key);
    if (record && at - record.lastFailure >= limits.forgetAfterMs && at >= record.blockedUntil) {
      records.delete(key);
      return undefined;
    }
    return record;
  }

  return {
    blockedFor(key) {
      const at = now();
      const record = current(key, at);
      return record ? Math.max(0, record.blockedUntil - at) : 0;
    },
    fail(key) {
      const at = now();
      const record = current(key, at) ?? { failures: 0, lastFailure: at, blockedUntil: 0 };
      record.failures++;
      record.lastFailure = at;
      const over = record.failures - limits.freeFailures;
      const wait =
        over > 0 ? Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(over - 1, 30)) : 0;
      record.blockedUntil = Math.max(record.blockedUntil, at + wait);
      // Re-inserting keeps the map ordered by last failure, so the oldest key is the first to drop.
      records.delete(key);
      records.set(key, record);
      while (records.size > maxKeys) {
        const oldest = records.keys().next().value as string;
        records.delete(oldest);
      }
      return wait;
    },
    succeed(key) {
      records.delete(key);
    },
  };
}
