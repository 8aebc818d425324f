// Headset buttons and lamps against the console's real calls store, through the driver, controller
// and manager code path navigator.hid uses, with recorded report sequences replayed by the
// StandInHidDevice. The Softphone needs a SIP server, so a StandInPhone applies the same store
// transitions the Softphone makes for answer, hang-up, mute and hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallState, createCallsStore, selectActiveCall, selectQueue, type CallsState, type QueueEntry } from '../../renderer/sip';
import type { StoreApi } from 'zustand/vanilla';
import { HeadsetController, type HeadsetPhone } from '../../renderer/headset/controller';
import { chooseHeadset, HeadsetManager, TELEPHONY_FILTERS } from '../../renderer/headset/manager';
import type { HeadsetButtonConfig } from '../../common/headset/interpret';
import { EPOS_SC660, GENERIC_TELEPHONY, JABRA_ENGAGE_50, POLY_BLACKWIRE_3220, SEQUENCES, YEALINK_UH38, type HeadsetModel } from './headset-fixtures';
import { StandInHid, StandInHidDevice } from './headset-stand-in';

const T0 = Date.UTC(2026, 11, 4, 8, 0, 0);
const entry = (id: string, offeredAt: number): QueueEntry => ({
  id,
  callerNumber: '0701234567',
  callerName: '',
  dialledNumber: '0512-570 00',
  greeting: 'Välkommen till Essunga kommun',
  greetingKind: 'essunga',
  switchboardId: 'essunga',
  offeredAt,
});
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** STAND-IN for the Softphone façade: the store transitions the Softphone makes, counted. */
class StandInPhone implements HeadsetPhone {
  readonly calls: string[] = [];
  /** What was dialled, in order (the Softphone keeps only the last, in memory). */
  readonly dialledTargets: string[] = [];
  private last: string | null = null;
  private outgoing = 0;
  constructor(
    private readonly store: StoreApi<CallsState>,
    private readonly now: () => number,
  ) {}
  async answer(): Promise<string> {
    this.calls.push('answer');
    const s = this.store.getState();
    const next = selectQueue(s)[0];
    if (!next) return 'no-call';
    const active = selectActiveCall(s);
    if (active) s.setState(active.id, CallState.Held, this.now());
    // as the Softphone does: the offer is being answered, then the media is up
    s.setState(next.id, CallState.Answering, this.now());
    s.setState(next.id, CallState.Talking, this.now());
    return 'answered';
  }
  async hangup(): Promise<boolean> {
    this.calls.push('hangup');
    const active = selectActiveCall(this.store.getState());
    if (!active) return false;
    this.store.getState().end(active.id, 'local-hangup', this.now());
    return true;
  }
  toggleMute(): string {
    this.calls.push('mute');
    const active = selectActiveCall(this.store.getState());
    if (!active) return 'no-call';
    this.store.getState().patch(active.id, { muted: !active.muted });
    return 'ok';
  }
  /** As Softphone.resume(): the active call is held, the most recently held one resumed. */
  async resume(): Promise<string> {
    this.calls.push('resume');
    const s = this.store.getState();
    const held = Object.values(s.calls).find((c) => c.state === CallState.Held); // the tests hold one at a time
    if (!held) return 'no-call';
    const active = selectActiveCall(s);
    if (active) s.setState(active.id, CallState.Held, this.now());
    s.setState(held.id, CallState.Talking, this.now());
    return 'ok';
  }
  /** The keyboard's dial-out, as Softphone.dial(): remembers the target, places a Calling leg. */
  async dial(target: string): Promise<string> {
    this.last = target;
    return this.place(target);
  }
  async redial(): Promise<string> {
    this.calls.push('redial');
    return this.last ? this.place(this.last) : 'no-target';
  }
  private place(target: string): string {
    this.dialledTargets.push(target);
    const id = `out-${++this.outgoing}`;
    this.store.getState().dialled({ ...entry(id, this.now()), callerNumber: target, dialledNumber: target, greeting: '', greetingKind: 'internal', switchboardId: null }, null);
    return 'ok';
  }
  async toggleHold(): Promise<string> {
    this.calls.push('hold');
    const s = this.store.getState();
    const active = selectActiveCall(s);
    if (active) s.setState(active.id, CallState.Held, this.now());
    else {
      const held = Object.values(s.calls).find((c) => c.state === CallState.Held);
      if (held) s.setState(held.id, CallState.Talking, this.now());
    }
    return 'ok';
  }
}

