// The orders register and the notices' reporter through the contract, as a host wires them
// (createServices, a CSV directory on real SQLite files): payloads checked by zod, the manager and
// the person resolved from the directory in main, the operator from main's settings, illegal steps
// and unknown people refused with a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Unit } from '../../common/directory/model';
import type { NoticeHistoryEntry } from '../../common/directory/notices';
import type { Order } from '../../common/orders/model';
import { createServices } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { sampleSettings } from './settings.fixture';

const CSV =
  '\uFEFFAnställnings-id;Förnamn;Efternamn;Kommun;Enhet;Förvaltning;Anknytning;E-post;Skyddad identitet\r\n' +
  'ES1;Anna;Berg;Essunga;Kansli;Kommunledningsförvaltningen;2001;anna.berg@essunga.se;Nej\r\n' +
  'ES2;Bo;Ek;Essunga;Kansli;Kommunledningsförvaltningen;;;Nej\r\n';

async function services() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-orders-services-'));
  const log = createMemoryLogger();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  assert.equal((await s.dispatch('saveSettings', sampleSettings())).ok, true);
  assert.ok((await s.dispatch('directoryImportCsv', { text: CSV })).ok);
  return { s, log, done: () => (s.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

test('an order from a directory manager for a directory person: names, e-mail and unit from the directory, operator from main', async () => {
  const { s, done } = await services();
  try {
    const created = await s.dispatch('ordersCreate', { kind: 'extension-new', managerId: 'ES1', personId: 'ES2', fromDate: '2026-12-14', number: '2002' });
    assert.ok(created.ok, JSON.stringify(created));
    const order = created.value as Order;
    assert.equal(order.managerName, 'Anna Berg');
    assert.equal(order.managerEmail, 'anna.berg@essunga.se');
    assert.equal(order.personName, 'Bo Ek');
    assert.equal(order.unitName, 'Kansli');
    assert.equal(order.createdBy, sampleSettings().accounts[0]!.username);
    const forCard = await s.dispatch('ordersForPerson', { personId: 'ES2', name: 'Bo Ek' });
    assert.ok(forCard.ok && (forCard.value as Order[]).length === 1);
    const illegal = await s.dispatch('ordersSetStatus', { id: order.id, to: 'klar' });
    assert.ok(!illegal.ok);
    assert.match(illegal.error.message, /Received cannot become Done/);
    const csv = await s.dispatch('ordersExportCsv', {});
    assert.ok(csv.ok && (csv.value as { rows: number }).rows === 1);
  } finally {
    done();
  }
});

test('bad order payloads are refused by the contract with the field and reason', async () => {
  const { s, done } = await services();
  try {
    const cases: [unknown, RegExp][] = [
      [{ kind: 'fax-new', managerId: 'ES1', personId: 'ES2', fromDate: '2026-12-14' }, /kind/],
      [{ kind: 'mobile-new', managerId: '', personId: 'ES2', fromDate: '2026-12-14' }, /pick the ordering manager/],
      [{ kind: 'mobile-new', managerId: 'ES1', fromDate: '2026-12-14' }, /for whom/],
      [{ kind: 'mobile-new', managerId: 'ES1', personId: 'ES2', fromDate: '14/12/2026' }, /YYYY-MM-DD/],
      [{ kind: 'mobile-new', managerId: 'ES1', personId: 'ES2', fromDate: '2026-12-14', number: 'ring Bo' }, /a number/],
    ];
    for (const [input, why] of cases) {
      const r = await s.dispatch('ordersCreate', input as never);
      assert.ok(!r.ok && r.error.code === 'invalid-payload', JSON.stringify(r));
      assert.match(r.error.message, why);
    }
    const unknown = await s.dispatch('ordersCreate', { kind: 'mobile-new', managerId: 'NOPE', personName: 'Ny Person', fromDate: '2026-12-14' });
    assert.ok(!unknown.ok && /not in the directory/.test(unknown.error.message));
    assert.ok(!(await s.dispatch('ordersSetStatus', { id: 'not-a-uuid', to: 'klar' })).ok);
  } finally {
    done();
  }
});

test('a notice names its reporter from the directory; an unknown reporter is refused; the history lists it', async () => {
  const { s, log, done } = await services();
  try {
    const units = await s.dispatch('directoryUnits', undefined);
    assert.ok(units.ok);
    const kansli = (units.value as Unit[]).find((u) => u.name === 'Kansli')!;
    const added = await s.dispatch('directoryAddNotice', { unitId: kansli.id, text: 'Kansliet flyttar till plan 3', reportedById: 'ES1' });
    assert.ok(added.ok, JSON.stringify(added));
    assert.equal((added.value as Unit).notices[0]?.reportedBy, 'Anna Berg');
    const unknown = await s.dispatch('directoryAddNotice', { unitId: kansli.id, text: 'x', reportedById: 'NOPE' });
    assert.ok(!unknown.ok && /manager who reported it is not in the directory/.test(unknown.error.message));
    const history = await s.dispatch('directoryNoticeHistory', { unitId: kansli.id });
    assert.ok(history.ok);
    assert.deepEqual(
      (history.value as NoticeHistoryEntry[]).map((h) => [h.text, h.reportedBy]),
      [['Kansliet flyttar till plan 3', 'Anna Berg']],
    );
    assert.ok(!log.lines.join('\n').includes('Anna'), 'no names in the log');
  } finally {
    done();
  }
});
