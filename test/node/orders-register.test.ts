// The orders register (P-ORDERS) on a real SQLite file: the status machine as a table, every
// change in the history with who and when, illegal steps refused with a clear error, filters,
// open orders for a person's card, a race between two consoles on one file, and the CSV for the
// telecom supplier read back with the import's own CSV reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORDER_TRANSITIONS, OrderStatus, orderMachine } from '../../common/orders/model';
import { allowedTransitions } from '../../common/state/machine';
import { parseCsv } from '../../main/services/directory/csv';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openOrders, OrderError } from '../../main/services/orders';
import { openTestOrders, PEOPLE, TEST_KEY } from './orders-support';

const order = (over: Record<string, unknown> = {}) => ({ kind: 'extension-new' as const, managerId: 'chef-1', personId: 'p-1', fromDate: '2026-12-14', notes: 'Rum 12', ...over });

test('the status table: mottagen → beställd → klar, avbruten from either open state, nothing after klar or avbruten', () => {
  assert.deepEqual(allowedTransitions(ORDER_TRANSITIONS).sort(), [
    ['bestalld', 'avbruten'],
    ['bestalld', 'klar'],
    ['mottagen', 'avbruten'],
    ['mottagen', 'bestalld'],
  ]);
  for (const from of OrderStatus.options) for (const to of OrderStatus.options) assert.equal(orderMachine.allows(from, to), ORDER_TRANSITIONS[from].includes(to));
});

test('an order is recorded as mottagen, moves step by step, and every change is in its history with who and when', async () => {
  let clock = Date.UTC(2026, 11, 4, 9, 0);
  let who = 'op1';
  const t = openTestOrders({ now: () => clock, operator: () => who });
  try {
    const o = await t.service.create(order({ number: '2345' }));
    assert.equal(o.status, 'mottagen');
    assert.equal(o.managerName, 'Maria Chefsson');
    assert.equal(o.personName, 'Per Persson');
    assert.equal(o.unitId, 'u-skola', "the person's unit");
    assert.match(o.id, /^[0-9a-f-]{36}$/);
    clock += 60_000;
    who = 'op2';
    const ordered = t.service.setStatus(o.id, 'bestalld');
    clock += 60_000;
    const done = t.service.setStatus(o.id, 'klar');
    assert.equal(ordered.status, 'bestalld');
    assert.deepEqual(
      done.history.map((h) => [h.from, h.to, h.by, h.at - Date.UTC(2026, 11, 4, 9, 0)]),
      [
        [null, 'mottagen', 'op1', 0],
        ['mottagen', 'bestalld', 'op2', 60_000],
        ['bestalld', 'klar', 'op2', 120_000],
      ],
    );
    assert.equal(done.updatedBy, 'op2');
    assert.equal(done.updatedAt, clock);
  } finally {
    t.dispose();
  }
});

test('an illegal step is a clear error and changes nothing; a new person by name, with the manager’s unit', async () => {
  const t = openTestOrders();
  try {
    const o = await t.service.create(order({ personId: undefined, personName: 'Nyanställd Nilsson', kind: 'mobile-new' }));
    assert.equal(o.personId, null);
    assert.equal(o.unitId, 'u-bygg', "a new person gets the manager's unit");
    assert.throws(
      () => t.service.setStatus(o.id, 'klar'),
      (e: unknown) => e instanceof OrderError && e.code === 'invalid-transition' && /Received cannot become Done; it can become Ordered or Cancelled/.test(e.message),
    );
    t.service.setStatus(o.id, 'avbruten');
    assert.throws(() => t.service.setStatus(o.id, 'bestalld'), /nothing \(the order is closed\)/);
    assert.equal(t.service.list({}).find((x) => x.id === o.id)?.history.length, 2);
    await assert.rejects(t.service.create(order({ managerId: 'nobody' })), /ordering manager is not in the directory/);
    await assert.rejects(t.service.create(order({ personId: undefined })), /for whom/);
    assert.throws(() => t.service.setStatus('00000000-0000-4000-8000-000000000000', 'klar'), /no such order/);
  } finally {
    t.dispose();
  }
});

