// What the operator records about a unit when its manager phones or mails the switchboard
// (P-CHANGES, issue 4 item 5): notices and opening hours. Validated in main on arrival; the
// operator who entered them is never taken from the renderer but from main's settings.
import { z } from 'zod';
import { OpeningHours, OpeningHoursOverride, Unit } from './model';

export const NOTICE_MAX_CHARS = 500;

const unitId = z.string().trim().min(1, 'a unit id').max(400);
const instant = z.string().datetime({ offset: true, message: 'an ISO 8601 time with an offset, e.g. 2026-12-01T16:00:00Z' });
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const AddNoticeInput = z
  .object({
    unitId,
    text: z.string().trim().min(1, 'the notice text is empty').max(NOTICE_MAX_CHARS, `the notice text is longer than ${NOTICE_MAX_CHARS} characters`),
    validFrom: instant.optional(),
    validTo: instant.optional(),
    /** The manager who reported it (P-CHANGES). */
    reportedBy: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((n) => !n.validFrom || !n.validTo || Date.parse(n.validTo) > Date.parse(n.validFrom), {
    message: 'validTo must be after validFrom',
    path: ['validTo'],
  })
  .refine((n) => !n.validTo || Date.parse(n.validTo) > Date.now(), { message: 'validTo is already past', path: ['validTo'] });
export type AddNoticeInputT = z.infer<typeof AddNoticeInput>;

export const RemoveNoticeInput = z.object({ id: z.string().min(1).max(100) }).strict();

const WeeklyHours = OpeningHours.strict()
  .refine((h) => minutes(h.close) > minutes(h.open), { message: 'close must be after open', path: ['close'] })
  .refine((h) => new Set(h.days).size === h.days.length, { message: 'a day is listed twice', path: ['days'] });

const HoursOverrideInput = OpeningHoursOverride.strict()
  .refine((o) => o.to >= o.from, { message: 'to must not be before from', path: ['to'] })
  .refine((o) => (o.open === undefined) === (o.close === undefined), { message: 'give both open and close, or neither (closed)', path: ['close'] })
  .refine((o) => !o.open || !o.close || minutes(o.close) > minutes(o.open), { message: 'close must be after open', path: ['close'] });

/** Replaces what the operator recorded for the unit: the weekly hours (empty: none) and the override. */
export const SetOpeningHoursInput = z
  .object({
    unitId,
    weekly: z.array(WeeklyHours).max(14),
    override: HoursOverrideInput.nullable().optional(),
  })
  .strict()
  .refine(
    (h) => {
      const days = h.weekly.flatMap((w) => w.days);
      return new Set(days).size === days.length;
    },
    { message: 'a weekday has two sets of hours', path: ['weekly'] },
  );
export type SetOpeningHoursInputT = z.infer<typeof SetOpeningHoursInput>;

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** Spread into directoryContractMethods (common/ipc/directory.ts). */
export const unitNoticeMethods = {
  /** Records a notice for a unit; returns the unit as directoryUnits shows it now. */
  directoryAddNotice: method(AddNoticeInput, Unit),
  /** Removes an operator-recorded notice (kept in the cache as removed, hidden everywhere). */
  directoryRemoveNotice: method(RemoveNoticeInput, z.object({ removed: z.boolean() })),
  /** Sets a unit's weekly opening hours and temporary override; returns the unit as shown now. */
  directorySetOpeningHours: method(SetOpeningHoursInput, Unit),
} as const;
