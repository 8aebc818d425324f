// The telephony layout read from WebHID collections of the four fixture models, the bit reader and
// writer, and the headset setting's schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLayout, readField, writeField, hasTelephony, type HidCollectionLike } from '../../common/headset/layout';
import { quirksFor } from '../../common/headset/quirks';
import { HeadsetSetting } from '../../common/headset/settings';
import { Settings } from '../../common/settings/schema';
import { usage } from '../../common/headset/usages';
import { EPOS_SC660, JABRA_ENGAGE_50, POLY_BLACKWIRE_3220, YEALINK_UH38 } from './headset-fixtures';
import { sampleSettings } from './settings.fixture';

const layoutOf = (m: { collections: unknown[] }) => parseLayout(m.collections as HidCollectionLike[]);

test('Jabra: buttons and lamps found on report 2 at the published bit positions, relative mute', () => {
  const l = layoutOf(JABRA_ENGAGE_50);
  assert.deepEqual(l.inputs.hook, { reportId: 2, bitOffset: 0, bitSize: 1, isAbsolute: true });
  assert.deepEqual(l.inputs.mute, { reportId: 2, bitOffset: 2, bitSize: 1, isAbsolute: false });
  assert.equal(l.inputs.flash?.bitOffset, 3);
  assert.equal(l.inputs.redial?.bitOffset, 4);
  assert.equal(l.inputs.busy?.bitOffset, 1);
  assert.deepEqual([l.outputs.offHook?.bitOffset, l.outputs.mute?.bitOffset, l.outputs.ring?.bitOffset, l.outputs.hold?.bitOffset, l.outputs.microphone?.bitOffset], [0, 1, 2, 3, 4]);
  assert.equal(l.outputReportBytes.get(2), 2);
});

test('Poly (real Blackwire 3220 descriptor): every lamp on its own one-byte report, mute before the hook', () => {
  const l = layoutOf(POLY_BLACKWIRE_3220);
  assert.deepEqual([l.outputs.mute?.reportId, l.outputs.offHook?.reportId, l.outputs.ring?.reportId, l.outputs.hold?.reportId, l.outputs.online?.reportId], [0x09, 0x17, 0x18, 0x20, 0x2a]);
  assert.equal(l.outputReportBytes.get(0x1e), 1, 'the Speaker lamp report is there too, but no console state drives it');
  assert.deepEqual([l.inputs.mute?.bitOffset, l.inputs.hook?.bitOffset, l.inputs.flash?.bitOffset], [0, 1, 2]);
});

test('EPOS and Yealink: the On-Line lamp, and telephony found in a child collection', () => {
  const e = layoutOf(EPOS_SC660);
  assert.equal(e.outputs.online?.bitOffset, 5);
  assert.equal(e.inputs.mute?.bitOffset, 3);
  const y = layoutOf(YEALINK_UH38);
  assert.equal(y.inputs.hook?.reportId, 2);
  assert.equal(y.inputs.mute?.bitOffset, 2);
  assert.deepEqual(y.outputs, {}, 'the Yealink lamp byte carries no LED usages');
  assert.ok(hasTelephony(YEALINK_UH38.collections as HidCollectionLike[]));
  assert.ok(!hasTelephony([{ usagePage: 0x0c, children: [{ usagePage: 0x01 }] }]));
});

test('vendor quirks are picked by vendor id, generic for anyone else', () => {
  assert.equal(quirksFor(0x0b0e).vendor, 'jabra');
  assert.equal(quirksFor(0x047f).vendor, 'poly');
  assert.equal(quirksFor(0x1395).vendor, 'epos');
  assert.equal(quirksFor(0x6993).vendor, 'yealink');
  assert.equal(quirksFor(0x1234).vendor, 'generic');
});

