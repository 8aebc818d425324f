// Per-vendor behaviour that the report descriptor does not tell. Each quirk names its source;
// a vendor without a sourced quirk gets the generic HID telephony behaviour.
import type { HeadsetLed } from './usages';

export type HeadsetVendor = 'jabra' | 'poly' | 'epos' | 'yealink' | 'generic';

export interface HeadsetQuirks {
  readonly vendor: HeadsetVendor;
  /** Treat the hook switch as a toggle button even where the descriptor says absolute. */
  readonly hookIsToggle: boolean;
  /** Send the lamp reports after every button press, also when nothing changed. */
  readonly replyToEveryPress: boolean;
  /** Presses of one button closer together than this are one press. */
  readonly pressDebounceMs: number;
  /** Lamps that follow "in call" besides Off-Hook. */
  readonly inCallLeds: readonly HeadsetLed[];
  /** Lamps on fixed bits of a report the descriptor does not label (used only where it labels none). */
  readonly fallbackOutput: { readonly bits: Partial<Record<HeadsetLed, number>>; readonly bytes: number } | null;
}

export const VENDOR_IDS = { jabra: 0x0b0e, poly: 0x047f, epos: 0x1395, yealink: 0x6993 } as const;

export const GENERIC_QUIRKS: HeadsetQuirks = {
  vendor: 'generic',
  hookIsToggle: false,
  replyToEveryPress: false,
  pressDebounceMs: 0,
  inCallLeds: [],
  fallbackOutput: null,
};

const QUIRKS: Readonly<Record<number, HeadsetQuirks>> = {
  // Jabra (GN Audio). WICG/webhid issue #61 (Chromium's WebHID author, Jabra Engage 50): one press of
  // the Answer/End button gives two hook reports about 2 s apart; issue #72 explains the headset
  // waits for the host's lamp reply and falls back when none comes, "documented by Jabra". So the
  // host replies with its lamp state after every press, changed or not.
  [VENDOR_IDS.jabra]: { ...GENERIC_QUIRKS, vendor: 'jabra', replyToEveryPress: true },
  // Poly/HP (Plantronics). WICG/webhid issue #61: Plantronics repeats a press within <= 50 ms, and a
  // mute press can arrive several times on different report ids. Presses closer than 150 ms are one.
  [VENDOR_IDS.poly]: { ...GENERIC_QUIRKS, vendor: 'poly', pressDebounceMs: 150 },
  // EPOS (Sennheiser). CounterPath's HID profile for the Sennheiser SC660 control (1395-0039.cps,
  // shipped with X-Lite): the hook switch is a "talk" toggle, and the On-Line lamp (0x08/0x2A) is
  // what says "call started / call ended" while Off-Hook only wakes the device.
  [VENDOR_IDS.epos]: { ...GENERIC_QUIRKS, vendor: 'epos', hookIsToggle: true, inCallLeds: ['online'] },
  // Yealink. purecloudlabs/softphone-vendor-headsets, yealink.ts (written with Yealink, PRs #122 and
  // #150): the host writes one byte on the telephony collection's report id with off-hook 0x01,
  // mute 0x02, ring 0x04, hold 0x08; on-hook reported while the host holds is not a hang-up (the
  // generic rule below, "a report that agrees with the host is no action", covers that).
  [VENDOR_IDS.yealink]: { ...GENERIC_QUIRKS, vendor: 'yealink', fallbackOutput: { bits: { offHook: 0, mute: 1, ring: 2, hold: 3 }, bytes: 1 } },
};

export function quirksFor(vendorId: number): HeadsetQuirks {
  return QUIRKS[vendorId] ?? GENERIC_QUIRKS;
}
