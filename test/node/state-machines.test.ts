// The three transition tables (renderer/sip/states.ts) and the stores that enforce them: every
// allowed step is taken by the store, every step the table leaves out throws by default, and a
// store built as the console builds it reports the step with state names only and refuses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CALL_TRANSITIONS,
  CallState,
  createCallsStore,
  createRegistrationStore,
  REGISTRATION_TRANSITIONS,
  RegistrationState,
  TRANSFER_TRANSITIONS,
  type CallsState,
  type QueueEntry,
  type RegistrationStoreState,
  type StoreOptions,
  type TransferInfo,
  type TransferState,
} from '../../renderer/sip';
import { allowedTransitions, defineMachine, InvalidTransitionError, reportInvalidTransition, type TransitionReport } from '../../common/state/machine';
import { consoleTransitionHandler } from '../../renderer/sip/invalid-transition';
import type { StoreApi } from 'zustand/vanilla';

const CALLER = { number: '+46701234567', name: 'Anna Andersson', greeting: 'Välkommen till Essunga kommun' };
const entry = (id: string): QueueEntry => ({
  id,
  callerNumber: CALLER.number,
  callerName: CALLER.name,
  dialledNumber: '+4651257000',
  greeting: CALLER.greeting,
  greetingKind: 'essunga',
  switchboardId: 'essunga',
  offeredAt: 100,
});

/** Every pair of states, split by whether the table lists it. */
function pairs<S extends string>(table: Readonly<Record<S, readonly S[]>>): { allowed: Array<[S, S]>; invalid: Array<[S, S]> } {
  const states = Object.keys(table) as S[];
  const all = states.flatMap((from) => states.map((to): [S, S] => [from, to]));
  return { allowed: all.filter(([f, t]) => table[f].includes(t)), invalid: all.filter(([f, t]) => !table[f].includes(t)) };
}

test('the machine helper accepts exactly what its table lists and hands the rest to onInvalid', () => {
  const m = defineMachine<'a' | 'b' | 'c'>('demo', { a: ['b'], b: ['a', 'c'], c: [] });
  const seen: InvalidTransitionError[] = [];
  assert.equal(
    m.transition('a', 'b', (e) => seen.push(e)),
    true,
  );
  assert.equal(
    m.transition('a', 'c', (e) => seen.push(e)),
    false,
  );
  assert.equal(
    m.transition('c', 'a', (e) => seen.push(e)),
    false,
  );
  assert.deepEqual(
    seen.map((e) => [e.machine, e.from, e.to]),
    [
      ['demo', 'a', 'c'],
      ['demo', 'c', 'a'],
    ],
  );
  assert.deepEqual(allowedTransitions(m.table), [
    ['a', 'b'],
    ['b', 'a'],
    ['b', 'c'],
  ]);
});

// ---- calls ----------------------------------------------------------------------------------

/** The states setState() takes (Ringing is born by offer(), Ended by end()). */
type Live = Parameters<CallsState['setState']>[1];

/** A store with call 'x' brought into `state` by allowed steps only. */
function callIn(state: CallState, options?: StoreOptions): StoreApi<CallsState> {
  const s = createCallsStore(options);
  if (state === CallState.Calling) {
    s.getState().dialled(entry('x'), null);
    return s;
  }
  s.getState().offer(entry('x'));
  const path = {
    [CallState.Ringing]: [],
    [CallState.Answering]: [CallState.Answering],
    [CallState.Talking]: [CallState.Answering, CallState.Talking],
    [CallState.Held]: [CallState.Answering, CallState.Talking, CallState.Held],
  }[state as CallState.Ringing | CallState.Answering | CallState.Talking | CallState.Held];
  for (const step of path) s.getState().setState('x', step as Live, 1000);
  return s;
}

function stepCall(s: StoreApi<CallsState>, to: CallState): void {
  if (to === CallState.Ended) s.getState().end('x', 'local-hangup', 2000);
  else if (to === CallState.Ringing)
    s.getState().offer(entry('x')); // not a step: a new offer
  else s.getState().setState('x', to as Live, 2000);
}

test('call store: every transition in CALL_TRANSITIONS is taken', () => {
  const { allowed } = pairs(CALL_TRANSITIONS);
  assert.ok(allowed.length >= 9);
  for (const [from, to] of allowed) {
    const s = callIn(from);
    assert.equal(s.getState().calls.x?.state, from, `reached ${from}`);
    stepCall(s, to);
    if (to === CallState.Ended) assert.equal(s.getState().calls.x, undefined, `${from} -> Ended removes the call`);
    else assert.equal(s.getState().calls.x?.state, to, `${from} -> ${to}`);
  }
});