async function rig(model: HeadsetModel, buttons?: HeadsetButtonConfig) {
  let now = T0;
  const clock = { advance: (ms: number) => (now += ms), now: () => now };
  const calls = createCallsStore();
  const phone = new StandInPhone(calls, clock.now);
  const logs: string[] = [];
  const controller = new HeadsetController({ phone, calls, log: (e) => void logs.push(e.code), now: clock.now, ...(buttons ? { buttons } : {}) });
  const hid = new StandInHid();
  const device = new StandInHidDevice(model);
  hid.granted.push(device);
  const manager = new HeadsetManager(hid, controller);
  assert.ok(await manager.use({ vendorId: model.vendorId, productId: model.productId }));
  const replay = async (sequence: readonly (readonly [number, readonly number[]])[], gapMs = 2000) => {
    for (const [id, bytes] of sequence) {
      device.input(id, bytes);
      await settle();
      clock.advance(gapMs);
    }
  };
  const state = (id: string) => calls.getState().calls[id]?.state ?? 'gone';
  return { calls, phone, controller, hid, device, manager, replay, clock, logs, state, s: () => calls.getState() };
}

test('Jabra: off-hook answers the ringing call once (the ~2 s repeat does not answer the next caller), on-hook hangs up', async () => {
  const r = await rig(JABRA_ENGAGE_50);
  r.s().offer(entry('a', T0));
  r.s().offer(entry('b', T0 + 1));
  await settle();
  assert.deepEqual(r.device.lastSent(2), [0x04, 0x00], 'ring lamp on while calls queue');
  r.clock.advance(5000);
  await r.replay(SEQUENCES.jabra.offHook);
  assert.equal(r.state('a'), CallState.Talking);
  assert.equal(r.state('b'), CallState.Ringing, 'the repeated off-hook report is not a second answer');
  assert.deepEqual(r.phone.calls, ['answer']);
  assert.deepEqual(r.device.lastSent(2), [0x05, 0x00], 'off-hook lamp follows the call; b still rings');
  await r.replay(SEQUENCES.jabra.onHook);
  assert.equal(r.state('a'), 'gone');
  assert.deepEqual(r.phone.calls, ['answer', 'hangup']);
  assert.deepEqual(r.device.lastSent(2), [0x04, 0x00]);
  await r.manager.stop();
});

test('Jabra: the mute button toggles mute; mute and microphone lamps follow, the host replies to every press', async () => {
  const r = await rig(JABRA_ENGAGE_50);
  r.s().offer(entry('a', T0));
  await r.replay(SEQUENCES.jabra.offHook);
  const before = r.device.sent.length;
  await r.replay(SEQUENCES.jabra.muteWhileOffHook);
  assert.equal(r.s().calls.a?.muted, true);
  assert.deepEqual(r.device.lastSent(2), [0x13, 0x00], 'off-hook + mute + microphone');
  assert.ok(r.device.sent.length > before);
  await r.replay(SEQUENCES.jabra.muteWhileOffHook);
  assert.equal(r.s().calls.a?.muted, false);
  assert.deepEqual(r.device.lastSent(2), [0x01, 0x00]);
  assert.deepEqual(r.phone.calls, ['answer', 'mute', 'mute']);
  await r.manager.stop();
});

