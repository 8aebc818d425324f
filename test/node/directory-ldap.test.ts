// Sync from a real OpenLDAP slapd seeded with the demo organisation in AD attribute names.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Change, Attribute, Client } from 'ldapts';
import { startSlapd, slapdAvailable, type Slapd } from '../../lab/slapd/startSlapd';
import { personAttributes, personDn } from '../../lab/slapd/ldif';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createLdapSource } from '../../main/services/directory/ldapSource';
import { createDirectoryService } from '../../main/services/directory/service';
import { createMemoryLogger } from '../../main/services/log/logger';
import { demoSnapshot } from '../fixtures/directory/demoOrg';

const skip = slapdAvailable();
const people = demoSnapshot(2000).persons;
let slapd: Slapd;

before(async () => {
  if (!skip) slapd = await startSlapd({ people });
});
after(async () => slapd?.stop());

async function asAdmin(fn: (c: Client) => Promise<void>) {
  const c = new Client({ url: slapd.url });
  await c.bind(slapd.admin.dn, slapd.admin.password);
  try {
    await fn(c);
  } finally {
    await c.unbind();
  }
}

function setup(file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-dir-ldap-')), 'directory.sqlite')) {
  const log = createMemoryLogger();
  const { db } = openDirectoryDatabase(file, log);
  const source = createLdapSource({
    url: slapd.url,
    bindDN: slapd.reader.dn,
    bindPassword: slapd.reader.password,
    baseDN: slapd.baseDN,
    // OpenLDAP has no objectGUID or objectCategory; the lab marks protected identities in
    // extensionAttribute2 (no default: it must be named); everything else is the AD default mapping.
    mapping: { id: 'entryUUID', protectedIdentity: 'extensionAttribute2' },
    filter: '(objectClass=inetOrgPerson)',
    pageSize: 250,
    timeoutMs: 2000,
    log,
  });
  let now = Date.parse('2025-03-03T08:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  return { file, db, log, clock, service: createDirectoryService({ db, sources: [source], log, clock }) };
}

test('sync from slapd: paged search, AD mapping, then add, change and remove one entry each', { skip }, async () => {
  const { service, log, clock } = setup();
  const first = await service.syncNow();
  assert.equal(first.ok, true, first.sources[0]?.error);
  assert.equal(first.sources[0]!.added, people.length, 'all pages arrived (2000 entries in pages of 250)');
  const anna = people[10]!;
  const hit = service.search(`${anna.surname} ${anna.givenName}`, { municipality: anna.municipality }, 200).find((h) => h.card.name === `${anna.givenName} ${anna.surname}`);
  assert.ok(hit, 'a synced person is found');
  assert.equal(hit.card.unit, anna.unit, 'department → unit');
  assert.equal(hit.card.forvaltning, anna.forvaltning, 'division → förvaltning');
  if (!anna.protectedIdentity)
    assert.ok(
      hit.card.numbers.some((n) => n.kind === 'extension' && n.value === anna.extension),
      'ipPhone → extension',
    );
  assert.equal(service.lookupNumber(people.find((p) => !p.protectedIdentity)!.directNumber!).length, 1);

  const changed = people[20]!;
  const removed = people[30]!;
  await asAdmin(async (c) => {
    await c.add(
      personDn('NEW0001'),
      Object.fromEntries(
        personAttributes({ ...changed, id: 'NEW0001', givenName: 'Zelda', surname: 'Quarnström', protectedIdentity: false }).reduce<Array<[string, string[]]>>((acc, [k, v]) => {
          const e = acc.find((a) => a[0] === k);
          if (e) e[1].push(v);
          else acc.push([k, [v]]);
          return acc;
        }, []),
      ),
    );
    await c.modify(personDn(changed.id), new Change({ operation: 'replace', modification: new Attribute({ type: 'title', values: ['Kanslichef'] }) }));
    await c.del(personDn(removed.id));
  });
  clock.advance(60_000);
  const second = await service.syncNow();
  assert.deepEqual({ ...second.sources[0], source: undefined }, { source: undefined, ok: true, added: 1, changed: 1, removed: 1, rejected: 0, unknownColumns: [] });
  assert.equal(service.search('Quarnström Zelda')[0]?.card.name, 'Zelda Quarnström');
  const retitled = service.search(`kanslichef ${changed.surname} ${changed.givenName}`, { municipality: changed.municipality });
  assert.deepEqual(
    retitled.map((h) => [h.card.name, h.card.unit]),
    [[`${changed.givenName} ${changed.surname}`, changed.unit]],
  );
  const gone = `${removed.givenName} ${removed.surname}`;
  const sameName = people.filter((p) => `${p.givenName} ${p.surname}` === gone && p.municipality === removed.municipality).length;
  assert.equal(service.search(gone, { municipality: removed.municipality }, 200).filter((h) => h.card.name === gone).length, sameName - 1);
  assert.equal(service.status().entries, people.length);
  assert.equal(service.status().lastGoodSyncAt, new Date(clock.now()).toISOString());
  assert.ok(
    log.lines.every((l) => !l.includes('Quarnström') && !l.includes(removed.surname + '"')),
    'no names in the log',
  );
});

test('slapd down: the last good cache is kept and the reason recorded', { skip }, async () => {
  const { service, clock, file, db } = setup();
  assert.equal((await service.syncNow()).ok, true);
  const entries = service.status().entries;
  const goodAt = service.status().lastGoodSyncAt;
  const probe = people.find((p) => !p.protectedIdentity)!;
  const probeName = `${probe.givenName} ${probe.surname}`;

  await slapd.stop();
  clock.advance(3_600_000);
  const failed = await service.syncNow();
  assert.equal(failed.ok, false);
  assert.match(failed.sources[0]!.error!, /could not be reached/);
  const status = service.status();
  assert.equal(status.entries, entries);
  assert.equal(status.lastGoodSyncAt, goodAt);
  assert.equal(status.ageMs, 3_600_000, 'the age of the data is shown');
  assert.equal(status.lastError?.code, 'unreachable');
  assert.equal(service.lookupNumber(probe.directNumber!)[0]?.card.name, probeName);

  // A restart with no network at all: the console opens the cache and searches at once.
  db.close();
  const log = createMemoryLogger();
  const reopened = createDirectoryService({ db: openDirectoryDatabase(file, log).db, sources: [], log, clock });
  assert.equal(reopened.status().entries, entries);
  assert.equal(reopened.status().lastError?.code, 'unreachable');
  assert.equal(reopened.lookupNumber(probe.directNumber!)[0]?.card.name, probeName);
  assert.ok(reopened.search(probe.surname, undefined, 200).some((h) => h.card.name === probeName));
});