test('call store: every transition the table leaves out throws and changes nothing', () => {
  const { invalid } = pairs(CALL_TRANSITIONS);
  let checked = 0;
  for (const [from, to] of invalid) {
    if (from === CallState.Ended || to === CallState.Ringing) continue; // an ended call is gone; Ringing is only born
    const s = callIn(from);
    const before = s.getState().calls.x;
    assert.throws(
      () => stepCall(s, to),
      (e: unknown) => e instanceof InvalidTransitionError && e.machine === 'call' && e.from === from && e.to === to,
      `${from} -> ${to}`,
    );
    assert.equal(s.getState().calls.x, before, `${from} -> ${to} left the call as it was`);
    checked++;
  }
  assert.ok(checked >= 10, `checked ${checked}`);
});

test('call store: a late event for an ended call is not a transition (it is ignored)', () => {
  const s = callIn(CallState.Talking);
  s.getState().end('x', 'remote-bye', 3000);
  s.getState().setState('x', CallState.Held, 3100);
  assert.deepEqual(s.getState().calls, {});
});

// ---- transfers ------------------------------------------------------------------------------

const transfer = (status: Exclude<TransferState, 'none'>): TransferInfo => ({ kind: 'blind', target: '2001', status, code: 0 });

function transferIn(state: TransferState, options?: StoreOptions): StoreApi<CallsState> {
  const s = callIn(CallState.Talking, options);
  if (state !== 'none') {
    s.getState().patch('x', { transfer: transfer('trying') });
    if (state !== 'trying') s.getState().patch('x', { transfer: transfer(state) });
  }
  return s;
}

const stepTransfer = (s: StoreApi<CallsState>, to: TransferState) => s.getState().patch('x', { transfer: to === 'none' ? null : transfer(to), recall: null });
const transferOf = (s: StoreApi<CallsState>): TransferState => s.getState().calls.x?.transfer?.status ?? 'none';

test('transfer: every transition in TRANSFER_TRANSITIONS is taken', () => {
  const { allowed } = pairs(TRANSFER_TRANSITIONS);
  assert.ok(allowed.length >= 20);
  for (const [from, to] of allowed) {
    const s = transferIn(from);
    assert.equal(transferOf(s), from, `reached ${from}`);
    stepTransfer(s, to);
    assert.equal(transferOf(s), to, `${from} -> ${to}`);
  }
});

test('transfer: every transition the table leaves out throws and the whole patch is refused', () => {
  const { invalid } = pairs(TRANSFER_TRANSITIONS);
  let checked = 0;
  for (const [from, to] of invalid) {
    if (from === 'none' && to === 'none') continue; // no transfer before or after: not a step
    const s = transferIn(from);
    const before = s.getState().calls.x;
    assert.throws(() => s.getState().patch('x', { transfer: to === 'none' ? null : transfer(to), recall: { target: '2001', reason: 'failed' } }), InvalidTransitionError, `${from} -> ${to}`);
    assert.equal(s.getState().calls.x, before, `${from} -> ${to}: nothing of the patch applied`);
    checked++;
  }
  assert.ok(checked >= 9, `checked ${checked}`);
  const s = callIn(CallState.Talking);
  s.getState().patch('x', { muted: true, transfer: null });
  assert.equal(s.getState().calls.x?.muted, true, 'none -> none is no step');
});

// ---- registration ---------------------------------------------------------------------------

type Reg = StoreApi<RegistrationStoreState>;
const regPaths: Record<RegistrationState, RegistrationState[]> = {
  [RegistrationState.Unregistered]: [],
  [RegistrationState.Connecting]: [RegistrationState.Connecting],
  [RegistrationState.Registering]: [RegistrationState.Connecting, RegistrationState.Registering],
  [RegistrationState.Registered]: [RegistrationState.Connecting, RegistrationState.Registering, RegistrationState.Registered],
  [RegistrationState.Failed]: [RegistrationState.Connecting, RegistrationState.Failed],
};

function stepReg(r: Reg, to: RegistrationState): void {
  const a = r.getState();
  ({
    [RegistrationState.Unregistered]: () => a.unregistered(),
    [RegistrationState.Connecting]: () => a.connecting('wss://b.example'),
    [RegistrationState.Registering]: () => a.registering(),
    [RegistrationState.Registered]: () => a.registered(),
    [RegistrationState.Failed]: () => a.failed('sip.transport-lost', 'reconnect', 9000, 1),
  })[to]();
}

