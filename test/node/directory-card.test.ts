import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardNumbers, personCard } from '../../common/directory/card';
import { EntryCard } from '../../common/directory/ipc';
import { PEOPLE } from '../fixtures/directory/people';

const byId = (id: string) => PEOPLE.find((p) => p.id === id)!;

test('the card gives out direct and mobile numbers (P-NUMBERS)', () => {
  const card = personCard(byId('p1'));
  assert.deepEqual(
    card.numbers.filter((n) => n.giveOut).map((n) => n.kind),
    ['direct', 'mobile'],
  );
  assert.equal(card.warning, undefined);
  EntryCard.parse(card);
});

test('a protected identity never yields a number, and carries a warning (P-SECRECY)', () => {
  const p = byId('p7');
  assert.deepEqual(cardNumbers(p), []);
  const card = personCard(p);
  assert.equal(card.warning, 'protected-identity');
  const serialised = JSON.stringify(card);
  for (const secret of [p.directNumber!, p.mobile!, p.extension!, '709999999']) assert.ok(!serialised.includes(secret), 'no trace of ' + secret.length + '-char value');
  EntryCard.parse(card);
});