test('echo rule: answered on the keyboard, the lamp drives off-hook and the headset echo neither hangs up nor answers again', async () => {
  const r = await rig(JABRA_ENGAGE_50);
  r.s().offer(entry('a', T0));
  r.s().offer(entry('b', T0 + 1));
  await r.phone.answer(); // F2 on the keyboard
  await settle();
  assert.deepEqual(r.device.lastSent(2), [0x05, 0x00]);
  // A headset still reporting its old on-hook level right after the lamp changed is catching up.
  r.clock.advance(100);
  r.device.input(2, [0x00, 0x00]);
  await settle();
  assert.equal(r.state('a'), CallState.Talking);
  r.device.input(2, [0x01, 0x00]); // the echo: agrees with the console
  await settle();
  r.clock.advance(3000);
  r.device.input(2, [0x01, 0x00]);
  await settle();
  assert.equal(r.state('a'), CallState.Talking);
  assert.equal(r.state('b'), CallState.Ringing);
  assert.deepEqual(r.phone.calls, ['answer']);
  // Hung up on the keyboard: the on-hook echo does nothing, nor does a late off-hook answer b.
  await r.phone.hangup();
  await settle();
  r.clock.advance(100);
  r.device.input(2, [0x01, 0x00]);
  r.device.input(2, [0x00, 0x00]);
  await settle();
  assert.equal(r.state('b'), CallState.Ringing);
  assert.deepEqual(r.phone.calls, ['answer', 'hangup']);
  await r.manager.stop();
});

test('unplugging mid-call keeps the call; replugging restores the lamps before any button counts', async () => {
  const r = await rig(JABRA_ENGAGE_50);
  r.s().offer(entry('a', T0));
  await r.replay(SEQUENCES.jabra.offHook);
  r.hid.unplug(r.device);
  await settle();
  assert.equal(r.controller.device, null);
  assert.equal(r.state('a'), CallState.Talking, 'the call goes on without the headset');
  r.phone.toggleMute(); // muted on the keyboard while unplugged
  r.s().offer(entry('b', T0 + 10));
  await settle();
  const sentBefore = r.device.sent.length;
  r.hid.plug(r.device);
  await settle();
  assert.equal(r.controller.device, r.device);
  assert.ok(r.device.sent.length > sentBefore, 'lamps written on replug');
  assert.deepEqual(r.device.lastSent(2), [0x17, 0x00], 'off-hook + mute + ring + microphone');
  r.device.input(2, [0x01, 0x00]); // the re-plugged headset agrees: off-hook
  await settle();
  assert.equal(r.state('a'), CallState.Talking);
  assert.equal(r.state('b'), CallState.Ringing);
  assert.ok(r.logs.includes('headset.detached') && r.logs.filter((c) => c === 'headset.attached').length === 2);
  await r.manager.stop();
});

test('flash is configurable: hold/resume, or answer the next caller', async () => {
  const hold = await rig(JABRA_ENGAGE_50);
  hold.s().offer(entry('a', T0));
  await hold.replay(SEQUENCES.jabra.offHook);
  await hold.replay([
    [2, [0x09, 0x00]],
    [2, [0x01, 0x00]],
  ]); // flash pressed and released, hook held off
  assert.equal(hold.state('a'), CallState.Held);
  assert.equal(hold.device.lastSent(2)?.[0], 0x08, 'hold lamp on, off-hook off');
  await hold.manager.stop();

  const next = await rig(JABRA_ENGAGE_50, { flash: 'answer-next', redial: 'none' });
  next.s().offer(entry('a', T0));
  await next.replay(SEQUENCES.jabra.offHook);
  next.s().offer(entry('b', T0 + 10));
  await next.replay([
    [2, [0x09, 0x00]],
    [2, [0x01, 0x00]],
  ]);
  assert.equal(next.state('a'), CallState.Held);
  assert.equal(next.state('b'), CallState.Talking);
  await next.replay([
    [2, [0x11, 0x00]],
    [2, [0x01, 0x00]],
  ]); // redial: configured to nothing
  assert.deepEqual(next.phone.calls, ['answer', 'answer']);
  await next.manager.stop();
});

