// The console's settings: what an operator workstation needs to register and work.
// Validated with zod on every load and save; a file that fails validation is backed up, never trusted.
import { z } from 'zod';
import { ImportMapping } from '../directory/importMapping';
import { SwitchboardHours } from '../switchboard/schema';
import { HeadsetSetting } from '../headset/settings';
import { DialoutSettings } from '../dialout/schema';
import { TeamStoreSettings } from '../team/settings';

export const SETTINGS_VERSION = 1;

/** A SIP account. Servers are tried in order: the first is primary, the rest are failover. */
export const SipAccount = z.object({
  id: z.string().min(1).max(64),
  label: z.string().max(100).default(''),
  username: z.string().min(1).max(128),
  /** Digest user when it differs from the URI user. */
  authorizationUsername: z.string().max(128).optional(),
  /** Clear text only in memory and over IPC; on disk it is encrypted (P-SECRECY). */
  password: z.string().max(256),
  domain: z.string().min(1).max(255),
  servers: z
    .array(z.string().regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL'))
    .min(1, 'at least one server')
    .max(8),
  /** This PBX's voicemail deposit URI; {ext} is the employee's extension, {domain} the account's domain. */
  voicemailUriTemplate: z.string().includes('{ext}').max(200).optional(),
});
export type SipAccount = z.infer<typeof SipAccount>;

/**
 * A directory source. `mapping` is this source's saved import mapping (column → field choices, or
 * the statement that it has no protected-identity column); without one a source whose columns name
 * no protected identity is refused (P-SECRECY, common/directory/importMapping.ts).
 */
export const DirectorySource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('csv'), path: z.string().min(1), mapping: ImportMapping.optional() }),
  z.object({
    kind: z.literal('ldap'),
    url: z.string().regex(/^ldaps?:\/\//, 'must be an ldap:// or ldaps:// URL'),
    baseDn: z.string().min(1),
    bindDn: z.string().optional(),
    bindPassword: z.string().optional(),
    /** Defaults to enabled Active Directory user accounts. */
    filter: z.string().min(3).max(1000).optional(),
    mapping: ImportMapping.optional(),
  }),
]);
export type DirectorySource = z.infer<typeof DirectorySource>;

/** Where a call's dialled number is read from; PBXs differ (P-GREET). */
export const DialledSource = z.enum(['request-uri', 'to', 'diversion', 'history-info']);
export type DialledSource = z.infer<typeof DialledSource>;

export const Switchboard = z.object({
  id: z.string().min(1),
  /** 'essunga' | 'grastorp' pick the policy greeting; 'internal' answers "Växeln". */
  municipality: z.enum(['essunga', 'grastorp', 'internal']),
  /** Numbers that reach this switchboard, any format (normalised before comparing). */
  numbers: z.array(z.string().min(1)).min(1),
  dialledFrom: z.array(DialledSource).min(1).default(['to', 'request-uri']),
});
export type Switchboard = z.infer<typeof Switchboard>;

export const AudioSettings = z.object({
  /** Headset: talk in and out. Empty means the system default. */
  talkOutputId: z.string().default(''),
  talkInputId: z.string().default(''),
  /** Ring tone output, typically a speaker, separate from the headset. */
  ringOutputId: z.string().default(''),
});

/** Call handling (D-KEYS). Optional as a whole: callSettings() fills in the defaults. */
export const CallSettings = z.object({
  /** A safe transfer the employee does not answer within this many seconds returns the caller. */
  safeTransferTimeoutS: z.number().int().min(5).max(120).default(20),
  /** How many park slots (1..n, n <= 9) the console offers. */
  parkSlots: z.number().int().min(1).max(9).default(9),
  /** DTMF: RFC 4733 telephone-events (RTCDTMFSender), SIP INFO application/dtmf-relay, or both. */
  dtmfMode: z.enum(['rfc4733', 'info', 'both']).default('rfc4733'),
  /** Key bindings by action id (renderer/keyboard/keymap.ts lists the actions and defaults). */
  keymap: z.record(z.string().max(40), z.string().min(1).max(40)).default({}),
});
export type CallSettings = z.infer<typeof CallSettings>;

export const DEFAULT_VOICEMAIL_URI_TEMPLATE = 'sip:vm-{ext}@{domain}';

/** The call settings with every default filled in. */
export function callSettings(settings: { calls?: z.input<typeof CallSettings> | undefined }): CallSettings {
  return CallSettings.parse(settings.calls ?? {});
}

/** Keys that answer, hang up, hold and mute while another program has focus (Electron accelerators; '' = off). */
export const GlobalShortcuts = z.object({
  answer: z.string().max(60).default('CommandOrControl+Alt+F2'),
  hangup: z.string().max(60).default('CommandOrControl+Alt+F4'),
  hold: z.string().max(60).default('CommandOrControl+Alt+F3'),
  mute: z.string().max(60).default('CommandOrControl+Alt+F9'),
});
export type GlobalShortcuts = z.infer<typeof GlobalShortcuts>;
export type GlobalShortcutAction = keyof GlobalShortcuts;

