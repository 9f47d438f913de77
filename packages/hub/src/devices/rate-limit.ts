/** A token bucket per key: `rate` tokens a second, bursts up to `burst`. */
export interface RateLimiter {
  take(key: string, now: number): boolean;
  forget(key: string): void;
}

/** Create a limiter; state is one small record per active key. */
export function createRateLimiter(rate: number, burst: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, now) {
      const bucket = buckets.get(key) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    forget(key) {
      buckets.delete(key);
    },
  };
}
