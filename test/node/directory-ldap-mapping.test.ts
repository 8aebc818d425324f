// Issue 11 for LDAP/AD against the real slapd the lab starts: every attribute the server returns is
// mapped, a system attribute, or reported; a mapping without a protected-identity attribute is
// refused (nothing written) unless it states there is none; an unreadable protected value rejects
// its entry, which is then neither imported as unprotected nor kept from an older sync.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { ImportMapping, type ImportMappingInput } from '../../common/directory/importMapping';
import { startSlapd, slapdAvailable, type Slapd } from '../../lab/slapd/startSlapd';
import { personDn } from '../../lab/slapd/ldif';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createLdapSource } from '../../main/services/directory/ldapSource';
import { resolveLdapMapping } from '../../main/services/directory/ldapMapping';
import { createDirectoryService } from '../../main/services/directory/service';
import { createMemoryLogger } from '../../main/services/log/logger';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const skip = slapdAvailable();
const people = demoSnapshot(400, 3).persons.map((p, i) => ({ ...p, protectedIdentity: p.protectedIdentity || i % 25 === 4 }));
const secret = people.filter((p) => p.protectedIdentity && p.directNumber);
let slapd: Slapd;

before(async () => {
  if (!skip) slapd = await startSlapd({ people });
});
after(async () => slapd?.stop());

async function modify(id: string, type: string, values: string[]) {
  const c = new Client({ url: slapd.url });
  await c.bind(slapd.admin.dn, slapd.admin.password);
  try {
    await c.modify(personDn(id), new Change({ operation: 'replace', modification: new Attribute({ type, values }) }));
  } finally {
    await c.unbind();
  }
}

function setup(importMapping?: ImportMappingInput) {
  const log = createMemoryLogger();
  const { db } = openDirectoryDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-ldap-map-')), 'directory.sqlite'), log);
  const source = createLdapSource({
    url: slapd.url,
    bindDN: slapd.reader.dn,
    bindPassword: slapd.reader.password,
    baseDN: slapd.baseDN,
    // The lab's uid is the demo person's id, so cards can be compared by id.
    mapping: { id: 'uid' },
    filter: '(objectClass=inetOrgPerson)',
    pageSize: 100,
    timeoutMs: 2000,
    log,
    ...(importMapping ? { importMapping: ImportMapping.parse(importMapping) } : {}),
  });
  return { db, log, source, service: createDirectoryService({ db, sources: [source], log }) };
}

test('LDAP: no protected-identity attribute named → refused, nothing written; the preview shows every attribute', { skip }, async () => {
  await modify(people[0]!.id, 'description', ['Parkeringsplats 12']);
  const { service, source, db } = setup();
  const report = await service.syncNow();
  assert.equal(report.ok, false);
  assert.match(report.sources[0]!.error!, /no protected-identity attribute was recognised/);
  assert.equal(service.status().entries, 0);
  assert.equal((db.prepare('SELECT count(*) AS n FROM directory_entries').get() as { n: number }).n, 0, 'nothing written');
  assert.equal(service.status().lastError?.code, 'invalid-data');

  const preview = await source.preview!();
  assert.equal(preview.ok, false);
  assert.match(preview.fatal!, /protected-identity attribute/);
  assert.equal(preview.rows, people.length);
  const field = (h: string) => preview.columns.find((c) => c.header.toLowerCase() === h.toLowerCase());
  assert.deepEqual([field('department')?.field, field('division')?.field, field('ipPhone')?.field, field('telephoneNumber')?.field], ['unit', 'forvaltning', 'extension', 'directNumber']);
  assert.deepEqual([field('cn')?.how, field('objectClass')?.how, field('uid')?.field], ['system', 'system', 'id']);
  assert.deepEqual(preview.unknownColumns.sort(), ['description', 'extensionAttribute2'], 'the unmapped attributes are listed by name');
  assert.equal(field('extensionAttribute2')?.samples, people.filter((p) => p.protectedIdentity).length);
});

test('LDAP: the saved mapping names the protected attribute; an unreadable value rejects the entry and drops its older copy', { skip }, async () => {
  const { service, source, log } = setup({ columns: { extensionAttribute2: 'protectedIdentity', description: 'ignore' } });
  const preview = await source.preview!();
  assert.equal(preview.ok, true, preview.fatal);
  assert.deepEqual(preview.unknownColumns, []);
  assert.equal(preview.importable, people.length);

  const first = await service.syncNow();
  assert.equal(first.ok, true, first.sources[0]?.error);
  assert.equal(first.sources[0]!.added, people.length);
  assert.ok(secret.length >= 5);
  for (const p of secret) {
    assert.equal(service.card('person', p.id)?.warning, 'protected-identity');
    assert.ok(!service.lookupNumber(p.directNumber!).some((h) => h.card.id === p.id), `${p.id} found by number`);
  }
  const plain = people.find((p) => !p.protectedIdentity && p.directNumber)!;
  assert.equal(service.lookupNumber(plain.directNumber!)[0]?.card.id, plain.id);

  // One protected person's mark becomes unreadable, and one unprotected person gets one.
  const [a] = secret;
  await modify(a!.id, 'extensionAttribute2', ['kanske']);
  await modify(plain.id, 'extensionAttribute2', ['?']);
  const second = await service.syncNow();
  assert.equal(second.ok, true);
  assert.equal(second.sources[0]!.rejected, 2);
  assert.equal(service.card('person', a!.id), null, 'the rejected entry is gone, not imported as unprotected');
  assert.equal(service.card('person', plain.id), null, 'an older unprotected copy is not kept either');
  assert.equal(service.lookupNumber(plain.directNumber!).length, 0);
  const again = await source.preview!();
  assert.equal(again.rejectedCount, 2);
  assert.match(again.rejected[0]!.reason, /protectedIdentity: protected identity must be a clear yes or no/);
  assert.equal(again.columns.find((c) => c.header === 'extensionAttribute2')!.rejected, 2);
  assert.ok(
    log.lines.every((l) => !l.includes(a!.surname) && !l.includes(plain.surname)),
    'no names in the log',
  );
  await modify(a!.id, 'extensionAttribute2', ['TRUE']);
  await modify(plain.id, 'extensionAttribute2', []);
});

test('LDAP: a mapping that states there is no protected attribute imports', { skip }, async () => {
  const { service } = setup({ noProtectedColumn: true });
  const r = await service.syncNow();
  assert.equal(r.ok, true, r.sources[0]?.error);
  assert.deepEqual(r.sources[0]!.unknownColumns!.sort(), ['description', 'extensionAttribute2'], 'still reported');
});

test('LDAP mapping: an attribute named like a protected flag is recognised; the AD extensionAttributes are not guessed', () => {
  const seen = ['objectGUID', 'givenName', 'sn', 'company', 'Sekretessmarkering', 'extensionAttribute2', 'physicalDeliveryOfficeName'];
  const r = resolveLdapMapping(seen, {});
  assert.equal(r.attributes.protectedIdentity, 'Sekretessmarkering');
  assert.equal(r.refusal, undefined);
  assert.deepEqual(r.unknown, ['extensionAttribute2', 'physicalDeliveryOfficeName']);
  assert.match(resolveLdapMapping(['givenName', 'extensionAttribute2'], {}).refusal!, /protected-identity attribute/);
  assert.equal(resolveLdapMapping(['givenName'], {}, ImportMapping.parse({ noProtectedColumn: true })).refusal, undefined);
});
