import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from './index.js';

function limiter(maxKeys?: number) {
  let time = 1_000_000;
  const limits = createFailureLimiter({
    freeFailures: 3,
    baseDelayMs: 1000,
    maxDelayMs: 8000,
    forgetAfterMs: 60_000,
    ...(maxKeys ? { maxKeys } : {}),
    clock: () => time,
  });
  return { limits, advance: (ms: number) => (time += ms) };
}

describe('failure limiter', () => {
  it('lets the free failures through, then doubles the wait up to the ceiling', () => {
    const { limits } = limiter();
    expect([1, 2, 3].map(() => limits.fail('dev'))).toEqual([0, 0, 0]);
    expect(limits.blockedFor('dev')).toBe(0);
    expect([1, 2, 3, 4, 5].map(() => limits.fail('dev'))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(limits.blockedFor('dev')).toBe(8000);
    expect(limits.blockedFor('other')).toBe(0);
  });

  it('opens again when the wait is over, and a success starts the count again', () => {
    const { limits, advance } = limiter();
    for (let i = 0; i < 4; i++) limits.fail('dev');
    expect(limits.blockedFor('dev')).toBe(1000);
    advance(1000);
    expect(limits.blockedFor('dev')).toBe(0);
    expect(limits.fail('dev')).toBe(2000);
    limits.succeed('dev');
    expect(limits.fail('dev')).toBe(0);
  });

  it('forgets a key that stayed quiet, and keeps at most maxKeys', () => {
    const { limits, advance } = limiter(2);
    for (let i = 0; i < 3; i++) limits.fail('a');
    advance(60_000);
    expect(limits.fail('a')).toBe(0);
    for (let i = 0; i < 5; i++) limits.fail('b');
    limits.fail('c');
    limits.fail('d');
    expect(limits.blockedFor('b')).toBe(0);
  });
});
