// The one IPC contract between the renderer and main, shared by both hosts (Electron IPC and
// the web host's loopback WebSocket). Every payload is validated on arrival in main.
import { z } from 'zod';
import { Settings, SettingsState } from '../settings/schema';
import { directoryContractEvents, directoryContractMethods } from './directory';
import { messagesContractEvents, messagesContractMethods } from '../messages/ipc';
import { switchboardContractMethods } from '../switchboard/ipc';
import { teamContractEvents, teamContractMethods } from '../team/ipc';
import { desktopContractEvents, desktopContractMethods } from './desktop';
import { TransferKind, TransferOutcome } from '../statistics/record';
import { ordersContractEvents, ordersContractMethods } from '../orders/ipc';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** A line the renderer wants in main's log. Free text is not allowed: only a code and safe fields. */
export const LogReport = z.object({
  level: z.enum(['info', 'warn', 'error']),
  code: z.string().regex(/^[a-z0-9.-]{1,64}$/, 'a short dotted code, no free text'),
  detail: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});
export type LogReport = z.infer<typeof LogReport>;

// The call log (issue 3, P-FAST). The renderer reports what happened to a call as events; main
// stores one row per call, merging events that arrive in any order or more than once. The operator
// is never taken from the renderer: main fills it in from its own settings (the SIP account).
const DAY_MS = 24 * 60 * 60 * 1000;
/** ms since the Unix epoch; not before 2020 and not more than a day ahead of main's clock. */
export const CallLogTime = z
  .number()
  .int()
  .min(Date.UTC(2020, 0, 1), 'before 2020: not a call time in ms since the epoch')
  .refine((ms) => ms <= Date.now() + DAY_MS, 'more than a day in the future');
