// Absence codes (P-ABSENCE) as PIDF + RPID (RFC 3863, RFC 4480): what the employee (or the
// operator on their behalf, P-RECODE) publishes, what the console reads, the labels, the
// sentence for P-RETURN ("... är tillbaka 13.00 — välkommen åter", verbatim), and when an
// absence is stale. Pure: no DOM; bodies are read with the hardened XML reader (./xml). The words
// come from the i18n catalogue (common/i18n, keys absence.*): Swedish unless the caller passes `t`.
import { clockText, minuteOfDay, nextWallClock, sameDay, wallClock } from '../time/stockholm';
import { encodeXml } from './dialog-info';
import { find, findAll, parseXml, textOf, type XmlRejection } from './xml';
import { translator, type TFunction } from '../i18n/translate';
import { MONTH_KEYS } from '../i18n';

export const ABSENCE_CODES = ['lunch', 'meeting', 'vacation', 'out', 'sick', 'course', 'parental', 'travel'] as const;
export type AbsenceCode = (typeof ABSENCE_CODES)[number];

/** A code's label (catalogue absence.code.*; the UI shows the Swedish ones verbatim). Order of ABSENCE_CODES = the digit keys 1–8. */
export function absenceLabel(code: AbsenceCode, t: TFunction = translator()): string {
  return t(`absence.code.${code}`);
}

/** How each code is written in RPID: a standard activity element, or <rpid:other>word</rpid:other>. */
const RPID: Record<AbsenceCode, { element: string; other?: string }> = {
  lunch: { element: 'lunch' },
  meeting: { element: 'meeting' },
  vacation: { element: 'vacation' },
  out: { element: 'away' },
  sick: { element: 'other', other: 'sick' },
  course: { element: 'other', other: 'course' },
  parental: { element: 'other', other: 'parental-leave' },
  travel: { element: 'travel' },
};

export interface Absence {
  readonly code: AbsenceCode;
  /** ISO 8601 return time, or null when open-ended. */
  readonly until: string | null;
  /** Free text ("Ring mobilen vid brådskande ärenden"), '' when none. */
  readonly note: string;
}

/** What a presence document says: an absence, or none (available); timestamp orders documents. */
export interface PresenceDoc {
  readonly absence: Absence | null;
  /** ms since epoch of the newest person element, 0 when none. */
  readonly timestamp: number;
  readonly basic: 'open' | 'closed' | '';
}

function codeOf(element: string, text: string): AbsenceCode | null {
  const e = element.toLowerCase();
  const t = text.trim().toLowerCase();
  for (const code of ABSENCE_CODES) {
    const r = RPID[code];
    if (r.element !== e) continue;
    if (!r.other || r.other === t) return code;
  }
  if (e === 'holiday') return 'vacation';
  if (e === 'appointment') return 'meeting';
  if (e === 'in-transit') return 'travel';
  if (e === 'meal' || e === 'breakfast' || e === 'dinner') return 'lunch';
  if (e === 'other' && /sjuk|sick/.test(t)) return 'sick';
  return null;
}

/**
 * Reads a PIDF document (possibly several aggregated by the presence server). Of several person
 * elements the newest (dm:timestamp) wins, so an operator's re-code replaces the employee's code.
 * null when the body is not PIDF, or is rejected as XML (`onReject` hears why).
 */
export function parsePidf(xml: string, onReject?: (rejection: XmlRejection) => void): PresenceDoc | null {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    onReject?.(parsed);
    return null;
  }
  const root = parsed.root;
  if (root.name !== 'presence') return null;
  const basicText = findAll(root, 'basic')
    .map((b) => textOf(b).toLowerCase())
    .find((t) => t === 'open' || t === 'closed');
  const basic = (basicText ?? '') as PresenceDoc['basic'];
  const persons = findAll(root, 'person');
  if (!persons.length) persons.push(root); // activities outside a person element (old RPID)
  let best: PresenceDoc | null = null;
  for (const p of persons) {
    const ts = Date.parse(textOf(find(p, 'timestamp'))) || 0;
    const acts = find(p, 'activities');
    let absence: Absence | null = null;
    if (acts) {
      const untilRaw = acts.attributes.until ?? '';
      const until = untilRaw && !Number.isNaN(Date.parse(untilRaw)) ? untilRaw : null;
      for (const el of acts.children) {
        const code = codeOf(el.name, el.text);
        if (code) {
          absence = { code, until, note: textOf(find(p, 'note')) };
          break;
        }
      }
    }
    if (!best || ts >= best.timestamp) best = { absence, timestamp: ts, basic };
  }
  return best;
}

