// Two full consoles (createServices, the real dispatcher) on one real PostgreSQL (issue 13 points
// 1, 3, 5): a notice with its validity and reporting manager and a unit's opening hours recorded
// at console 1 show at console 2 without a reload (directoryChanged), and the team password is
// never in the settings file in clear text. Without a team section the console stays 'off'.
import assert from 'node:assert/strict';
import { callKeyOf } from '../../main/services/callLog/merge';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Unit } from '../../common/directory/model';
import type { TeamStoreSettings } from '../../common/team/settings';
import type { SwitchboardStatus } from '../../common/switchboard/ipc';
import type { SwitchboardHours } from '../../common/switchboard/schema';
import { createServices, type Services } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { postgresAvailable, startTeamServer, type TeamServer } from '../support/team-postgres';
import { teamSettingsFor } from '../support/team-console';
import { sampleSettings } from './settings.fixture';

const HEAD = '\uFEFFAnställnings-id;Förnamn;Efternamn;Kommun;Enhet;Förvaltning;Anknytning;Mobil;Skyddad identitet;E-post\r\n';
const CSV = `${HEAD}ES1;Anna;Berg;Essunga;Kansli;Kommunledningsförvaltningen;2001;070-111 22 33;Nej;anna.berg@essunga.se\r\n`;
const skip = postgresAvailable();
let server: TeamServer;
const open: Array<{ s: Services; dataDir: string }> = [];

async function consoleWith(team: TeamStoreSettings | undefined, username: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-team-console-'));
  const log = createMemoryLogger();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  open.push({ s, dataDir });
  const base = sampleSettings();
  const settings = { ...base, accounts: [{ ...base.accounts[0]!, username }], ...(team ? { team } : {}) };
  const saved = await s.dispatch('saveSettings', settings);
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.ok((await s.dispatch('directoryImportCsv', { text: CSV })).ok);
  return { s, dataDir, log };
}