test('flash set to swap: talks to the held caller and holds the other, and back', async () => {
  const r = await rig(JABRA_ENGAGE_50, { flash: 'swap', redial: 'none' });
  r.s().offer(entry('a', T0));
  await r.replay(SEQUENCES.jabra.offHook);
  r.s().offer(entry('b', T0 + 10));
  await r.phone.answer(); // F2: a is held, b answered
  await settle();
  assert.deepEqual([r.state('a'), r.state('b')], [CallState.Held, CallState.Talking]);
  await r.replay(SEQUENCES.jabra.flashWhileOffHook);
  assert.deepEqual([r.state('a'), r.state('b')], [CallState.Talking, CallState.Held], 'swapped');
  await r.replay(SEQUENCES.jabra.flashWhileOffHook);
  assert.deepEqual([r.state('a'), r.state('b')], [CallState.Held, CallState.Talking], 'and back');
  assert.deepEqual(r.phone.calls, ['answer', 'answer', 'resume', 'resume']);
  assert.equal(r.device.lastSent(2)?.[0], 0x09, 'off-hook and hold lamps both lit');
  await r.manager.stop();
});

test('redial set: the Redial button calls the last dialled number from an idle line, never mid-call', async () => {
  const r = await rig(JABRA_ENGAGE_50, { flash: 'hold', redial: 'redial' });
  await r.replay(SEQUENCES.jabra.redialOnHook);
  assert.deepEqual(r.phone.dialledTargets, [], 'nothing dialled yet: nothing to redial');
  assert.deepEqual(r.phone.calls, ['redial']);
  await r.phone.dial('0701234567'); // typed + Enter on the keyboard
  await settle();
  const first = Object.values(r.s().calls)[0]!;
  r.s().end(first.id, 'local-hangup', r.clock.now());
  await settle();
  r.clock.advance(3000);
  await r.replay(SEQUENCES.jabra.redialOnHook, 100); // released 100 ms later, before the headset follows our off-hook lamp
  assert.deepEqual(r.phone.dialledTargets, ['0701234567', '0701234567'], 'the same number again');
  assert.equal(Object.values(r.s().calls)[0]?.state, CallState.Calling);
  assert.equal(r.device.lastSent(2)?.[0], 0x01, 'the off-hook lamp follows the outgoing call');
  r.clock.advance(3000);
  await r.replay(SEQUENCES.jabra.redialWhileOffHook);
  assert.equal(r.phone.dialledTargets.length, 2, 'a Redial press during a call does not put it on hold to call out');
  assert.ok(!r.logs.join(' ').includes('0701234567'), 'the number is never logged');
  await r.manager.stop();
});

test('Poly (real Blackwire 3220 descriptor): ring, off-hook, mute lamps each on their own report; a mute repeated within 50 ms counts once', async () => {
  const r = await rig(POLY_BLACKWIRE_3220);
  r.s().offer(entry('a', T0));
  await settle();
  assert.deepEqual(r.device.lastSent(0x18), [0x01], 'Ring lamp on report 0x18');
  assert.deepEqual(r.device.lastSent(0x17), [0x00]);
  await r.replay(SEQUENCES.poly.offHook);
  assert.equal(r.state('a'), CallState.Talking);
  assert.deepEqual(r.device.lastSent(0x17), [0x01], 'Off-Hook lamp on report 0x17');
  assert.deepEqual(r.device.lastSent(0x18), [0x00]);
  await r.replay(SEQUENCES.poly.muteTwiceFast, 10);
  assert.equal(r.s().calls.a?.muted, true, 'two mute presses 20 ms apart are one toggle');
  assert.deepEqual(r.device.lastSent(0x09), [0x01], 'Mute lamp on report 0x09');
  r.clock.advance(1000);
  await r.replay(SEQUENCES.poly.muteWhileOffHook, 10);
  assert.equal(r.s().calls.a?.muted, false);
  await r.replay(SEQUENCES.poly.flashWhileOffHook);
  assert.equal(r.state('a'), CallState.Held, 'Flash holds (the default)');
  assert.deepEqual(r.device.lastSent(0x20), [0x01], 'Hold lamp on report 0x20');
  assert.equal(r.device.lastSent(0x1e), null, "the Speaker lamp is not the console's to drive");
  assert.deepEqual(r.phone.calls, ['answer', 'mute', 'mute', 'hold']);
  await r.manager.stop();
});

