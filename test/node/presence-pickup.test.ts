// P-PICKUP routing: Replaces for a caller on the PBX, the configured prefix for anyone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callerOnPbx, pickupRoute, type DialogRef } from '../../common/presence/index.js';

const cfg = { domain: 'lab.vaxel.test', internalPattern: '^[1-9][0-9]{3}$', prefix: '*8' };
const dialog = (remoteUri: string): DialogRef => ({ callId: 'c1', localTag: 'l', remoteTag: 'r', direction: 'recipient', remoteUri, localUri: 'sip:2001@lab.vaxel.test' });

test('an internal caller of our domain is picked up with Replaces', () => {
  assert.ok(callerOnPbx(dialog('sip:2002@lab.vaxel.test'), cfg));
  assert.deepEqual(pickupRoute('2001', dialog('sip:2002@LAB.vaxel.test;transport=ws'), cfg), { kind: 'replaces' });
});

test('a PSTN caller, another domain or no dialog details go through the prefix', () => {
  assert.deepEqual(pickupRoute('2001', dialog('sip:+46701234567@lab.vaxel.test'), cfg), { kind: 'prefix', target: '*82001' });
  assert.deepEqual(pickupRoute('2001', dialog('sip:2002@elsewhere.example'), cfg), { kind: 'prefix', target: '*82001' });
  assert.deepEqual(pickupRoute('2001', null, cfg), { kind: 'prefix', target: '*82001' });
  assert.deepEqual(pickupRoute('2001', { ...dialog('sip:2002@lab.vaxel.test'), remoteTag: '' }, cfg), { kind: 'prefix', target: '*82001' });
});

test('without a prefix: Replaces when the lamp reported the dialog, otherwise nothing', () => {
  const none = { ...cfg, prefix: '' };
  assert.deepEqual(pickupRoute('2001', dialog('sip:+46701234567@lab.vaxel.test'), none), { kind: 'replaces' });
  assert.deepEqual(pickupRoute('2001', null, none), { kind: 'none' });
});

test('a broken internal pattern never throws', () => {
  assert.equal(callerOnPbx(dialog('sip:2002@lab.vaxel.test'), { ...cfg, internalPattern: '[' }), false);
});