test('filters by status and unit; open orders for a card by person id or by a new name; all of it survives reopening the file', async () => {
  const t = openTestOrders();
  try {
    const a = await t.service.create(order());
    const b = await t.service.create(order({ personId: undefined, personName: 'Ny Person', kind: 'extension-new' }));
    const c = await t.service.create(order({ kind: 'mobile-cancel' }));
    t.service.setStatus(c.id, 'avbruten');
    assert.deepEqual(new Set(t.service.list({ status: 'mottagen' }).map((o) => o.id)), new Set([a.id, b.id]));
    assert.deepEqual(
      t.service.list({ unitId: 'u-bygg' }).map((o) => o.id),
      [b.id],
    );
    assert.deepEqual(
      t.service.list({ openOnly: true, unitId: 'u-skola' }).map((o) => o.id),
      [a.id],
    );
    assert.deepEqual(
      t.service.forPerson('p-1').map((o) => o.id),
      [a.id],
      'the cancelled one is not open',
    );
    assert.deepEqual(
      t.service.forPerson('someone-new', 'ny person').map((o) => o.id),
      [b.id],
      'a new name matches once the person is in the directory',
    );
    const again = openOrders({ file: t.file, log: createMemoryLogger(), key: TEST_KEY, operator: () => 'op1', lookupPerson: async (id) => PEOPLE[id] ?? null, smtp: () => null });
    try {
      assert.equal(again.list({}).length, 3);
      assert.equal(again.list({ status: 'avbruten' })[0]?.history.at(-1)?.by, 'op1');
    } finally {
      again.closeDatabase();
    }
  } finally {
    t.dispose();
  }
});

test('two consoles on one file: a step taken from a stale view is refused, not applied twice', async () => {
  const t = openTestOrders();
  const other = openOrders({ file: t.file, log: createMemoryLogger(), key: TEST_KEY, operator: () => 'op2', lookupPerson: async (id) => PEOPLE[id] ?? null, smtp: () => null });
  try {
    const o = await t.service.create(order());
    other.setStatus(o.id, 'bestalld');
    other.setStatus(o.id, 'klar');
    // this console still shows "mottagen"; its step is checked against the stored status
    assert.throws(() => t.service.setStatus(o.id, 'avbruten'), /Done cannot become Cancelled/);
    assert.equal(t.service.list({})[0]?.history.length, 3);
  } finally {
    other.closeDatabase();
    t.dispose();
  }
});

test('the CSV for the supplier: a header, one row per order, semicolons, quoting of ; " and line breaks, BOM, formula cells defused', async () => {
  const t = openTestOrders({ now: () => Date.UTC(2026, 11, 4, 12, 0) });
  try {
    await t.service.create(order({ notes: 'Rum 12; plan 2, "gamla" huset\nvid entrén', number: '+46512570123' }));
    await t.service.create(order({ personId: undefined, personName: '=HYPERLINK("x")', kind: 'mobile-new' }));
    const csv = t.service.exportCsv({ status: 'mottagen' });
    assert.equal(csv.rows, 2);
    assert.equal(csv.fileName, 'bestallningar-2026-12-04.csv');
    assert.ok(csv.text.startsWith('\uFEFF'), 'a BOM for Excel');
    assert.match(csv.text, /\r\n/);
    const parsed = parseCsv(csv.text.slice(1), ';');
    assert.equal(parsed.fatal, undefined);
    const [header, ...rows] = parsed.records.map((r) => r.cells);
    assert.deepEqual(header, ['Id', 'Typ', 'Status', 'För vem', 'Enhet', 'Från och med', 'Nummer', 'Beställare', 'Beställarens e-post', 'Anteckningar', 'Mottagen', 'Senast ändrad']);
    const byKind = new Map(rows.map((r) => [r[1], r]));
    const ext = byKind.get('Ny anknytning')!;
    assert.equal(ext[2], 'Mottagen');
    assert.equal(ext[6], '+46512570123');
    assert.equal(ext[9], 'Rum 12; plan 2, "gamla" huset\nvid entrén', 'the note comes back whole');
    assert.equal(ext[10], '2026-12-04 13:00', 'Stockholm time');
    assert.equal(byKind.get('Nytt mobilabonnemang')![3], `'=HYPERLINK("x")`, 'a formula is not a formula in the spreadsheet');
    assert.ok(!t.log.lines.join('\n').includes('Rum 12'), 'no order content in the log');
  } finally {
    t.dispose();
  }
});