test('reading and writing fields across byte boundaries, and array items by usage', () => {
  const data = new Uint8Array(2);
  writeField(data, { reportId: 0, bitOffset: 6, bitSize: 4, isAbsolute: true }, 0b1011);
  assert.deepEqual([...data], [0b11000000, 0b00000010]);
  assert.equal(readField(data, { reportId: 0, bitOffset: 6, bitSize: 4, isAbsolute: true }), 0b1011);
  const array = { reportId: 0, bitOffset: 0, bitSize: 8, isAbsolute: true, array: { count: 2, usages: [usage(0x0b, 0x20), usage(0x0b, 0x2f)], logicalMinimum: 1 } };
  assert.equal(readField(new Uint8Array([0, 2]), array, usage(0x0b, 0x2f)), 1);
  assert.equal(readField(new Uint8Array([0, 2]), array, usage(0x0b, 0x20)), 0);
});

test('the headset setting: "none" or a vendor/product pair with button choices; out-of-range ids rejected', () => {
  assert.equal(HeadsetSetting.parse('none'), 'none');
  assert.deepEqual(HeadsetSetting.parse({ vendorId: 0x0b0e, productId: 0x4052 }), { vendorId: 0x0b0e, productId: 0x4052, name: '', flash: 'hold', redial: 'none' });
  assert.ok(!HeadsetSetting.safeParse({ vendorId: 0x10000, productId: 1 }).success);
  assert.ok(!HeadsetSetting.safeParse({ vendorId: 1, productId: 1, flash: 'explode' }).success);
  const withHeadset = Settings.parse({ ...sampleSettings(), headset: { vendorId: 0x1395, productId: 0x39 } });
  assert.equal(withHeadset.headset !== 'none' && withHeadset.headset?.vendorId, 0x1395);
  assert.equal(Settings.parse(sampleSettings()).headset, undefined, 'older files without a headset still load');
});

test('generic rules: a relative hook toggles on the press; mute does nothing without a call; flash resumes a held call', async () => {
  const { HeadsetInterpreter, DEFAULT_BUTTONS } = await import('../../common/headset/interpret');
  const { GENERIC_QUIRKS } = await import('../../common/headset/quirks');
  let now = 0;
  const i = new HeadsetInterpreter(GENERIC_QUIRKS, DEFAULT_BUTTONS, () => now);
  const ringing = { ringing: 1, inCall: false, muted: false, held: 0 };
  const talking = { ringing: 0, inCall: true, muted: false, held: 0 };
  assert.equal(i.feed('hook', 1, false, ringing), 'answer');
  assert.equal(i.feed('hook', 0, false, talking), null, 'the release is no second action');
  assert.equal(i.feed('hook', 1, false, talking), 'hangup');
  i.feed('hook', 0, false, talking);
  assert.equal(i.feed('mute', 1, false, { ringing: 0, inCall: false, muted: false, held: 0 }), null);
  i.feed('mute', 0, false, talking);
  assert.equal(i.feed('mute', 1, false, talking), 'toggle-mute');
  assert.equal(i.feed('flash', 1, false, { ringing: 0, inCall: false, muted: false, held: 1 }), 'hold');
  assert.equal(i.feed('redial', 1, false, ringing), null, 'redial does nothing by default');
  const configured = new HeadsetInterpreter(GENERIC_QUIRKS, { flash: 'swap', redial: 'redial' }, () => now);
  assert.equal(configured.feed('flash', 1, false, talking), null, 'swap needs a held call');
  configured.feed('flash', 0, false, talking);
  assert.equal(configured.feed('flash', 1, false, { ...talking, held: 1 }), 'swap');
  assert.equal(configured.feed('redial', 1, false, { ringing: 0, inCall: false, muted: false, held: 0 }), 'redial');
  configured.feed('redial', 0, false, talking);
  assert.equal(configured.feed('redial', 1, false, talking), null, 'no redial mid-call');
  assert.ok(HeadsetSetting.safeParse({ vendorId: 1, productId: 1, flash: 'swap', redial: 'redial' }).success);
  // Absolute hook: levels are read against the console, with the settle window after a lamp change.
  now = 10_000;
  i.lampSet(true);
  now += 200;
  assert.equal(i.feed('hook', 0, true, talking), null, 'stale on-hook right after the lamp went off-hook');
  now += 2000;
  assert.equal(i.feed('hook', 0, true, talking), 'hangup');
  assert.equal(i.feed('hook', 1, true, { ringing: 0, inCall: false, muted: false, held: 0 }), null, 'off-hook with nothing ringing');
});
