// The switchboard schedule's calendar words (a date, minutes since midnight, an ISO weekday) on top
// of the one Stockholm time module (common/time/stockholm.ts), which owns the zone and its DST rules.
import { dateKey, instantAt, wallClock } from '../time/stockholm';

/** A calendar date in Stockholm, 'YYYY-MM-DD'. */
export type LocalDate = string;

export interface WallTime {
  date: LocalDate;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
  /** ISO weekday: 1 Monday .. 7 Sunday. */
  weekday: number;
}

/** The Stockholm wall time at an instant (ms since the epoch). */
export function wallTimeAt(ms: number): WallTime {
  const w = wallClock(ms);
  return { date: dateKey(ms), minutes: w.hour * 60 + w.minute, weekday: w.weekday };
}

/** The instant a Stockholm wall time happens (a skipped time moves forward by the gap). */
export const instantOf = (date: LocalDate, minutes: number): number => instantAt(date, minutes);

/** The calendar date `days` later (zone-free arithmetic on the date itself). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (1 Monday .. 7 Sunday), independent of any zone. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}
