// The directory's IPC methods through the real dispatcher and services: payloads are validated on
// arrival, bad filters are rejected with the failing field named, and valid ones reach the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';

function services() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-ipc-'));
  const log = createMemoryLogger();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  return { s, done: () => (s.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

const CSV =
  '\uFEFFAnställnings-id;Förnamn;Efternamn;Kommun;Enhet;Förvaltning;Anknytning;Mobil;Skyddad identitet\r\nES1;Anna;Berg;Essunga;Kansli;Kommunledningsförvaltningen;2001;070-111 22 33;Nej\r\nGR1;Karin;Dahl;Grästorp;Ekonomi;Kommunledningsförvaltningen;3001;070-444 55 66;Ja\r\n';

test('bad directory filters are rejected with the field and the reason', async () => {
  const { s, done } = services();
  try {
    const cases: [unknown, RegExp][] = [
      [{ query: 'anna', filters: { municipality: 'vara' } }, /filters\.municipality/],
      [{ query: 'anna', filters: { unit: 'x' } }, /filters.*unit/i],
      [{ query: 'anna', limit: 0 }, /limit/],
      [{ query: 'anna', limit: 1000 }, /limit/],
      [{ query: 'x'.repeat(201) }, /query/],
      [{ query: 42 }, /query/],
      [{ query: 'anna', extra: true }, /extra/i],
    ];
    for (const [input, field] of cases) {
      const r = await s.dispatch('directorySearch', input);
      assert.equal(r.ok, false, JSON.stringify(input));
      assert.ok(!r.ok && r.error.code === 'invalid-payload');
      assert.match(!r.ok ? r.error.message : '', /^Invalid payload for directorySearch: /);
      assert.match(!r.ok ? r.error.message : '', field);
    }
    const lookup = await s.dispatch('directoryLookupNumber', { raw: 5 });
    assert.ok(!lookup.ok && lookup.error.code === 'invalid-payload' && /raw/.test(lookup.error.message));
    const units = await s.dispatch('directoryUnits', { all: true });
    assert.ok(!units.ok && units.error.code === 'invalid-payload');
  } finally {
    done();
  }
});

test('valid calls reach the directory: import, search with filters, units, lookup, status, and the directoryChanged event', async () => {
  const { s, done } = services();
  try {
    const changed: unknown[] = [];
    s.events.on('directoryChanged', (p) => changed.push(p));
    const imported = await s.dispatch('directoryImportCsv', { text: CSV });
    assert.ok(imported.ok && (imported.value as { imported: number }).imported === 2);
    assert.equal(changed.length, 1);
    assert.equal((changed[0] as { cacheChanged: boolean }).cacheChanged, true);

    const all = await s.dispatch('directorySearch', { query: 'kommunledning' });
    assert.ok(all.ok);
    const essunga = await s.dispatch('directorySearch', { query: 'kommunledning', filters: { municipality: 'essunga' } });
    assert.ok(essunga.ok && (essunga.value as unknown[]).length === 1);

    const units = await s.dispatch('directoryUnits', undefined);
    assert.ok(units.ok && (units.value as { name: string }[]).some((u) => u.name === 'Kansli'));

    const byNumber = await s.dispatch('directoryLookupNumber', { raw: '070-111 22 33' });
    assert.ok(byNumber.ok && (byNumber.value as { card: { name: string } }[])[0]?.card.name === 'Anna Berg');
    // a protected identity is never matched by number (nothing to show in the queue) and its card carries no numbers
    const hidden = await s.dispatch('directoryLookupNumber', { raw: '+46704445566' });
    assert.ok(hidden.ok && (hidden.value as unknown[]).length === 0);
    const found = await s.dispatch('directorySearch', { query: 'karin dahl' });
    assert.ok(found.ok);
    const hits = found.value as { card: { numbers: unknown[]; warning?: string } }[];
    assert.equal(hits[0]!.card.warning, 'protected-identity');
    assert.deepEqual(hits[0]!.card.numbers, []);

    const status = await s.dispatch('directoryStatus', undefined);
    assert.ok(status.ok && (status.value as { entries: number }).entries === 2);
  } finally {
    done();
  }
});
