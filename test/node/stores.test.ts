import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallState, createCallsStore, createRegistrationStore, RegistrationState, registrationLabel, selectActiveCall, selectConnected, selectQueue, type QueueEntry } from '../../renderer/sip';
import { createNetworkStore } from '../../renderer/features/status/network-store';

const entry = (id: string, offeredAt: number): QueueEntry => ({
  id,
  callerNumber: '+46701234567',
  callerName: '070-123 45 67',
  dialledNumber: '+4651257000',
  greeting: 'Välkommen till Essunga kommun',
  greetingKind: 'essunga',
  switchboardId: 'essunga',
  offeredAt,
});

test('stores are fresh per construction', () => {
  const a = createCallsStore();
  const b = createCallsStore();
  a.getState().offer(entry('x', 1));
  assert.equal(Object.keys(b.getState().calls).length, 0);
});

test('queue lists ringing calls longest waiting first', () => {
  const s = createCallsStore();
  s.getState().offer(entry('late', 300));
  s.getState().offer(entry('early', 100));
  s.getState().offer(entry('middle', 200));
  assert.deepEqual(
    selectQueue(s.getState()).map((c) => c.id),
    ['early', 'middle', 'late'],
  );
  assert.equal(selectQueue(s.getState())[0].state, CallState.Ringing);
});

test('answering moves a call out of the queue into the active call', () => {
  const s = createCallsStore();
  s.getState().offer(entry('a', 100));
  s.getState().offer(entry('b', 200));
  assert.equal(selectActiveCall(s.getState()), null);
  s.getState().setState('a', CallState.Answering, 1000);
  assert.deepEqual(
    selectQueue(s.getState()).map((c) => c.id),
    ['b'],
  );
  assert.equal(selectActiveCall(s.getState())?.id, 'a');
  assert.equal(selectActiveCall(s.getState())?.answeredAt, 1000);
  s.getState().setState('a', CallState.Talking, 1200);
  assert.equal(selectActiveCall(s.getState())?.state, CallState.Talking);
  assert.equal(selectActiveCall(s.getState())?.answeredAt, 1000, 'answeredAt is the moment of answering');
});

test('ending removes the entry and records why; late events do not resurrect it', () => {
  const s = createCallsStore();
  s.getState().offer(entry('a', 100));
  s.getState().end('a', 'remote-cancel', 500);
  assert.deepEqual(s.getState().calls, {});
  assert.deepEqual(s.getState().lastEnded, { id: 'a', reason: 'remote-cancel', at: 500 });
  s.getState().setState('a', CallState.Talking, 600);
  assert.deepEqual(s.getState().calls, {});
});

test('registration store walks the explicit states and keeps the failover list', () => {
  const r = createRegistrationStore();
  assert.equal(r.getState().state, RegistrationState.Unregistered);
  r.getState().begin('primary', ['wss://a.example', 'wss://b.example']);
  r.getState().connecting('wss://a.example');
  assert.equal(r.getState().state, RegistrationState.Connecting);
  assert.equal(registrationLabel(r.getState()), 'Registering');
  assert.deepEqual(r.getState().servers, ['wss://a.example', 'wss://b.example']);
  r.getState().registering();
  r.getState().failed('sip.register-rejected', 'register', 5000);
  assert.equal(r.getState().state, RegistrationState.Failed);
  assert.equal(r.getState().error, 'sip.register-rejected');
  assert.equal(selectConnected(r.getState()), true, 'a rejected REGISTER leaves the transport up');
  r.getState().registering();
  assert.equal(registrationLabel(r.getState()), 'Failed', 'the bar says failed until registered again');
  r.getState().registered();
  assert.equal(r.getState().state, RegistrationState.Registered);
  assert.equal(r.getState().error, null);
  r.getState().unregistered();
  r.getState().begin('primary', ['wss://a.example']);
  assert.equal(r.getState().error, null);
  assert.equal(r.getState().state, RegistrationState.Unregistered);
});

test('network store follows online/offline events', () => {
  const events = new EventTarget();
  let online = true;
  const n = createNetworkStore(events, () => online);
  assert.equal(n.getState().online, true);
  online = false;
  events.dispatchEvent(new Event('offline'));
  assert.equal(n.getState().online, false);
  n.dispose();
  online = true;
  events.dispatchEvent(new Event('online'));
  assert.equal(n.getState().online, false, 'disposed store no longer listens');
});
