// The presence store: one store per extension, so a change wakes only that extension's readers;
// changes of one frame are applied together (here with no frames at all, by the fallback timer,
// as in a hidden window) and flush() applies them at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPresenceStore, UNKNOWN } from '../../renderer/sip/presence/presence-store.js';

test('a change wakes only its own extension, merged, and is applied without frames', async () => {
  const store = createPresenceStore();
  const woke: string[] = [];
  for (const ext of ['2001', '2002', '2003']) store.entryStore(ext).subscribe(() => woke.push(ext));
  assert.equal(store.get('2001'), UNKNOWN);
  store.patch('2002', { lamp: 'ringing', lampAt: 1 });
  store.patch('2002', { lamp: 'busy' });
  assert.equal(store.get('2002').lamp, 'unknown', 'not applied before the frame');
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(woke, ['2002'], 'one update for two patches, none for the neighbours');
  assert.deepEqual({ lamp: store.get('2002').lamp, lampAt: store.get('2002').lampAt }, { lamp: 'busy', lampAt: 1 });
  assert.equal(store.entryStore('2002').getState(), store.get('2002'));
  store.patch('2003', { absence: null, absenceLive: true });
  store.flush();
  assert.deepEqual(woke, ['2002', '2003']);
  assert.deepEqual([...store.all()].map(([ext]) => ext).sort(), ['2002', '2003']);
  // a store made after the change starts from it
  store.patch('2009', { lamp: 'idle' });
  store.flush();
  assert.equal(store.entryStore('2009').getState().lamp, 'idle');
});
