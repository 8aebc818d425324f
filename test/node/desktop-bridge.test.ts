// The renderer's side of the desktop contract over real zustand stores: what it reports to main
// (registration, waiting callers; no call data), and what main's events make it do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDesktopBridge } from '../../renderer/platform/desktop-bridge';
import { createSoftphoneStores } from '../../renderer/sip/stores';
import type { EventName, VaxelApi } from '../../common/ipc/contract';

/** A stand-in for window.vaxel that records reports and lets the test emit main's events. */
function fakeApiForBridgeTest() {
  const reports: unknown[] = [];
  const listeners = new Map<EventName, (payload: never) => void>();
  const api = {
    reportDesktopState: async (state: unknown) => void reports.push(state),
    on: (event: EventName, listener: (payload: never) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  } as unknown as VaxelApi;
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.(payload as never);
  return { api, reports, emit, listeners };
}

test('reports registration and the waiting count once per change, never caller data', async () => {
  const { api, reports } = fakeApiForBridgeTest();
  const stores = createSoftphoneStores();
  const ran: string[] = [];
  const actions = {
    answerNext: async () => void ran.push('answer'),
    hangupActive: async () => void ran.push('hangup'),
    toggleHold: async () => void ran.push('hold'),
    toggleMute: async () => void ran.push('mute'),
  };
  const stop = startDesktopBridge({ api, calls: stores.calls, registration: stores.registration, actions: actions as never, openDialOut: () => undefined });
  stores.registration.getState().begin('a1', ['wss://x']);
  stores.registration.getState().connecting('wss://x');
  stores.registration.getState().registering();
  stores.registration.getState().registered();
  stores.calls.getState().offer({
    id: 'c1',
    callerNumber: '0701234567',
    callerName: 'Anna Andersson',
    dialledNumber: '0512-570 00',
    greeting: 'Välkommen',
    greetingKind: 'essunga' as never,
    switchboardId: null,
    offeredAt: Date.now(),
  });
  assert.deepEqual(reports, [
    { registered: false, waiting: 0 },
    { registered: true, waiting: 0 },
    { registered: true, waiting: 1 },
  ]);
  assert.ok(!JSON.stringify(reports).includes('0701234567') && !JSON.stringify(reports).includes('Anna'));
  stop();
  stores.calls.getState().offer({ id: 'c2', callerNumber: '', callerName: '', dialledNumber: '', greeting: '', greetingKind: 'essunga' as never, switchboardId: null, offeredAt: Date.now() });
  assert.equal(reports.length, 3, 'nothing after stop');
});

test("main's global shortcuts run the call actions; a dial request opens the dial-out with the link's target", () => {
  const { api, emit, listeners } = fakeApiForBridgeTest();
  const stores = createSoftphoneStores();
  const ran: string[] = [];
  const prefilled: unknown[] = [];
  const actions = {
    answerNext: async () => void ran.push('answer'),
    hangupActive: async () => void ran.push('hangup'),
    toggleHold: async () => void ran.push('hold'),
    toggleMute: async () => void ran.push('mute'),
  };
  const stop = startDesktopBridge({ api, calls: stores.calls, registration: stores.registration, actions: actions as never, openDialOut: (r) => prefilled.push(r) });
  for (const action of ['answer', 'hold', 'mute', 'hangup']) emit('globalShortcut', { action });
  emit('dialRequest', { target: '+46701234567', scheme: 'tel' });
  emit('dialRequest', { target: 'sip:2001@pbx.example', scheme: 'sip' });
  assert.deepEqual(ran, ['answer', 'hold', 'mute', 'hangup']);
  assert.deepEqual(prefilled, [
    { target: '+46701234567', scheme: 'tel' },
    { target: 'sip:2001@pbx.example', scheme: 'sip' },
  ]);
  stop();
  assert.equal(listeners.size, 0, 'unsubscribed');
});

test('open dial-out: every listening dialog gets the request; with none listening the bridge is told to fall back', async () => {
  const { DialOutRequests } = await import('../../renderer/platform/dial-out-request');
  const requests = new DialOutRequests();
  assert.equal(requests.openDialOut({ target: '0701234567', scheme: 'tel' }), false, 'no dialog yet: the console falls back to the search field');
  const opened: unknown[] = [];
  const off = requests.onOpenDialOut((r) => opened.push(r));
  assert.equal(requests.openDialOut({ target: '0701234567', scheme: 'tel' }), true);
  assert.deepEqual(opened, [{ target: '0701234567', scheme: 'tel' }]);
  off();
  assert.equal(requests.openDialOut({ target: '2001', scheme: 'tel' }), false);
  assert.equal(opened.length, 1);
});
