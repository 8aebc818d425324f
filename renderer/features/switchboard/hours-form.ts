// The "Växelns öppettider" form (P-AFTERHOURS) as plain strings, and its way to and from the
// settings' SwitchboardHours. A day's opening is one text field ("08:00–16:30", several spans
// separated by commas, empty = closed): one field per day is quick by keyboard and loses nothing
// of what the schema allows. The form is checked by the schema itself (zod); every problem comes
// back with the field it belongs to and a Swedish text key, never zod's English. Pure: no DOM.
import { z } from 'zod';
import { EVE_IDS, DEFAULT_EVES, MunicipalityHours, SwitchboardHours, type EveId, type HoursMunicipality } from '../../../common/switchboard/schema';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type EveChoice = 'closed' | 'normal' | 'short';
export type ExceptionKind = 'closed-day' | 'closed-span' | 'open-span';

export interface ExceptionForm {
  date: string;
  kind: ExceptionKind;
  from: string;
  to: string;
  note: string;
}

export interface MunicipalityForm {
  weekly: Record<Weekday, string>;
  closedOnHolidays: boolean;
  eves: Record<EveId, { choice: EveChoice; close: string }>;
  bridgeDays: 'normal' | 'short' | 'closed';
  shortDayClose: string;
  exceptions: ExceptionForm[];
}

export type HoursForm = Record<HoursMunicipality, MunicipalityForm>;

/** Error text keys (catalogue section switchboardSettings.errors). */
export type FormErrorKey = 'span' | 'time' | 'closeAfterOpen' | 'tooManySpans' | 'date' | 'toAfterFrom' | 'openNeedsTimes' | 'spanNeedsTimes' | 'note' | 'invalid';

export interface FormError {
  /** The field's id in the form: "essunga.weekly.mon", "grastorp.exceptions.0.to", … */
  field: string;
  key: FormErrorKey;
}

const SPAN = /^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$/;

/** "8.00" or "08:00" → "08:00"; null when it does not read as a time. */
export function normaliseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

function spansText(spans: readonly { open: string; close: string }[]): string {
  return spans.map((s) => `${s.open}–${s.close}`).join(', ');
}

/** The settings as the form shows them. */
export function formFromHours(hours: SwitchboardHours): HoursForm {
  const one = (h: MunicipalityHours): MunicipalityForm => ({
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, spansText(h.weekly[d])])) as Record<Weekday, string>,
    closedOnHolidays: h.closedOnHolidays,
    eves: Object.fromEntries(
      EVE_IDS.map((id) => {
        const rule = h.eves[id] ?? DEFAULT_EVES[id];
        return [id, rule === 'closed' || rule === 'normal' ? { choice: rule, close: '12:00' } : { choice: 'short', close: rule }];
      }),
    ) as MunicipalityForm['eves'],
    bridgeDays: h.bridgeDays,
    shortDayClose: h.shortDayClose,
    exceptions: h.exceptions.map((e) => ({
      date: e.date,
      kind: e.kind === 'open' ? 'open-span' : e.from === undefined && e.to === undefined ? 'closed-day' : 'closed-span',
      from: e.from ?? '',
      to: e.to ?? '',
      note: e.note,
    })),
  });
  return { essunga: one(hours.essunga), grastorp: one(hours.grastorp) };
}

export function emptyException(date = ''): ExceptionForm {
  return { date, kind: 'closed-day', from: '', to: '', note: '' };
}

/** Zod's issue (path within the section) as one of our error keys. */
function keyOfIssue(path: readonly PropertyKey[], code: string): FormErrorKey {
  const last = String(path[path.length - 1] ?? '');
  if (path[0] === 'weekly') return path.length > 2 && last === 'close' && code === 'custom' ? 'closeAfterOpen' : code === 'too_big' ? 'tooManySpans' : 'time';
  if (path[0] === 'exceptions') {
    if (last === 'date') return 'date';
    if (last === 'note') return 'note';
    if (last === 'to' && code === 'custom') return 'toAfterFrom';
    if (last === 'from' && code === 'custom') return 'openNeedsTimes';
    return 'time';
  }
  if (path[0] === 'eves' || path[0] === 'shortDayClose') return 'time';
  return 'invalid';
}

/** Which form field a schema path points at ("weekly.mon.0.close" → "weekly.mon"). */
function fieldOfPath(path: readonly PropertyKey[]): string {
  if (path[0] === 'weekly') return `weekly.${String(path[1])}`;
  if (path[0] === 'eves') return `eves.${String(path[1])}`;
  if (path[0] === 'exceptions') return `exceptions.${String(path[1])}.${String(path[2] ?? 'date')}`;
  return path.map(String).join('.');
}

function municipalityInput(m: HoursMunicipality, f: MunicipalityForm, errors: FormError[]): z.input<typeof MunicipalityHours> {
  const weekly: Record<string, { open: string; close: string }[]> = {};
  for (const d of WEEKDAYS) {
    const parts = f.weekly[d].split(',').filter((p) => p.trim() !== '');
    weekly[d] = [];
    for (const p of parts) {
      const s = SPAN.exec(p);
      if (!s) {
        errors.push({ field: `${m}.weekly.${d}`, key: 'span' });
        continue;
      }
      weekly[d].push({ open: `${s[1]!.padStart(2, '0')}:${s[2]}`, close: `${s[3]!.padStart(2, '0')}:${s[4]}` });
    }
  }
  // only eves that differ from the defaults are stored, so the rest keep following DEFAULT_EVES
  const eves: Record<string, string> = {};
  for (const id of EVE_IDS) {
    const e = f.eves[id];
    const rule = e.choice === 'short' ? (normaliseTime(e.close) ?? e.close) : e.choice;
    if (rule !== DEFAULT_EVES[id]) eves[id] = rule;
  }
  const exceptions = f.exceptions.map((e, i) => {
    const timed = e.kind !== 'closed-day';
    if (timed && (!e.from.trim() || !e.to.trim())) errors.push({ field: `${m}.exceptions.${i}.${e.from.trim() ? 'to' : 'from'}`, key: 'spanNeedsTimes' });
    return {
      date: e.date.trim(),
      kind: e.kind === 'open-span' ? ('open' as const) : ('closed' as const),
      ...(timed && e.from.trim() ? { from: normaliseTime(e.from) ?? e.from } : {}),
      ...(timed && e.to.trim() ? { to: normaliseTime(e.to) ?? e.to } : {}),
      note: e.note.trim(),
    };
  });
  return { weekly, closedOnHolidays: f.closedOnHolidays, eves, bridgeDays: f.bridgeDays, shortDayClose: normaliseTime(f.shortDayClose) ?? f.shortDayClose, exceptions };
}

export type FormResult = { ok: true; hours: SwitchboardHours } | { ok: false; errors: FormError[] };

/**
 * The form as settings, checked by the schema. `base` keeps what the form does not edit (the
 * closed message, the PBX control).
 */
export function hoursFromForm(form: HoursForm, base: SwitchboardHours): FormResult {
  const errors: FormError[] = [];
  const input: Record<string, unknown> = { pbx: base.pbx };
  for (const m of ['essunga', 'grastorp'] as const) input[m] = { ...municipalityInput(m, form[m], errors), closedMessage: base[m].closedMessage };
  const parsed = SwitchboardHours.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [m, ...rest] = issue.path;
      const field = `${String(m)}.${fieldOfPath(rest)}`;
      if (!errors.some((e) => e.field === field)) errors.push({ field, key: keyOfIssue(rest, issue.code) });
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, hours: parsed.data };
}
