import { describe, expect, it } from 'vitest';
import { hoursProblem, isOpenAt, localTime } from './hours.js';

// 2026-12-01 is a Tuesday.
const utc = (iso: string) => Date.parse(iso);

describe('opening hours', () => {
  it('reads the local weekday and time in the store zone', () => {
    expect(localTime(utc('2026-12-01T07:30:00Z'), 'Europe/Rome')).toEqual({
      day: 'tue',
      minutes: 8 * 60 + 30,
    });
    expect(localTime(utc('2026-12-01T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      day: 'wed',
      minutes: 7 * 60 + 30,
    });
  });

  it('is open inside a range and closed outside, in the store time zone', () => {
    const hours = { tue: ['07:00-11:00', '12:00-22:00'] };
    expect(isOpenAt(hours, 'Europe/Rome', utc('2026-12-01T06:30:00Z'))).toBe(true); // 07:30 Rome
    expect(isOpenAt(hours, 'Europe/Rome', utc('2026-12-01T10:30:00Z'))).toBe(false); // 11:30
    expect(isOpenAt(hours, 'Europe/Rome', utc('2026-12-01T05:30:00Z'))).toBe(false); // 06:30
    expect(isOpenAt(hours, 'UTC', utc('2026-12-01T06:30:00Z'))).toBe(false);
  });

  it('carries a range past midnight into the next morning', () => {
    const hours = { mon: ['18:00-02:00'] };
    expect(isOpenAt(hours, 'UTC', utc('2026-12-01T01:30:00Z'))).toBe(true); // Tue 01:30, from Monday
    expect(isOpenAt(hours, 'UTC', utc('2026-12-01T02:30:00Z'))).toBe(false);
    expect(isOpenAt(hours, 'UTC', utc('2026-11-30T19:00:00Z'))).toBe(true); // Mon 19:00
  });

  it('treats no hours as always open and names what is wrong with bad hours', () => {
    expect(isOpenAt(undefined, 'UTC', 0)).toBe(true);
    expect(hoursProblem({ tue: ['7-11'] })).toMatch(/HH:MM/);
    expect(hoursProblem({ someday: [] })).toMatch(/not a weekday/);
    expect(hoursProblem({ mon: ['08:00-12:00'] })).toBeNull();
  });
});
