// Opening hours evaluated in Europe/Stockholm: weekly schedule, holidays and eves, klämdagar,
// one-off exceptions, DST days, the PBX state built from them, and the closed message text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instantOf, wallTimeAt } from '../../common/switchboard/clock';
import { closedIntervals, hoursStateAt, openIntervals, planDay } from '../../common/switchboard/schedule';
import { MunicipalityHours, switchboardHours } from '../../common/switchboard/schema';
import { buildPbxState, closedByState } from '../../common/switchboard/pbxState';
import { closedMessageText } from '../../common/switchboard/closedMessage';
import { Settings } from '../../common/settings/schema';

const H = MunicipalityHours.parse({});
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (s: string) => Date.parse(s);

test('wall time <-> instant across both DST changes of 2026', () => {
  assert.equal(iso(instantOf('2026-03-27', 8 * 60)), '2026-03-27T07:00:00.000Z'); // CET
  assert.equal(iso(instantOf('2026-03-30', 8 * 60)), '2026-03-30T06:00:00.000Z'); // CEST
  assert.equal(iso(instantOf('2026-03-29', 150)), '2026-03-29T01:30:00.000Z', '02:30 does not exist: 03:30 CEST');
  assert.equal(iso(instantOf('2026-10-25', 150)), '2026-10-25T01:30:00.000Z', '02:30 twice: the later one (CET), as the time module decides');
  assert.equal(iso(instantOf('2026-10-26', 8 * 60)), '2026-10-26T07:00:00.000Z');
  assert.deepEqual(wallTimeAt(at('2026-10-25T01:30:00Z')), { date: '2026-10-25', minutes: 150, weekday: 7 });
});

test('a weekday at 18:00 is closed until 08:00 the next working day', () => {
  const s = hoursStateAt(H, at('2026-12-03T17:00:00Z')); // Thursday 18:00 CET
  assert.equal(s.open, false);
  assert.equal(iso(s.nextChange), '2026-12-04T07:00:00.000Z');
  const open = hoursStateAt(H, at('2026-12-04T09:00:00Z'));
  assert.equal(open.open, true);
  assert.equal(iso(open.nextChange), '2026-12-04T15:30:00.000Z', 'closes 16:30 CET');
  const friday = hoursStateAt(H, at('2026-12-04T17:00:00Z'));
  assert.equal(iso(friday.nextChange), '2026-12-07T07:00:00.000Z', 'Friday evening: closed over the weekend');
});

test('the closed weekend spanning a DST change is an hour shorter or longer', () => {
  const spring = closedIntervals(H, at('2026-03-27T12:00:00Z'), at('2026-03-30T12:00:00Z'));
  assert.deepEqual(
    spring.map((i) => [iso(i.from), iso(i.to)]),
    [['2026-03-27T15:30:00.000Z', '2026-03-30T06:00:00.000Z']],
  );
  assert.equal((spring[0]!.to - spring[0]!.from) / 3_600_000, 62.5);
  const autumn = closedIntervals(H, at('2026-10-23T12:00:00Z'), at('2026-10-26T12:00:00Z'));
  assert.equal((autumn[0]!.to - autumn[0]!.from) / 3_600_000, 64.5);
  // an extra opening 01:00-04:00 on each DST Sunday lasts 2 and 4 hours of real time
  const extra = MunicipalityHours.parse({
    exceptions: [
      { date: '2026-03-29', kind: 'open', from: '01:00', to: '04:00' },
      { date: '2026-10-25', kind: 'open', from: '01:00', to: '04:00' },
    ],
  });
  const o1 = openIntervals(extra, at('2026-03-29T00:00:00Z'), at('2026-03-29T06:00:00Z'));
  const o2 = openIntervals(extra, at('2026-10-24T22:00:00Z'), at('2026-10-25T06:00:00Z'));
  assert.equal((o1[0]!.to - o1[0]!.from) / 3_600_000, 2);
  assert.equal((o2[0]!.to - o2[0]!.from) / 3_600_000, 4);
});

