import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGreetingRules, decideGreeting, DEFAULT_SWITCHBOARDS, GREETING, GreetingRulesError } from '../../common/policy';
import type { Switchboard } from '../../common/settings/schema';

const rules = compileGreetingRules(DEFAULT_SWITCHBOARDS, '^[1-9][0-9]{3}$');

test('the policy phrases are verbatim (P-GREET)', () => {
  assert.equal(GREETING.essunga, 'Välkommen till Essunga kommun');
  assert.equal(GREETING.grastorp, 'Välkommen till Grästorps kommun');
  assert.equal(GREETING.internal, 'Växeln');
});

test('dialled Essunga number in To → Essunga greeting', () => {
  const d = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['+4651257000'] } }, rules);
  assert.equal(d.text, 'Välkommen till Essunga kommun');
  assert.equal(d.switchboardId, 'essunga');
  assert.equal(d.dialledNumber, '+4651257000');
  assert.equal(d.reason, 'dialled-number');
});

test('dialled Grästorp number in national form → Grästorp greeting', () => {
  const d = decideGreeting({ callerNumber: '0701234567', dialled: { to: ['0514-58000'] } }, rules);
  assert.equal(d.text, 'Välkommen till Grästorps kommun');
  assert.equal(d.switchboardId, 'grastorp');
});

test('internal caller is answered "Växeln", even when dialling a municipal number', () => {
  assert.equal(decideGreeting({ callerNumber: '2001', dialled: { to: ['9'] } }, rules).text, 'Växeln');
  const viaMain = decideGreeting({ callerNumber: '3001', dialled: { to: ['+4651257000'] } }, rules);
  assert.equal(viaMain.kind, 'internal');
  assert.equal(viaMain.switchboardId, 'internal');
});

test('an external caller is not internal just because the number is short-ish', () => {
  const d = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['+4651458000'] } }, rules);
  assert.notEqual(d.kind, 'internal');
});

test('unknown dialled number → neutral fallback naming both municipalities', () => {
  const d = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['+468123456'], 'request-uri': ['operator1'] } }, rules);
  assert.equal(d.kind, 'unknown');
  assert.equal(d.text, GREETING.unknown);
  assert.match(d.text, /Essunga/);
  assert.match(d.text, /Grästorp/);
  assert.equal(d.dialledNumber, '+468123456');
  assert.equal(d.switchboardId, undefined);
});

test("sources are read in each switchboard's dialledFrom order; the Request-URI alone can decide", () => {
  const d = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['operator1'], 'request-uri': ['+4651458000'] } }, rules);
  assert.equal(d.kind, 'grastorp');
});

test('Diversion and History-Info: only looked at when configured', () => {
  const boards: Switchboard[] = [
    { id: 'e', municipality: 'essunga', numbers: ['0512-57000'], dialledFrom: ['history-info'] },
    { id: 'g', municipality: 'grastorp', numbers: ['0514-58000'], dialledFrom: ['to'] },
  ];
  const r = compileGreetingRules(boards, '^[1-9][0-9]{3}$');
  const viaHistory = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['2001'], 'history-info': ['+4651257000', '2001'] } }, r);
  assert.equal(viaHistory.kind, 'essunga');
  const diversionIgnored = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['2001'], diversion: ['+4651257000'] } }, r);
  assert.equal(diversionIgnored.kind, 'unknown');
});

test('the most preferred source wins across switchboards; ties go to the first listed', () => {
  const boards: Switchboard[] = [
    { id: 'e', municipality: 'essunga', numbers: ['0512-57000'], dialledFrom: ['to', 'diversion'] },
    { id: 'g', municipality: 'grastorp', numbers: ['0514-58000'], dialledFrom: ['to', 'diversion'] },
  ];
  const r = compileGreetingRules(boards, '^$');
  // Essunga only via Diversion (rank 1), Grästorp via To (rank 0): Grästorp wins.
  const d = decideGreeting({ callerNumber: '+46701234567', dialled: { to: ['+4651458000'], diversion: ['+4651257000'] } }, r);
  assert.equal(d.switchboardId, 'g');
});

test('an invalid internalNumberPattern fails when the rules are built, not per call', () => {
  assert.throws(
    () => compileGreetingRules(DEFAULT_SWITCHBOARDS, '^[0-9'),
    (e: unknown) => e instanceof GreetingRulesError && e.code === 'internal-pattern-invalid',
  );
});