function regIn(state: RegistrationState, options?: StoreOptions): Reg {
  const r = createRegistrationStore(options);
  r.getState().begin('primary', ['wss://a.example', 'wss://b.example']);
  for (const step of regPaths[state]) stepReg(r, step);
  return r;
}

test('registration store: every transition in REGISTRATION_TRANSITIONS is taken', () => {
  const { allowed } = pairs(REGISTRATION_TRANSITIONS);
  assert.ok(allowed.length >= 14);
  for (const [from, to] of allowed) {
    const r = regIn(from);
    assert.equal(r.getState().state, from, `reached ${from}`);
    stepReg(r, to);
    assert.equal(r.getState().state, to, `${from} -> ${to}`);
  }
});

test('registration store: every transition the table leaves out throws (unregistered() twice is idempotent)', () => {
  const { invalid } = pairs(REGISTRATION_TRANSITIONS);
  let checked = 0;
  for (const [from, to] of invalid) {
    const r = regIn(from);
    const before = r.getState();
    if (from === RegistrationState.Unregistered && to === RegistrationState.Unregistered) {
      stepReg(r, to);
      assert.equal(r.getState(), before, 'stop() after stop() changes nothing');
      continue;
    }
    assert.throws(
      () => stepReg(r, to),
      (e: unknown) => e instanceof InvalidTransitionError && e.machine === 'registration',
      `${from} -> ${to}`,
    );
    assert.equal(r.getState(), before, `${from} -> ${to} changed nothing`);
    checked++;
  }
  assert.ok(checked >= 8, `checked ${checked}`);
});

// ---- production mode ------------------------------------------------------------------------

test('production: an invalid step is logged with state names only and refused', () => {
  const logs: TransitionReport[] = [];
  const options = { onInvalidTransition: reportInvalidTransition((e) => logs.push(e)) };
  const calls = callIn(CallState.Ringing, options);
  calls.getState().setState('x', CallState.Held, 2000);
  assert.equal(calls.getState().calls.x?.state, CallState.Ringing, 'refused: still ringing');
  const t = transferIn('done', options);
  t.getState().patch('x', { transfer: transfer('ringing') });
  assert.equal(transferOf(t), 'done', 'refused: still done');
  const r = regIn(RegistrationState.Unregistered, options);
  r.getState().registered();
  assert.equal(r.getState().state, RegistrationState.Unregistered, 'refused: still unregistered');
  assert.deepEqual(logs, [
    { level: 'error', code: 'state.invalid-transition', detail: { machine: 'call', from: 'Ringing', to: 'Held' } },
    { level: 'error', code: 'state.invalid-transition', detail: { machine: 'transfer', from: 'done', to: 'ringing' } },
    { level: 'error', code: 'state.invalid-transition', detail: { machine: 'registration', from: 'Unregistered', to: 'Registered' } },
  ]);
  const text = JSON.stringify(logs);
  for (const secret of [CALLER.number, CALLER.name, CALLER.greeting, '2001', 'wss://']) assert.ok(!text.includes(secret), `no ${secret} in the log (P-SECRECY)`);
});

test("the console's handler reports and refuses; in a development build it also raises the error outside the store", () => {
  const logs: unknown[] = [];
  const quiet = createCallsStore({ onInvalidTransition: consoleTransitionHandler((e) => logs.push(e), false) });
  quiet.getState().offer(entry('x'));
  quiet.getState().setState('x', CallState.Talking, 1);
  assert.equal(quiet.getState().calls.x?.state, CallState.Ringing);
  assert.equal(logs.length, 1);

  const raised: InvalidTransitionError[] = [];
  const strict = createCallsStore({
    onInvalidTransition: consoleTransitionHandler(
      (e) => logs.push(e),
      true,
      (e) => raised.push(e),
    ),
  });
  strict.getState().offer(entry('y'));
  assert.doesNotThrow(() => strict.getState().setState('y', CallState.Held, 1), 'the setter itself does not throw');
  assert.equal(strict.getState().calls.y?.state, CallState.Ringing);
  assert.deepEqual(
    raised.map((e) => [e.machine, e.from, e.to]),
    [['call', 'Ringing', 'Held']],
  );
  assert.equal(logs.length, 2);
});
