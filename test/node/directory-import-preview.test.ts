// The import preview and the saved mapping through the real dispatcher, settings service and CSV
// file source (issue 11): the preview writes nothing, shows per column its field, samples and
// problems; "Spara mappning" stores the mapping on the source in settings, validated, and the next
// scheduled or manual sync uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportPreviewT } from '../../common/directory/importIpc';
import type { SyncReportT } from '../../common/directory/ipc';
import { createServices } from '../../main/services/app/createServices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { sampleSettings } from './settings.fixture';
import { ImportMapping } from '../../common/directory/importMapping';
import { withChoice } from '../../renderer/features/setup/import-choice';

// "Hemlig" is the protected flag, but no synonym knows it; "Lön" is a column nobody should import.
const CSV = [
  'Personnummerfritt id;Namn;Kommun;Förvaltning / Enhet;Direkt;Roller;Hemlig;Lön',
  'P1;Åsa Sjögren;Essunga;Kommunledning / Växeln;0512-57 20 01;växel; reception;nej;31000',
  'P2;Filip Persson;Grästorp;Samhällsbyggnad > Bygg;0514-58 00 01;bygglov;ja;35000',
  'P3;Eva Ek;Essunga;Kommunledning / Kansli;0512-57 20 03;;vet ej;30000',
].join('\n');

function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-preview-'));
  const csvPath = path.join(dataDir, 'personal.csv');
  fs.writeFileSync(csvPath, CSV.replace('växel; reception', '"växel; reception"'));
  const log = createMemoryLogger();
  const s = createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
  s.settings.save({ ...sampleSettings(), directory: { kind: 'csv', path: csvPath } });
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const r = await s.dispatch(method as never, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  return { s, call, log, done: () => (s.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

test('preview → save mapping → the next sync uses it; nothing is written before', async () => {
  const { s, call, log, done } = setup();
  try {
    // Without a mapping the file is refused by the sync and the preview says why, listing every column.
    const refused = await call<SyncReportT>('directorySyncNow');
    assert.equal(refused.ok, false);
    assert.match(refused.sources[0]!.error!, /no protected-identity column/);
    const first = await call<ImportPreviewT>('directoryPreviewImport', {});
    assert.equal(first.ok, false);
    assert.deepEqual(
      first.columns.map((c) => [c.header, c.field]),
      [
        ['Personnummerfritt id', 'id'],
        ['Namn', 'fullName'],
        ['Kommun', 'municipality'],
        ['Förvaltning / Enhet', 'forvaltningUnit'],
        ['Direkt', 'directNumber'],
        ['Roller', 'roleWords'],
        ['Hemlig', 'unknown'],
        ['Lön', 'unknown'],
      ],
    );
    assert.deepEqual(first.unknownColumns, ['Hemlig', 'Lön']);
    assert.equal(first.columns[4]!.samples, 3);

    // A candidate mapping previews without being saved.
    const mapping = { columns: { Hemlig: 'protectedIdentity', lön: 'ignore' }, noProtectedColumn: false };
    const candidate = await call<ImportPreviewT>('directoryPreviewImport', { mapping });
    assert.equal(candidate.ok, true, candidate.fatal);
    assert.deepEqual([candidate.rows, candidate.importable, candidate.rejectedCount], [3, 2, 1]);
    assert.deepEqual(candidate.rejected, [{ line: 4, reason: candidate.rejected[0]!.reason }]);
    assert.match(candidate.rejected[0]!.reason, /protectedIdentity/);
    assert.equal(candidate.columns.find((c) => c.header === 'Hemlig')!.rejected, 1);
    assert.deepEqual(candidate.unknownColumns, []);
    assert.equal((await call<{ entries: number }>('directoryStatus')).entries, 0, 'a preview writes nothing');
    const stored = s.settings.get();
    assert.ok(stored.status === 'ok' && stored.settings.directory.kind === 'csv' && !stored.settings.directory.mapping, 'not saved by a preview');

    // A contradictory mapping is refused at the boundary.
    const bad = await s.dispatch('directorySaveMapping', { mapping: { columns: { Hemlig: 'protectedIdentity' }, noProtectedColumn: true } });
    assert.ok(!bad.ok && bad.error.code === 'invalid-payload');

    const saved = await call<ImportPreviewT>('directorySaveMapping', { mapping });
    assert.equal(saved.ok, true);
    const after = s.settings.get();
    assert.ok(after.status === 'ok' && after.settings.directory.kind === 'csv');
    assert.deepEqual(after.settings.directory.mapping, mapping, 'saved on the source in settings');

    const synced = await call<SyncReportT>('directorySyncNow');
    assert.equal(synced.ok, true, synced.sources[0]?.error);
    assert.deepEqual([synced.sources[0]!.added, synced.sources[0]!.rejected, synced.sources[0]!.unknownColumns], [2, 1, []]);
    const filip = await call<Array<{ card: { id: string; warning?: string; numbers: unknown[]; unit: string; forvaltning: string } }>>('directorySearch', { query: 'filip persson' });
    assert.equal(filip[0]?.card.warning, 'protected-identity');
    assert.deepEqual(filip[0]?.card.numbers, []);
    assert.deepEqual([filip[0]?.card.forvaltning, filip[0]?.card.unit], ['Samhällsbyggnad', 'Bygg']);
    assert.deepEqual(await call('directoryLookupNumber', { raw: '0514-58 00 01' }), [], 'no caller name for the protected number');
    const asa = await call<Array<{ card: { id: string; roleWords: string[] } }>>('directoryLookupNumber', { raw: '0512572001' });
    assert.deepEqual(asa[0]?.card.roleWords, ['växel', 'reception']);
    assert.deepEqual(await call('directorySearch', { query: 'eva ek' }), [], 'the unreadable row is not imported');
    assert.ok(
      log.lines.every((l) => !/Sjögren|Persson|0514|46514/.test(l)),
      'no names or numbers in the log',
    );
  } finally {
    done();
  }
});

test('a source that cannot be read previews as a fatal line, not an error', async () => {
  const { s, call, done } = setup();
  try {
    const state = s.settings.get();
    assert.ok(state.status === 'ok');
    s.settings.save({ ...state.settings, directory: { kind: 'csv', path: '/nonexistent/vaxel/personal.csv' } });
    const preview = await call<ImportPreviewT>('directoryPreviewImport', {});
    assert.equal(preview.ok, false);
    assert.match(preview.fatal!, /could not be read \(ENOENT\)/);
    s.settings.save({ ...state.settings, directory: { kind: 'none' } });
    const none = await s.dispatch('directoryPreviewImport', {});
    assert.ok(!none.ok && /no directory source/.test(none.error.message));
  } finally {
    done();
  }
});

test('a list box choice: one protected column at most, "unknown" drops the saved choice, naming one withdraws "none"', () => {
  const start = ImportMapping.parse({ columns: { A: 'protectedIdentity', B: 'mobile' } });
  const moved = withChoice(start, 'C', 'protectedIdentity');
  assert.deepEqual(moved.columns, { B: 'mobile', C: 'protectedIdentity' });
  assert.deepEqual(withChoice(moved, 'B', 'unknown').columns, { C: 'protectedIdentity' });
  const none = ImportMapping.parse({ noProtectedColumn: true });
  assert.equal(withChoice(none, 'X', 'ignore').noProtectedColumn, true);
  const named = withChoice(none, 'X', 'protectedIdentity');
  assert.equal(named.noProtectedColumn, false);
  assert.equal(ImportMapping.safeParse(named).success, true, 'every result is a valid mapping');
});
