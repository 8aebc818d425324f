import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../main/services/directory/csv';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createDirectoryService } from '../../main/services/directory/service';
import { createMemoryLogger } from '../../main/services/log/logger';
import { toCsv } from '../../lab/demo-org/generate';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

test('the CSV reader handles quotes, doubled quotes, line breaks in fields, CRLF and a BOM', () => {
  const { records, fatal } = parseCsv('\uFEFFa;b;c\r\n1;"x;""y""";"two\nlines"\r\n\r\n2;z;\n');
  assert.equal(fatal, undefined);
  assert.deepEqual(
    records.map((r) => r.cells),
    [
      ['a', 'b', 'c'],
      ['1', 'x;"y"', 'two\nlines'],
      ['2', 'z', ''],
    ],
  );
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 5],
    'a record starts on the line after a field with a line break',
  );
  assert.match(parseCsv('a,b\n1,"open\n2,3\n').fatal!.reason, /never closed/);
  assert.match(parseCsv('a,b\n1,x"y\n').records[1]!.error!, /quote/);
});

function tempService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-csv-'));
  const log = createMemoryLogger();
  const { db } = openDirectoryDatabase(path.join(dir, 'directory.sqlite'), log);
  return { db, log, service: createDirectoryService({ db, sources: [], log }) };
}

const HEADER = 'Anställnings-id;Förnamn;Efternamn;Befattning;Kommun;Förvaltning;Enhet;Anknytning;Direktnummer;Mobil;E-post;Sökord;Skyddad identitet';
const GOOD = [
  'E1;Åsa;Sjögren;Handläggare;Essunga;Kommunledning;Växeln;2001;0512-57 20 01;070-123 45 67;asa@essunga.se;växel, reception;Nej',
  'E2;Filip;Persson;Bygglovshandläggare;Grästorp;Samhällsbyggnad;Bygg;3001;+46 514 58 00 01;;;bygglov;Nej',
];

test('CSV import: bad rows are named by line and reason, good rows are imported', () => {
  const { service, log } = tempService();
  const text = [
    HEADER,
    GOOD[0],
    'E3;Nils;Nilsson;;Göteborg;X;Y;;;;;;Nej', // line 3: municipality
    GOOD[1],
    'E4;Eva;Ek;;Essunga;X;Y;;ring mig;;;;Nej', // line 5: number
    ';Utan;Id;;Essunga;X;Y;;;;;;Nej', // line 6: id
    'E1;Åsa;Igen;;Essunga;X;Y;;;;;;Nej', // line 7: duplicate
    'E5;Kort;Rad;;Essunga', // line 8: too few fields
    'E6;Per;Ek;;Essunga;X;Y;;;;;;kanske', // line 9: protected flag
  ].join('\r\n');
  const report = service.importCsv(text);
  assert.equal(report.ok, true);
  assert.equal(report.imported, 2);
  assert.deepEqual(
    report.rejected.map((r) => r.line),
    [3, 5, 6, 7, 8, 9],
  );
  assert.match(report.rejected[0]!.reason, /municipality/);
  assert.match(report.rejected[1]!.reason, /directNumber/);
  assert.match(report.rejected[2]!.reason, /id/);
  assert.match(report.rejected[3]!.reason, /duplicate id, first used on line 2/);
  assert.match(report.rejected[4]!.reason, /fields/);
  assert.match(report.rejected[5]!.reason, /protectedIdentity/);
  assert.equal(service.search('sjögren')[0]!.card.numbers.find((n) => n.kind === 'direct')!.value, '+46512572001');
  assert.equal(service.search('bygglov')[0]!.card.id, 'E2');
  assert.equal(service.status().entries, 2);
  assert.ok(
    log.lines.every((l) => !/Sjögren|Persson|0512|46512/.test(l)),
    'no names or numbers in the log',
  );
});

test('a failing import leaves the cache exactly as it was', () => {
  const { service, db } = tempService();
  assert.equal(service.importCsv([HEADER, ...GOOD].join('\n')).ok, true);
  const before = db.prepare('SELECT source, kind, id, hash FROM directory_entries ORDER BY 1, 2, 3').all();

  // Not CSV at all, a header without required columns, and a file with no good row.
  for (const bad of ['Förnamn;"Efternamn\nAnna;Ek', 'Namn;Telefon\nAnna;123', `${HEADER}\nE9;X;Y;;Oslo;;;;;;;;Nej`]) {
    const r = service.importCsv(bad);
    assert.equal(r.ok, false);
    assert.ok(r.error);
  }
  // The database itself refuses half-way: the whole transaction rolls back.
  db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON directory_entries WHEN NEW.id = 'E8' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
  const r = service.importCsv([HEADER, GOOD[0]!.replace('Handläggare', 'Chef'), 'E7;Ny;Person;;Essunga;X;Y;;;;;;Nej', 'E8;Ny;Till;;Essunga;X;Y;;;;;;Nej'].join('\n'));
  assert.equal(r.ok, false);
  assert.match(r.error!, /nothing was imported/);
  assert.deepEqual(db.prepare('SELECT source, kind, id, hash FROM directory_entries ORDER BY 1, 2, 3').all(), before);
  assert.equal(service.search('chef').length, 0);
  assert.equal(service.status().lastError?.code, 'failed');
});

test('a rejected row keeps its cached entry, a row missing from a good import is removed', () => {
  const { service } = tempService();
  service.importCsv([HEADER, ...GOOD].join('\n'));
  const r = service.importCsv([HEADER, GOOD[0]!.replace('0512-57 20 01', 'ring mig')].join('\n') + '\nE9;Ny;Person;;Essunga;X;Y;;;;;;Nej');
  assert.equal(r.ok, true);
  assert.equal(r.removed, 1, 'E2 left the file');
  assert.equal(service.search('sjögren').length, 1, 'E1 was rejected this time (a bad number), its last good entry stays');
  assert.equal(service.search('filip').length, 0);
});

test('a rejected row whose protected flag is unreadable or yes does not keep an older unprotected entry', () => {
  const { service } = tempService();
  service.importCsv([HEADER, ...GOOD].join('\n'));
  // E1 now carries an unreadable flag, E2 is marked protected but its number is bad: both rows are
  // rejected, and neither may leave the older unprotected copy searchable by number.
  const r = service.importCsv(
    [HEADER, GOOD[0]!.replace(';Nej', ';ogiltig'), GOOD[1]!.replace('+46 514 58 00 01', 'ring mig').replace(';Nej', ';Ja')].join('\n') + '\nE9;Ny;Person;;Essunga;X;Y;;;;;;Nej',
  );
  assert.equal(r.ok, true);
  assert.deepEqual(
    r.rejected.map((x) => x.line),
    [2, 3],
  );
  assert.match(r.rejected[0]!.reason, /protectedIdentity: .*clear yes or no/);
  assert.equal(service.search('sjögren').length, 0);
  assert.equal(service.lookupNumber('0512-57 20 01').length, 0);
  assert.equal(service.search('filip').length, 0);
});

test('the lab demo organisation exports a CSV that imports whole', () => {
  const { service } = tempService();
  const snap = demoSnapshot(2000);
  const r = service.importCsv(toCsv(snap.persons as never));
  assert.deepEqual(r.rejected, []);
  assert.equal(r.imported, snap.persons.length);
});
