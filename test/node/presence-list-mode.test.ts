// The list mode's decisions, driven through a fake list subscription (the SIP side is the browser
// tier's, test/browser/presence-lists.test.ts): a list NOTIFY means "lists"; a non-list NOTIFY on
// every list means "per-extension"; partial states in version order apply, a gap greys the list's
// lamps and subscribes again; a refused body changes no lamp and subscribes again; a subscription
// that ends (481) greys its lamps and is made again after 250 ms. Bodies parsed inline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserAgent } from 'sip.js';
import { inlineParser } from '../../renderer/sip/presence/body-parser.js';
import { ListMode, type ListSubscriptionLike } from '../../renderer/sip/presence/list-mode.js';
import type { ListSubscriptionEvents } from '../../renderer/sip/presence/list-subscription.js';
import { createPresenceStore } from '../../renderer/sip/presence/presence-store.js';
import { rlmiBody, type BuiltResource } from '../support/rlmi-body.js';

const D = '127.0.0.1';

function setup() {
  const store = createPresenceStore();
  const made: { uri: string; event: string; events: ListSubscriptionEvents; closed: boolean }[] = [];
  const logs: string[] = [];
  let changed = 0;
  const mode = new ListMode({
    store,
    parser: inlineParser(),
    log: (e) => logs.push(e.code),
    now: () => 1,
    domain: () => D,
    applyAbsence: (ext, absence) => store.patch(ext, { absence, absenceLive: true }),
    changed: () => changed++,
    subscribe: (_ua, uri, event, events): ListSubscriptionLike => {
      const rec = { uri, event, events, closed: false };
      made.push(rec);
      return {
        get active() {
          return !rec.closed;
        },
        close: () => (rec.closed = true),
      };
    },
  });
  mode.configure({ mode: 'auto', lists: ['rl-all'] });
  mode.start({} as UserAgent);
  const dialogSub = () => made.filter((m) => m.event === 'dialog' && !m.closed).pop()!;
  const notify = (version: number, full: boolean, resources: BuiltResource[]) => {
    const b = rlmiBody({ listUri: `sip:rl-all@${D}`, domain: D, version, full, resources });
    dialogSub().events.onList(b.contentType, b.body);
    store.flush();
  };
  const lamp = (ext: string) => store.get(ext).lamp;
  return { mode, store, made, logs, notify, lamp, dialogSub, changes: () => changed };
}

test('a list NOTIFY means lists; lamps follow partial states in version order', () => {
  const s = setup();
  assert.equal(s.mode.source, 'detecting');
  assert.equal(s.made.length, 2, 'one list subscription per event');
  assert.equal(s.mode.ready(), false, 'per-extension subscriptions wait while detecting');
  s.notify(1, true, [
    { ext: '2001', state: 'idle' },
    { ext: '2002', instanceState: 'pending' },
  ]);
  assert.equal(s.mode.source, 'lists');
  assert.equal(s.lamp('2001'), 'idle');
  assert.equal(s.lamp('2002'), 'unknown');
  assert.ok(s.mode.covers('dialog', '2001') && s.mode.covers('dialog', '2002'));
  assert.equal(s.mode.covers('dialog', '2999'), false);
  s.notify(2, false, [{ ext: '2001', state: 'ringing' }]);
  assert.equal(s.lamp('2001'), 'ringing');
  s.notify(3, false, [
    { ext: '2001', state: 'busy' },
    { ext: '2002', state: 'idle' },
  ]);
  assert.deepEqual([s.lamp('2001'), s.lamp('2002')], ['busy', 'idle']);
  s.mode.dispose();
});

test('a gap greys the list and subscribes again; the new full state restores the lamps', () => {
  const s = setup();
  s.notify(1, true, [{ ext: '2001', state: 'busy' }]);
  const first = s.dialogSub();
  s.notify(3, false, [{ ext: '2001', state: 'idle' }]);
  assert.equal(s.lamp('2001'), 'unknown', 'a lamp after a gap may be wrong: grey');
  assert.ok(first.closed, 'the old subscription was ended');
  assert.notEqual(s.dialogSub(), first, 'a new SUBSCRIBE');
  assert.ok(s.logs.includes('presence.list-refresh'));
  s.notify(0, true, [{ ext: '2001', state: 'idle' }]);
  assert.equal(s.lamp('2001'), 'idle');
  s.mode.dispose();
});

test('a refused body changes no lamp, throws nothing and subscribes again', () => {
  const s = setup();
  s.notify(1, true, [{ ext: '2001', state: 'busy' }]);
  const first = s.dialogSub();
  const b = rlmiBody({ listUri: 'x', domain: D, version: 2, full: false, resources: [{ ext: '2001', state: 'idle' }] });
  assert.doesNotThrow(() => first.events.onList(b.contentType, b.body.replace('</list>', '')));
  s.store.flush();
  assert.equal(s.lamp('2001'), 'busy');
  assert.ok(first.closed && s.dialogSub() !== first);
  assert.ok(s.logs.includes('presence.body-rejected'));
  s.mode.dispose();
});

test('a subscription that ends (481) greys its lamps and is made again after 250 ms', async () => {
  const s = setup();
  s.notify(1, true, [{ ext: '2001', state: 'busy' }]);
  const first = s.dialogSub();
  first.closed = true;
  first.events.onEnded(true);
  s.store.flush();
  assert.equal(s.lamp('2001'), 'unknown');
  assert.equal(s.made.filter((m) => m.event === 'dialog').length, 1);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(s.made.filter((m) => m.event === 'dialog').length, 2, 'subscribed again');
  assert.equal(s.mode.source, 'lists', 'still lists: no storm of per-extension subscriptions');
  s.mode.dispose();
});

test('no list anywhere: per-extension, and the manager hears it', () => {
  const s = setup();
  for (const m of [...s.made]) m.events.onNotList();
  assert.equal(s.mode.source, 'per-extension');
  assert.equal(s.mode.ready(), true);
  assert.ok(s.changes() > 0);
  assert.equal(s.mode.covers('dialog', '2001'), false);
  s.mode.dispose();
});
