import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDialledCandidates, userOfEntry } from '../../renderer/sip/dialled-candidates';
import { compileGreetingRules, decideGreeting, DEFAULT_SWITCHBOARDS } from '../../common/policy';

test('user part from sip:, sips: and tel: URIs, with or without brackets and params', () => {
  assert.equal(userOfEntry('<sip:+4651257000@127.0.0.1>;reason=unconditional'), '+4651257000');
  assert.equal(userOfEntry('"Växel" <sips:9@pbx.example;transport=tls>'), '9');
  assert.equal(userOfEntry('<tel:+46-512-570-00;phone-context=+46>'), '+46-512-570-00');
  assert.equal(userOfEntry('sip:%2B4651458000@host'), '+4651458000');
  assert.equal(userOfEntry('<sip:host.example>'), undefined);
});

test('lab INVITE: To carries the dialled number, Request-URI the operator', () => {
  const c = extractDialledCandidates({ requestUriUser: 'op1', toUser: '+4651257000', diversion: [], historyInfo: [] });
  assert.deepEqual(c.to, ['+4651257000']);
  assert.deepEqual(c['request-uri'], ['op1']);
  const g = decideGreeting({ callerNumber: '+46701234567', dialled: c }, compileGreetingRules(DEFAULT_SWITCHBOARDS, '^[1-9][0-9]{3}$'));
  assert.equal(g.text, 'Välkommen till Essunga kommun');
});

test('several Diversion entries in one header and across headers', () => {
  const c = extractDialledCandidates({
    diversion: ['<sip:2001@pbx>;reason=no-answer;counter=1, <sip:+4651458000@pbx>;reason=unconditional', '<tel:0512-57000>'],
    historyInfo: [],
  });
  assert.deepEqual(c.diversion, ['2001', '+4651458000', '0512-57000']);
});

test('History-Info is ordered by index so the original target comes first', () => {
  const c = extractDialledCandidates({
    diversion: [],
    historyInfo: ['<sip:op1@pbx>;index=1.1.1, <sip:+4651458000@pbx?Reason=SIP%3Bcause%3D302>;index=1', '<sip:2001@pbx>;index=1.1'],
  });
  assert.deepEqual(c['history-info'], ['+4651458000', '2001', 'op1']);
});

test('commas inside quoted display names do not split entries', () => {
  const c = extractDialledCandidates({ diversion: ['"Andersson, Anna" <sip:2001@pbx>;reason=busy'], historyInfo: [] });
  assert.deepEqual(c.diversion, ['2001']);
});