async function untilOnline(s: Services) {
  const deadline = Date.now() + 15_000;
  while ((await s.dispatch('teamStatus', undefined)).ok && s.team?.sync.status().state !== 'online') {
    if (Date.now() > deadline) throw new Error('console did not get online');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until another console shows a change (pushed, so this returns within milliseconds). */
async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const units = async (s: Services) => {
  const r = await s.dispatch('directoryUnits', undefined);
  assert.ok(r.ok);
  return r.value as Unit[];
};

before(async () => {
  if (!skip) server = await startTeamServer();
});
after(async () => {
  for (const { s, dataDir } of open) {
    s.close();
    await s.team?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await server?.stop();
});

test('a notice and opening hours recorded at console 1 show at console 2 without reload', { skip }, async () => {
  const one = await consoleWith(await teamSettingsFor(server, 'op_one'), 'vaxel1');
  const two = await consoleWith(await teamSettingsFor(server, 'op_two'), 'vaxel2');
  await untilOnline(one.s);
  await untilOnline(two.s);
  const kansli = (await units(one.s)).find((u) => u.name === 'Kansli')!;
  const changed = new Promise<void>((resolve) => two.s.events.on('directoryChanged', (p) => !p.cacheChanged && resolve()));
  const validTo = new Date(Date.now() + 3600_000).toISOString();
  const added = await one.s.dispatch('directoryAddNotice', { unitId: kansli.id, text: 'Kansliet stänger 15.00 i dag', validTo, reportedById: 'ES1' });
  assert.ok(added.ok, JSON.stringify(added));
  await changed;
  const seen = (await units(two.s)).find((u) => u.id === kansli.id)!;
  const notice = seen.notices.find((n) => n.text === 'Kansliet stänger 15.00 i dag');
  assert.ok(notice, 'console 2 shows the notice');
  assert.equal(notice.reportedBy, 'Anna Berg', 'the reporting manager as named in the directory');
  assert.equal(notice.validTo, validTo);
  assert.equal(notice.enteredBy, 'vaxel1');

  const hoursChanged = new Promise<void>((resolve) => two.s.events.on('directoryChanged', () => resolve()));
  const hours = await one.s.dispatch('directorySetOpeningHours', { unitId: kansli.id, weekly: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' }] });
  assert.ok(hours.ok, JSON.stringify(hours));
  await hoursChanged;
  const withHours = (await units(two.s)).find((u) => u.id === kansli.id)!;
  assert.deepEqual(withHours.openingHours, [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '15:00' }]);

  const removedSeen = new Promise<void>((resolve) => two.s.events.on('directoryChanged', () => resolve()));
  assert.ok((await one.s.dispatch('directoryRemoveNotice', { id: notice.id })).ok);
  await removedSeen;
  assert.equal(
    (await units(two.s)).find((u) => u.id === kansli.id)!.notices.some((n) => n.id === notice.id),
    false,
    'removed at 2 too',
  );

  const file = fs.readFileSync(path.join(one.dataDir, 'settings.json'), 'utf8');
  assert.doesNotMatch(file, new RegExp(one.s.settings.get().status === 'ok' ? (one.s.settings.get() as { settings: { team: TeamStoreSettings } }).settings.team.password : 'x'));
  assert.match(file, /op_one/);
});

test('a call at console 1 is in the team store for statistics, without any number', { skip }, async () => {
  const one = await consoleWith(await teamSettingsFor(server, 'op_calls'), 'vaxel4');
  await untilOnline(one.s);
  const t = Date.parse('2026-12-03T09:00:00Z');
  const key = `${callKeyOf('77@pbx.example.se')}/vaxel4`; // one leg per console: its SIP user
  for (const event of [
    { callId: 'call-77', kind: 'offered', at: t, dialledNumber: '0512-570 00', switchboardId: 'essunga', sipCallId: '77@pbx.example.se' },
    { callId: 'call-77', kind: 'answered', at: t + 4000 },
    { callId: 'call-77', kind: 'ended', at: t + 60_000, outcome: 'answered' },
  ] as const)
    assert.ok((await one.s.dispatch('recordCallEvent', event)).ok);
  const a = await server.admin();
  try {
    // The record is shared after the directory lookup of its transfer targets: wait for the last change.
    const count = async () => Number((await a.query(`SELECT count(*) AS n FROM team.changes WHERE record_key = $1`, [key])).rows[0].n);
    for (let i = 0; i < 100 && (await count()) < 3; i++) await one.s.team!.sync.settled().then(() => new Promise((r) => setTimeout(r, 50)));
    const r = await a.query(`SELECT switchboard_id, outcome, extract(epoch FROM answered_at - offered_at)::int AS wait, db_role FROM team.call_records WHERE call_id = $1`, [key]);
    assert.deepEqual(r.rows[0], { switchboard_id: 'essunga', outcome: 'answered', wait: 4, db_role: 'op_calls' });
    const raw = await a.query(`SELECT value::text AS v FROM team.changes WHERE record_key = $1`, [key]);
    assert.equal(raw.rowCount, 3, 'one change per event');
    for (const row of raw.rows) assert.doesNotMatch(row.v, /0512|570|Number|caller|pbx\.example/i);
  } finally {
    await a.end();
  }
});

test('a callback written at console 1 shows at console 2, and closing it there shows at 1', { skip }, async () => {
  const one = await consoleWith(await teamSettingsFor(server, 'op_cb1'), 'vaxel5');
  const two = await consoleWith(await teamSettingsFor(server, 'op_cb2'), 'vaxel6');
  await untilOnline(one.s);
  await untilOnline(two.s);
  const id = randomUUID();
  const sent = await one.s.dispatch('messageSend', {
    id,
    callerNumber: '0701234567',
    callerName: 'Kalle',
    calledAt: Date.now() - 1000,
    switchboardId: 'essunga',
    dialledNumber: '0512-570 00',
    employee: '2001',
    text: 'Ring tillbaka om bygglovet',
    callbackWanted: true,
    urgent: false,
  });
  assert.ok(sent.ok, JSON.stringify(sent));
  const openAt = async (s: Services) => {
    const r = await s.dispatch('messageList', { limit: 20, openOnly: true });
    assert.ok(r.ok);
    return (r.value as Array<{ id: string; callbackDoneAt: number | null }>).filter((m) => m.id === id);
  };
  await until(async () => (await openAt(two.s)).length === 1);
  assert.ok((await two.s.dispatch('messageCloseCallback', { id })).ok);
  await until(async () => (await openAt(one.s)).length === 0);
  const all = await one.s.dispatch('messageList', { limit: 20 });
  assert.ok(all.ok);
  assert.ok((all.value as Array<{ id: string; callbackDoneAt: number | null }>).find((m) => m.id === id)?.callbackDoneAt, 'done at console 1 too');
});

test('an order recorded at console 1 shows at console 2; a status change at 2 shows at 1; only the changing console mails', { skip }, async () => {
  const one = await consoleWith(await teamSettingsFor(server, 'op_or1'), 'vaxel9');
  const two = await consoleWith(await teamSettingsFor(server, 'op_or2'), 'vaxel10');
  await untilOnline(one.s);
  await untilOnline(two.s);
  const pushed: string[] = [];
  two.s.events.on('ordersChanged', (e) => pushed.push(e.source));
  const created = await one.s.dispatch('ordersCreate', { kind: 'extension-new', managerId: 'ES1', personName: 'Nya Nilsson', fromDate: '2027-01-04', notes: '' });
  assert.ok(created.ok, JSON.stringify(created));
  const id = (created.value as { id: string }).id;
  type Listed = { id: string; status: string; history: Array<{ to: string; by: string; mail: string }> };
  const at = async (s: Services) => {
    const r = await s.dispatch('ordersList', { limit: 50 });
    assert.ok(r.ok);
    return (r.value as Listed[]).find((o) => o.id === id);
  };
  await until(async () => (await at(two.s)) !== undefined);
  assert.ok(pushed.includes('team'), 'console 2 was told (ordersChanged from the team store)');
  assert.deepEqual(
    (await at(two.s))!.history.map((h) => [h.to, h.by, h.mail]),
    [['mottagen', 'vaxel9', 'queued']],
    "console 1's mail status, console 1's operator",
  );
  assert.ok((await two.s.dispatch('ordersSetStatus', { id, to: 'bestalld' })).ok);
  await until(async () => (await at(one.s))?.status === 'bestalld');
  assert.deepEqual(
    (await at(one.s))!.history.map((h) => [h.to, h.by]),
    [
      ['mottagen', 'vaxel9'],
      ['bestalld', 'vaxel10'],
    ],
  );
  // no SMTP server is configured, so each console keeps its own mails queued: one each, never the other's
  await one.s.orders!.deliverDue();
  await two.s.orders!.deliverDue();
  const queued = (log: { lines: string[] }) => log.lines.filter((l) => l.includes('orders.mail-no-smtp')).map((l) => JSON.parse(l).queued as number);
  assert.deepEqual(queued(one.log), [1], 'console 1 holds only the mail of the order it recorded');
  assert.deepEqual(queued(two.log), [1], 'console 2 holds only the mail of the change it made');
});

test('night service and switchboard hours switched at console 1 are applied at console 2', { skip }, async () => {
  const one = await consoleWith(await teamSettingsFor(server, 'op_sb1'), 'vaxel7');
  const two = await consoleWith(await teamSettingsFor(server, 'op_sb2'), 'vaxel8');
  await untilOnline(one.s);
  await untilOnline(two.s);
  assert.ok((await one.s.dispatch('switchboardSetNightService', { municipality: 'essunga', closed: true })).ok);
  await until(async () => {
    const st = await two.s.dispatch('switchboardStatus', undefined);
    return st.ok && (st.value as SwitchboardStatus).municipalities.find((m) => m.municipality === 'essunga')?.nightService?.closed === true;
  });
  const st = await two.s.dispatch('switchboardStatus', undefined);
  assert.ok(st.ok);
  assert.equal((st.value as SwitchboardStatus).municipalities.find((m) => m.municipality === 'essunga')?.nightService?.by, 'vaxel7');

  const hours = await one.s.dispatch('switchboardGetHours', undefined);
  assert.ok(hours.ok);
  const changed = structuredClone(hours.value as SwitchboardHours);
  changed.grastorp.shortDayClose = '13:15';
  assert.ok((await one.s.dispatch('switchboardSaveHours', changed)).ok);
  await until(async () => {
    const h = await two.s.dispatch('switchboardGetHours', undefined);
    return h.ok && (h.value as SwitchboardHours).grastorp.shortDayClose === '13:15';
  });
});

test('without a team section the console is off and works on SQLite alone', { skip }, async () => {
  const solo = await consoleWith(undefined, 'vaxel3');
  const r = await solo.s.dispatch('teamStatus', undefined);
  assert.ok(r.ok);
  assert.deepEqual(r.value, { state: 'off', queued: 0, error: null });
  const kansli = (await units(solo.s)).find((u) => u.name === 'Kansli')!;
  assert.ok((await solo.s.dispatch('directoryAddNotice', { unitId: kansli.id, text: 'Bara här' })).ok);
  assert.ok((await units(solo.s)).find((u) => u.id === kansli.id)!.notices.some((n) => n.text === 'Bara här'));
  assert.equal(solo.s.team?.sync.status().queued, 0, 'nothing queued for a team store that is not configured');
});
