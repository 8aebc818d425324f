// Guided dial-out (issue 12 item 4, P-DIALOUT): every form an operator types as the caller says it
// is read to one E.164 number with its country and line type; bad input is told apart; the
// configured barred ranges warn or block; the dial string follows the outside-line settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callable, countryName, dialString, parseDialOut, prefixToE164, type DialOutNumber } from '../../common/dialout';
import { DEFAULT_BARRED_RANGES, dialoutSettings, DialoutSettings } from '../../common/dialout/schema';
import { Settings } from '../../common/settings/schema';

const parse = (text: string) => parseDialOut(text, DEFAULT_BARRED_RANGES);
function number(text: string): Extract<DialOutNumber, { kind: 'number' }> {
  const n = parse(text);
  assert.equal(n.kind, 'number', `${text}: ${JSON.stringify(n)}`);
  return n as Extract<DialOutNumber, { kind: 'number' }>;
}

test('Swedish numbers as spoken: mobile and fixed line, with spaces and dashes, national and international forms', () => {
  for (const typed of ['070-123 45 67', '0701234567', '070 123 45 67', '+46 70 123 45 67', '0046 70 123 45 67', '00 46 70-123 45 67', '+46 (0)70-123 45 67']) {
    const n = number(typed);
    assert.equal(n.e164, '+46701234567', typed);
    assert.equal(n.region, 'SE');
    assert.equal(n.lineType, 'mobile');
    assert.equal(n.display, '070-123 45 67');
    assert.equal(n.barred, null);
    assert.ok(callable(n));
  }
  const fixed = number('0512-123 45');
  assert.deepEqual([fixed.e164, fixed.lineType, fixed.display, fixed.callingCode], ['+4651212345', 'fixed-line', '0512-123 45', '46']);
  assert.equal(number('08-123 456 78').e164, '+46812345678');
  assert.equal(number('020-123 456').lineType, 'toll-free');
  assert.equal(number('0771-123 456').lineType, 'shared-cost');
});

test('foreign numbers: +44, 00 44 and 0044 are one number in Storbritannien', () => {
  for (const typed of ['+44 20 7946 0958', '00 44 20 7946 0958', '0044 20 7946 0958', '0044-20-7946-0958', '+44 (20) 7946 0958']) {
    const n = number(typed);
    assert.equal(n.e164, '+442079460958', typed);
    assert.equal(n.region, 'GB');
    assert.equal(n.callingCode, '44');
    assert.equal(n.lineType, 'fixed-line');
    assert.equal(n.international, '+44 20 7946 0958');
    assert.equal(n.display, '+44 20 7946 0958');
    assert.ok(n.inPlan);
  }
  assert.equal(countryName('GB', 'sv'), 'Storbritannien');
  assert.equal(countryName('GB', 'en'), 'United Kingdom');
  assert.equal(countryName('NO', 'sv'), 'Norge');
  assert.equal(countryName(null, 'sv'), null);
  const us = number('+1 212 555 0199');
  assert.deepEqual([us.region, us.lineType], ['US', 'fixed-line-or-mobile']);
  assert.equal(number('+47 22 22 22 22').region, 'NO');
});

test('invalid input is told apart and never callable', () => {
  assert.deepEqual(parse(''), { kind: 'empty' });
  assert.deepEqual(parse('   '), { kind: 'empty' });
  assert.deepEqual(parse('Anna Ek'), { kind: 'invalid', reason: 'not-a-number' });
  assert.deepEqual(parse('070-123 45 67 ankn 5'), { kind: 'invalid', reason: 'not-a-number' });
  assert.deepEqual(parse('sip:2001@pbx'), { kind: 'invalid', reason: 'not-a-number' });
  assert.deepEqual(parse('+'), { kind: 'invalid', reason: 'not-a-number' });
  assert.equal(parse('070').kind, 'invalid');
  assert.equal((parse('070') as { reason: string }).reason, 'too-short');
  assert.equal((parse('+44 20 7946 0958 1234 5678') as { reason: string }).reason, 'too-long');
  for (const bad of ['', 'abc', '070', '112']) assert.equal(callable(parse(bad)), false, bad);
});

