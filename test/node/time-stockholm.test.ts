// The one Stockholm clock (common/time/stockholm.ts) across both daylight-saving changes of 2026
// and 2027: spring (last Sunday of March, 02:00 CET -> 03:00 CEST) and autumn (last Sunday of
// October, 03:00 CEST -> 02:00 CET). What the operator sees ("13.00"), what a typed return time
// means on those days, and "tomorrow" across the change (a calendar day, not 24 hours).
// The process runs in a zone far from Stockholm so that nothing can lean on the machine's zone.
process.env.TZ = 'America/Los_Angeles';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absenceText, parseReturnTime, staleReason, type Absence } from '../../common/presence';
import { formatSwedishTime } from '../../common/messages/model';
import { clockText, dateKey, dateTimeText, instantOfWallText, minuteOfDay, nextWallClock, sameDay, TIME_ZONE, wallClock } from '../../common/time/stockholm';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const CHANGES = [
  { year: 2026, spring: '2026-03-29', autumn: '2026-10-25' },
  { year: 2027, spring: '2027-03-28', autumn: '2027-10-31' },
] as const;

test('the zone is Europe/Stockholm and the machine zone of this test is not', () => {
  assert.equal(TIME_ZONE, 'Europe/Stockholm');
  assert.notEqual(new Date(at('2026-01-15T12:00:00Z')).getHours(), 13, 'the test must not run in a CET zone');
});

