import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseNumber, sameNumber, displayNumber } from '../../common/phone';

test('the same Swedish number in national, E.164, 00-prefixed and SIP-user form has one key', () => {
  const forms = ['0512-570 00', '+46 512 570 00', '0046 512 570 00', '+4651257000', '051257000'];
  const keys = new Set(forms.map((f) => normaliseNumber(f).key));
  assert.deepEqual([...keys], ['+4651257000']);
});

test('national display format is what an operator reads', () => {
  assert.equal(displayNumber('+46701234567'), '070-123 45 67');
  assert.equal(displayNumber('+4651458000'), '0514-580 00');
});

test('short internal extensions and access codes stay extensions, not +46 numbers', () => {
  const ext = normaliseNumber('2001');
  assert.equal(ext.kind, 'extension');
  assert.equal(ext.key, '2001');
  assert.equal(ext.e164, undefined);
  assert.equal(normaliseNumber('9').key, '9');
});

test('an extension behind a public number is kept, in English and Swedish notation', () => {
  const en = normaliseNumber('+46 512 570 00 ext. 12');
  assert.equal(en.extension, '12');
  assert.equal(en.key, '+4651257000;ext=12');
  const sv = normaliseNumber('0512-570 00 ankn. 12');
  assert.equal(sv.key, '+4651257000;ext=12');
  assert.equal(sv.display, '0512-570 00 ankn. 12');
  assert.equal(sameNumber('0512-570 00', '0512-570 00 ankn. 12'), false);
});

test('different numbers differ; garbage is unknown and never equals empty', () => {
  assert.equal(sameNumber('0512-570 00', '0514-580 00'), false);
  assert.equal(sameNumber('0512-570 00', '+46 512 57000'), true);
  assert.equal(normaliseNumber('anonymous').kind, 'unknown');
  assert.equal(sameNumber('', ''), false);
});

test('foreign numbers are shown internationally', () => {
  const no = normaliseNumber('+47 22 22 22 22');
  assert.equal(no.e164, '+4722222222');
  assert.match(no.display, /^\+47 /);
});
