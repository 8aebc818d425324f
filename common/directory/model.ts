// The directory's data model (D-DIRECTORY): people, units and shared numbers, as zod schemas so
// every source (LDAP, CSV) and the cache validate the same shape. Numbers are stored in E.164.
import { z } from 'zod';

export const Municipality = z.enum(['essunga', 'grastorp']);
export type Municipality = z.infer<typeof Municipality>;

/** +46512572001: a plus, a country code and up to 14 digits. */
export const E164 = z.string().regex(/^\+[1-9]\d{5,14}$/, 'a number in E.164 form');
/** An internal extension: digits only, 2 to 8 of them. */
export const Extension = z.string().regex(/^\d{2,8}$/, 'an extension of 2 to 8 digits');
export const SipUri = z.string().regex(/^sips?:[^\s]+$/i, 'a sip: or sips: URI');

const text = (max: number) => z.string().trim().max(max);

export const Person = z.object({
  /** Stable id from the source (objectGUID, entryUUID, HR employee id). Diffs are keyed on it. */
  id: text(200).min(1),
  givenName: text(100),
  surname: text(100),
  title: text(200).default(''),
  municipality: Municipality,
  /** The förvaltning (administration) and the unit inside it, as named in the source. */
  forvaltning: text(200).default(''),
  unit: text(200).default(''),
  /** Id of the most specific unit this person belongs to (see units.ts). */
  unitId: text(400).optional(),
  extension: Extension.optional(),
  directNumber: E164.optional(),
  mobile: E164.optional(),
  email: z
    .string()
    .trim()
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address')
    .optional(),
  sipUri: SipUri.optional(),
  voicemailUri: SipUri.optional(),
  /** Words callers use for what this person does: "bygglov", "rektor Hagaskolan". */
  roleWords: z.array(text(100).min(1)).max(50).default([]),
  notes: text(2000).default(''),
  /** Skyddad identitet: numbers are never shown or given out (P-SECRECY). */
  protectedIdentity: z.boolean().default(false),
});
export type Person = z.infer<typeof Person>;
export type PersonInput = z.input<typeof Person>;

/** Weekly opening hours of a unit; day 1 is Monday (ISO 8601). */
export const OpeningHours = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1),
  open: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  close: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

/** A manager's message to the switchboard about their area (P-CHANGES). */
export const Notice = z.object({
  id: text(100).min(1),
  text: text(1000).min(1),
  validFrom: z.string().datetime({ offset: true }).optional(),
  validTo: z.string().datetime({ offset: true }).optional(),
  /** Set for notices the operator recorded in the console (the SIP username from main's settings). */
  enteredBy: text(200).optional(),
  enteredAt: z.string().datetime({ offset: true }).optional(),
  /** The manager who reported the change (P-CHANGES), as the operator wrote it down. */
  reportedBy: text(200).optional(),
});
export type Notice = z.infer<typeof Notice>;

/** A calendar date, YYYY-MM-DD, in the switchboard's local time. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');

/**
 * Opening hours that replace the weekly ones for a period (holidays, a move, staff shortage).
 * Without open and close the unit is closed in the period.
 */
export const OpeningHoursOverride = z.object({
  from: LocalDate,
  to: LocalDate,
  open: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  close: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  note: text(200).optional(),
});
export type OpeningHoursOverride = z.infer<typeof OpeningHoursOverride>;

export const Unit = z.object({
  id: text(400).min(1),
  name: text(200).min(1),
  kind: z.enum(['forvaltning', 'unit']),
  municipality: Municipality,
  parentId: text(400).optional(),
  openingHours: z.array(OpeningHours).default([]),
  notices: z.array(Notice).default([]),
  /** A temporary change of the opening hours the operator recorded (P-CHANGES); hidden once past. */
  hoursOverride: OpeningHoursOverride.optional(),
  /** Who recorded the opening hours in the console, when they were not from a source. */
  hoursEnteredBy: text(200).optional(),
});
export type Unit = z.infer<typeof Unit>;

/** Numbers that belong to a function, not a person: receptions, functions, on-call lines. */
export const SharedNumber = z.object({
  id: text(200).min(1),
  name: text(200).min(1),
  kind: z.enum(['reception', 'function', 'on-call']),
  municipality: Municipality,
  unitId: text(400).optional(),
  number: E164.optional(),
  extension: Extension.optional(),
  roleWords: z.array(text(100).min(1)).max(50).default([]),
  notes: text(2000).default(''),
});
export type SharedNumber = z.infer<typeof SharedNumber>;

/** Everything one source knows, at one moment. */
export const DirectorySnapshot = z.object({
  persons: z.array(Person).default([]),
  units: z.array(Unit).default([]),
  shared: z.array(SharedNumber).default([]),
});
export type DirectorySnapshot = z.infer<typeof DirectorySnapshot>;

export type EntryKind = 'person' | 'unit' | 'shared';

export function displayName(p: Pick<Person, 'givenName' | 'surname'>): string {
  return [p.givenName, p.surname].filter(Boolean).join(' ');
}
