// Busy lamps and absence codes: parsing what Kamailio sends, building what we PUBLISH, the Swedish
// texts (P-RETURN verbatim "välkommen åter"), stale absence and typed return times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absenceText, ageText, buildPidf, parseDialogInfo, parsePidf, parseReturnTime, returnSentence, staleReason, VersionGate, type Absence } from '../../common/presence';

const dialogDoc = (version: number, state: string, direction = 'recipient') => `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="sip:2001@127.0.0.1">
  <dialog id="abc" call-id="c1@x" local-tag="lt" remote-tag="rt" direction="${direction}">
    <state>${state}</state>
    <local><identity>sip:2001@127.0.0.1</identity><target uri="sip:2001@127.0.0.1"/></local>
    <remote><identity display="Caller">sip:0701234567@127.0.0.1</identity><target uri="sip:0701234567@127.0.0.1"/></remote>
  </dialog>
</dialog-info>`;

test('dialog-info states map to lamps case-insensitively, direction-aware', () => {
  assert.equal(parseDialogInfo(dialogDoc(1, 'Trying'))?.lamp, 'ringing');
  assert.equal(parseDialogInfo(dialogDoc(1, 'EARLY'))?.lamp, 'ringing');
  assert.equal(parseDialogInfo(dialogDoc(1, 'early', 'initiator'))?.lamp, 'busy');
  assert.equal(parseDialogInfo(dialogDoc(1, 'Confirmed'))?.lamp, 'busy');
  assert.equal(parseDialogInfo(dialogDoc(1, 'terminated'))?.lamp, 'idle');
  const empty = '<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:2002@x"/>';
  assert.equal(parseDialogInfo(empty)?.lamp, 'idle');
  assert.equal(parseDialogInfo('<presence/>'), null);
  const ringing = parseDialogInfo(dialogDoc(7, 'early'))!;
  assert.equal(ringing.version, 7);
  assert.deepEqual(ringing.dialog, { callId: 'c1@x', localTag: 'lt', remoteTag: 'rt', direction: 'recipient', remoteUri: 'sip:0701234567@127.0.0.1', localUri: 'sip:2001@127.0.0.1' });
});

test('NOTIFYs are applied in version order; a new subscription starts over', () => {
  const g = new VersionGate();
  assert.equal(g.accept(0), true);
  assert.equal(g.accept(2), true);
  assert.equal(g.accept(1), false);
  assert.equal(g.accept(2), false);
  assert.equal(g.accept(3), true);
  g.reset();
  assert.equal(g.accept(0), true);
});

test('PIDF round trip for every code, and RPID as the reference lab saw it', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  for (const code of ['lunch', 'meeting', 'vacation', 'out', 'sick', 'course', 'parental', 'travel'] as const) {
    const a: Absence = { code, until: '2026-11-30T12:00:00.000Z', note: 'Ring <mobilen> & vänta' };
    assert.deepEqual(parsePidf(buildPidf('sip:2001@x', a, { now }))?.absence, a, code);
  }
  assert.equal(parsePidf(buildPidf('sip:2001@x', null, { now }))?.absence, null);
  const ref = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:alice@127.0.0.1">
  <tuple id="t-alice-1"><status><basic>open</basic></status><note>Back at 14:00</note></tuple>
  <dm:person id="p-alice"><rpid:activities until="2030-01-01T14:00:00Z"><rpid:lunch/></rpid:activities><dm:note>At lunch until 14:00</dm:note></dm:person></presence>`;
  assert.deepEqual(parsePidf(ref)?.absence, { code: 'lunch', until: '2030-01-01T14:00:00Z', note: 'At lunch until 14:00' });
});

test('of aggregated person elements the newest wins (operator re-code over the employee code)', () => {
  const older = buildPidf('sip:2001@x', { code: 'lunch', until: null, note: '' }, { now: 1000, id: 'a' });
  const newer = buildPidf('sip:2001@x', { code: 'sick', until: null, note: '' }, { now: 2000, id: 'b' });
  const person = (doc: string) => /<dm:person[\s\S]*<\/dm:person>/.exec(doc)![0];
  const agg = older.replace('</presence>', `${person(newer)}</presence>`);
  assert.equal(parsePidf(agg)?.absence?.code, 'sick');
  const cleared = buildPidf('sip:2001@x', null, { now: 3000, id: 'c' });
  assert.equal(parsePidf(agg.replace('</presence>', `${person(cleared)}</presence>`))?.absence, null);
});

test('Swedish texts: "Lunch till 13.00" and the P-RETURN sentence verbatim', () => {
  const now = Date.parse('2026-11-30T10:00:00Z'); // 11.00 in Stockholm (CET)
  const lunch: Absence = { code: 'lunch', until: '2026-11-30T12:00:00Z', note: '' };
  assert.equal(absenceText(lunch, now), 'Lunch till 13.00');
  assert.equal(returnSentence('Karin Ek', lunch, now), 'Karin Ek är tillbaka 13.00 — välkommen åter');
  assert.equal(absenceText({ code: 'vacation', until: '2026-12-02T07:00:00Z', note: '' }, now), 'Semester till 2 december 08.00');
  assert.equal(absenceText({ code: 'sick', until: null, note: '' }, now), 'Sjuk');
  assert.match(returnSentence('Karin Ek', { code: 'sick', until: null, note: '' }, now), /välkommen åter$/);
});

test('stale absence: return time passed, lunch outside lunch hours', () => {
  const at = (iso: string) => Date.parse(iso);
  const lunch: Absence = { code: 'lunch', until: '2026-11-30T12:00:00Z', note: '' };
  assert.equal(staleReason(lunch, at('2026-11-30T11:00:00Z')), null);
  assert.equal(staleReason(lunch, at('2026-11-30T12:30:00Z')), 'until-passed');
  assert.equal(staleReason({ code: 'lunch', until: null, note: '' }, at('2026-11-30T15:00:00Z')), 'lunch-outside-hours');
  assert.equal(staleReason({ code: 'sick', until: null, note: '' }, at('2026-11-30T15:00:00Z')), null);
  assert.equal(ageText(at('2026-11-30T11:55:00Z'), at('2026-11-30T12:00:00Z')), 'för 5 min sedan');
});

test('typed return times are Stockholm wall clock, next occurrence', () => {
  const now = Date.parse('2026-11-30T10:00:00Z'); // 11.00 CET
  assert.equal(parseReturnTime('1300', now), '2026-11-30T12:00:00.000Z');
  assert.equal(parseReturnTime('13', now), '2026-11-30T12:00:00.000Z');
  assert.equal(parseReturnTime('9.30', now), '2026-12-01T08:30:00.000Z');
  assert.equal(parseReturnTime('', now), null);
  assert.equal(parseReturnTime('25', now), undefined);
  const summer = Date.parse('2026-06-15T08:00:00Z'); // 10.00 CEST
  assert.equal(parseReturnTime('13:00', summer), '2026-06-15T11:00:00.000Z');
});
