// A NOTIFY body the XML reader rejects (entity bomb, malformed) changes nothing the console shows:
// the last absence and lamp stay, and the log gets a reason code without any of the body
// (P-SECRECY). An empty presence body still means "available", as before. The manager's NOTIFY
// handler is driven directly (no UserAgent: the lab's browser tests cover the SIP side).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPidf, VersionGate } from '../../common/presence/index.js';
import type { LogReport } from '../../common/ipc/contract.js';
import { PresenceManager } from '../../renderer/sip/presence/presence-manager.js';
import { createRegistrationStore } from '../../renderer/sip/registration/registration-store.js';

const BOMB = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "Karin Ek 070-123 45 67">]><presence xmlns="urn:ietf:params:xml:ns:pidf"><note>&a;</note></presence>';

function managerWithLog() {
  const logs: LogReport[] = [];
  const manager = new PresenceManager({ registration: createRegistrationStore(), log: (e) => logs.push(e), domain: () => 'x', now: () => Date.parse('2026-11-30T10:00:00Z') });
  const onBody = (manager as unknown as { onBody(sub: object, body: string): void }).onBody.bind(manager);
  const sub = (event: 'presence' | 'dialog') => ({ ext: '2001', event, subscriber: null, gate: new VersionGate(), waiting: false, failures: 0, stale: null, timer: undefined });
  return { manager, logs, onBody, sub };
}

test('a rejected PIDF keeps the absence shown and logs only a reason code; an empty body is available', () => {
  const { manager, logs, onBody, sub } = managerWithLog();
  const s = sub('presence');
  onBody(s, buildPidf('sip:2001@x', { code: 'sick', until: null, note: 'Karin Ek' }, { now: 1000 }));
  manager.store.flush();
  assert.equal(manager.store.get('2001').absence?.code, 'sick');
  onBody(s, BOMB);
  onBody(s, '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple>');
  manager.store.flush();
  assert.equal(manager.store.get('2001').absence?.code, 'sick', 'a rejected body changed the absence');
  const rejected = logs.filter((l) => l.code === 'presence.body-rejected');
  assert.deepEqual(
    rejected.map((l) => l.detail),
    [
      { event: 'presence', reason: 'doctype' },
      { event: 'presence', reason: 'malformed' },
    ],
  );
  assert.doesNotMatch(JSON.stringify(logs), /Karin|070/, 'call data in the log');
  onBody(s, '');
  manager.store.flush();
  assert.equal(manager.store.get('2001').absence, null);
});

test('a rejected dialog-info keeps the lamp', () => {
  const { manager, logs, onBody, sub } = managerWithLog();
  const s = sub('dialog');
  onBody(s, '<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:2001@x"><dialog id="a" direction="recipient"><state>early</state></dialog></dialog-info>');
  manager.store.flush();
  assert.equal(manager.store.get('2001').lamp, 'ringing');
  onBody(s, `<dialog-info>${'<dialog/>'.repeat(3000)}</dialog-info>`);
  manager.store.flush();
  assert.equal(manager.store.get('2001').lamp, 'ringing');
  assert.deepEqual(
    logs.filter((l) => l.code === 'presence.body-rejected').map((l) => l.detail),
    [{ event: 'dialog', reason: 'too-many-elements' }],
  );
});
