// The shape of the switchboard's opening hours in the settings (P-AFTERHOURS), per municipality.
// Defaults, chosen for a Swedish municipal switchboard and documented in the README:
//  - Monday to Friday 08:00-16:30, closed Saturday and Sunday;
//  - closed on every public holiday (date-holidays, SE) and on the eves that are days off under
//    the municipal agreements: påskafton, pingstafton, midsommarafton, julafton, nyårsafton;
//  - shortened days, closing at 12:00: trettondagsafton, skärtorsdagen, valborgsmässoafton,
//    allhelgonaafton; klämdagar (a weekday between a holiday and a day off) open as normal
//    unless configured ('short' closes at shortDayClose, 'closed' all day);
//  - no one-off exceptions.
import { z } from 'zod';

export const SWITCHBOARD_MUNICIPALITIES = ['essunga', 'grastorp'] as const;
export const HoursMunicipality = z.enum(SWITCHBOARD_MUNICIPALITIES);
export type HoursMunicipality = z.infer<typeof HoursMunicipality>;

/** 'HH:MM', 00:00..24:00 (24:00 = end of the day). */
export const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time as HH:MM, 00:00 to 24:00');

export const OpenSpan = z
  .object({ open: ClockTime, close: ClockTime })
  .strict()
  .refine((s) => toMinutes(s.close) > toMinutes(s.open), { message: 'close must be after open', path: ['close'] });
export type OpenSpan = z.infer<typeof OpenSpan>;

const Day = z.array(OpenSpan).max(4).default([]);
const WORKDAY = [{ open: '08:00', close: '16:30' }];

/** Opening spans per ISO weekday (mon..sun); an empty list is a closed day. */
export const WeeklySchedule = z.object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }).strict();
export type WeeklySchedule = z.infer<typeof WeeklySchedule>;

/** The eves date-holidays (SE) knows, by our id. */
export const EVE_IDS = ['trettondagsafton', 'skartorsdagen', 'paskafton', 'valborgsmassoafton', 'pingstafton', 'midsommarafton', 'allhelgonaafton', 'julafton', 'nyarsafton'] as const;
export const EveId = z.enum(EVE_IDS);
export type EveId = z.infer<typeof EveId>;

/** What an eve does to the day: 'closed', 'normal' (the weekly schedule) or a close time 'HH:MM'. */
export const EveRule = z.union([z.literal('closed'), z.literal('normal'), ClockTime]);
export type EveRule = z.infer<typeof EveRule>;

export const DEFAULT_EVES: Record<EveId, EveRule> = {
  trettondagsafton: '12:00',
  skartorsdagen: '12:00',
  paskafton: 'closed',
  valborgsmassoafton: '12:00',
  pingstafton: 'closed',
  midsommarafton: 'closed',
  allhelgonaafton: '12:00',
  julafton: 'closed',
  nyarsafton: 'closed',
};

export const LocalDateString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');

/**
 * A one-off change on one date: 'closed' from..to (a closed afternoon; whole day without times,
 * e.g. a staff day) or 'open' from..to (extra opening on a day that would be closed).
 */
export const HoursException = z
  .object({
    date: LocalDateString,
    kind: z.enum(['closed', 'open']),
    from: ClockTime.optional(),
    to: ClockTime.optional(),
    /** Why, for the operators (e.g. "Personaldag"). Not played to callers. */
    note: z.string().max(200).default(''),
  })
  .strict()
  .refine((e) => toMinutes(e.to ?? '24:00') > toMinutes(e.from ?? '00:00'), { message: 'to must be after from', path: ['to'] })
  .refine((e) => e.kind === 'closed' || (e.from !== undefined && e.to !== undefined), { message: 'an extra opening needs from and to', path: ['from'] });
export type HoursException = z.infer<typeof HoursException>;

export const MunicipalityHours = z
  .object({
    weekly: WeeklySchedule.default({ mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] }),
    /** Public holidays (röda dagar) close the switchboard all day; false keeps the weekly schedule. */
    closedOnHolidays: z.boolean().default(true),
    /** Per eve; an eve not named here follows DEFAULT_EVES. */
    eves: z.partialRecord(EveId, EveRule).default({}),
    /** A weekday squeezed between a holiday and a day off ("klämdag"). */
    bridgeDays: z.enum(['normal', 'short', 'closed']).default('normal'),
    /** Close time of a 'short' klämdag. */
    shortDayClose: ClockTime.default('12:00'),
    exceptions: z.array(HoursException).max(500).default([]),
    /** The closed message: the admin's own text (else the catalogue's default with the hours in
     * words) and, optionally, a recorded WAV file played instead of the synthesised speech. */
    closedMessage: z
      .object({
        text: z.string().max(2000).optional(),
        recordingFile: z.string().min(1).max(1000).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type MunicipalityHours = z.infer<typeof MunicipalityHours>;

/**
 * How the console steers the PBX (README "Switchboard hours in the PBX"): 'display-only' for a PBX
 * without such control (the console shows the state; the PBX admin sets up the closed message
 * by hand); 'kamailio-jsonrpc' pushes to Kamailio's htable over JSON-RPC (jsonrpcs over xhttp).
 */
export const PbxControlSettings = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('display-only') }).strict(),
  z
    .object({
      kind: z.literal('kamailio-jsonrpc'),
      url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL'),
      /** Sent as X-Vaxel-Rpc-Token; encrypted on disk like the SIP password. */
      token: z.string().max(256).default(''),
      /** Where the announcer reads closed-<municipality>.wav (a share on the announcement server). */
      // Absolute only: a relative path would land wherever the console process happens to run.
      promptDir: z
        .string()
        .min(1)
        .max(1000)
        .regex(/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/, 'an absolute path (/srv/prompts, C:\\prompts or \\\\server\\share)')
        .optional(),
    })
    .strict(),
]);
export type PbxControlSettings = z.infer<typeof PbxControlSettings>;

/** The settings section: per municipality. Optional in Settings; switchboardHours() fills the defaults. */
export const SwitchboardHours = z
  .object({
    essunga: MunicipalityHours.default(MunicipalityHours.parse({})),
    grastorp: MunicipalityHours.default(MunicipalityHours.parse({})),
    pbx: PbxControlSettings.default({ kind: 'display-only' }),
  })
  .strict();
export type SwitchboardHours = z.infer<typeof SwitchboardHours>;

export function switchboardHours(settings: { switchboardHours?: z.input<typeof SwitchboardHours> | undefined }): SwitchboardHours {
  return SwitchboardHours.parse(settings.switchboardHours ?? {});
}

export function toMinutes(t: string): number {
  const [h, m] = t.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
