// The switchboard's clock: every wall-clock time the console shows, reads or reasons about is
// Europe/Stockholm, whatever zone the workstation is set to. The zone is named here and nowhere
// else. Built on date-fns + @date-fns/tz (TZDate does the arithmetic in the zone, so "tomorrow"
// and "13.00" stay right across both daylight-saving changes); pure, for renderer and Node alike.
import { TZDate } from '@date-fns/tz';
import { addDays, format, isSameDay } from 'date-fns';

export const TIME_ZONE = 'Europe/Stockholm';

/** An instant as a Stockholm date, for date-fns arithmetic and formatting in the zone. */
export const inStockholm = (ms: number): TZDate => new TZDate(ms, TIME_ZONE);

/** The Stockholm wall clock of an instant; month 1–12, weekday 1 (Monday) – 7 (ISO 8601). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly weekday: number;
}

export function wallClock(ms: number): WallClock {
  const d = inStockholm(ms);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), weekday: d.getDay() || 7 };
}

/** Minutes since Stockholm midnight (0–1439). */
export function minuteOfDay(ms: number): number {
  const d = inStockholm(ms);
  return d.getHours() * 60 + d.getMinutes();
}

/** "13.00": the Swedish way of writing a clock time. */
export const clockText = (ms: number): string => format(inStockholm(ms), 'HH.mm');

/** "2026-11-29 14:05": date and time as messages and logs show them. */
export const dateTimeText = (ms: number): string => format(inStockholm(ms), 'yyyy-MM-dd HH:mm');

/** "2026-11-29": the Stockholm calendar date, as stored keys and ISO dates write it. */
export const dateKey = (ms: number): string => format(inStockholm(ms), 'yyyy-MM-dd');

/** Whether two instants fall on the same Stockholm calendar day. */
export const sameDay = (a: number, b: number): boolean => isSameDay(inStockholm(a), inStockholm(b));

/**
 * The Stockholm wall-clock time hour:minute on the day of `now`, or on the next day when that has
 * already passed. "Tomorrow" is a calendar day, not 24 hours, so it holds across a DST change.
 * A time the spring change skips (02:30 on the last Sunday of March) comes out as the instant an
 * hour later on the clock (03:30); a time the autumn change repeats (02:30 on the last Sunday of October)
 * comes out as its later, CET, occurrence.
 */
export function nextWallClock(hour: number, minute: number, now: number): number {
  const at = (day: TZDate) => new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute, TIME_ZONE).getTime();
  const today = inStockholm(now);
  const t = at(today);
  return t > now ? t : at(addDays(today, 1));
}

/**
 * The instant a Stockholm wall-clock time happens on a calendar date ('YYYY-MM-DD', minutes since
 * midnight; 1440 is the next midnight). Skipped and repeated times follow nextWallClock's rule.
 */
export function instantAt(date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, TIME_ZONE).getTime();
}

/** A datetime-local field's value ('YYYY-MM-DDTHH:mm') read as Stockholm wall time, or undefined. */
export function instantOfWallText(value: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? instantAt(m[1]!, Number(m[2]) * 60 + Number(m[3])) : undefined;
}
