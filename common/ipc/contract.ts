// The one IPC contract between the renderer and main, shared by both hosts (Electron IPC and
// the web host's loopback WebSocket). Every payload is validated on arrival in main.
import { z } from 'zod';
import { Settings, SettingsState } from '../settings/schema';

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

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const methods = {
  getAppInfo: method(z.undefined(), AppInfo),
  getSettings: method(z.undefined(), SettingsState),
  saveSettings: method(Settings, SettingsState),
  reportLog: method(LogReport, z.undefined()),
} as const;

export const events = {
  settingsChanged: SettingsState,
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
export type Envelope<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: IpcErrorCode; message: string } };
/** 'disconnected': the web host's socket dropped mid-call; the call may or may not have run. */
export type IpcErrorCode = 'invalid-payload' | 'unknown-method' | 'handler-failed' | 'forbidden' | 'disconnected';

/** What `window.vaxel` is, in Electron and in the web host alike. */
export type VaxelApi = {
  [M in MethodName]: MethodInput<M> extends undefined
    ? () => Promise<MethodOutput<M>>
    : (input: MethodInput<M>) => Promise<MethodOutput<M>>;
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
