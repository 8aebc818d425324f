// Wall-clock maths in the switchboard's zone (Europe/Stockholm), behind two small functions so the
// lead can point them at the shared time module (common/time, issue 16) later. The zone rules
// (DST dates, offsets) come from the runtime's ICU time-zone database through Intl; nothing here
// knows when summer time starts. Only the inversion wall time -> instant is done here: try the
// offsets in force around that wall time and keep the one that reproduces it.

export const SWITCHBOARD_ZONE = 'Europe/Stockholm';

/** A calendar date in the zone, 'YYYY-MM-DD'. */
export type LocalDate = string;

export interface WallTime {
  date: LocalDate;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
  /** ISO weekday: 1 Monday .. 7 Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function parts(ms: number, zone: string) {
  const p: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) p[part.type] = part.value;
  return p;
}

/** The wall time in the zone at an instant (ms since the epoch). */
export function wallTimeAt(ms: number, zone: string = SWITCHBOARD_ZONE): WallTime {
  const p = parts(ms, zone);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
    weekday: WEEKDAYS[p.weekday!] ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in minutes (Stockholm: 60 in winter, 120 in summer). */
function offsetAt(ms: number, zone: string): number {
  const p = parts(ms, zone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall time in the zone happens. A wall time that is skipped (02:30 on the night
 * summer time starts) is moved forward by the gap (03:30 summer time); one that happens twice
 * (02:30 when it ends) is taken at its first occurrence.
 */
export function instantOf(date: LocalDate, minutes: number, zone: string = SWITCHBOARD_ZONE): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  const candidates = [...new Set([offsetAt(naive - 86_400_000, zone), offsetAt(naive, zone), offsetAt(naive + 86_400_000, zone)])].sort((a, b) => b - a);
  for (const off of candidates) {
    const ms = naive - off * 60_000;
    if (offsetAt(ms, zone) === off) return ms; // largest offset first = earliest occurrence
  }
  // In a gap no offset reproduces the wall time: the earlier offset gives the jump instant.
  const before = Math.min(...candidates);
  return naive - before * 60_000;
}

/** The next calendar date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (1 Monday .. 7 Sunday), independent of any zone. */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}