test('midsommarafton and julafton are closed all day; skärtorsdagen closes at 12:00', () => {
  const midsummer = hoursStateAt(H, at('2026-06-19T08:00:00Z')); // Friday 10:00 CEST
  assert.equal(midsummer.open, false);
  assert.equal(midsummer.day.special?.id, 'midsommarafton');
  assert.equal(iso(midsummer.nextChange), '2026-06-22T06:00:00.000Z');
  assert.equal(hoursStateAt(H, at('2026-12-24T09:00:00Z')).open, false);
  const maundy = planDay(H, '2026-04-02');
  assert.deepEqual(maundy.open, [{ from: 480, to: 720 }]);
  const s = hoursStateAt(H, at('2026-04-02T09:00:00Z')); // 11:00 CEST
  assert.equal(s.open, true);
  assert.equal(iso(s.nextChange), '2026-04-02T10:00:00.000Z');
  assert.equal(iso(hoursStateAt(H, at('2026-04-02T11:00:00Z')).nextChange), '2026-04-07T06:00:00.000Z', 'långfredag to annandag påsk closed');
  assert.equal(hoursStateAt(H, at('2026-06-06T08:00:00Z')).open, false, 'nationaldagen (a Saturday anyway)');
  assert.equal(planDay(H, '2027-05-06').open.length, 0, 'Kristi himmelsfärdsdag, a Thursday');
});

test('eve rules are configurable: normal, another close time, closed', () => {
  const h = MunicipalityHours.parse({ eves: { skartorsdagen: 'normal', trettondagsafton: '15:00', valborgsmassoafton: 'closed' } });
  assert.deepEqual(planDay(h, '2026-04-02').open, [{ from: 480, to: 990 }]);
  assert.deepEqual(planDay(h, '2026-01-05').open, [{ from: 480, to: 900 }]);
  assert.deepEqual(planDay(h, '2026-04-30').open, []);
  assert.deepEqual(planDay(h, '2026-12-24').open, [], 'julafton keeps its default');
  assert.deepEqual(planDay(MunicipalityHours.parse({ closedOnHolidays: false }), '2027-05-06').open, [{ from: 480, to: 990 }]);
});

test('klämdag: the Friday after Kristi himmelsfärd, normal by default, short or closed as configured', () => {
  assert.equal(planDay(H, '2026-05-15').bridge, true);
  assert.equal(planDay(H, '2026-05-13').bridge, false);
  assert.deepEqual(planDay(H, '2026-05-15').open, [{ from: 480, to: 990 }]);
  assert.deepEqual(planDay(MunicipalityHours.parse({ bridgeDays: 'short', shortDayClose: '13:00' }), '2026-05-15').open, [{ from: 480, to: 780 }]);
  assert.deepEqual(planDay(MunicipalityHours.parse({ bridgeDays: 'closed' }), '2026-05-15').open, []);
});

test('one-off exceptions: a closed afternoon, a staff day, an extra Saturday opening', () => {
  const h = MunicipalityHours.parse({
    exceptions: [
      { date: '2026-12-08', kind: 'closed', from: '13:00', note: 'Stängt eftermiddag' },
      { date: '2026-12-09', kind: 'closed', note: 'Personaldag' },
      { date: '2026-12-12', kind: 'open', from: '10:00', to: '14:00' },
    ],
  });
  assert.deepEqual(planDay(h, '2026-12-08').open, [{ from: 480, to: 780 }]);
  assert.equal(planDay(h, '2026-12-08').excepted, true);
  assert.deepEqual(planDay(h, '2026-12-09').open, []);
  assert.deepEqual(planDay(h, '2026-12-12').open, [{ from: 600, to: 840 }]);
  assert.equal(hoursStateAt(h, at('2026-12-08T11:30:00Z')).open, true);
  assert.equal(hoursStateAt(h, at('2026-12-08T12:30:00Z')).open, false);
  assert.equal(iso(hoursStateAt(h, at('2026-12-08T12:30:00Z')).nextChange), '2026-12-10T07:00:00.000Z');
});