export const CallLogId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
export const CallOutcome = z.enum(['answered', 'transferred', 'abandoned', 'missed', 'rejected', 'failed']);
export type CallOutcome = z.infer<typeof CallOutcome>;
/** The switchboard number the caller reached, as received: digits and dial punctuation only. */
export const CallLogDialledNumber = z
  .string()
  .max(40)
  .regex(/^[0-9+*#() .-]*$/, 'digits and + * # ( ) . - only');

/** How an unanswered offer left the queue: the caller hung up, the PBX gave up (no operator took it:
 *  a CANCEL with a Reason other than 200), or another console answered it (Reason cause=200, RFC 3326). */
export const QueueEnd = z.enum(['caller', 'pbx', 'elsewhere']);
export type QueueEnd = z.infer<typeof QueueEnd>;
/** A transfer's target as the operator dialled it: an extension or number, or a SIP user; no spaces. */
export const TransferTarget = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9+*#._-]+$/, 'an extension, number or SIP user');

/** Why a call ended in a script instead of a connection. */
export const CallReferral = z.enum(['external-info', 'staff-lookup']);
export type CallReferral = z.infer<typeof CallReferral>;

/** ISO 3166 region of a dial-out's destination ("GB"); null for a non-geographic network. */
export const DialOutCountry = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 region code');
/** The destination's country calling code ("44"): one to three digits, so never a number. */
export const DialOutCallingCode = z.string().regex(/^[0-9]{1,3}$/, 'a country calling code');

export const CallEvent = z.discriminatedUnion('kind', [
  z
    .object({
      callId: CallLogId,
      kind: z.literal('offered'),
      at: CallLogTime,
      dialledNumber: CallLogDialledNumber.optional(),
      switchboardId: z.string().min(1).max(64).nullable().optional(),
      /** The INVITE's SIP Call-ID, the same at every console a forked call rings at; main keeps only a hash. */
      sipCallId: z.string().min(1).max(256).optional(),
    })
    .strict(),
  z.object({ callId: CallLogId, kind: z.literal('answered'), at: CallLogTime }).strict(),
  z.object({ callId: CallLogId, kind: z.literal('transferred'), at: CallLogTime }).strict(),
  z.object({ callId: CallLogId, kind: z.literal('ended'), at: CallLogTime, outcome: CallOutcome, queueEnd: QueueEnd.optional() }).strict(),
  /** One transfer attempt, once it is settled (P-SERVICE-LEVEL): the employee's extension, never the caller's number. */
  z
    .object({
      callId: CallLogId,
      kind: z.literal('transfer'),
      at: CallLogTime,
      transferKind: TransferKind,
      target: TransferTarget,
      result: TransferOutcome,
      /** When the employee answered (the consultation or safe leg, or the final NOTIFY's 200); null when not. */
      answeredAt: CallLogTime.nullable(),
    })
    .strict(),
  /** The operator read out a referral script (P-EXT-INFO, P-STAFF-LOOKUP): the reason only, never a number. */
  z.object({ callId: CallLogId, kind: z.literal('referral'), at: CallLogTime, referral: CallReferral }).strict(),
  /** The operator dialled out for the caller (P-DIALOUT): the destination's country only, never the number. */
  z.object({ callId: CallLogId, kind: z.literal('dial-out'), at: CallLogTime, country: DialOutCountry.nullable(), callingCode: DialOutCallingCode }).strict(),
]);
export type CallEvent = z.infer<typeof CallEvent>;
export type CallEventKind = CallEvent['kind'];

export const RecordCallEventResult = z.object({
  /** False when the event was already known (a duplicate, or older news than what is stored). */
  changed: z.boolean(),
});

export const CallLogEntry = z.object({
  callId: z.string(),
  offeredAt: z.number(),
  /** True while offeredAt is a stand-in from a later event because the offered event has not arrived. */
  offeredAtEstimated: z.boolean(),
  answeredAt: z.number().nullable(),
  transferredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  outcome: CallOutcome.nullable(),
  dialledNumber: z.string().nullable(),
  switchboardId: z.string().nullable(),
  referral: CallReferral.nullable(),
  operator: z.string(),
  /** Set when the operator dialled out for the caller: where to, by country (P-DIALOUT). */
  dialOut: z.object({ country: z.string().nullable(), callingCode: z.string() }).nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;

export const ListRecentCallsInput = z
  .object({
    limit: z.number().int().min(1).max(500),
    /** Only calls offered strictly before this time (paging backwards). */
    before: CallLogTime.optional(),
  })
  .strict();

/** Median and 90th percentile (nearest rank: always an observed value), null when there is no sample. */
export const DurationFigures = z.object({
  count: z.number().int(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type DurationFigures = z.infer<typeof DurationFigures>;

const MAX_STATS_PERIOD_MS = 400 * DAY_MS;
export const CallStatsInput = z
  .object({ from: CallLogTime, to: CallLogTime })
  .strict()
  .refine((p) => p.to > p.from, { message: 'to must be after from', path: ['to'] })
  .refine((p) => p.to - p.from <= MAX_STATS_PERIOD_MS, { message: 'the period is longer than 400 days', path: ['to'] });

export const CallStats = z.object({
  from: z.number(),
  to: z.number(),
  /** Calls offered in [from, to). */
  offered: z.number().int(),
  outcomes: z.record(CallOutcome, z.number().int()),
  /** Calls without an ended event (still going, or the console stopped before it was sent). */
  open: z.number().int(),
  /** Offered → answered (the operator took the call), P-FAST. */
  timeToAnswer: DurationFigures,
  /** Answered → transferred (the operator connected the caller), P-FAST / P-CONNECT. */
  timeToConnect: DurationFigures,
});
export type CallStats = z.infer<typeof CallStats>;

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const methods = {
  getAppInfo: method(z.undefined(), AppInfo),
  getSettings: method(z.undefined(), SettingsState),
  saveSettings: method(Settings, SettingsState),
  reportLog: method(LogReport, z.undefined()),
  ...directoryContractMethods,
  recordCallEvent: method(CallEvent, RecordCallEventResult),
  listRecentCalls: method(ListRecentCallsInput, z.array(CallLogEntry)),
  getCallStats: method(CallStatsInput, CallStats),
  ...messagesContractMethods,
  ...switchboardContractMethods,
  ...desktopContractMethods,
  ...ordersContractMethods,
  ...teamContractMethods,
} as const;

export const events = {
  settingsChanged: SettingsState,
  ...directoryContractEvents,
  ...desktopContractEvents,
  ...teamContractEvents,
  ...ordersContractEvents,
  ...messagesContractEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** Electron channel names carry a prefix so stray channels are never mistaken for ours. */
export const CHANNEL_PREFIX = 'vaxel:';

/** The result of one call as it crosses a host boundary. Errors are data, never thrown across. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
/** 'disconnected': the web host's socket dropped mid-call; the call may or may not have run. */
export type IpcErrorCode = 'invalid-payload' | 'unknown-method' | 'handler-failed' | 'forbidden' | 'disconnected';

/** What `window.vaxel` is, in Electron and in the web host alike. */
export type VaxelApi = {
  [M in MethodName]: MethodInput<M> extends undefined ? () => Promise<MethodOutput<M>> : (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Thrown in the renderer when main rejects a call; `code` says why. */
export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}
