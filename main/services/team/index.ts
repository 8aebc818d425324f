// The console's team store: a TeamSync over the console's SQLite file, restarted when its settings
// change, its state and conflicts forwarded as contract events. Without a `team` section in the
// settings it stays 'off' and every service works on SQLite alone (the one-console default).
import type { TeamStoreSettings } from '../../../common/team/settings';
import type { ContractEvents } from '../app/events';
import type { Logger } from '../log/logger';
import type { SettingsService } from '../settings/settingsService';
import { openDatabase, type DatabaseKey } from '../storage';
import type { TeamShare } from './share';
import { createTeamSync, type TeamSync } from './sync';

export type { TeamShare } from './share';
export { createTeamSync, type TeamSync, type TeamKindAdapter } from './sync';

export interface TeamStore extends TeamShare {
  sync: TeamSync;
  start(): void;
  close(): Promise<void>;
}

export function openTeamStore(options: { file: string; key: DatabaseKey; settings: SettingsService; events: ContractEvents; log: Logger }): TeamStore {
  const { log, events } = options;
  const { db } = openDatabase({ file: options.file, log, key: options.key });
  const current = (): TeamStoreSettings | undefined => {
    const s = options.settings.get();
    return s.status === 'ok' ? s.settings.team : undefined;
  };
  const operator = () => {
    const s = options.settings.get();
    return (s.status === 'ok' ? s.settings.accounts[0]?.username : undefined) ?? 'okänd';
  };
  const sync = createTeamSync({
    db,
    settings: current,
    operator,
    log,
    onStatus: (status) => events.emit('teamStatusChanged', status),
    onConflict: (conflict) => {
      log.info('team.conflict-lost', { kind: conflict.kind });
      events.emit('teamConflict', conflict);
    },
  });
  let started = false;
  let seen = JSON.stringify(current() ?? null);
  const offSettings = options.settings.onChange(() => {
    const next = JSON.stringify(current() ?? null);
    if (next === seen || !started) return;
    seen = next;
    log.info('team.settings-changed', { configured: next !== 'null' });
    void sync.stop().then(() => {
      sync.start();
      events.emit('teamStatusChanged', sync.status());
    });
  });
  return {
    sync,
    // With no team store configured nothing is queued: a one-console setup keeps no growing queue.
    record: (kind, key, value) => {
      if (current()) sync.record(kind, key, value);
    },
    register: (adapter) => sync.register(adapter),
    start() {
      started = true;
      sync.start();
    },
    close() {
      offSettings();
      // Closed in the same tick when nothing is in flight: the console's close() is synchronous and
      // the file must be whole (checkpointed) when it returns; else after the pass in flight ends.
      const idle = sync.idle();
      const stopped = sync.stop();
      if (idle) {
        db.close();
        return stopped;
      }
      return stopped.then(() => {
        db.close();
      });
    },
  };
}
