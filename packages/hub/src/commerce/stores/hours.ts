/**
 * Opening hours per weekday in a store's own time zone. A day holds ranges "HH:MM-HH:MM"; a range
 * that ends before it starts runs past midnight ("18:00-02:00"). A missing day is closed.
 */

/** Weekday keys, Monday first (ISO). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One weekday key. */
export type Weekday = (typeof weekdays)[number];
/** Opening hours: ranges per weekday. */
export type OpeningHours = Partial<Record<Weekday, string[]>>;

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** The reason hours are not valid, or null when they are. */
export function hoursProblem(hours: unknown): string | null {
  if (hours === undefined || hours === null) return null;
  if (typeof hours !== 'object' || Array.isArray(hours)) return 'must be an object of weekday → ranges';
  for (const [day, ranges] of Object.entries(hours)) {
    if (!(weekdays as readonly string[]).includes(day)) return `${day} is not a weekday (mon..sun)`;
    if (!Array.isArray(ranges)) return `${day} must be a list of "HH:MM-HH:MM" ranges`;
    for (const r of ranges)
      if (typeof r !== 'string' || !RANGE.test(r)) return `${day}: "${String(r)}" is not HH:MM-HH:MM`;
  }
  return null;
}

/** True when the time zone name is one this runtime knows. */
const knownZones = new Set<string>();

/** Whether `zone` is an IANA time zone this runtime knows (asked once per zone: the check costs ~1 ms). */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday and minutes since midnight at `at` in `zone`. */
export function localTime(at: number, zone: string): { day: Weekday; minutes: number } {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const day = String(parts.weekday).slice(0, 3).toLowerCase() as Weekday;
  return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function minutesOf(text: string): number {
  const [h, m] = text.split(':');
  return Number(h) * 60 + Number(m);
}

function inRange(range: string, minutes: number, previousDay: boolean): boolean {
  const [from, to] = range.split('-') as [string, string];
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (end > start) return !previousDay && minutes >= start && minutes < end;
  // Past midnight: the evening part belongs to this day, the early part to the next.
  return previousDay ? minutes < end : minutes >= start;
}

/** True when a store with these hours is open at `at`; stores without hours are always open. */
export function isOpenAt(hours: OpeningHours | null | undefined, zone: string, at: number): boolean {
  if (!hours) return true;
  const { day, minutes } = localTime(at, zone);
  const index = weekdays.indexOf(day);
  const yesterday = weekdays[(index + 6) % 7] as Weekday;
  return (
    (hours[day] ?? []).some((r) => inRange(r, minutes, false)) ||
    (hours[yesterday] ?? []).some((r) => inRange(r, minutes, true))
  );
}
