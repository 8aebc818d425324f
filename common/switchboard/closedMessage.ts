// The closed message's text (P-AFTERHOURS): the municipality's own text when the admin wrote one,
// else the catalogue's default with the weekly opening hours put into words ("måndag till fredag
// klockan 8.00 till 16.30"), so the message follows the schedule without anyone editing it.
import { sv, en, type Locale } from '../i18n';
import { toMinutes, type HoursMunicipality, type WeeklySchedule } from './schema';

const KEYS: (keyof WeeklySchedule)[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/** "8.00", "16.30": the Swedish way of writing a time, also read well by the speech engine. */
function clock(t: string): string {
  const m = toMinutes(t);
  return `${Math.floor(m / 60)}.${String(m % 60).padStart(2, '0')}`;
}

/** The weekly opening hours in words, consecutive days with equal hours grouped. */
export function describeWeekly(weekly: WeeklySchedule, locale: Locale = 'sv'): string {
  const t = (locale === 'en' ? en : sv).switchboard.closedMessage;
  const names = t.weekdays.split(',');
  const spanText = (d: keyof WeeklySchedule) => weekly[d].map((s) => fill(t.span, { open: clock(s.open), close: clock(s.close) })).join(` ${t.and} `);
  const groups: { first: number; last: number; text: string }[] = [];
  KEYS.forEach((d, i) => {
    const text = spanText(d);
    if (!text) return;
    const last = groups[groups.length - 1];
    if (last && last.last === i - 1 && last.text === text) last.last = i;
    else groups.push({ first: i, last: i, text });
  });
  if (groups.length === 0) return t.closedAllWeek;
  const parts = groups.map((g) => {
    const days = g.first === g.last ? names[g.first]! : fill(t.range, { first: names[g.first]!, last: names[g.last]! });
    return `${days} ${g.text}`;
  });
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} ${t.and} ${parts[parts.length - 1]}`;
}

/** The text to speak: the admin's own, or the default for the municipality. */
export function closedMessageText(municipality: HoursMunicipality, weekly: WeeklySchedule, custom?: string | null, locale: Locale = 'sv'): string {
  if (custom && custom.trim()) return custom.trim();
  const t = (locale === 'en' ? en : sv).switchboard.closedMessage;
  return fill(t[municipality], { hours: describeWeekly(weekly, locale) });
}
