// Four headset models as WebHID describes them (device.collections) and the reports they send,
// rebuilt from public sources. No raw descriptor of these exact models was to be had, so each
// model is laid out from the sources' published bit layouts; what a source did not say is marked.
//
// Sources:
//  [A] robo-w/telephony-webhid-demo, webhid.js (a fork of Chromium WebHID author nondebug's
//      jabra-webhid-demo): per-vendor report ids and bit positions for Jabra, Poly, Sennheiser.
//  [B] purecloudlabs/softphone-vendor-headsets, jabra/webHidHelpers.ts: Jabra report 2, bit 0 hook,
//      1 line busy, 2 mute, 3 flash, 4 redial, 5 speed dial, 6 programmable button, 7.. keypad.
//  [C] WICG/webhid issue #61: Jabra Engage 50 answers with report 2 = [1, 0], and one press "fires
//      the same event twice" ~2 s apart; Plantronics repeats within <= 50 ms.
//  [D] WICG/webhid issue #72: a mute press sends Phone Mute 1 then 0 (Sennheiser, Jabra, Poly).
//  [E] CounterPath X-Lite HID profile 1395-0039.cps: Sennheiser SC660 control (USB 1395:0039), hook
//      switch as "talk" toggle, On-Line lamp for call started/ended.
//  [F] purecloudlabs/softphone-vendor-headsets, yealink/yealink.ts and PR #150: Yealink (6993) reads
//      hook 0x01, mute 0x04, hold 0x08 on the telephony collection's first input report; writes
//      off-hook 0x01, mute 0x02, ring 0x04, hold 0x08 on that report id; the UH38 nests its
//      telephony reports in a child collection with report id 2.
import { usage } from '../../common/headset/usages';

const T = (id: number) => usage(0x0b, id);
const L = (id: number) => usage(0x08, id);
const bit = (u: number, isAbsolute = true) => ({ usages: [u], reportSize: 1, reportCount: 1, isAbsolute, logicalMinimum: 0, logicalMaximum: 1 });
const pad = (bits: number) => ({ isConstant: true, reportSize: 1, reportCount: bits });

export interface HeadsetModel {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: unknown[];
}

/** Jabra, Engage 50 layout [A][B][C]. Product id: Engage 50 II's 0b0e:4052 (Watchdog0x/jabridge #36). */
export const JABRA_ENGAGE_50: HeadsetModel = {
  vendorId: 0x0b0e,
  productId: 0x4052,
  productName: 'Jabra Engage 50',
  collections: [
    {
      usagePage: 0x0b,
      usage: 0x05, // Headset
      type: 1,
      children: [],
      inputReports: [
        {
          reportId: 2,
          items: [
            bit(T(0x20)), // Hook Switch, absolute [B]
            bit(T(0x97)), // Line Busy Tone
            bit(T(0x2f), false), // Phone Mute, relative toggle
            bit(T(0x21), false), // Flash
            bit(T(0x24), false), // Redial
            bit(T(0x50), false), // Speed Dial
            bit(T(0x07), false), // Programmable Button
            { isArray: true, isRange: true, usageMinimum: T(0xb0), usageMaximum: T(0xbb), reportSize: 4, reportCount: 1, logicalMinimum: 0, logicalMaximum: 11, isAbsolute: true }, // keypad
            pad(5), // 2 bytes in all, as [C] shows
          ],
        },
      ],
      outputReports: [
        {
          reportId: 2,
          items: [bit(L(0x17)), bit(L(0x09)), bit(L(0x18)), bit(L(0x20)), bit(L(0x21)), bit(T(0x9e)), pad(10)], // [A]: off-hook, mute, ring, hold, mic, ringer; 2 bytes
        },
      ],
      featureReports: [],
    },
  ],
};