test('bad settings get a clear message; settings without the section get the defaults', () => {
  const bad = MunicipalityHours.safeParse({ weekly: { mon: [{ open: '16:30', close: '08:00' }] } });
  assert.equal(bad.success, false);
  assert.match(JSON.stringify(bad.error?.issues), /close must be after open/);
  assert.equal(MunicipalityHours.safeParse({ exceptions: [{ date: '2026-13-01', kind: 'closed' }] }).success, false);
  assert.equal(MunicipalityHours.safeParse({ exceptions: [{ date: '2026-12-12', kind: 'open' }] }).success, false, 'an extra opening needs times');
  const s = Settings.parse({ version: 1, displayName: 'Op', accounts: [{ id: 'a', username: 'op1', password: 'x', domain: 'd', servers: ['ws://x'] }] });
  assert.equal(s.switchboardHours, undefined);
  assert.deepEqual(switchboardHours(s).essunga.weekly.mon, [{ open: '08:00', close: '16:30' }]);
  assert.deepEqual(switchboardHours(s).grastorp.weekly.sat, []);
});

test('the PBX state: closed intervals for the horizon, numbers in E.164, night service wins', () => {
  const now = at('2026-06-18T16:00:00Z'); // Thursday 18:00 CEST, the evening before midsommarafton
  const hours = switchboardHours({});
  const state = buildPbxState({ hours, now, numbers: { essunga: ['0512-570 00'], grastorp: ['+46 514 580 00'] }, nightService: {}, horizonDays: 14 });
  assert.deepEqual(
    state.municipalities.map((m) => [m.municipality, m.numbers]),
    [
      ['essunga', ['+4651257000']],
      ['grastorp', ['+4651458000']],
    ],
  );
  const first = state.municipalities[0]!.closed[0]!;
  assert.equal(iso(first.from), iso(now));
  assert.equal(iso(first.to), '2026-06-22T06:00:00.000Z', 'through midsommar');
  assert.deepEqual(closedByState(state, 'essunga', at('2026-06-19T10:00:00Z')), { closed: true, reason: 'schedule' });
  assert.deepEqual(closedByState(state, 'essunga', at('2026-06-22T08:00:00Z')), { closed: false, reason: null });
  assert.deepEqual(closedByState(state, 'essunga', state.validUntil + 1), { closed: false, reason: null }, 'stale: fork to the operators');
  const night = buildPbxState({ hours, now, numbers: { essunga: ['+4651257000'] }, nightService: { essunga: { closed: true, by: 'op1', at: now } } });
  assert.deepEqual(closedByState(night, 'essunga', at('2026-06-22T08:00:00Z')), { closed: true, reason: 'night-service' });
  assert.equal(night.municipalities.length, 1, 'a municipality without a number is left out');
});

test('the closed message: hours in words, green pages and the website', () => {
  const text = closedMessageText('essunga', H.weekly);
  assert.match(text, /Växeln är stängd/);
  assert.match(text, /måndag till fredag klockan 8\.00 till 16\.30/);
  assert.match(text, /gröna sidor/);
  assert.match(text, /www\.essunga\.se/);
  assert.match(closedMessageText('grastorp', H.weekly), /www\.grastorp\.se/);
  const split = MunicipalityHours.parse({
    weekly: {
      mon: [
        { open: '08:00', close: '12:00' },
        { open: '13:00', close: '16:00' },
      ],
      tue: [
        { open: '08:00', close: '12:00' },
        { open: '13:00', close: '16:00' },
      ],
      fri: [{ open: '08:00', close: '15:00' }],
    },
  });
  assert.match(closedMessageText('essunga', split.weekly), /måndag till tisdag klockan 8\.00 till 12\.00 och klockan 13\.00 till 16\.00 och fredag klockan 8\.00 till 15\.00/);
  assert.equal(closedMessageText('essunga', H.weekly, '  Egen text.  '), 'Egen text.');
  assert.match(closedMessageText('essunga', H.weekly, null, 'en'), /green pages/);
});
