// Switchboard hours' part of the IPC contract (P-AFTERHOURS), spread at the end of
// common/ipc/contract.ts. The operator who switches night service is taken from main's settings,
// never from the renderer.
import { z } from 'zod';
import { NightService } from './pbxState';
import { HoursMunicipality, SwitchboardHours } from './schema';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const MunicipalitySwitchboardStatus = z.object({
  municipality: HoursMunicipality,
  open: z.boolean(),
  /** Why it is closed now; null when open. */
  closedBy: z.enum(['schedule', 'night-service']).nullable(),
  /** When the schedule next flips (ms); null while night service holds it closed or nothing changes. */
  nextChange: z.number().nullable(),
  nightService: NightService.nullable(),
});
export type MunicipalitySwitchboardStatus = z.infer<typeof MunicipalitySwitchboardStatus>;

export const SwitchboardStatus = z.object({
  at: z.number(),
  municipalities: z.array(MunicipalitySwitchboardStatus),
  pbx: z.object({
    kind: z.enum(['kamailio-jsonrpc', 'display-only']),
    /** False: the PBX does not play the closed message by itself (display only). */
    playsMessage: z.boolean(),
    lastPush: z.object({ at: z.number(), ok: z.boolean(), error: z.string().nullable() }).nullable(),
    /** The last time the closed messages were made and installed in the PBX, and whether it worked. */
    lastPrompts: z.object({ at: z.number(), ok: z.boolean(), error: z.string().nullable() }).nullable(),
  }),
});
export type SwitchboardStatus = z.infer<typeof SwitchboardStatus>;

export const ClosedMessageView = z.object({
  municipality: HoursMunicipality,
  /** What callers hear (when no recording is used). */
  text: z.string(),
  /** The catalogue's default with the current hours, to offer "återställ". */
  defaultText: z.string(),
  custom: z.boolean(),
  recordingFile: z.string().nullable(),
});
export type ClosedMessageView = z.infer<typeof ClosedMessageView>;

export const switchboardContractMethods = {
  switchboardStatus: method(z.undefined(), SwitchboardStatus),
  /** "Stäng växeln" (closed: true) / "Öppna växeln" (false): night service, logged with who and when. */
  switchboardSetNightService: method(z.object({ municipality: HoursMunicipality, closed: z.boolean() }).strict(), SwitchboardStatus),
  switchboardGetHours: method(z.undefined(), SwitchboardHours),
  switchboardSaveHours: method(SwitchboardHours, SwitchboardHours),
  switchboardGetClosedMessage: method(z.object({ municipality: HoursMunicipality }).strict(), ClosedMessageView),
  /** text null: back to the default; recordingFile: a WAV the admin provides, played instead of speech. */
  switchboardSaveClosedMessage: method(
    z.object({ municipality: HoursMunicipality, text: z.string().max(2000).nullable(), recordingFile: z.string().min(1).max(1000).nullable() }).strict(),
    ClosedMessageView,
  ),
} as const;
