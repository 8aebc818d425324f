// The report descriptor parser on a real headset's bytes (Plantronics Blackwire 3220, published in
// hidapi's test data; see headset-fixtures.ts [P]) and on broken input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescriptorError, hexBytes, parseReportDescriptor } from '../../common/headset/descriptor';
import { parseLayout, writeField, type HidCollectionLike } from '../../common/headset/layout';
import type { HeadsetControl } from '../../common/headset/usages';
import { usage } from '../../common/headset/usages';
import { hasTelephony } from '../../common/headset/layout';
import { isDevicePermissionAllowed } from '../../main/services/security/permissions';
import { matches } from '../../renderer/headset/manager';
import { BLACKWIRE_3220_CONSUMER_DESCRIPTOR, BLACKWIRE_3220_DESCRIPTOR, JABRA_ENGAGE_50, POLY_BLACKWIRE_3220, SEQUENCES, YEALINK_UH38 } from './headset-fixtures';

test('Blackwire 3220: one Telephony/Headset application collection, report 8 in, six one-byte lamp reports out', () => {
  const bytes = hexBytes(BLACKWIRE_3220_DESCRIPTOR);
  assert.equal(bytes.length, 109, 'the 109 bytes hidapi lists');
  const [headset, ...rest] = parseReportDescriptor(bytes);
  assert.equal(rest.length, 0);
  assert.deepEqual([headset!.usagePage, headset!.usage, headset!.type], [0x0b, 0x05, 1]);
  assert.deepEqual(
    headset!.inputReports.map((r) => r.reportId),
    [8],
  );
  const items = headset!.inputReports[0]!.items;
  assert.deepEqual(items[0]!.usages, [usage(0x0b, 0x2f)], 'Phone Mute first');
  assert.equal(items[0]!.isAbsolute, false, 'Input (0x06): relative');
  assert.deepEqual(items[1]!.usages, [usage(0x0b, 0x20), usage(0x0b, 0x21)], 'Hook Switch and Flash');
  assert.equal(items[1]!.isAbsolute, true);
  assert.equal(items[1]!.hasPreferredState, false, 'Input (0x22): no preferred state');
  assert.equal(items[2]!.isConstant, true, 'five bits of padding');
  assert.deepEqual(
    headset!.outputReports.map((r) => [r.reportId, r.items[0]!.usages[0]! & 0xffff]),
    [
      [0x09, 0x09],
      [0x17, 0x17],
      [0x18, 0x18],
      [0x1e, 0x1e],
      [0x20, 0x20],
      [0x2a, 0x2a],
    ],
    'Mute, Off-Hook, Ring, Speaker, Hold, On-Line: each on its own report id',
  );
  assert.ok(
    headset!.outputReports.every((r) => r.items[0]!.usages[0]! >>> 16 === 0x08),
    'the LED page, set before the first lamp',
  );
});

test('the layout reader finds the Blackwire buttons and lamps from the parsed bytes', () => {
  const layout = parseLayout(parseReportDescriptor(hexBytes(BLACKWIRE_3220_DESCRIPTOR)));
  assert.deepEqual(layout.inputs.mute, { reportId: 8, bitOffset: 0, bitSize: 1, isAbsolute: false });
  assert.deepEqual(layout.inputs.hook, { reportId: 8, bitOffset: 1, bitSize: 1, isAbsolute: true });
  assert.deepEqual(layout.inputs.flash, { reportId: 8, bitOffset: 2, bitSize: 1, isAbsolute: true });
  assert.equal(layout.inputs.redial, undefined, 'this model has no redial button');
  assert.equal(layout.outputs.offHook?.reportId, 0x17);
  assert.equal(layout.outputs.ring?.reportId, 0x18);
  assert.equal(layout.outputs.hold?.reportId, 0x20);
  assert.equal(layout.outputs.online?.reportId, 0x2a);
  assert.equal(layout.outputs.microphone, undefined);
  assert.ok([...layout.outputReportBytes.values()].every((n) => n === 1));
});

test('usage ranges, a 4-byte usage with its own page, Push/Pop and nested collections', () => {
  const bytes = hexBytes(`
    05 0B 09 05 A1 01        // Telephony / Headset, application
      85 02 15 00 25 01 75 01
      A4                     // Push
        05 08 95 01
        0B 2F 00 0B 00       // Usage (0x000B002F): Phone Mute with its own page
        81 06
      B4                     // Pop: usage page back to Telephony
      09 05 A1 02            // logical child collection
        19 B0 29 BB 95 01 75 04 25 0B 81 00   // keypad array, range
        75 03 81 03
      C0
    C0`);
  const [root] = parseReportDescriptor(bytes);
  const mute = root!.inputReports[0]!.items[0]!;
  assert.deepEqual(mute.usages, [usage(0x0b, 0x2f)], 'the extended usage keeps its own page although LEDs were in force');
  const child = root!.children[0]!;
  assert.deepEqual([child.usagePage, child.usage, child.type], [0x0b, 0x05, 2], 'Pop restored the Telephony page');
  const keypad = child.inputReports[0]!.items[0]!;
  assert.deepEqual([keypad.isRange, keypad.isArray, keypad.usageMinimum, keypad.usageMaximum], [true, true, usage(0x0b, 0xb0), usage(0x0b, 0xbb)]);
  assert.equal(keypad.logicalMaximum, 11);
  const layout = parseLayout([root!]);
  assert.deepEqual(layout.inputs.mute, { reportId: 2, bitOffset: 0, bitSize: 1, isAbsolute: false });
  assert.equal(parseReportDescriptor(hexBytes('06 00 FF 09 01 A1 01 15 00 25 FF 75 08 95 01 81 02 C0'))[0]!.inputReports[0]!.items[0]!.logicalMaximum, 255);
});