test('the default barred ranges: Swedish premium rate is blocked, satellite networks warn', () => {
  for (const typed of ['0900-123 45 67', '+46 900 123 45 67', '0046900 1234567', '0939-123 456', '0944-12 34 56']) {
    const n = number(typed);
    assert.equal(n.lineType, 'premium-rate', typed);
    assert.equal(n.barred?.action, 'block', typed);
    assert.equal(n.barred?.category, 'premium-rate');
    assert.equal(callable(n), false, `${typed} must not be callable`);
  }
  for (const typed of ['+870 773 111 632', '00870 773 111 632', '+881 631 234 567', '+882 16 1234 5678']) {
    const n = number(typed);
    assert.equal(n.region, null, `${typed}: non-geographic`);
    assert.equal(n.barred?.action, 'warn', typed);
    assert.equal(n.barred?.category, 'satellite');
    assert.ok(callable(n), `${typed}: a warning still lets the operator call`);
  }
});

test('configured ranges: any form of prefix, a block wins over a warning, an empty list bars nothing', () => {
  assert.equal(prefixToE164('0900'), '+46900');
  assert.equal(prefixToE164('00881'), '+881');
  assert.equal(prefixToE164('+44'), '+44');
  const ranges = [
    { prefix: '+44', action: 'warn', category: 'other' },
    { prefix: '0044 20', action: 'block', category: 'other' },
  ] as const;
  assert.equal(
    parseDialOut(
      '+44 20 7946 0958',
      ranges.map((r) => ({ ...r, prefix: r.prefix.replace(' ', '') })),
    ).kind,
    'number',
  );
  const london = parseDialOut('+44 20 7946 0958', [ranges[0], { ...ranges[1], prefix: '004420' }]);
  assert.equal(london.kind === 'number' && london.barred?.action, 'block');
  const mobile = parseDialOut('+44 7911 123456', [ranges[0], { ...ranges[1], prefix: '004420' }]);
  assert.equal(mobile.kind === 'number' && mobile.barred?.action, 'warn');
  const free = parseDialOut('0900-123 45 67', dialoutSettings({ barred: [] }).barred);
  assert.ok(callable(free), 'an empty list bars nothing');
  assert.equal(dialoutSettings(undefined).barred, DEFAULT_BARRED_RANGES);
});

test('settings: the dialout section validates, with clear errors for a bad prefix or range', () => {
  assert.deepEqual(DialoutSettings.parse({}), { outsidePrefix: '', numberFormat: 'e164' });
  assert.equal(DialoutSettings.safeParse({ outsidePrefix: 'x9' }).success, false);
  const bad = DialoutSettings.safeParse({ barred: [{ prefix: '0900abc', action: 'block' }] });
  assert.equal(bad.success, false);
  assert.match(JSON.stringify(bad.error?.issues), /a number prefix such as 0900/);
  assert.equal(DialoutSettings.safeParse({ barred: [{ prefix: '0900', action: 'forbid' }] }).success, false);
  const inSettings = Settings.shape.dialout.safeParse({ outsidePrefix: '0', numberFormat: 'from-sweden', barred: [{ prefix: '+870', action: 'block', category: 'satellite' }] });
  assert.ok(inSettings.success);
});

test('the dial string: the outside-line prefix, then E.164 or the number as dialled from Sweden', () => {
  assert.equal(dialString('+442079460958', { outsidePrefix: '', numberFormat: 'e164' }), '+442079460958');
  assert.equal(dialString('+442079460958', { outsidePrefix: '0', numberFormat: 'e164' }), '0+442079460958');
  assert.equal(dialString('+442079460958', { outsidePrefix: '0', numberFormat: 'from-sweden' }), '000442079460958');
  assert.equal(dialString('+46701234567', { outsidePrefix: '0', numberFormat: 'from-sweden' }), '00701234567');
  assert.equal(dialString('+46701234567', { outsidePrefix: '', numberFormat: 'from-sweden' }), '0701234567');
});