/** Poly/Plantronics layout [A]: inputs on report 1, lamps spread over reports 1, 3, 4, 5. Product id not in the source (placeholder). */
export const POLY_HEADSET: HeadsetModel = {
  vendorId: 0x047f,
  productId: 0x0001,
  productName: 'Poly headset (layout from [A])',
  collections: [
    {
      usagePage: 0x0b,
      usage: 0x05,
      type: 1,
      children: [],
      inputReports: [
        { reportId: 1, items: [bit(T(0x20)), bit(T(0x2f), false), bit(T(0x21), false), bit(T(0x24), false), bit(T(0x07), false), bit(usage(0x09, 0x01), false), pad(2)] },
        { reportId: 3, items: [pad(4), bit(T(0x26), false), pad(3)] }, // Drop on report 3, bit 4
      ],
      // [A] lists ringer and mute both at report 3 bit 0 (its counter steps per usage, not per field);
      // the lamps are kept at [A]'s positions and the ringer is left out.
      outputReports: [
        { reportId: 1, items: [bit(L(0x18)), pad(7)] },
        { reportId: 3, items: [bit(L(0x09)), pad(1), bit(L(0x21)), pad(2), bit(L(0x2a)), pad(2)] },
        { reportId: 4, items: [bit(L(0x17)), pad(7)] },
        { reportId: 5, items: [bit(L(0x20)), pad(7)] },
      ],
      featureReports: [],
    },
  ],
};

/** EPOS/Sennheiser SC660 control [A][E]: everything on report 3. */
export const EPOS_SC660: HeadsetModel = {
  vendorId: 0x1395,
  productId: 0x0039,
  productName: 'Sennheiser SC 660 USB CTRL',
  collections: [
    {
      usagePage: 0x0b,
      usage: 0x05,
      type: 1,
      children: [],
      inputReports: [
        { reportId: 3, items: [bit(T(0x20)), bit(T(0x21), false), bit(T(0x24), false), bit(T(0x2f), false), bit(T(0x26), false), bit(T(0x07), false), bit(usage(0x09, 0x01), false), pad(1)] },
      ],
      outputReports: [{ reportId: 3, items: [bit(T(0x9e)), bit(L(0x17)), bit(L(0x21)), bit(L(0x18)), bit(L(0x09)), bit(L(0x2a)), bit(L(0x20)), pad(1)] }],
      featureReports: [],
    },
  ],
};

/** Yealink UH38 [F]: telephony in a child collection, report 2; the host's lamp byte is not labelled. Product id not in the source (placeholder). */
export const YEALINK_UH38: HeadsetModel = {
  vendorId: 0x6993,
  productId: 0x0001,
  productName: 'Yealink UH38',
  collections: [
    {
      usagePage: 0x0b,
      usage: 0x05,
      type: 1,
      inputReports: [],
      outputReports: [],
      featureReports: [],
      children: [
        {
          usagePage: 0x0b,
          usage: 0x05,
          type: 2,
          children: [],
          inputReports: [{ reportId: 2, items: [bit(T(0x20)), pad(1), bit(T(0x2f)), bit(T(0x23)), pad(2), bit(usage(0xff00, 0x40)), pad(1)] }],
          // [F] writes this report; which usages label it is not said: vendor-defined bits here.
          outputReports: [{ reportId: 2, items: [{ usages: [usage(0xff00, 0x01)], reportSize: 1, reportCount: 8, isAbsolute: true }] }],
          featureReports: [],
        },
      ],
    },
  ],
};

/** Report sequences, as [reportId, bytes]. */
export const SEQUENCES = {
  jabra: {
    /** [C]: the Answer/End button going off-hook, and its repeat about 2 s later. */
    offHook: [
      [2, [0x01, 0x00]],
      [2, [0x01, 0x00]],
    ],
    onHook: [
      [2, [0x00, 0x00]],
      [2, [0x00, 0x00]],
    ],
    /** [D] with the hook held off: mute 1 then 0. */
    muteWhileOffHook: [
      [2, [0x05, 0x00]],
      [2, [0x01, 0x00]],
    ],
  },
  poly: {
    /** [C]: a press repeated within 50 ms; [D]: mute 1 then 0. */
    offHook: [
      [1, [0x01]],
      [1, [0x01]],
    ],
    muteTwiceFast: [
      [1, [0x03]],
      [1, [0x01]],
      [1, [0x03]],
      [1, [0x01]],
    ],
  },
  epos: {
    /** [E]: the talk button is a press and release. */
    talkPress: [
      [3, [0x01]],
      [3, [0x00]],
    ],
  },
  yealink: {
    /** [F]: hook bit 0 as a level. */
    offHook: [[2, [0x01]]],
    onHook: [[2, [0x00]]],
  },
} as const satisfies Record<string, Record<string, readonly (readonly [number, readonly number[]])[]>>;
