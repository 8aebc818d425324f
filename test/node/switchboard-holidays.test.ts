// Swedish public holidays and eves 2026-2030, from date-holidays, against the published calendar
// (the dates below are written out by hand) and against Easter from the Gregorian computus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specialDays } from '../../common/switchboard/holidays';

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher): Easter Sunday as 'YYYY-MM-DD'. */
function easter(y: number): string {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// The Swedish calendar (almanackan), written out per year: movable feasts and midsommar/alla helgon.
const PUBLISHED: Record<number, { easter: string; ascension: string; midsummerEve: string; allSaints: string }> = {
  2026: { easter: '2026-04-05', ascension: '2026-05-14', midsummerEve: '2026-06-19', allSaints: '2026-10-31' },
  2027: { easter: '2027-03-28', ascension: '2027-05-06', midsummerEve: '2027-06-25', allSaints: '2027-11-06' },
  2028: { easter: '2028-04-16', ascension: '2028-05-25', midsummerEve: '2028-06-23', allSaints: '2028-11-04' },
  2029: { easter: '2029-04-01', ascension: '2029-05-10', midsummerEve: '2029-06-22', allSaints: '2029-11-03' },
  2030: { easter: '2030-04-21', ascension: '2030-05-30', midsummerEve: '2030-06-21', allSaints: '2030-11-02' },
};

function expected(y: number): Record<string, string> {
  const p = PUBLISHED[y]!;
  return {
    nyarsdagen: `${y}-01-01`,
    trettondagsafton: `${y}-01-05`,
    trettondedagJul: `${y}-01-06`,
    skartorsdagen: shift(p.easter, -3),
    langfredagen: shift(p.easter, -2),
    paskafton: shift(p.easter, -1),
    paskdagen: p.easter,
    annandagPask: shift(p.easter, 1),
    valborgsmassoafton: `${y}-04-30`,
    forstaMaj: `${y}-05-01`,
    kristiHimmelsfardsdag: p.ascension,
    pingstafton: shift(p.easter, 48),
    pingstdagen: shift(p.easter, 49),
    nationaldagen: `${y}-06-06`,
    midsommarafton: p.midsummerEve,
    midsommardagen: shift(p.midsummerEve, 1),
    allhelgonaafton: shift(p.allSaints, -1),
    allaHelgonsDag: p.allSaints,
    julafton: `${y}-12-24`,
    juldagen: `${y}-12-25`,
    annandagJul: `${y}-12-26`,
    nyarsafton: `${y}-12-31`,
  };
}

for (const year of [2026, 2027, 2028, 2029, 2030]) {
  test(`${year}: every holiday and eve on its published date`, () => {
    const days = specialDays(year);
    const got = Object.fromEntries(days.map((d) => [d.id, d.date]));
    assert.deepEqual(got, expected(year));
    assert.equal(days.length, 22, 'no other day (annandag pingst is no longer a holiday)');
  });

  test(`${year}: the movable feasts agree with the computus`, () => {
    const e = easter(year);
    assert.equal(e, PUBLISHED[year]!.easter);
    const got = Object.fromEntries(specialDays(year).map((d) => [d.id, d.date]));
    assert.equal(got.paskdagen, e);
    assert.equal(got.kristiHimmelsfardsdag, shift(e, 39));
    assert.equal(got.pingstdagen, shift(e, 49));
  });
}

test('kinds: röda dagar are holidays, aftnar are eves', () => {
  const kinds = Object.fromEntries(specialDays(2027).map((d) => [d.id, d.kind]));
  for (const eve of ['midsommarafton', 'julafton', 'nyarsafton', 'trettondagsafton', 'skartorsdagen', 'paskafton', 'valborgsmassoafton']) assert.equal(kinds[eve], 'eve', eve);
  for (const h of ['nationaldagen', 'langfredagen', 'juldagen', 'midsommardagen']) assert.equal(kinds[h], 'holiday', h);
  // midsommarafton is always a Friday, alla helgons dag a Saturday
  for (let y = 2026; y <= 2030; y++) {
    assert.equal(new Date(`${PUBLISHED[y]!.midsummerEve}T12:00:00Z`).getUTCDay(), 5);
    assert.equal(new Date(`${PUBLISHED[y]!.allSaints}T12:00:00Z`).getUTCDay(), 6);
  }
});
