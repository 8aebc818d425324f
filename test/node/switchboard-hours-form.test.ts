// "Växelns öppettider" form ↔ settings (issue 12 point 1): the defaults round-trip unchanged, a
// typed week, eve, klämdag and exceptions become the schema's values (and the schedule follows
// them), and every wrong input comes back with its field and a Swedish text, nothing saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sv } from '../../common/i18n';
import { hoursStateAt } from '../../common/switchboard/schedule';
import { PbxControlSettings, switchboardHours } from '../../common/switchboard/schema';
import { emptyException, formFromHours, hoursFromForm, normaliseTime } from '../../renderer/features/switchboard/hours-form';
import { referralForm, referralsFromForm } from '../../renderer/features/referral/referral-form';

const base = switchboardHours({});

test('the defaults show as text and save back to exactly the same settings', () => {
  const form = formFromHours(base);
  assert.equal(form.essunga.weekly.mon, '08:00–16:30');
  assert.equal(form.essunga.weekly.sat, '');
  assert.deepEqual(form.essunga.eves.midsommarafton, { choice: 'closed', close: '12:00' });
  assert.deepEqual(form.grastorp.eves.valborgsmassoafton, { choice: 'short', close: '12:00' });
  const back = hoursFromForm(form, base);
  assert.ok(back.ok);
  // an eve left at its default is not written, so it keeps following the defaults
  assert.deepEqual(back.hours, base);
  assert.deepEqual(back.hours.pbx, base.pbx);
});

test('typed hours, an eve, a klämdag and exceptions become settings the schedule follows', () => {
  const form = formFromHours(base);
  form.essunga.weekly.wed = '8.00-12:00, 13:00–15:00';
  form.essunga.weekly.sat = '10:00–12:00';
  form.essunga.eves.julafton = { choice: 'short', close: '11.00' };
  form.essunga.bridgeDays = 'short';
  form.essunga.shortDayClose = '13:00';
  form.essunga.exceptions = [
    { ...emptyException('2026-09-04'), note: 'Personaldag' },
    { date: '2026-09-10', kind: 'closed-span', from: '12:00', to: '16:30', note: 'Utbildning' },
    { date: '2026-09-12', kind: 'open-span', from: '9:00', to: '11:00', note: '' },
  ];
  const r = hoursFromForm(form, base);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  const e = r.hours.essunga;
  assert.deepEqual(e.weekly.wed, [
    { open: '08:00', close: '12:00' },
    { open: '13:00', close: '15:00' },
  ]);
  assert.deepEqual(e.eves, { julafton: '11:00' }, 'only the eve that differs from the default is stored');
  assert.equal(e.bridgeDays, 'short');
  assert.deepEqual(e.exceptions[0], { date: '2026-09-04', kind: 'closed', note: 'Personaldag' });
  assert.deepEqual(e.exceptions[2], { date: '2026-09-12', kind: 'open', from: '09:00', to: '11:00', note: '' });
  assert.deepEqual(r.hours.grastorp, base.grastorp, 'the other municipality is untouched');
  // Wednesday 2026-09-09 12:30 (CEST): closed for lunch, opens 13.00
  const lunch = hoursStateAt(e, Date.parse('2026-09-09T10:30:00Z'));
  assert.equal(lunch.open, false);
  assert.equal(new Date(lunch.nextChange!).toISOString(), '2026-09-09T11:00:00.000Z');
  // the staff day (Friday 2026-09-04) is closed all day
  assert.equal(hoursStateAt(e, Date.parse('2026-09-04T08:00:00Z')).open, false);
});

test('the closed message and the PBX control are kept from the settings the form was made from', () => {
  const withMessage = switchboardHours({ switchboardHours: { essunga: { closedMessage: { text: 'Egen text' } }, pbx: { kind: 'kamailio-jsonrpc', url: 'http://pbx:8080/RPC', token: 't' } } });
  const r = hoursFromForm(formFromHours(withMessage), withMessage);
  assert.ok(r.ok);
  assert.equal(r.hours.essunga.closedMessage.text, 'Egen text');
  assert.equal(r.hours.pbx.kind, 'kamailio-jsonrpc');
});

test('wrong input: each problem names its field and a Swedish text; nothing is returned to save', () => {
  const form = formFromHours(base);
  form.essunga.weekly.mon = 'åtta till fem';
  form.essunga.weekly.tue = '16:30–08:00';
  form.essunga.weekly.thu = '25:00–26:00';
  form.grastorp.eves.julafton = { choice: 'short', close: 'lunch' };
  form.grastorp.exceptions = [
    { date: '2026-13-01', kind: 'closed-day', from: '', to: '', note: '' },
    { date: '2026-09-10', kind: 'closed-span', from: '15:00', to: '12:00', note: '' },
    { date: '2026-09-11', kind: 'open-span', from: '', to: '11:00', note: '' },
  ];
  const r = hoursFromForm(form, base);
  assert.ok(!r.ok);
  const byField = Object.fromEntries(r.errors.map((e) => [e.field, e.key]));
  assert.deepEqual(byField, {
    'essunga.weekly.mon': 'span',
    'essunga.weekly.tue': 'closeAfterOpen',
    'essunga.weekly.thu': 'time',
    'grastorp.eves.julafton': 'time',
    'grastorp.exceptions.0.date': 'date',
    'grastorp.exceptions.1.to': 'toAfterFrom',
    'grastorp.exceptions.2.from': 'spanNeedsTimes',
  });
  for (const e of r.errors) {
    const text = sv.switchboardSettings.errors[e.key];
    assert.ok(text && /[åäö]|Skriv|Ange|måste/.test(text), `${e.key} has a Swedish text: ${text}`);
  }
});

test('times are read the Swedish way too', () => {
  assert.equal(normaliseTime('8.00'), '08:00');
  assert.equal(normaliseTime(' 16:30 '), '16:30');
  assert.equal(normaliseTime('16'), null);
});

test('referral texts: the catalogue text is not stored, own text and a written number are, bad ones are refused', () => {
  const defaults = { externalText: sv.referral.externalText, internalText: sv.referral.internalText };
  const form = referralForm(undefined, defaults);
  assert.deepEqual(referralsFromForm(form, defaults), { ok: true, referrals: {} });
  const own = referralsFromForm({ ...form, externalText: '  Ring Eniro 118 118.  ', transferNumber: '0771-118 118' }, defaults);
  assert.deepEqual(own, { ok: true, referrals: { externalText: 'Ring Eniro 118 118.', externalTransferNumber: '0771118118' } });
  const bad = referralsFromForm({ ...form, internalText: '   ', transferNumber: '118 118 eller webben' }, defaults);
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.errors.map((e) => [e.field, e.key]),
    [
      ['internalText', 'empty'],
      ['transferNumber', 'badNumber'],
    ],
  );
  assert.deepEqual(referralForm({ externalText: 'X', externalTransferNumber: '+46771' }, defaults), { externalText: 'X', internalText: defaults.internalText, transferNumber: '+46771' });
});

test('the PBX prompt folder must be an absolute path (found by the IPC fuzz: a relative one was written under the process cwd)', () => {
  const pbx = (promptDir: string) => PbxControlSettings.safeParse({ kind: 'kamailio-jsonrpc', url: 'http://127.0.0.1:5060/RPC', promptDir }).success;
  for (const ok of ['/srv/vaxel/prompts', 'C:\\Prompts', 'D:/prompts', '\\\\announcer\\prompts']) assert.equal(pbx(ok), true, ok);
  for (const bad of ['prompts', './prompts', '^2N', '..\\prompts', '\\\\']) assert.equal(pbx(bad), false, bad);
});