/** The console as a desktop app (D-WORKSTATION). Optional as a whole: desktopSettings() fills in the defaults. */
export const DesktopSettings = z.object({
  globalShortcuts: GlobalShortcuts.default(GlobalShortcuts.parse({})),
  /** Start the console when the operator logs in to the workstation. */
  startAtLogin: z.boolean().default(false),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export function desktopSettings(settings: { desktop?: z.input<typeof DesktopSettings> | undefined }): DesktopSettings {
  return DesktopSettings.parse(settings.desktop ?? {});
}

/** Referral scripts (P-EXT-INFO, P-STAFF-LOOKUP); an absent text falls back to the catalogue's. */
export const ReferralSettings = z
  .object({
    externalText: z.string().trim().min(1).max(1000).optional(),
    internalText: z.string().trim().min(1).max(1000).optional(),
    /** Where Enter in the external-information script transfers the caller (blind); absent: no transfer. */
    externalTransferNumber: z
      .string()
      .regex(/^\+?[0-9*#]{1,32}$/, 'digits, optionally with a leading +')
      .optional(),
  })
  .strict();
export type ReferralSettings = z.infer<typeof ReferralSettings>;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  locale: z.enum(['sv', 'en']).default('sv'),
  displayName: z.string().min(1).max(100),
  accounts: z.array(SipAccount).min(1).max(4),
  switchboards: z.array(Switchboard).default([]),
  /** Callers whose number matches this are internal and are greeted "Växeln". */
  internalNumberPattern: z.string().default('^[1-9][0-9]{3}$'),
  directory: DirectorySource.default({ kind: 'none' }),
  audio: AudioSettings.default({ talkOutputId: '', talkInputId: '', ringOutputId: '' }),
  calls: CallSettings.optional(),
  /** Extensions whose busy lamps and absence are watched from start, listed under "Favoriter". */
  favourites: z
    .array(z.string().regex(/^[0-9A-Za-z+_.-]{1,40}$/, 'an extension'))
    .max(5000)
    .optional(),
  /** The PBX's directed call pick-up prefix ("*8" + extension), for callers not on the PBX; none: Replaces only. */
  pickupPrefix: z
    .string()
    .regex(/^[*#0-9]{1,8}$/, 'digits, * or #')
    .optional(),
  /** Opening hours per municipality (P-AFTERHOURS); switchboardHours() fills in the defaults. */
  switchboardHours: SwitchboardHours.optional(),
  /** The HID telephony headset whose buttons and lamps the console drives (D-HEADSET); absent: none. */
  headset: HeadsetSetting.optional(),
  desktop: DesktopSettings.optional(),
  referrals: ReferralSettings.optional(),
  /**
   * Busy lamps through resource lists (RFC 4662): 'auto' (default) asks the PBX for the list URIs
   * and falls back to one subscription per extension when it does not serve them; 'off' never asks.
   */
  presenceLists: z
    .object({
      mode: z.enum(['auto', 'off']).default('auto'),
      /** List URIs' user parts (sip:<user>@<domain>), watched for dialog and presence. */
      lists: z
        .array(z.string().regex(/^[A-Za-z0-9_.+-]{1,64}$/))
        .max(8)
        .default(['rl-all']),
    })
    .optional(),
  /** Guided dial-out "Koppla ut" (P-DIALOUT): outside-line prefix, number format, barred ranges. */
  dialout: DialoutSettings.optional(),
  /** The shared team store in PostgreSQL (issue 13); absent: this console's SQLite alone. */
  team: TeamStoreSettings.optional(),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

/** What the renderer gets: settings, or why there are none (first run, or a broken file set aside). */
/**
 * Setting paths ("accounts.0.servers", "directory") the machine's admin file locks: shown read-only,
 * refused by saveSettings. Always filled in by main; optional so older states still parse.
 */
const Locked = z.array(z.string().max(200)).max(200).optional();
/** The admin file's defaults (a partial Settings object) for the first-run form to start from. */
const Provisioned = z.record(z.string(), z.unknown()).optional();

export const SettingsState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), settings: Settings, locked: Locked }),
  z.object({ status: z.literal('first-run'), locked: Locked, provisioned: Provisioned }),
  z.object({
    status: z.literal('recovered'),
    /** Why the stored file was rejected, in words an operator or IT can act on. */
    reason: z.string(),
    backupPath: z.string(),
    locked: Locked,
    provisioned: Provisioned,
  }),
]);
export type SettingsState = z.infer<typeof SettingsState>;
