// Evaluates a municipality's opening hours: which spans of a local date are open, the open and
// closed intervals between two instants, and "open or closed at T, and when does that change".
// Order of rules for one date: the weekly schedule; then a public holiday (closed) or an eve (its
// rule); then a klämdag; last the one-off exceptions of that date, in the order given.
import { addDays, instantOf, wallTimeAt, weekdayOf, type LocalDate } from './clock';
import { specialDayOn, type SpecialDay } from './holidays';
import { DEFAULT_EVES, toMinutes, type MunicipalityHours, type WeeklySchedule } from './schema';

/** Minutes since local midnight, [from, to). */
export interface MinuteSpan {
  from: number;
  to: number;
}

/** ms since the epoch, [from, to). */
export interface Interval {
  from: number;
  to: number;
}

export interface DayPlan {
  date: LocalDate;
  special: SpecialDay | undefined;
  /** A weekday squeezed between a holiday and a day off. */
  bridge: boolean;
  /** True when a one-off exception changed the day. */
  excepted: boolean;
  open: MinuteSpan[];
}

const WEEKDAY_KEYS: (keyof WeeklySchedule)[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_LOOKAHEAD_DAYS = 400;

function weeklySpans(hours: MunicipalityHours, date: LocalDate): MinuteSpan[] {
  return hours.weekly[WEEKDAY_KEYS[weekdayOf(date) - 1]!].map((s) => ({ from: toMinutes(s.open), to: toMinutes(s.close) }));
}

function clipBefore(spans: MinuteSpan[], close: number): MinuteSpan[] {
  return spans.filter((s) => s.from < close).map((s) => ({ from: s.from, to: Math.min(s.to, close) }));
}

function subtract(spans: MinuteSpan[], cut: MinuteSpan): MinuteSpan[] {
  return spans.flatMap((s) => {
    if (cut.to <= s.from || cut.from >= s.to) return [s];
    const out: MinuteSpan[] = [];
    if (cut.from > s.from) out.push({ from: s.from, to: cut.from });
    if (cut.to < s.to) out.push({ from: cut.to, to: s.to });
    return out;
  });
}

function merge(spans: MinuteSpan[]): MinuteSpan[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: MinuteSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

/** The day without klämdag and exceptions: weekly schedule, holiday, eve. */
function baseDay(hours: MunicipalityHours, date: LocalDate): { special: SpecialDay | undefined; open: MinuteSpan[] } {
  const special = specialDayOn(date);
  const weekly = weeklySpans(hours, date);
  if (special?.kind === 'holiday') return { special, open: hours.closedOnHolidays ? [] : weekly };
  if (special?.kind === 'eve') {
    const rule = hours.eves[special.id] ?? DEFAULT_EVES[special.id];
    if (rule === 'closed') return { special, open: [] };
    if (rule === 'normal') return { special, open: weekly };
    return { special, open: clipBefore(weekly, toMinutes(rule)) };
  }
  return { special, open: weekly };
}

function isDayOff(hours: MunicipalityHours, date: LocalDate): boolean {
  return baseDay(hours, date).open.length === 0;
}

function isHolidayOff(hours: MunicipalityHours, date: LocalDate): boolean {
  const d = baseDay(hours, date);
  return d.special !== undefined && d.open.length === 0;
}

/** Everything that decides one local date. */
export function planDay(hours: MunicipalityHours, date: LocalDate): DayPlan {
  const base = baseDay(hours, date);
  let open = base.open;
  const prev = addDays(date, -1);
  const next = addDays(date, 1);
  const bridge = base.special === undefined && open.length > 0 && isDayOff(hours, prev) && isDayOff(hours, next) && (isHolidayOff(hours, prev) || isHolidayOff(hours, next));
  if (bridge && hours.bridgeDays === 'closed') open = [];
  if (bridge && hours.bridgeDays === 'short') open = clipBefore(open, toMinutes(hours.shortDayClose));
  let excepted = false;
  for (const e of hours.exceptions) {
    if (e.date !== date) continue;
    excepted = true;
    const span = { from: toMinutes(e.from ?? '00:00'), to: toMinutes(e.to ?? '24:00') };
    open = e.kind === 'closed' ? subtract(open, span) : merge([...open, span]);
  }
  return { date, special: base.special, bridge, excepted, open: merge(open) };
}

function spanInstants(date: LocalDate, span: MinuteSpan): Interval {
  const end = span.to >= 1440 ? instantOf(addDays(date, 1), span.to - 1440) : instantOf(date, span.to);
  return { from: instantOf(date, span.from), to: end };
}

/** Open intervals overlapping [from, to), clipped to it and merged across midnight. */
export function openIntervals(hours: MunicipalityHours, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  const last = wallTimeAt(to).date;
  for (let date = addDays(wallTimeAt(from).date, -1); date <= last; date = addDays(date, 1)) {
    for (const span of planDay(hours, date).open) {
      const i = spanInstants(date, span);
      const clipped = { from: Math.max(i.from, from), to: Math.min(i.to, to) };
      if (clipped.to <= clipped.from) continue;
      const prev = out[out.length - 1];
      if (prev && clipped.from <= prev.to) prev.to = Math.max(prev.to, clipped.to);
      else out.push(clipped);
    }
  }
  return out;
}

/** Closed intervals in [from, to): the complement of openIntervals. */
export function closedIntervals(hours: MunicipalityHours, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let at = from;
  for (const o of openIntervals(hours, from, to)) {
    if (o.from > at) out.push({ from: at, to: o.from });
    at = o.to;
  }
  if (at < to) out.push({ from: at, to });
  return out;
}

export interface HoursState {
  open: boolean;
  /** The next instant the state flips, null when nothing changes within MAX_LOOKAHEAD_DAYS. */
  nextChange: number | null;
  /** The local date at `at` and what decided it. */
  day: DayPlan;
}

/** Open or closed at an instant, and until when. */
export function hoursStateAt(hours: MunicipalityHours, at: number): HoursState {
  const day = planDay(hours, wallTimeAt(at).date);
  // search in growing windows: most answers lie within a few days
  for (let days = 4; ; days *= 4) {
    const horizon = at + Math.min(days, MAX_LOOKAHEAD_DAYS) * 86_400_000;
    const open = openIntervals(hours, at, horizon);
    const first = open[0];
    if (first && first.from <= at) {
      if (first.to < horizon) return { open: true, nextChange: first.to, day };
    } else if (first) return { open: false, nextChange: first.from, day };
    if (days >= MAX_LOOKAHEAD_DAYS) return { open: first !== undefined && first.from <= at, nextChange: null, day };
  }
}
