// A "console" for team store tests and benchmarks: its own SQLite file (all migrations) and a
// TeamSync pointed at a test server as its own operator role, recording what it was told.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TeamConflict, TeamStatus, TeamStoreSettings } from '../../common/team/settings';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openDatabase, type SqliteDatabase } from '../../main/services/storage';
import { createTeamSync, type TeamSync } from '../../main/services/team/sync';
import type { TeamServer } from './team-postgres';

export interface TestConsole {
  name: string;
  file: string;
  db: SqliteDatabase;
  sync: TeamSync;
  settings: TeamStoreSettings;
  conflicts: TeamConflict[];
  statuses: TeamStatus[];
  /** Resolves at the next onRemote for the kind. */
  nextRemote(kind: string): Promise<void>;
  /** Sets the clock used for the next changes' own timestamps. */
  setNow(ms: number | undefined): void;
  close(): Promise<void>;
}

/** The console copy is sealed as in the product; one key for every test console (a file reopened after a kill too). */
const TEAM_TEST_KEY = { hex: 'a5'.repeat(32) };

export async function teamSettingsFor(server: TeamServer, role: string): Promise<TeamStoreSettings> {
  const login = await server.addOperator(role);
  return { host: server.pg.host, port: server.pg.port, database: server.database, user: login.user, password: login.password };
}

export function openTestConsole(name: string, settings: TeamStoreSettings, file?: string): TestConsole {
  const dbFile = file ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), `vaxel-team-${name}-`)), 'vaxel.sqlite');
  const log = createMemoryLogger();
  const { db } = openDatabase({ file: dbFile, log, key: TEAM_TEST_KEY });
  const conflicts: TeamConflict[] = [];
  const statuses: TeamStatus[] = [];
  const remoteWaiters: Array<{ kind: string; resolve: () => void }> = [];
  let fixedNow: number | undefined;
  const sync = createTeamSync({
    db,
    settings: () => settings,
    operator: () => name,
    log,
    now: () => fixedNow ?? Date.now(),
    onStatus: (s) => statuses.push(s),
    onConflict: (c) => conflicts.push(c),
    onRemote: (kinds) => {
      for (const w of remoteWaiters.splice(0)) {
        if (kinds.has(w.kind)) w.resolve();
        else remoteWaiters.push(w);
      }
    },
    reconnect: { baseMs: 100, maxMs: 400 },
  });
  return {
    name,
    file: dbFile,
    db,
    sync,
    settings,
    conflicts,
    statuses,
    nextRemote: (kind) => new Promise((resolve) => remoteWaiters.push({ kind, resolve })),
    setNow: (ms) => (fixedNow = ms),
    async close() {
      await sync.stop();
      db.close();
    },
  };
}

/** Waits until the sync reports the state (reconnects run on their own backoff). */
export async function untilState(c: TestConsole, state: TeamStatus['state'], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (c.sync.status().state !== state) {
    if (Date.now() > deadline) throw new Error(`${c.name} did not reach ${state} (is ${c.sync.status().state})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
