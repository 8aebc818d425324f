// The demo organisation is the lab's directory: it must be reproducible and internally consistent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { generateDemoOrg, writeDemoOrg } from '../../lab/demo-org/generate.js';
import { CSV_COLUMNS } from '../../lab/demo-org/types.js';
import { loadLabManifest } from '../../lab/manifest.js';

const manifest = loadLabManifest();

test('same seed gives the same organisation, another seed a different one', () => {
  const a = generateDemoOrg({ manifest });
  const b = generateDemoOrg({ manifest });
  assert.deepEqual(a, b);
  const c = generateDemoOrg({ manifest, seed: manifest.demoOrg.seed + 1 });
  assert.notDeepEqual(
    c.people.map((p) => p.surname),
    a.people.map((p) => p.surname),
  );
});

test('default set: at least 220 people in both municipalities, extensions in the manifest ranges', () => {
  const org = generateDemoOrg({ manifest });
  assert.ok(org.people.length >= 220, `only ${org.people.length} people`);
  for (const m of ['essunga', 'grastorp'] as const) {
    const people = org.people.filter((p) => p.municipality === m);
    const range = manifest.extensionRanges.find((r) => r.municipality === m)!;
    assert.ok(people.length >= 100, `${m}: ${people.length}`);
    assert.equal(people[0]!.extension, String(range.first), `${m} starts at ${range.first}`);
    for (const p of people) {
      const ext = Number(p.extension);
      assert.ok(ext >= range.first && ext <= range.last, `${p.id} ext ${p.extension}`);
      assert.equal(p.directNumber, range.directPrefix + p.extension);
    }
  }
  const essunga2001 = org.people.find((p) => p.extension === '2001')!;
  assert.equal(essunga2001.directNumber, '+46512572001');
  assert.equal(org.people.find((p) => p.extension === '3001')!.directNumber, '+46514583001');
});

test('extensions, ids, mobiles and e-mails are unique; numbers are valid Swedish numbers', () => {
  const org = generateDemoOrg({ manifest });
  const shared = org.units.flatMap((u) => u.sharedNumbers.map((s) => s.extension));
  const exts = [...org.people.map((p) => p.extension), ...shared];
  assert.equal(new Set(exts).size, exts.length, 'duplicate extension');
  for (const key of ['id', 'mobile', 'email'] as const) {
    assert.equal(new Set(org.people.map((p) => p[key])).size, org.people.length, `duplicate ${key}`);
  }
  for (const p of org.people) {
    assert.ok(isValidPhoneNumber(p.directNumber), `direct ${p.directNumber}`);
    assert.match(p.mobile, /^\+4670\d{7}$/);
    assert.ok(isValidPhoneNumber(p.mobile), `mobile ${p.mobile}`);
    assert.equal(p.sipUri, `sip:${p.extension}@${manifest.sipDomain}`);
    assert.equal(p.voicemailUri, manifest.voicemailUriTemplate.replace('{ext}', p.extension));
    assert.match(p.email, /^[a-z0-9.]+@(essunga|grastorp)\.se$/);
  }
});

test('names carry spelling variants and Swedish letters; a few protected identities; hierarchy holds', () => {
  const org = generateDemoOrg({ manifest });
  const surnames = new Set(org.people.map((p) => p.surname));
  const given = new Set(org.people.map((p) => p.givenName));
  for (const s of ['Karlsson', 'Carlsson', 'Persson', 'Pehrsson']) assert.ok(surnames.has(s), s);
  for (const g of ['Filip', 'Philip']) assert.ok(given.has(g), g);
  const all = org.people.map((p) => p.givenName + p.surname).join('');
  for (const ch of ['å', 'ä', 'ö', 'é']) assert.ok(all.toLowerCase().includes(ch), ch);
  const protectedCount = org.people.filter((p) => p.protectedIdentity).length;
  assert.ok(protectedCount >= 1 && protectedCount <= org.people.length * 0.05, `protected: ${protectedCount}`);
  assert.ok(org.people.some((p) => p.roleWords.some((w) => /^rektor /.test(w))));
  assert.ok(org.people.some((p) => p.roleWords.includes('bygglov')));
  const byId = new Map(org.units.map((u) => [u.id, u]));
  for (const p of org.people) {
    const unit = byId.get(p.unitId)!;
    assert.equal(unit.name, p.unit);
    assert.equal(byId.get(unit.parentId!)!.name, p.forvaltning);
  }
  assert.ok(org.units.every((u) => u.openingHours.length > 0));
  assert.ok(org.units.some((u) => u.sharedNumbers.some((s) => s.kind === 'reception')));
  assert.ok(org.units.some((u) => u.sharedNumbers.some((s) => s.kind === 'on-call')));
});

test('benchmark size 20000: exact count, unique extensions that do not collide between municipalities', () => {
  const org = generateDemoOrg({ manifest, size: 20000 });
  assert.equal(org.people.length, 20000);
  const exts = org.people.map((p) => p.extension);
  assert.equal(new Set(exts).size, exts.length);
  for (const p of org.people) assert.match(p.directNumber, /^\+[1-9]\d{7,14}$/);
});

test('CSV has the header row and one row per person', () => {
  const org = generateDemoOrg({ manifest });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-demo-org-'));
  try {
    const { csvPath, jsonPath } = writeDemoOrg(org, dir);
    const lines = fs
      .readFileSync(csvPath, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.map(([h]) => h).join(';'));
    assert.equal(lines.length, org.people.length + 1);
    assert.ok(lines[1]!.startsWith(`${org.people[0]!.id};${org.people[0]!.givenName};`));
    assert.deepEqual(JSON.parse(fs.readFileSync(jsonPath, 'utf8')), org);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
