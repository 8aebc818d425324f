// Issue 11, point 1 (P-SECRECY): HR exports that spell their columns their own way. Every column
// is mapped or reported, a file without a protected-identity column is refused, an unreadable
// protected value rejects its row only, and a protected person's numbers never reach the renderer
// snapshot, the card, the queue's caller-name lookup or a log line. Real CSV path, real SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Person } from '../../common/directory/model';
import { decodeBase64Into, openSnapshot } from '../../common/directory/snapshot';
import { storedNumberKey } from '../../common/directory/phone';
import { ImportMapping, headerKey, matchColumns } from '../../common/directory/importMapping';
import { readProtected, splitForvaltningUnit, splitFullName, splitRoles } from '../../common/directory/importValues';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createDirectoryService, type DirectoryService } from '../../main/services/directory/service';
import { createLogger, type Logger } from '../../main/services/log/logger';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

/** Records every call's code and fields before the logger's own masking, so a leak cannot hide behind it. */
function capturingLogger(): Logger & { raw: string[] } {
  const raw: string[] = [];
  const inner = createLogger({ sink: () => undefined, minLevel: 'debug' });
  const at = (level: keyof Logger) => (code: string, fields?: Record<string, unknown>) => {
    raw.push(JSON.stringify({ level, code, fields }));
    inner[level](code, fields as never);
  };
  return { raw, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function tempService() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-import-'));
  const log = capturingLogger();
  const { db } = openDirectoryDatabase(path.join(dir, 'directory.sqlite'), log);
  return { db, log, service: createDirectoryService({ db, sources: [], log }) };
}

type Column = readonly [string, (p: Person, i: number) => string];
function csv(people: readonly Person[], columns: readonly Column[], delimiter: ';' | ','): string {
  const cell = (s: string) => (s.includes(delimiter) || s.includes('"') || s.includes('\n') ? `"${s.replaceAll('"', '""')}"` : s);
  return [columns.map(([h]) => cell(h)).join(delimiter), ...people.map((p, i) => columns.map(([, f]) => cell(f(p, i))).join(delimiter))].join('\r\n');
}

const people = demoSnapshot(600, 11).persons.map((p, i) => ({ ...p, protectedIdentity: p.protectedIdentity || i % 40 === 7 }));
const secret = people.filter((p) => p.protectedIdentity);
const open = people.filter((p) => !p.protectedIdentity);
const muniName = (p: Person) => (p.municipality === 'essunga' ? 'Essunga kommun' : 'Grästorps kommun');

/** Three exports as three HR systems might write them. */
const FILES: Record<string, { text: string; unknown: string[] }> = {
  english: {
    unknown: ['Badge colour'],
    text: csv(
      people,
      [
        ['ID', (p) => p.id],
        ['Name', (p) => `${p.givenName} ${p.surname}`],
        ['Title', (p) => p.title],
        ['Municipality', muniName],
        ['Förvaltning / Enhet', (p) => `${p.forvaltning} / ${p.unit}`],
        ['ext', (p) => p.extension ?? ''],
        ['direct', (p) => p.directNumber ?? ''],
        ['mobile', (p) => p.mobile ?? ''],
        ['email', (p) => p.email ?? ''],
        ['roles', (p) => p.roleWords.join('; ')],
        ['protected', (p, i) => (p.protectedIdentity ? (i % 2 ? 'yes' : 'TRUE') : i % 2 ? 'no' : '')],
        ['Badge colour', (_, i) => (i % 2 ? 'blå' : 'röd')],
      ],
      ',',
    ),
  },
  swedish: {
    unknown: ['Kostnadsställe'],
    text: csv(
      people,
      [
        ['Anställningsnummer', (p) => p.id],
        ['Förnamn', (p) => p.givenName],
        ['Efternamn', (p) => p.surname],
        ['Befattning', (p) => p.title],
        ['Kommun', (p) => (p.municipality === 'essunga' ? 'Essunga' : 'Grästorp')],
        ['Förvaltning', (p) => p.forvaltning],
        ['Avdelning', (p) => p.unit],
        ['Ankn', (p) => p.extension ?? ''],
        ['Telefon', (p) => (p.directNumber ? `0${p.directNumber.slice(3)}` : '')],
        ['Mobilnummer', (p) => p.mobile ?? ''],
        ['E-post', (p) => p.email ?? ''],
        ['Nyckelord', (p) => p.roleWords.join('|')],
        ['Sekretessmarkering', (p) => (p.protectedIdentity ? 'X' : '')],
        ['Kostnadsställe', (_, i) => String(4100 + (i % 7))],
      ],
      ';',
    ),
  },
  ad_style: {
    unknown: [],
    text: csv(
      people,
      [
        ['employee_id', (p) => p.id],
        ['GIVEN NAME', (p) => p.givenName],
        ['sn', (p) => p.surname],
        ['company', muniName],
        ['Administration', (p) => p.forvaltning],
        ['unit', (p) => p.unit],
        ['ipPhone', (p) => p.extension ?? ''],
        ['telephoneNumber', (p) => p.directNumber ?? ''],
        ['Cell', (p) => p.mobile ?? ''],
        ['Mail', (p) => p.email ?? ''],
        ['Keywords', (p) => p.roleWords.join(', ')],
        ['Confidential', (p) => (p.protectedIdentity ? 'Ja' : 'Nej')],
      ],
      ';',
    ),
  },
};

function snapshotBytes(service: DirectoryService): Uint8Array {
  const first = service.snapshotPart(0)!;
  const bytes = new Uint8Array(first.bytes);
  let offset = 0;
  for (let part = 0; part < first.parts; part++) offset += decodeBase64Into(service.snapshotPart(part)!.data, bytes, offset);
  return bytes;
}

const numberForms = (n: string) => [n, n.slice(1), storedNumberKey(n), `0${n.slice(3)}`];

for (const [name, file] of Object.entries(FILES)) {
  test(`${name} headers: every column mapped or reported, and no protected number reaches snapshot, card, caller name or log`, () => {
    const { service, log } = tempService();
    const report = service.importCsv(file.text);
    assert.equal(report.ok, true, report.error);
    assert.deepEqual(report.rejected, []);
    assert.equal(report.imported, people.length);
    assert.deepEqual(report.unknownColumns, file.unknown, 'unknown columns are listed by name');
    assert.ok(secret.length >= 10, 'the fixture has protected identities');

    // Mapped right: roles split, förvaltning and unit (combined or not), numbers of the unprotected.
    const plain = open.find((p) => p.roleWords.length > 1 && p.directNumber && p.mobile)!;
    const plainCard = service.card('person', plain.id)!;
    assert.deepEqual(plainCard.roleWords, plain.roleWords);
    assert.deepEqual([plainCard.forvaltning, plainCard.unit, plainCard.name], [plain.forvaltning, plain.unit, `${plain.givenName} ${plain.surname}`]);
    assert.ok(plainCard.numbers.some((n) => n.kind === 'direct' && n.value === plain.directNumber));
    assert.ok(
      service.lookupNumber(plain.mobile!).some((h) => h.card.id === plain.id),
      'an unprotected caller is named',
    );

    const text = new TextDecoder('latin1').decode(snapshotBytes(service));
    const local = openSnapshot(snapshotBytes(service))!;
    for (const p of secret) {
      const card = service.card('person', p.id)!;
      assert.equal(card.warning, 'protected-identity', `${p.id} is protected after the ${name} import`);
      assert.deepEqual(card.numbers, [], `${p.id}: the card shows no number`);
      for (const n of [p.directNumber, p.mobile].filter((x): x is string => !!x)) {
        for (const form of numberForms(n)) assert.ok(!text.includes(form), `${p.id}: ${form} is in the renderer snapshot`);
        for (const hit of service.lookupNumber(n)) assert.notEqual(hit.card.id, p.id, `${p.id}: the caller name lookup finds the protected number`);
        assert.ok(!local.index.lookupNumber(n).some((h) => h.entry.id === p.id), `${p.id}: the renderer's own index finds the number`);
        for (const line of log.raw) for (const form of numberForms(n)) assert.ok(!line.includes(form), `${p.id}: a log line carries ${form}`);
      }
      if (p.extension) assert.ok(!service.lookupNumber(p.extension).some((h) => h.card.id === p.id), `${p.id}: found by extension`);
      for (const line of log.raw) assert.ok(!line.includes(p.surname), `${p.id}: a log line carries the name`);
    }
  });
}

const ROWS = ['E1;Åsa;Sjögren;Essunga;0512-57 20 01', 'E2;Filip;Persson;Grästorp;0514-58 00 01'];

test('a file without a protected-identity column is refused, nothing written, until the mapping names one or states none', () => {
  const { service, db, log } = tempService();
  const seeded = service.importCsv(['Id;Förnamn;Efternamn;Kommun;Direktnummer;Skyddad', 'E0;Ola;Ek;Essunga;;Nej'].join('\n'));
  assert.equal(seeded.ok, true);
  const before = db.prepare('SELECT source, kind, id, hash FROM directory_entries ORDER BY 1, 2, 3').all();

  const noFlag = ['Id;Förnamn;Efternamn;Kommun;Direktnummer', ...ROWS].join('\n');
  const refused = service.importCsv(noFlag);
  assert.equal(refused.ok, false);
  assert.match(refused.error!, /no protected-identity column was recognised/);
  assert.equal(refused.imported, 0);
  assert.deepEqual(db.prepare('SELECT source, kind, id, hash FROM directory_entries ORDER BY 1, 2, 3').all(), before, 'the cache is unchanged');
  assert.equal(service.search('sjögren').length, 0);

  // A column the synonyms do not know ("Hemlig") chosen as the protected one: used, fail-closed.
  const named = ImportMapping.parse({ columns: { hemlig: 'protectedIdentity' } });
  const withHidden = service.importCsv(['Id;Förnamn;Efternamn;Kommun;Direktnummer;Hemlig', `${ROWS[0]};ja`, `${ROWS[1]};nej`].join('\n'), 'csv', named);
  assert.equal(withHidden.ok, true, withHidden.error);
  assert.equal(service.card('person', 'E1')!.warning, 'protected-identity');
  assert.equal(service.lookupNumber('0512-57 20 01').length, 0);

  // The mapping states there is no such column: imported, nobody protected.
  const none = ImportMapping.parse({ noProtectedColumn: true });
  const stated = service.importCsv(noFlag, 'csv', none);
  assert.equal(stated.ok, true, stated.error);
  assert.equal(service.lookupNumber('0512-57 20 01')[0]?.card.id, 'E1');
  assert.ok(log.raw.every((l) => !l.includes('Sjögren')));

  assert.throws(() => ImportMapping.parse({ columns: { Hemlig: 'protectedIdentity' }, noProtectedColumn: true }), /also says there is none/);
});

test('an unreadable protected value rejects that row only, with its line and reason', () => {
  const { service } = tempService();
  const text = [
    'Id;Förnamn;Efternamn;Kommun;Direktnummer;Skyddad identitet',
    `${ROWS[0]};kanske`,
    `${ROWS[1]};Nej`,
    'E3;Eva;Ek;Essunga;0512-57 20 03;ja?',
    'E4;Bo;Ek;Essunga;0512-57 20 04;-',
    'E5;Al;Ek;Essunga;0512-57 20 05;',
  ].join('\n');
  const r = service.importCsv(text);
  assert.equal(r.ok, true);
  assert.equal(r.imported, 2);
  assert.deepEqual(
    r.rejected.map((x) => x.line),
    [2, 4, 5],
  );
  for (const x of r.rejected) assert.match(x.reason, /protectedIdentity: protected identity must be a clear yes or no/);
  assert.equal(service.search('sjögren').length, 0, 'never imported as unprotected');
  assert.equal(service.lookupNumber('0512-57 20 01').length, 0);
  assert.equal(service.lookupNumber('0514-58 00 01')[0]?.card.id, 'E2');
  assert.equal(service.lookupNumber('0512-57 20 05')[0]?.card.id, 'E5', 'an empty cell means not protected');
});

test('headers match by a folded key; duplicates and unknown columns are reported', () => {
  assert.equal(headerKey(' Skyddad_Identitet '), headerKey('skyddadIdentitet'));
  assert.equal(headerKey('FÖRVALTNING / ENHET'), 'forvaltningenhet');
  const m = matchColumns(['E-POST', 'e_post', 'Telefon nr', 'Direkt', 'Roller', 'sekretess', 'Skor'], ImportMapping.parse({ columns: { 'telefon nr': 'mobile' } }));
  assert.deepEqual(
    m.map((c) => [c.field, c.how]),
    [
      ['email', 'synonym'],
      ['unknown', 'duplicate'],
      ['mobile', 'saved'],
      ['directNumber', 'synonym'],
      ['roleWords', 'synonym'],
      ['protectedIdentity', 'synonym'],
      ['unknown', 'none'],
    ],
  );
  assert.equal(matchColumns(['Skor'], ImportMapping.parse({ columns: { Skor: 'ignore' } }))[0]!.field, 'ignore', 'a column can be stated unused');
});

test('cell readers: protected yes/no, role separators, combined förvaltning/enhet, full names', () => {
  for (const yes of ['Ja', 'JA', ' x ', 'Yes', 'true', '1', 'Skyddad', 'skyddad identitet', 'Sekretessmarkerad', 'confidential'])
    assert.deepEqual(readProtected(yes), { ok: true, protectedIdentity: true }, yes);
  for (const no of ['Nej', 'no', 'FALSE', '0', '', '  ', 'ej skyddad']) assert.deepEqual(readProtected(no), { ok: true, protectedIdentity: false }, no);
  for (const bad of ['kanske', '?', '-', 'ja?', '2', 'nej tack']) assert.equal(readProtected(bad).ok, false, bad);
  assert.deepEqual(splitRoles('bygglov; växel,reception | rektor Hagaskolan'), ['bygglov', 'växel', 'reception', 'rektor Hagaskolan']);
  assert.deepEqual(splitForvaltningUnit('Samhällsbyggnad / Bygg'), { forvaltning: 'Samhällsbyggnad', unit: 'Bygg' });
  assert.deepEqual(splitForvaltningUnit('Samhällsbyggnad>Bygg>Bygglov'), { forvaltning: 'Samhällsbyggnad', unit: 'Bygg / Bygglov' });
  assert.deepEqual(splitForvaltningUnit('Kommunledning'), { forvaltning: 'Kommunledning', unit: '' });
  assert.deepEqual(splitFullName('Sjögren, Åsa Maria'), { givenName: 'Åsa Maria', surname: 'Sjögren' });
  assert.deepEqual(splitFullName('Anna-Karin  Ek'), { givenName: 'Anna-Karin', surname: 'Ek' });
});