test('broken descriptors are refused with the byte they broke at', () => {
  const cases: [string, RegExp][] = [
    ['05 0B 09 05 A1 01 85 02 75 01 95 01 81', /byte 12: item runs past the end/],
    ['05 0B 09 05 A1 01 75 01 95 01 81 02', /collection\(s\) not closed/],
    ['C0', /End Collection without a Collection/],
    ['75 01 95 01 81 02', /outside any collection/],
    ['A1 01 85 00 C0', /report id 0/],
    ['B4', /Pop without Push/],
    ['FE 02 00 01 02', /long items/],
    ['A1 01 75 08 96 FF 0F 81 02 75 08 96 FF 0F 81 02 C0', /grows past/],
    ['', /no collection/],
  ];
  for (const [hex, message] of cases) {
    assert.throws(
      () => parseReportDescriptor(hexBytes(hex)),
      (e: unknown) => e instanceof DescriptorError && message.test(e.message),
      hex,
    );
  }
  assert.throws(() => hexBytes('05 0G'), /not a hex byte/);
});

test("the Blackwire's own consumer-control collection (volume keys) is no headset: not granted, not matched, no hook switch", () => {
  const consumer = parseReportDescriptor(hexBytes(BLACKWIRE_3220_CONSUMER_DESCRIPTOR));
  assert.deepEqual([consumer[0]!.usagePage, consumer[0]!.usage], [0x0c, 0x01]);
  assert.equal(hasTelephony(consumer), false);
  assert.equal(parseLayout(consumer).inputs.hook, undefined);
  const asDevice = (collections: unknown) => ({ vendorId: 0x047f, productId: 0xc056, productName: 'Plantronics Blackwire 3220 Series', collections }) as unknown as HIDDevice;
  const ours = 'file:///app/index.html';
  assert.equal(isDevicePermissionAllowed('hid', asDevice(consumer), 'file://', ours), false, 'Electron grants HID for usage page 0x0B only');
  assert.equal(isDevicePermissionAllowed('hid', asDevice(POLY_BLACKWIRE_3220.collections), 'file://', ours), true);
  assert.equal(matches(asDevice(consumer), { vendorId: 0x047f, productId: 0xc056 }), false, 'same ids, but not the telephony interface');
  assert.equal(matches(asDevice(POLY_BLACKWIRE_3220.collections), { vendorId: 0x047f, productId: 0xc056 }), true);
});

/** The input report a model sends for these button values, built from its descriptor's layout alone. */
function inputReport(collections: readonly HidCollectionLike[], values: Partial<Record<HeadsetControl, number>>): [number, number[]] {
  const layout = parseLayout(collections);
  const ids = new Set(Object.values(layout.inputs).map((f) => f.reportId));
  assert.equal(ids.size, 1, 'all telephony buttons on one report');
  const [reportId] = [...ids];
  let bits = 0;
  const count = (cs: readonly HidCollectionLike[]): void =>
    cs.forEach((c) => {
      for (const r of c.inputReports ?? []) if ((r.reportId ?? 0) === reportId) for (const i of r.items ?? []) bits += (i.reportSize ?? 0) * (i.reportCount ?? 0);
      count(c.children ?? []);
    });
  count(collections);
  const data = new Uint8Array(Math.ceil(bits / 8));
  for (const [control, value] of Object.entries(values) as [HeadsetControl, number][]) writeField(data, layout.inputs[control]!, value);
  return [reportId!, [...data]];
}

test('the replayed report sequences are the ones the descriptors define (press and release of hook, mute, flash, redial)', () => {
  const poly = POLY_BLACKWIRE_3220.collections as HidCollectionLike[];
  assert.deepEqual(SEQUENCES.poly.offHook, [inputReport(poly, { hook: 1 })]);
  assert.deepEqual(SEQUENCES.poly.onHook, [inputReport(poly, {})]);
  assert.deepEqual(SEQUENCES.poly.muteWhileOffHook, [inputReport(poly, { hook: 1, mute: 1 }), inputReport(poly, { hook: 1 })]);
  assert.deepEqual(SEQUENCES.poly.flashWhileOffHook, [inputReport(poly, { hook: 1, flash: 1 }), inputReport(poly, { hook: 1 })]);
  const jabra = JABRA_ENGAGE_50.collections as HidCollectionLike[];
  assert.deepEqual(SEQUENCES.jabra.offHook[0], inputReport(jabra, { hook: 1 }));
  assert.deepEqual(SEQUENCES.jabra.muteWhileOffHook, [inputReport(jabra, { hook: 1, mute: 1 }), inputReport(jabra, { hook: 1 })]);
  assert.deepEqual(SEQUENCES.jabra.flashWhileOffHook, [inputReport(jabra, { hook: 1, flash: 1 }), inputReport(jabra, { hook: 1 })]);
  assert.deepEqual(SEQUENCES.jabra.redialWhileOffHook, [inputReport(jabra, { hook: 1, redial: 1 }), inputReport(jabra, { hook: 1 })]);
  assert.deepEqual(SEQUENCES.jabra.redialOnHook, [inputReport(jabra, { redial: 1 }), inputReport(jabra, {})]);
  const yealink = YEALINK_UH38.collections as HidCollectionLike[];
  assert.deepEqual(SEQUENCES.yealink.offHook, [inputReport(yealink, { hook: 1 })]);
});