test('generic HID telephony (usage page 0x0B, no vendor rule): the hook answers and hangs up, every press counts', async () => {
  const r = await rig(GENERIC_TELEPHONY);
  assert.equal(r.controller.device?.vendorId, 0x1234);
  r.s().offer(entry('a', T0));
  await r.replay(SEQUENCES.poly.offHook);
  assert.equal(r.state('a'), CallState.Talking);
  await r.replay(SEQUENCES.poly.muteTwiceFast, 10);
  assert.equal(r.s().calls.a?.muted, false, 'no debounce without a vendor rule: two presses, two toggles');
  await r.replay(SEQUENCES.poly.onHook);
  assert.equal(r.state('a'), 'gone');
  assert.deepEqual(r.phone.calls, ['answer', 'mute', 'mute', 'hangup']);
  await r.manager.stop();
});

test('EPOS: the hook switch is a talk toggle (answers, then hangs up) and the On-Line lamp follows the call', async () => {
  const r = await rig(EPOS_SC660);
  r.s().offer(entry('a', T0));
  await r.replay(SEQUENCES.epos.talkPress, 100);
  assert.equal(r.state('a'), CallState.Talking, 'a press answers even though the level goes back to 0');
  assert.deepEqual(r.device.lastSent(3), [0x22], 'off-hook (bit 1) + on-line (bit 5)');
  await r.replay(SEQUENCES.epos.talkPress, 100);
  assert.equal(r.state('a'), 'gone');
  assert.deepEqual(r.device.lastSent(3), [0x00]);
  assert.deepEqual(r.phone.calls, ['answer', 'hangup']);
  await r.manager.stop();
});

test("Yealink: lamps on the telephony report's fixed bits; on-hook while the call is held is not a hang-up", async () => {
  const r = await rig(YEALINK_UH38);
  r.s().offer(entry('a', T0));
  await settle();
  assert.deepEqual(r.device.lastSent(2), [0x04], 'ring 0x04');
  await r.replay(SEQUENCES.yealink.offHook);
  assert.equal(r.state('a'), CallState.Talking);
  assert.deepEqual(r.device.lastSent(2), [0x01], 'off-hook 0x01');
  await r.phone.toggleHold(); // held on the keyboard
  await settle();
  assert.deepEqual(r.device.lastSent(2), [0x08], 'hold 0x08, off-hook cleared');
  r.clock.advance(2000);
  await r.replay(SEQUENCES.yealink.onHook);
  assert.equal(r.state('a'), CallState.Held, 'the headset following our lamp to on-hook does not end the held call');
  assert.deepEqual(r.phone.calls, ['answer', 'hold']);
  await r.manager.stop();
});

test('choosing: the chooser is asked for the telephony usage page only; only the chosen device is attached', async () => {
  const hid = new StandInHid();
  const jabra = new StandInHidDevice(JABRA_ENGAGE_50);
  const epos = new StandInHidDevice(EPOS_SC660);
  hid.granted.push(epos);
  hid.chooserPick = [jabra];
  const choice = await chooseHeadset(hid);
  assert.deepEqual(hid.requests, [{ filters: TELEPHONY_FILTERS }]);
  assert.deepEqual(TELEPHONY_FILTERS, [{ usagePage: 0x0b }]);
  assert.deepEqual(choice, { vendorId: 0x0b0e, productId: 0x4052, name: 'Jabra Engage 50' });
  const calls = createCallsStore();
  const controller = new HeadsetController({ phone: new StandInPhone(calls, () => T0), calls, log: () => undefined });
  const manager = new HeadsetManager(hid, controller);
  assert.ok(await manager.use(choice));
  assert.equal(controller.device, jabra);
  assert.equal(epos.opened, false);
  hid.plug(epos); // another headset plugged in: ignored
  await settle();
  assert.equal(controller.device, jabra);
  assert.equal(await manager.use(null), false);
  assert.equal(controller.device, null);
  assert.equal(jabra.opened, false);
  hid.chooserPick = [];
  assert.equal(await chooseHeadset(hid), null, 'a cancelled chooser is no choice');
  await manager.stop();
});