/** A PIDF body with one tuple and one person: the absence (or none = available). */
export function buildPidf(entity: string, absence: Absence | null, opts: { now?: number; id?: string } = {}): string {
  const now = opts.now ?? Date.now();
  const id = opts.id ?? 'vaxel';
  const ts = new Date(now).toISOString();
  let acts = '';
  let note = '';
  if (absence) {
    const r = RPID[absence.code];
    const el = r.other ? `<rpid:other>${r.other}</rpid:other>` : `<rpid:${r.element}/>`;
    const until = absence.until ? ` until="${encodeXml(absence.until)}"` : '';
    acts = `<rpid:activities${until}>${el}</rpid:activities>`;
    if (absence.note) note = `<dm:note>${encodeXml(absence.note)}</dm:note>`;
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" ' +
    `xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="${encodeXml(entity)}">` +
    `<tuple id="t-${id}"><status><basic>${absence ? 'closed' : 'open'}</basic></status><timestamp>${ts}</timestamp></tuple>` +
    `<dm:person id="p-${id}">${acts}${note}<dm:timestamp>${ts}</dm:timestamp></dm:person>` +
    '</presence>'
  );
}

// ---- Swedish wording ---------------------------------------------------------------------

/** Local clock time "13.00" (Swedish style), and the date when it is not today ("2 december 08.00"). */
export function returnTimeText(until: string, now = Date.now(), t: TFunction = translator()): string {
  const at = Date.parse(until);
  const clock = clockText(at);
  if (sameDay(at, now)) return clock;
  const u = wallClock(at);
  const date = { day: u.day, month: t(`absence.month.${MONTH_KEYS[u.month - 1]!}`), year: u.year, clock };
  return u.year !== wallClock(now).year ? t('absence.dateYearClock', date) : t('absence.dateClock', date);
}

/** "Lunch till 13.00", "Sjuk", "Semester till 2 december 08.00". */
export function absenceText(a: Absence, now = Date.now(), t: TFunction = translator()): string {
  const label = absenceLabel(a.code, t);
  return a.until ? t('absence.until', { label, time: returnTimeText(a.until, now, t) }) : label;
}

/** P-RETURN, ready to read: "Karin Ek är tillbaka 13.00 — välkommen åter". Said to the caller: always Swedish. */
export function returnSentence(name: string, a: Absence, now = Date.now()): string {
  const t = translator('sv');
  const who = name.trim() || t('absence.someone');
  if (!a.until) return t('absence.returnOpen', { who, label: absenceLabel(a.code, t).toLowerCase() });
  return t('absence.returnAt', { who, time: returnTimeText(a.until, now, t) });
}

/** Lunch hours in which a "lunch" code is plausible (local time, minutes since midnight). */
export const LUNCH_HOURS = { from: 10 * 60 + 30, to: 14 * 60 + 30 } as const;

export type StaleReason = 'until-passed' | 'lunch-outside-hours';

/** Why an absence should be questioned (P-RECODE: the code was not changed in time), or null. */
export function staleReason(a: Absence, now = Date.now()): StaleReason | null {
  if (a.until && Date.parse(a.until) < now) return 'until-passed';
  if (a.code === 'lunch') {
    const m = minuteOfDay(now);
    if (m < LUNCH_HOURS.from || m > LUNCH_HOURS.to) return 'lunch-outside-hours';
  }
  return null;
}

/** Why the absence is questioned, as the card and the favourites say it. */
export function staleText(reason: StaleReason, t: TFunction = translator()): string {
  return t(`absence.stale.${reason}`);
}

/** "för 5 min sedan", "för 2 tim sedan", "för 3 dagar sedan". */
export function ageText(since: number, now = Date.now(), t: TFunction = translator()): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 60) return t('absence.age.now');
  const m = Math.round(s / 60);
  if (m < 60) return t('absence.age.minutes', { count: m });
  const h = Math.round(m / 60);
  if (h < 48) return t('absence.age.hours', { count: h });
  return t('absence.age.days', { count: Math.round(h / 24) });
}

/**
 * A typed return time: "13", "1300", "13.00", "13:30", "930" -> today at that local time (tomorrow
 * when it has passed); "" -> null (open-ended). Returns undefined when it cannot be read.
 */
export function parseReturnTime(text: string, now = Date.now()): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const m = /^(\d{1,2})(?:[.:]?(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2] ?? 0);
  if (h > 23 || mi > 59) return undefined;
  return new Date(nextWallClock(h, mi, now)).toISOString();
}
