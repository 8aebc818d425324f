// Swedish public holidays and their eves, computed by date-holidays (country SE): a maintained
// rule set (Easter computus, "Saturday after 20 June" for midsommar, and law changes such as
// nationaldagen since 2005 and annandag pingst no longer a holiday) instead of our own tables.
// Why date-holidays: it is the most used holiday library on npm, pure JS (runs in common/), and
// its SE data names every eve the switchboard cares about: trettondagsafton, skärtorsdagen,
// påskafton, valborgsmässoafton, pingstafton, midsommarafton, allhelgonaafton, julafton,
// nyårsafton. We map its Swedish names to stable ids so a renamed entry fails our tests loudly.
import Holidays from 'date-holidays';
import type { EveId } from './schema';
import { TIME_ZONE } from '../time/stockholm';

export type HolidayId =
  | 'nyarsdagen'
  | 'trettondedagJul'
  | 'langfredagen'
  | 'paskdagen'
  | 'annandagPask'
  | 'forstaMaj'
  | 'kristiHimmelsfardsdag'
  | 'pingstdagen'
  | 'nationaldagen'
  | 'midsommardagen'
  | 'allaHelgonsDag'
  | 'juldagen'
  | 'annandagJul';

export type SpecialDay = { date: string; kind: 'holiday'; id: HolidayId; name: string } | { date: string; kind: 'eve'; id: EveId; name: string };

const HOLIDAYS: Record<string, HolidayId> = {
  nyårsdagen: 'nyarsdagen',
  'trettondedag jul': 'trettondedagJul',
  långfredagen: 'langfredagen',
  påskdagen: 'paskdagen',
  'annandag påsk': 'annandagPask',
  'första maj': 'forstaMaj',
  'Kristi himmelsfärdsdag': 'kristiHimmelsfardsdag',
  pingstdagen: 'pingstdagen',
  nationaldagen: 'nationaldagen',
  midsommardagen: 'midsommardagen',
  'alla helgons dag': 'allaHelgonsDag',
  juldagen: 'juldagen',
  'annandag jul': 'annandagJul',
};

const EVES: Record<string, EveId> = {
  trettondagsafton: 'trettondagsafton',
  skärtorsdagen: 'skartorsdagen',
  påskafton: 'paskafton',
  valborgsmässoafton: 'valborgsmassoafton',
  pingstafton: 'pingstafton',
  midsommarafton: 'midsommarafton',
  allhelgonaafton: 'allhelgonaafton',
  julafton: 'julafton',
  nyårsafton: 'nyarsafton',
};

let engine: Holidays | null = null;
const byYear = new Map<number, SpecialDay[]>();

/** Every public holiday and eve of a year, in date order. */
export function specialDays(year: number): SpecialDay[] {
  let days = byYear.get(year);
  if (days) return days;
  engine ??= new Holidays('SE', { languages: ['sv'], timezone: TIME_ZONE });
  days = [];
  for (const h of engine.getHolidays(year, 'sv')) {
    const date = h.date.slice(0, 10);
    const holiday = HOLIDAYS[h.name];
    const eve = EVES[h.name];
    // 'public' only: date-holidays also lists annandag pingst, no longer a holiday, as an observance
    if (holiday && h.type === 'public') days.push({ date, kind: 'holiday', id: holiday, name: h.name });
    else if (eve) days.push({ date, kind: 'eve', id: eve, name: h.name });
  }
  byYear.set(year, days);
  return days;
}

/** The holiday or eve on a date, if any (a holiday wins should both fall on one date). */
export function specialDayOn(date: string): SpecialDay | undefined {
  const days = specialDays(Number(date.slice(0, 4))).filter((d) => d.date === date);
  return days.find((d) => d.kind === 'holiday') ?? days[0];
}
