// The renderer's team store view (issue 13 point 4): it takes main's status at start and follows
// the teamStatusChanged / teamConflict events; the Swedish texts say the console works on its
// local copy and tell the operator whose change lost. The API is a stand-in event hub (no main).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventName, EventPayload } from '../../common/ipc/contract';
import type { TeamStatus } from '../../common/team/settings';
import { translator } from '../../common/i18n/translate';
import { createTeamView } from '../../renderer/features/team/team-store';

function standInApi(initial: TeamStatus) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    teamStatus: async () => initial,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => void set.delete(listener as (p: unknown) => void);
    },
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

test('the view follows status and conflict events and lets go of them on dispose', async () => {
  const api = standInApi({ state: 'online', queued: 0, error: null });
  const view = createTeamView(api as never);
  await new Promise((r) => setImmediate(r));
  assert.equal(view.store.getState().status.state, 'online');
  api.emit('teamStatusChanged', { state: 'offline', queued: 3, error: 'connect ECONNREFUSED' });
  assert.deepEqual(view.store.getState().status, { state: 'offline', queued: 3, error: 'connect ECONNREFUSED' });
  api.emit('teamConflict', { kind: 'unit-notice', recordKey: 'n-1', winner: 'vaxel2', at: 1 });
  assert.equal(view.store.getState().lost.length, 1);
  view.store.getState().dismiss();
  assert.equal(view.store.getState().lost.length, 0);
  view.dispose();
  assert.equal(api.count(), 0);
});

test('the Swedish status and conflict texts, with English beside them', async () => {
  const t = translator('sv');
  assert.equal(t('team.offline', { count: 2 }), 'Teamdatabasen nås inte – arbetar på lokal kopia (2 ändringar väntar)');
  assert.equal(t('team.offline', { count: 1 }), 'Teamdatabasen nås inte – arbetar på lokal kopia (1 ändring väntar)');
  assert.match(t('team.conflictLost', { what: t('team.kinds.unit-notice'), winner: 'vaxel2' }), /^Din ändring av ett meddelande om en enhet skrevs över av vaxel2/);
  assert.match(translator('en')('team.offline', { count: 2 }), /working on the local copy/);
});