for (const { year, spring, autumn } of CHANGES) {
  test(`${year}: clock text on both sides of the spring change (${spring})`, () => {
    assert.equal(clockText(at(`${spring}T00:59:00Z`)), '01.59'); // CET
    assert.equal(clockText(at(`${spring}T01:00:00Z`)), '03.00'); // the hour 02.00–02.59 does not exist
    assert.equal(clockText(at(`${spring}T11:00:00Z`)), '13.00'); // CEST
    assert.equal(dateTimeText(at(`${spring}T11:00:00Z`)), `${spring} 13:00`);
    assert.equal(formatSwedishTime(at(`${spring}T11:00:00Z`)), `${spring} 13:00`);
    assert.equal(clockText(at(`${spring}T12:00:00Z`) - 24 * 3600e3), '13.00'); // Saturday 12:00Z was CET
  });

  test(`${year}: clock text on both sides of the autumn change (${autumn})`, () => {
    assert.equal(clockText(at(`${autumn}T00:30:00Z`)), '02.30'); // first 02.30, CEST
    assert.equal(clockText(at(`${autumn}T01:30:00Z`)), '02.30'); // second 02.30, CET
    assert.equal(clockText(at(`${autumn}T12:00:00Z`)), '13.00'); // CET
    assert.equal(clockText(at(`${autumn}T11:00:00Z`) - 24 * 3600e3), '13.00'); // Saturday was CEST
    assert.equal(minuteOfDay(at(`${autumn}T12:00:00Z`)), 13 * 60);
    assert.equal(dateKey(at(`${autumn}T22:30:00Z`)), autumn); // 23.30 CET
    assert.notEqual(dateKey(at(`${autumn}T23:30:00Z`)), autumn); // 00.30 on Monday
    assert.equal(wallClock(at(`${autumn}T12:00:00Z`)).weekday, 7);
  });

  test(`${year}: "Lunch till 13.00" on the days of the change`, () => {
    const lunch = (until: string): Absence => ({ code: 'lunch', until, note: '' });
    assert.equal(absenceText(lunch(`${spring}T11:00:00Z`), at(`${spring}T09:00:00Z`)), 'Lunch till 13.00');
    assert.equal(absenceText(lunch(`${autumn}T12:00:00Z`), at(`${autumn}T09:00:00Z`)), 'Lunch till 13.00');
    // lunch hours are Stockholm wall clock: 12:00Z is 14.00 CEST (inside) in spring, 13.00 CET in autumn
    assert.equal(staleReason(lunch(`${spring}T13:00:00Z`), at(`${spring}T12:00:00Z`)), null);
    assert.equal(staleReason({ code: 'lunch', until: null, note: '' }, at(`${spring}T13:00:00Z`)), 'lunch-outside-hours'); // 15.00
    assert.equal(staleReason({ code: 'lunch', until: null, note: '' }, at(`${autumn}T13:00:00Z`)), null); // 14.00
  });

  test(`${year}: typed return times on the days of the change`, () => {
    // spring day, 10.00 CEST: "13" is 11:00Z; autumn day, 10.00 CET: "13" is 12:00Z
    assert.equal(parseReturnTime('13', at(`${spring}T08:00:00Z`)), `${spring}T11:00:00.000Z`);
    assert.equal(parseReturnTime('13.00', at(`${autumn}T09:00:00Z`)), `${autumn}T12:00:00.000Z`);
    // typed before the change, for after it, on the same day
    assert.equal(parseReturnTime('0800', at(`${spring}T00:30:00Z`)), `${spring}T06:00:00.000Z`); // at 01.30 CET
    assert.equal(parseReturnTime('8:00', at(`${autumn}T00:15:00Z`)), `${autumn}T07:00:00.000Z`); // at 02.15 CEST
    // the hour the spring change skips reads as an hour later on the clock; the repeated autumn hour as its CET one
    assert.equal(parseReturnTime('2.30', at(`${spring}T00:00:00Z`)), `${spring}T01:30:00.000Z`);
    assert.equal(clockText(at(parseReturnTime('2.30', at(`${spring}T00:00:00Z`))!)), '03.30');
    assert.equal(parseReturnTime('2.30', at(`${autumn}T00:00:00Z`)), `${autumn}T01:30:00.000Z`);
  });

  test(`${year}: "tomorrow" across the change is the next calendar day, not 24 hours`, () => {
    const saturdaySpring = at(`${spring}T00:00:00Z`) - 24 * 3600e3 + 19 * 3600e3; // Saturday 20.00 CET
    const sundaySpring = parseReturnTime('08', saturdaySpring)!;
    assert.equal(sundaySpring, `${spring}T06:00:00.000Z`); // Sunday 08.00 CEST
    assert.equal(clockText(at(sundaySpring)), '08.00');
    assert.equal(at(sundaySpring) - saturdaySpring, 11 * 3600e3); // 12 hours on the clock, the night an hour short
    const saturdayAutumn = at(`${autumn}T00:00:00Z`) - 24 * 3600e3 + 18 * 3600e3; // Saturday 20.00 CEST
    const sundayAutumn = parseReturnTime('20', saturdayAutumn + 60e3)!; // 20.00 has just passed
    assert.equal(sundayAutumn, `${autumn}T19:00:00.000Z`); // Sunday 20.00 CET: 25 hours later
    assert.equal(at(sundayAutumn) - saturdayAutumn, 25 * 3600e3);
    assert.equal(clockText(nextWallClock(20, 0, saturdayAutumn + 60e3)), '20.00');
    // the day after the change, back again over the 24-hour gap the old code assumed
    const sundayNight = at(`${spring}T20:00:00Z`); // Sunday 22.00 CEST
    assert.equal(parseReturnTime('1300', sundayNight), `${spring.slice(0, 8)}${String(Number(spring.slice(8)) + 1).padStart(2, '0')}T11:00:00.000Z`);
    assert.equal(iso(nextWallClock(13, 0, sundayNight)), parseReturnTime('1300', sundayNight));
    assert.equal(sameDay(at(`${spring}T21:59:00Z`), at(`${spring}T00:00:00Z`)), true); // 23.59 CEST
    assert.equal(sameDay(at(`${spring}T22:00:00Z`), at(`${spring}T00:00:00Z`)), false); // 00.00 Monday
  });
}

test('a datetime-local value is Stockholm wall time, in winter and in summer', () => {
  assert.equal(new Date(instantOfWallText('2026-12-06T16:00')!).toISOString(), '2026-12-06T15:00:00.000Z');
  assert.equal(new Date(instantOfWallText('2026-06-19T16:00')!).toISOString(), '2026-06-19T14:00:00.000Z');
  assert.equal(instantOfWallText('16:00'), undefined);
});
