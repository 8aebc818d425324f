import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDispatcher, type Handlers } from '../../main/services/ipc/dispatcher';
import { createMemoryLogger } from '../../main/services/log/logger';

// Only the handlers these tests call; the dispatcher looks a handler up by name, so the rest of
// the contract (which grows with every feature) need not be stubbed here.
const handlers = {
  getAppInfo: () => ({ name: 'Växel', version: '0.0.0', host: 'web', dataDir: '/tmp/x' }),
  getSettings: () => ({ status: 'first-run' }),
  saveSettings: () => ({ status: 'first-run' }),
} as Partial<Handlers> as Handlers;

test('a valid call reaches its handler and returns its value', async () => {
  const dispatch = createDispatcher(handlers, createMemoryLogger());
  const result = await dispatch('getSettings', undefined);
  assert.deepEqual(result, { ok: true, value: { status: 'first-run' } });
});

test('an invalid payload is rejected with the failing field named, and logged without the payload', async () => {
  const log = createMemoryLogger();
  const dispatch = createDispatcher(handlers, log);
  const result = await dispatch('saveSettings', { version: 1, displayName: 'Anna', accounts: [{ id: 'a', username: '0701234567', password: 'x', domain: 'd', servers: ['http://nope'] }] });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.error.code === 'invalid-payload');
  assert.match(!result.ok ? result.error.message : '', /accounts\.0\.servers\.0/);
  assert.equal(log.lines.length, 1);
  assert.doesNotMatch(log.lines[0]!, /0701234567/);
});

test('an unknown method and a throwing handler give errors, not crashes', async () => {
  const dispatch = createDispatcher(
    {
      ...handlers,
      getAppInfo: () => {
        throw new Error('disk gone');
      },
    },
    createMemoryLogger(),
  );
  const unknown = await dispatch('deleteEverything', {});
  assert.equal(!unknown.ok && unknown.error.code, 'unknown-method');
  const failed = await dispatch('getAppInfo', undefined);
  assert.equal(!failed.ok && failed.error.code, 'handler-failed');
  assert.match(!failed.ok ? failed.error.message : '', /disk gone/);
});
