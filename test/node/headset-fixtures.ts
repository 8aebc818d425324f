// Headset models as WebHID describes them (device.collections) and the reports they send.
//
// REAL DESCRIPTOR (raw bytes as the device sent them, parsed by common/headset/descriptor.ts the way
// Chromium builds device.collections):
//  [P] Plantronics Blackwire 3220 Series (USB 047f:c056), its telephony interface (usage page 0x0B,
//      usage 0x05 Headset), captured with macOS USB Prober and published in libusb/hidapi's test data:
//      https://github.com/libusb/hidapi/blob/26b5bb0ccfcf506db13befe127175bd646032127/windows/test/data/047F_C056_0005_000B_real.rpt_desc
//      (the same bytes appear in hidapi PR #306 and issue #249, read from the device on Windows).
//
// LAYOUTS FROM PUBLISHED BIT POSITIONS (no raw descriptor of these vendors' telephony interfaces was
// found in public sources this session: GitHub issues give only consumer-page or vendor-page
// dumps or parsed summaries; each model is laid out from the sources' bit positions, and what a
// source did not say is marked):
//  [A] robo-w/telephony-webhid-demo, webhid.js (a fork of Chromium WebHID author nondebug's
//      jabra-webhid-demo): per-vendor report ids and bit positions for Jabra, Poly, Sennheiser.
//  [B] purecloudlabs/softphone-vendor-headsets, jabra/webHidHelpers.ts: Jabra report 2, bit 0 hook,
//      1 line busy, 2 mute, 3 flash, 4 redial, 5 speed dial, 6 programmable button, 7.. keypad.
//      Gigaset's published HID table for its ION dongle (teamwork.gigaset.com gigawiki, "FAQ ION -
//      USB HID commands") has the same input and output bits on report 2.
//  [C] WICG/webhid issue #61: Jabra Engage 50 answers with report 2 = [1, 0], and one press "fires
//      the same event twice" ~2 s apart; Plantronics repeats within <= 50 ms.
//  [D] WICG/webhid issue #72: a mute press sends Phone Mute 1 then 0 (Sennheiser, Jabra, Poly).
//  [E] CounterPath X-Lite HID profile 1395-0039.cps: Sennheiser SC660 control (USB 1395:0039), hook
//      switch as "talk" toggle, On-Line lamp for call started/ended.
//  [F] purecloudlabs/softphone-vendor-headsets, yealink/yealink.ts and PR #150: Yealink (6993) reads
//      hook 0x01, mute 0x04, hold 0x08 on the telephony collection's first input report; writes
//      off-hook 0x01, mute 0x02, ring 0x04, hold 0x08 on that report id; the UH38 nests its
//      telephony reports in a child collection with report id 2.
import { hexBytes, parseReportDescriptor } from '../../common/headset/descriptor';
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

/** [P] The Blackwire 3220's telephony interface, byte for byte as published. */
export const BLACKWIRE_3220_DESCRIPTOR = `
05 0B 09 05 A1 01 85 08 15 00 25 01 09 2F 75 01 95 01 81 06 09 20 09 21 75
01 95 02 81 22 95 05 81 01 05 08 85 09 09 09 95 01 91 22 95 07 91 01 85 17
09 17 95 01 91 22 95 07 91 01 85 18 09 18 95 01 91 22 95 07 91 01 85 1E 09
1E 95 01 91 22 95 07 91 01 85 20 09 20 95 01 91 22 95 07 91 01 85 2A 09 2A
95 01 91 22 95 07 91 01 C0`;

/**
 * [P] The same headset's consumer-control collection (volume keys; usage page 0x0C), which Windows
 * shows as a HIDDevice of its own: 047F_C056_0001_000C_real.rpt_desc beside the file above.
 */
export const BLACKWIRE_3220_CONSUMER_DESCRIPTOR = `
05 0C 09 01 A1 01 85 01 15 00 25 01 09 E9 09 EA 75 01 95 02 81 06 95 06 81 01
85 02 05 0C 09 00 95 10 81 02 85 04 09 00 75 08 95 24 91 02 85 05 09 00 95 20
81 02 85 06 09 00 95 24 91 02 85 07 09 00 95 20 81 02 C0`;

/** Poly/Plantronics Blackwire 3220 [P]: collections parsed from the real descriptor. */
export const POLY_BLACKWIRE_3220: HeadsetModel = {
  vendorId: 0x047f,
  productId: 0xc056,
  productName: 'Plantronics Blackwire 3220 Series',
  collections: parseReportDescriptor(hexBytes(BLACKWIRE_3220_DESCRIPTOR)),
};

/**
 * Generic HID telephony: the same real descriptor [P] under a vendor id no quirk names (0x1234), so
 * the console must work from usage page 0x0B alone, with no vendor rule.
 */
export const GENERIC_TELEPHONY: HeadsetModel = { ...POLY_BLACKWIRE_3220, vendorId: 0x1234, productId: 0x0001, productName: 'Generic telephony headset (Blackwire 3220 descriptor)' };

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
    /** [B] flash (bit 3) and redial (bit 4) pressed and released, hook held off. */
    flashWhileOffHook: [
      [2, [0x09, 0x00]],
      [2, [0x01, 0x00]],
    ],
    redialWhileOffHook: [
      [2, [0x11, 0x00]],
      [2, [0x01, 0x00]],
    ],
    /** [B] redial pressed with the hook on (idle console). */
    redialOnHook: [
      [2, [0x10, 0x00]],
      [2, [0x00, 0x00]],
    ],
  },
  /** Derived from [P]: report 8 bit 0 Phone Mute (relative), bit 1 Hook Switch (absolute), bit 2 Flash. */
  poly: {
    offHook: [[8, [0x02]]],
    onHook: [[8, [0x00]]],
    /** [D] mute 1 then 0 with the hook held off. */
    muteWhileOffHook: [
      [8, [0x03]],
      [8, [0x02]],
    ],
    /** [C]: Plantronics repeats a press within 50 ms; replayed 10 ms apart it is one press. */
    muteTwiceFast: [
      [8, [0x03]],
      [8, [0x02]],
      [8, [0x03]],
      [8, [0x02]],
    ],
    /** Flash pressed and released with the hook held off. */
    flashWhileOffHook: [
      [8, [0x06]],
      [8, [0x02]],
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
